"""The README tells the truth: its commands exist and its generated tables are current."""

from __future__ import annotations

import re

from kg.ontology import README_END, README_START, markdown_tables

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_shows_the_two_commands_and_ci_calls_the_test_one():
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_the_ontology_tables_are_generated_from_the_ontology():
    start = README.index(README_START) + len(README_START)
    assert README[start : README.index(README_END)] == "\n" + markdown_tables(), "run `make docs`"


def test_the_readme_example_offsets_point_at_their_words(article):
    for start, end, text in re.findall(r'"start": (\d+), "end": (\d+), "text": "([^"]+)"', README):
        assert article.text[int(start) : int(end)] == text
    assert article.text[1320:1325] == "1.2以下"
