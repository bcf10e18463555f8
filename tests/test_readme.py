"""The README tells the truth: its commands exist and its generated sections are current."""

from __future__ import annotations

import re

import pytest

from kg.docs import SECTIONS, generated_files, section_bounds

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_shows_the_two_commands_and_ci_calls_the_test_one():
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


@pytest.mark.parametrize("name", list(SECTIONS))
def test_generated_sections_are_current(name):
    start, end = section_bounds(README, name)
    assert README[start:end] == "\n" + SECTIONS[name](), "run `make docs`"


def test_generated_files_are_current():
    for path, generate in generated_files().items():
        assert path.read_text(encoding="utf-8") == generate(), f"{path.name}: run `make docs`"


def test_the_readme_example_offsets_point_at_their_words(article):
    for start, end, text in re.findall(r'"start": (\d+), "end": (\d+), "text": "([^"]+)"', README):
        assert article.text[int(start) : int(end)] == text
    assert article.text[1320:1325] == "1.2以下"


def test_every_pack_query_named_in_the_readme_exists():
    from kg.sparql import pack

    names = set(pack())
    for name in re.findall(r"kg query ([a-z_]+)(?:\s|$)", README):
        assert name in names, name
