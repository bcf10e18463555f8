"""Files and README sections generated from the code, so that they cannot drift.

``make docs`` (``python -m kg.docs``) rewrites them; tests check that they hold
what the code generates.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.paths import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"


def _ontology_tables() -> str:
    from kg.ontology import markdown_tables

    return markdown_tables()


def _limits() -> str:
    from kg.limits import markdown_table

    return markdown_table()


def _query_pack() -> str:
    from kg.sparql import pack_markdown

    return pack_markdown()


#: Section name -> what generates it. In the README a section sits between
#: ``<!-- NAME:start ... -->`` and ``<!-- NAME:end -->``.
SECTIONS: dict[str, Callable[[], str]] = {
    "ontology-tables": _ontology_tables,
    "query-pack": _query_pack,
    "limits": _limits,
}


def generated_files() -> dict[Path, Callable[[], str]]:
    """Files written from the code: the JSON-LD context, the annotation JSON Schema, the gazetteer, the ontology's
    own OWL-RL closure."""
    from kg.annotate.gazetteer import GAZETTEER_FILE, gazetteer_text
    from kg.annotations import SCHEMA_FILE, json_schema_text
    from kg.export import CONTEXT_FILE, jsonld_context_text
    from kg.reasoning import CLOSURE_FILE, ontology_closure_text

    return {CONTEXT_FILE: jsonld_context_text, SCHEMA_FILE: json_schema_text, GAZETTEER_FILE: gazetteer_text,
            CLOSURE_FILE: ontology_closure_text}


def section_bounds(text: str, name: str) -> tuple[int, int]:
    """Where a generated section's content starts and ends in the README text."""
    start_marker = f"<!-- {name}:start"
    start = text.index(start_marker)
    start = text.index("-->", start) + len("-->")
    return start, text.index(f"<!-- {name}:end -->")


def render(text: str) -> str:
    """The README text with every generated section brought up to date."""
    for name, generate in SECTIONS.items():
        start, end = section_bounds(text, name)
        text = text[:start] + "\n" + generate() + text[end:]
    return text


def update_readme(path: str | Path = README) -> bool:
    """Rewrite the README's generated sections; True if anything changed."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    new = render(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def update_all() -> list[Path]:
    """Rewrite every generated file and README section; the paths that changed."""
    changed = [README] if update_readme() else []
    for path, generate in generated_files().items():
        text = generate()
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m kg.docs
    changed = update_all()
    print("updated: " + ", ".join(p.name for p in changed) if changed else "everything is up to date")
