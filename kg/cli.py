"""The ``kg`` command line: a thin layer over the library.

Each command parses its options, calls one library function and formats the
result. Results go to stdout or ``-o FILE``; messages and errors go to stderr.
A user error (:class:`kg.errors.KgError`) prints one line and exits with 2.
Heavy modules are imported inside the commands that need them, so that
``kg --help`` starts fast.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional, TypeVar

import typer

from kg import __version__
from kg.errors import KgError

app = typer.Typer(
    help="Build, query and publish a knowledge graph of green computing news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn a library error into one line on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgError as exc:
            err(f"Error: {exc}")
            raise typer.Exit(code=exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


def err(message: str) -> None:
    print(message, file=sys.stderr)


def _version(value: bool) -> None:
    if value:
        print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Build, query and publish a knowledge graph of green computing news."""


@app.command()
@reports_errors
def build(
    paths: Optional[list[Path]] = typer.Argument(
        None,
        help="Annotation files (*.annotations.json|yaml), articles (*.txt) with an annotation file "
        "beside them, or corpus folders (default: corpus).",
        show_default=False,
    ),
    output: Path = typer.Option(Path("out/kg.ttl"), "--output", "-o", help="The file to write."),
    format: str = typer.Option("turtle", "--format", "-f", help="RDF format of the output (turtle)."),
    with_ontology: bool = typer.Option(
        True, "--with-ontology/--without-ontology", help="Merge the ontology into the output."
    ),
) -> None:
    """Build the graph from annotated articles and write it (Turtle by default).

    The output is written atomically: if anything fails, an earlier file stays as it was.
    """
    from kg.graph import DEFAULT_CORPUS, summarize
    from kg.graph import build as build_graph
    from kg.export import format_name, write_graph

    fmt = format_name(format)
    graph = build_graph(paths or [DEFAULT_CORPUS], with_ontology=with_ontology)
    write_graph(graph, output, fmt)
    err(f"Wrote {output}: {summarize(graph).describe()}")


@app.command()
@reports_errors
def article(
    path: Path = typer.Argument(..., help="An article file (UTF-8 text)."),
    sentences: bool = typer.Option(False, "--sentences", "-s", help="List the sentences with their offsets."),
    find: Optional[str] = typer.Option(None, "--find", help="List where a text occurs, with offsets."),
    as_json: bool = typer.Option(False, "--json", help="Write JSON instead of text."),
) -> None:
    """Show an article's clean text, its sentences, or where a text occurs in it.

    Offsets are those an annotation file uses: code points into the clean text.
    """
    from kg.article import load_article

    art = load_article(path)
    if find is not None:
        rows = [
            {"start": s, "end": s + len(find), "text": find,
             "sentence": art.sentences_overlapping(s, s + len(find))[0].text}
            for s in art.find(find)
        ]
    elif sentences:
        rows = [{"start": s.start, "end": s.end, "text": s.text} for s in art.sentences]
    else:
        rows = None
    if as_json:
        payload: Any = rows if rows is not None else {"id": art.id, "text": art.text}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif rows is None:
        print(art.text)
    else:
        for row in rows:
            extra = f"\t{row['sentence']}" if "sentence" in row else ""
            print(f"{row['start']}\t{row['end']}\t{row['text']}{extra}")


def run() -> None:
    """Console-script entry point."""
    app()
