"""The README and docs/ tell the truth: their generated parts are current, their links lead
somewhere, the commands they name exist, and the README stays short."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from kg.docs import (
    SECTIONS,
    commands,
    error_classes,
    generated_files,
    section_bounds,
    section_text,
)

from .conftest import ROOT

README_FILE = ROOT / "README.md"
README = README_FILE.read_text(encoding="utf-8")
PAGES = [README_FILE, *sorted((ROOT / "docs").glob("*.md"))]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _prose(text: str) -> str:
    """The text without its fenced code blocks (a `# comment` there is no heading, a link no link)."""
    return re.sub(r"^```.*?^```[ \t]*$", "", text, flags=re.MULTILINE | re.DOTALL)


def _code(text: str) -> list[str]:
    """Inline code spans (but quoted messages) and the lines of ```sh blocks, comments cut off: where
    commands are named."""
    blocks = re.findall(r"^```(?:sh|bash)\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    lines = [re.sub(r"(^|\s)#.*", "", line) for block in blocks for line in block.splitlines()]
    spans = re.findall(r"`([^`\n]+)`", _prose(text))
    return lines + [span for span in spans if not span.startswith(("Error:", "Warning:"))]  # messages quote prose


# --- the two commands ------------------------------------------------------------------------


def test_the_readme_shows_the_two_commands_and_ci_calls_the_test_one():
    assert "make run" in README and "make test" in README
    assert "On a fresh machine with Python 3.11" in README and "Nothing else is needed" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.MULTILINE) and re.search(r"^test:", makefile, re.MULTILINE)
    assert re.search(r"^docs:.*\n\t.*-m kg\.docs", makefile, re.MULTILINE), "make docs runs python -m kg.docs"


def test_the_readme_is_read_in_five_minutes():
    lines = README.count("\n")
    assert lines <= 200, f"README.md has {lines} lines; move the detail into docs/"


# --- generated parts -------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SECTIONS))
def test_generated_sections_are_current(name):
    path = SECTIONS[name].path
    text = _text(path)
    start, end = section_bounds(text, name)
    assert text[start:end] == section_text(name), f"{path.relative_to(ROOT)}: section {name}: run `make docs`"


def test_generated_files_are_current():
    for path, generate in generated_files().items():
        assert path.read_text(encoding="utf-8") == generate(), f"{path.name}: run `make docs`"


def test_the_cli_reference_has_every_command_rendered_without_rich():
    reference = _text(ROOT / "docs" / "cli.md")
    headings = re.findall(r"^## (kg(?: [a-z-]+)?)$", reference, re.MULTILINE)
    assert headings == ["kg", *(f"kg {name}" for name in commands())]
    start, end = section_bounds(reference, "cli")
    generated = reference[start:end]
    assert "\x1b[" not in generated and not re.search("[\u2500-\u257f]", generated), "Rich's boxes or colours"


def test_the_cli_reference_does_not_depend_on_the_terminal(monkeypatch):
    from kg.docs import cli_reference

    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("FORCE_COLOR", "1")
    start, end = section_bounds(_text(ROOT / "docs" / "cli.md"), "cli")
    assert "\n" + cli_reference() == _text(ROOT / "docs" / "cli.md")[start:end]


def test_the_error_table_lists_every_error_class():
    from kg import errors

    table = _text(ROOT / "docs" / "errors.md")
    kinds = [cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.KgError)]
    assert len(kinds) >= 9
    for cls in {*kinds, *error_classes()}:
        assert f"| `{cls.__name__}` |" in table, cls.__name__


# --- links -----------------------------------------------------------------------------------


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: its text lower-cased, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text
    text = re.sub(r"<[^>]+>", "", text).replace("`", "").strip().lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every anchor of a Markdown file's headings, numbered as GitHub numbers repeats (-1, -2, ...)."""
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", _prose(_text(path)), re.MULTILINE):
        slug = github_slug(heading)
        found.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return found


def test_github_slugs_as_github_makes_them():
    assert github_slug("Reviewing a draft: `kg review`") == "reviewing-a-draft-kg-review"
    assert github_slug("Two engines, the same answers") == "two-engines-the-same-answers"
    assert github_slug("kg.toml and `kg init`") == "kgtoml-and-kg-init"
    assert github_slug("文章 Articles") == "文章-articles"


def _links(path: Path) -> list[str]:
    prose = re.sub(r"`[^`\n]*`", "", _prose(_text(path)))
    return re.findall(r"\]\(([^)\s]+)\)", prose)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_a_heading(page):
    links = _links(page)
    assert links or page.name in ("decisions.md", "layout.md"), "a page that links nowhere"
    for link in links:
        if re.match(r"[a-z]+:", link):  # https:, mailto:
            continue
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        assert path.exists(), f"{page.relative_to(ROOT)}: {link}: no such file"
        if anchor:
            assert path.suffix == ".md", f"{page.relative_to(ROOT)}: {link}: an anchor into a file that is not Markdown"
            assert anchor in anchors(path), f"{page.relative_to(ROOT)}: {link}: no such heading"


def test_every_docs_page_is_in_the_table_of_contents():
    index = _text(ROOT / "docs" / "index.md")
    for page in PAGES[1:]:
        if page.name != "index.md":
            assert f"]({page.name})" in index, page.name


# --- commands and queries named --------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_command_named_is_a_real_one(page):
    real = set(commands())
    for code in _code(_text(page)):
        for name in re.findall(r"(?:^|[\s/(])kg ([a-z][a-z-]*)", code):
            assert name in real, f"{page.relative_to(ROOT)}: `kg {name}` is no command of kg ({', '.join(sorted(real))})"


def test_the_readme_names_the_commands_of_its_tour():
    named = {name for code in _code(README) for name in re.findall(r"(?:^|[\s/(])kg ([a-z][a-z-]*)", code)}
    assert {"build", "query", "page", "serve", "annotate", "review", "init"} <= named


def test_every_query_named_exists(tmp_path):
    from kg.sparql import pack
    from kg.workspace import init

    init(tmp_path / "ws")  # the example query of a new workspace is named too
    names = set(pack()) | {path.stem for path in (tmp_path / "ws" / "queries").glob("*.rq")}
    for page in PAGES:
        for name in re.findall(r"kg query ([a-z_]+)(?:\s|$|`)", _text(page)):
            assert name in names, f"{page.relative_to(ROOT)}: {name}"


def test_the_example_offsets_point_at_their_words(article):
    examples = 0
    for page in PAGES:
        for start, end, text in re.findall(r'"start": (\d+), "end": (\d+), "text": "([^"]+)"', _text(page)):
            assert article.text[int(start) : int(end)] == text, f"{page.relative_to(ROOT)}: {text}"
            examples += 1
    assert examples >= 3
    assert article.text[1320:1325] == "1.2以下"
