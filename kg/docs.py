"""Files and documentation sections generated from the code, so that they cannot drift.

A generated section sits in a Markdown file (the README or a page under ``docs/``) between
``<!-- NAME:start ... -->`` and ``<!-- NAME:end -->``; :data:`SECTIONS` says which file holds
it and what writes it. ``make docs`` (``python -m kg.docs``) rewrites every section and every
generated file; ``tests/test_readme.py`` checks that they hold what the code generates.
"""

from __future__ import annotations

import ast
import copy
import importlib
import inspect
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from kg.paths import PROJECT_ROOT

if TYPE_CHECKING:
    import click

README = PROJECT_ROOT / "README.md"
DOCS = PROJECT_ROOT / "docs"
#: The width the CLI reference is rendered at, whatever the terminal.
HELP_WIDTH = 100


def _ontology_tables() -> str:
    from kg.ontology import markdown_tables

    return markdown_tables()


def _limits() -> str:
    from kg.limits import markdown_table

    return markdown_table()


def _query_pack() -> str:
    from kg.sparql import pack_markdown

    return pack_markdown()


# --- the errors ------------------------------------------------------------------------------


def _error_modules() -> list[str]:
    """kg's modules (other than kg.errors) that define a subclass of KgError, found by reading their
    classes' base names, so that only those are imported."""
    classes: dict[str, tuple[str, list[str]]] = {}  # class name -> (module, base names)
    for path in sorted((PROJECT_ROOT / "kg").rglob("*.py")):
        parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                bases = [base.id if isinstance(base, ast.Name) else getattr(base, "attr", "") for base in node.bases]
                classes[node.name] = (module, bases)
    errors = {"KgError"}
    while grown := {name for name, (_, bases) in classes.items() if name not in errors and errors & set(bases)}:
        errors |= grown
    return sorted({classes[name][0] for name in errors if name in classes} - {"kg.errors", "kg.docs"})


def error_classes() -> list[type]:
    """Every ``KgError`` subclass kg defines: KgError and the others of :mod:`kg.errors` in the file's
    order, then those of other modules by module and line."""
    from kg import errors

    for name in _error_modules():
        importlib.import_module(name)
    found: dict[type, None] = {}

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.split(".")[0] == "kg" and not sub.__name__.startswith("_"):
                found[sub] = None
            walk(sub)

    walk(errors.KgError)

    def order(cls: type) -> tuple[bool, str, int]:
        return (cls.__module__ != "kg.errors", cls.__module__, inspect.getsourcelines(cls)[1])

    return [errors.KgError, *sorted(found, key=order)]


def _errors() -> str:
    """The table of errors: each class, what it is a kind of, and its docstring's summary."""
    lines = ["| error | module | a kind of | what went wrong |", "|---|---|---|---|"]
    for cls in error_classes():
        bases = ", ".join(f"`{base.__name__}`" for base in cls.__bases__ if base is not Exception) or "–"
        doc = " ".join((inspect.getdoc(cls) or "").split("\n\n")[0].split())
        doc = re.sub(r":[a-z]+:`([^`]+)`", r"`\1`", doc.replace("``", "`"))  # reStructuredText -> Markdown
        lines.append(f"| `{cls.__name__}` | `{cls.__module__}` | {bases} | {doc.replace('|', chr(92) + '|')} |")
    return "\n".join(lines) + "\n"


# --- the command line ------------------------------------------------------------------------


def _plain(text: str | None, markup_mode: str | None) -> str | None:
    """Help text with Typer's Rich markup (``[bold]…[/bold]``) taken out, as plain text shows it."""
    if not text or markup_mode != "rich":
        return text
    from rich.errors import MarkupError
    from rich.text import Text

    try:
        return Text.from_markup(text, emoji=False).plain
    except MarkupError:
        return text


def _plain_command(command: click.Command) -> click.Command:
    """A copy of a command whose help texts hold no Rich markup; the app itself is left untouched."""
    mode = getattr(command, "rich_markup_mode", None)
    plain = copy.copy(command)
    plain.help = _plain(command.help, mode)
    plain.short_help = _plain(command.short_help, mode)
    plain.epilog = _plain(command.epilog, mode)
    plain.params = [copy.copy(param) for param in command.params]
    for param in plain.params:
        if getattr(param, "help", None):
            param.help = _plain(param.help, mode)
    if isinstance(getattr(command, "commands", None), dict):
        plain.commands = {name: _plain_command(sub) for name, sub in command.commands.items()}
    return plain


def _click_of(command: click.Command) -> ModuleType:
    """The click module a command is built on: click itself, or the copy Typer carries (``typer._click``)."""
    base = next(cls for cls in type(command).__mro__ if cls.__name__ == "Command" and cls.__module__.endswith(".core"))
    return sys.modules[base.__module__]


def command_help(name: str | None = None) -> str:
    """``kg --help`` (or ``kg NAME --help``) as plain text, HELP_WIDTH wide: click's own formatter,
    never Rich's, and the app's context settings (``-h``), as the command line has them."""
    group = cli_group()
    core = _click_of(group)
    width = {"terminal_width": HELP_WIDTH, "max_content_width": HELP_WIDTH}
    ctx = core.Context(_plain_command(group), info_name="kg", **{**group.context_settings, **width})
    if name is not None:
        command = ctx.command.get_command(ctx, name)
        ctx = core.Context(command, info_name=name, parent=ctx, **{**command.context_settings, **width})
    formatter = ctx.make_formatter()
    # click's method, called by name: Typer's override hands the help to Rich, whose output depends
    # on the terminal
    core.Command.format_help(ctx.command, ctx, formatter)
    return "\n".join(line.rstrip() for line in formatter.getvalue().rstrip("\n").splitlines())


def cli_group() -> click.Command:
    """The ``kg`` command group, made from the Typer app at run time."""
    import typer

    from kg.cli import app

    return typer.main.get_command(app)


def commands() -> dict[str, click.Command]:
    """kg's commands by name, sorted."""
    group = cli_group()
    ctx = _click_of(group).Context(group, info_name="kg")
    return {name: group.get_command(ctx, name) for name in sorted(group.list_commands(ctx))}


def cli_reference() -> str:
    """Every command's ``--help``, the group's first, each in a text block under ``## kg NAME``."""
    parts = ["## kg\n\n```text\n" + command_help() + "\n```\n"]
    for name in commands():
        parts.append(f"## kg {name}\n\n```text\n" + command_help(name) + "\n```\n")
    return "\n".join(parts)


@dataclass(frozen=True)
class Section:
    """A generated section: the Markdown file it sits in and what writes its content."""

    path: Path
    generate: Callable[[], str]


#: Section name -> where it sits and what generates it.
SECTIONS: dict[str, Section] = {
    "cli": Section(DOCS / "cli.md", cli_reference),
    "errors": Section(DOCS / "errors.md", _errors),
    "limits": Section(DOCS / "endpoint.md", _limits),
    "ontology-tables": Section(DOCS / "ontology.md", _ontology_tables),
    "query-pack": Section(DOCS / "queries.md", _query_pack),
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
    """Where a generated section's content starts and ends in a Markdown file's text."""
    start_marker = f"<!-- {name}:start"
    start = text.index(start_marker)
    start = text.index("-->", start) + len("-->")
    return start, text.index(f"<!-- {name}:end -->")


def section_text(name: str) -> str:
    """What sits between a section's markers when it is current."""
    return "\n" + SECTIONS[name].generate()


def render(text: str, path: str | Path = README) -> str:
    """A Markdown file's text with every generated section it holds brought up to date."""
    for name, section in SECTIONS.items():
        if Path(path).resolve() == section.path.resolve():
            start, end = section_bounds(text, name)
            text = text[:start] + section_text(name) + text[end:]
    return text


def update_markdown(path: str | Path) -> bool:
    """Rewrite one Markdown file's generated sections; True if anything changed."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    new = render(text, path)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def update_all() -> list[Path]:
    """Rewrite every generated file and section; the paths that changed."""
    pages = sorted({section.path for section in SECTIONS.values()})
    changed = [path for path in pages if update_markdown(path)]
    for path, generate in generated_files().items():
        text = generate()
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m kg.docs
    changed = [str(p.relative_to(PROJECT_ROOT)) if p.is_relative_to(PROJECT_ROOT) else str(p) for p in update_all()]
    print("updated: " + ", ".join(changed) if changed else "everything is up to date")
