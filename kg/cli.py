"""The ``kg`` command line: a thin layer over the library.

Each command parses its options, calls one library function and formats the
result. Results go to stdout or ``-o FILE``; messages and errors go to stderr.
A user error (:class:`kg.errors.KgError`) prints one line and exits with 2.
Heavy modules are imported inside the commands that need them, so that
``kg --help`` starts fast.
"""

from __future__ import annotations

import errno
import functools
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional, TypeVar

import importlib

import typer

from kg import __version__
from kg.errors import KgError

app = typer.Typer(
    help="Build, query and publish a knowledge graph of green computing news.",
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=True,  # kg --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

#: The Click that Typer runs on (newer Typer releases carry their own copy).
click = importlib.import_module(typer.BadParameter.__module__.rpartition(".")[0])
_click_types = importlib.import_module(click.__name__ + ".types")


class Names(_click_types.ParamType):
    """A closed set of names, listed by --help and offered by shell completion, that also takes
    the other names people type (ttl for turtle)."""

    name = "choice"

    def __init__(self, names, aliases: dict[str, str] | None = None) -> None:
        self.choices = tuple(names)
        self.aliases = aliases or {}

    def get_metavar(self, param, ctx=None) -> str:
        return "[" + "|".join(self.choices) + "]"

    def convert(self, value, param, ctx):
        key = value.strip().lower() if isinstance(value, str) else value
        key = self.aliases.get(key, key)
        if key not in self.choices:
            others = f" (or {', '.join(self.aliases)})" if self.aliases else ""
            self.fail(f"{value!r} is not one of {', '.join(self.choices)}{others}", param, ctx)
        return key

    def shell_complete(self, ctx, param, incomplete):
        items = importlib.import_module(click.__name__ + ".shell_completion").CompletionItem
        return [items(name) for name in self.choices if name.startswith(incomplete)]


def _names(family: str, *extra: str) -> Names:
    from kg.formats import family as formats_of

    table = formats_of(family)
    return Names([*table, *extra], {alias: name for name, fmt in table.items() for alias in fmt.aliases})


class _Operand(_click_types.StringParamType):
    """An argument whose metavar (FILE, PATH..., QUERY) says what it is: Rich help shows no <str> or <path> beside it."""

    def get_metavar(self, param, ctx=None) -> str:
        return ""


OPERAND = _Operand()
def _query_formats() -> Names:
    """kg query's formats (kg.results: SELECT/ASK's and CONSTRUCT/DESCRIBE's), with the other names of those
    only graphs have (ttl, nt, json-ld); xml and json stay as typed, each kind of result reads them its way."""
    from kg.formats import RDF_FORMATS
    from kg.results import GRAPH_FORMATS, TABULAR_FORMATS

    names = list(dict.fromkeys(["table", *TABULAR_FORMATS, *GRAPH_FORMATS]))
    graph_only = [name for name in GRAPH_FORMATS if name not in TABULAR_FORMATS]
    return Names(names, {alias: name for name in graph_only for alias in RDF_FORMATS[name].aliases if alias not in names})


RDF_CHOICE = _names("rdf")
LANG_CHOICE = Names(["zh", "en"])

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn a library error into one line on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgError as exc:
            from kg.files import one_line

            err(f"Error: {one_line(str(exc))}")  # a file or value named in it may hold a line break
            raise typer.Exit(code=exc.exit_code) from None
        except OSError as exc:
            # The library turns every file it writes into OutputError; what is left is standard output.
            if not _is_stdout_failure(exc):
                raise
            _stdout_failed(exc)
            raise typer.Exit(code=2) from None

    return wrapper  # type: ignore[return-value]


def err(message: str) -> None:
    print(message, file=sys.stderr)


def _version(value: bool) -> None:
    if value:
        print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Build, query and publish a knowledge graph of green computing news.

    Every command reads its defaults from the workspace it runs in: the nearest
    kg.toml in this folder or above (`kg init DIR` makes one); without one, ./corpus
    (or kg's sample article) and ./out.
    """


def _workspace():
    from kg.workspace import load

    return load()


@app.command()
@reports_errors
def init(
    directory: Path = typer.Argument(
        Path("."), help="The folder to make a workspace of (made if missing).", metavar="DIR", click_type=OPERAND
    ),
    sample: bool = typer.Option(True, "--sample/--no-sample", help="Put kg's sample article into corpus/."),
) -> None:
    """Make a workspace: kg.toml (commented defaults), corpus/ with the sample article, and queries/.

    Run the other commands inside it: `kg build`, `kg query firms_and_regions`, `kg page`.
    """
    from kg.workspace import init as make

    made = make(directory, sample=sample)
    for path in made:
        err(f"Made {path}")
    err(f"Workspace ready: cd {directory} && kg build")


def _check_confidence(value: Optional[float]) -> Optional[float]:
    """--min-confidence: a number from 0 to 1 (NaN is not one)."""
    if value is not None and not 0 <= value <= 1:  # False for NaN too
        raise typer.BadParameter(f"{value} is not a number from 0 to 1")
    return value


STORE_HELP = "Where the graph lives: memory (rdflib, the default) or oxigraph:PATH (an on-disk pyoxigraph store)."


@app.command()
@reports_errors
def build(
    paths: Optional[list[Path]] = typer.Argument(
        None,
        help="Annotation files (*.annotations.json|yaml), articles (*.txt) with an annotation file "
        "beside them, or corpus folders (default: the workspace's corpus).",
        show_default=False, metavar="PATH...", click_type=OPERAND,
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o",
        help="The file to write (default: out/kg.ttl in the workspace; none with --store oxigraph:PATH).",
        metavar="FILE",
    ),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", click_type=RDF_CHOICE, help="RDF format (default: from the file name)."
    ),
    with_ontology: Optional[bool] = typer.Option(
        None, "--with-ontology/--without-ontology", help="Merge the ontology in (default: yes).", show_default=False
    ),
    store: Optional[str] = typer.Option(
        None, "--store", help=STORE_HELP + " With oxigraph:PATH the corpus is bulk-loaded there.", show_default=False,
        metavar="memory|oxigraph:PATH",
    ),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes for big corpora (default: the CPU count).", metavar="N"
    ),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse the work on articles that did not change."),
    named_graphs: bool = typer.Option(
        False, "--named-graphs/--no-named-graphs",
        help="With --store: keep each article's evidence in a named graph (Oxigraph then queries the union, slower).",
    ),
    curated_only: bool = typer.Option(
        False, "--curated-only", help="Leave out every machine-made item (source: auto), and what names an entity left out."
    ),
    min_confidence: Optional[float] = typer.Option(
        None, "--min-confidence", callback=_check_confidence, metavar="X", show_default=False,
        help="Leave out machine-made items less sure than X (0 to 1), and what names an entity left out.",
    ),
) -> None:
    """Build the graph from annotated articles and write it (Turtle by default).

    Entities are resolved across articles. Unchanged articles are not processed again
    (a cache beside the output). The output is written atomically: if anything fails,
    an earlier file stays as it was. Machine-made facts stay marked as such
    (prov:wasGeneratedBy, kg:confidence); --curated-only and --min-confidence leave them out.
    """
    ws = _workspace()
    store_path = _store_path(store or ws.store)
    selection = {"curated_only": curated_only, "min_confidence": min_confidence}
    if output is None and store_path is not None:
        from kg.corpus import build_store

        cache_dir = store_path.parent / ".kg-cache" if cache else None
        result = _with_progress(lambda progress: build_store(paths or [ws.corpus], store_path,
                                                             cache_dir=cache_dir, jobs=jobs, progress=progress,
                                                             named_graphs=named_graphs, **selection))
        reused = f"; {result.reused} unchanged since the last build" if result.reused else ""
        err(f"Loaded {result.articles} article(s), {len(result.descriptions)} entities into the Oxigraph store "
            f"{store_path} in {result.seconds:.1f} s{reused}")
        return
    _build_and_write(paths or [ws.corpus], None, output or ws.output, format, with_ontology, provenance=True,
                     infer=False, store=store or ws.store, jobs=jobs, cache=cache, named_graphs=named_graphs,
                     selection=selection)


@app.command()
@reports_errors
def export(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="Annotated articles or corpus folders to build from (default: the workspace's corpus).",
        show_default=False, metavar="PATH...", click_type=OPERAND,
    ),
    graph: Optional[Path] = typer.Option(
        None, "--graph", "-g", help="Convert this RDF file instead of building.", metavar="FILE"
    ),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", click_type=RDF_CHOICE,
        help="RDF format (also ttl, nt, nq, json-ld, rdfxml); default: from the -o file name, else turtle.",
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="The file to write (default: out/kg.EXT in the workspace).", metavar="FILE"
    ),
    with_ontology: Optional[bool] = typer.Option(
        None, "--with-ontology/--without-ontology", help="Merge the ontology in (default: yes).", show_default=False
    ),
    no_provenance: bool = typer.Option(
        False, "--no-provenance", help="Leave out the evidence layer (spans, statements)."
    ),
    infer: bool = typer.Option(False, "--infer", help="Add the OWL-RL closure of the graph and the ontology."),
) -> None:
    """Export the graph in a standard RDF format, deterministically and atomically.

    TriG and N-Quads put each article's evidence in a named graph of its own.
    """
    from kg.formats import RDF_FORMATS, output_format

    ws = _workspace()
    fmt = output_format(output, format, default="turtle")
    target = output or ws.output_dir / f"kg{RDF_FORMATS[fmt].suffix}"
    _build_and_write(paths or [ws.corpus], graph, target, fmt, with_ontology, provenance=not no_provenance,
                     infer=infer)


def _build_and_write(paths, graph_file, output: Path, format, with_ontology, *, provenance: bool, infer: bool,
                     store: str = "memory", jobs: Optional[int] = None, cache: bool = True,
                     named_graphs: bool = False, selection: Optional[dict] = None) -> None:
    from kg.export import export_graph

    store_path = _store_path(store)
    written = _with_progress(lambda progress: export_graph(
        output, paths=paths, graph_file=graph_file, format=format, with_ontology=with_ontology, provenance=provenance,
        infer=infer, cache=cache, jobs=jobs, store=store_path, named_graphs=named_graphs, progress=progress,
        **(selection or {})))
    err(written.describe())
    if written.store is not None:
        err(f"Loaded the corpus into the Oxigraph store {written.store}")


def _build_corpus(paths, cache_dir, jobs, selection: Optional[dict] = None):
    from kg.corpus import build_corpus

    return _with_progress(lambda progress: build_corpus(paths, cache_dir=cache_dir, jobs=jobs, progress=progress,
                                                        **(selection or {})))


def _with_progress(work):
    """Run ``work(progress)`` with a Rich progress bar on stderr (when it is a terminal)."""
    from rich.progress import Progress

    with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("building", total=None)
        return work(lambda done, total: bar.update(task, completed=done, total=total))


def _store_path(store: str) -> Optional[Path]:
    """``memory`` -> None; ``oxigraph:PATH`` -> PATH."""
    from kg.errors import GraphError

    if store == "memory":
        return None
    kind, _, where = store.partition(":")
    if kind != "oxigraph" or not where:
        raise GraphError(f"unknown store {store!r}; expected memory or oxigraph:PATH")
    return Path(where)


@app.command()
@reports_errors
def article(
    path: Path = typer.Argument(..., help="An article file (UTF-8 text).", metavar="FILE", click_type=OPERAND),
    sentences: bool = typer.Option(False, "--sentences", "-s", help="List the sentences with their offsets."),
    find: Optional[str] = typer.Option(None, "--find", help="List where a text occurs, with offsets.", metavar="TEXT"),
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
    """Console-script entry point: every way a run can end, in one line and an exit code.

    A usage mistake (unknown option, bad value) prints one ``Error:`` line and exits 2,
    as a library error does; Ctrl-C prints one line and exits 130; standard output
    that cannot be written (a full disk, a closed pipe) is one line and exit 2.
    """
    import importlib
    import signal  # imported now: an import at the very end is where a late Ctrl-C printed a traceback

    # Typer raises the exceptions of the Click it runs on (its own copy in newer releases)
    click = importlib.import_module(typer.BadParameter.__module__)
    try:
        try:
            # without standalone mode, Typer returns the code of an Exit (--help, --version, a library
            # error) instead of exiting, and turns Ctrl-C into the code 130
            code = app(standalone_mode=False)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the work is done: a late Ctrl-C changes nothing now
            if code == 130:
                raise KeyboardInterrupt
            sys.stdout.flush()  # here, so that a full disk or a closed pipe is reported like any other
        except click.NoArgsIsHelpError as exc:
            print(exc.ctx.get_help() if exc.ctx is not None else str(exc))
            code = 2
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx is not None else "kg"
            err(f"Error: {exc.format_message()} (see '{command} --help')")
            code = exc.exit_code
        except click.ClickException as exc:
            err(f"Error: {exc.format_message()}")
            code = exc.exit_code
        except typer.Abort:
            err("Error: interrupted")
            code = 130
    except KeyboardInterrupt:
        err("Error: interrupted")
        code = 130
    except OSError as exc:
        if not _is_stdout_failure(exc):
            raise
        _stdout_failed(exc)
        code = 2
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the run is over: a late Ctrl-C changes nothing now
    sys.exit(code if isinstance(code, int) else 0)


def _is_stdout_failure(exc: OSError) -> bool:
    return isinstance(exc, BrokenPipeError) or exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT)


def _stdout_failed(exc: OSError) -> None:
    _silence_stdout()
    reason = "the pipe was closed" if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE else exc.strerror
    err(f"Error: standard output: cannot write: {reason}")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@app.command("query")
@reports_errors
def query_command(
    query: Optional[str] = typer.Argument(
        None, help="A query file (.rq), or the name of a query of the pack.", metavar="QUERY", click_type=OPERAND
    ),
    expression: Optional[str] = typer.Option(
        None, "--expression", "-e", help="A query given on the command line.", metavar="SPARQL"
    ),
    graph: Optional[Path] = typer.Option(
        None, "--graph", "-g", help="The RDF file to query (default: the workspace's out/kg.ttl, built if missing).",
        metavar="FILE",
    ),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", click_type=_query_formats(),
        help="table, csv, tsv, json or xml for SELECT/ASK; turtle, ntriples, jsonld, xml or table for "
        "CONSTRUCT/DESCRIBE (default: table on a terminal, csv or turtle otherwise).",
    ),
    bind: list[str] = typer.Option(
        [], "--bind", "-b",
        help="Pre-bind a variable: name=value (kgr:qinghai, <iri>, \"text\"@zh, 42).", metavar="NAME=VALUE"
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write the result to this file.", metavar="FILE"
    ),
    infer: bool = typer.Option(False, "--infer", help="Query the inferred closure of the graph and the ontology."),
    rules: str = typer.Option("owlrl", "--rules", click_type=Names(["owlrl", "rdfs"]), help="With --infer: the rules."),
    list_pack: bool = typer.Option(False, "--list", help="List the queries of the pack with their questions."),
    run_all: bool = typer.Option(False, "--all", help="Run every query of the pack."),
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", help="With --all: where to write NAME.csv / NAME.ttl (default: out/queries in the workspace).",
        metavar="DIR",
    ),
    store: Optional[str] = typer.Option(
        None, "--store", help=STORE_HELP, show_default=False, metavar="memory|oxigraph:PATH"
    ),
    timeout: Optional[float] = typer.Option(
        None, "--timeout", min=0, show_default=False,
        help="Stop a query still running after this many seconds (default: 60; 0: no limit).", metavar="SECONDS",
    ),
) -> None:
    """Run a SPARQL query on the graph: a file, a pack query by name, or -e 'SELECT ...'.

    Results go to stdout (or -o FILE), messages to stderr. kg fetches nothing a query
    or a file names (SERVICE is refused, FROM loads nothing); Ctrl-C stops a query at once.
    """
    from kg import sparql
    from kg.limits import DEFAULT_QUERY_TIMEOUT
    from kg.outbound import guard

    if list_pack:
        _print_pack(sparql.pack())
        return
    given = [x for x in (query, expression) if x is not None]
    if len(given) != 1 and not run_all:
        raise typer.BadParameter("give one of: a query file, a pack query name, -e QUERY, --list or --all")
    timeout = DEFAULT_QUERY_TIMEOUT if timeout is None else timeout
    # what the user typed is checked before the graph is read
    q = None if run_all else sparql.find_query(query) if query is not None else sparql.PackQuery("expression", expression)
    bindings = {}
    if bind:
        from kg.bindings import parse_binding

        bindings = dict(parse_binding(b) for b in bind)
    ws = _workspace()
    store_path = _store_path(store or ws.store)
    if store_path is not None:
        from kg.store import StoreGraph

        if infer:
            raise typer.BadParameter("--infer works on the in-memory graph; export an inferred graph to load a store with it")
        g = StoreGraph.open(store_path)
    elif infer:  # the closure is computed on rdflib's graph, and rdflib answers on it
        with guard():  # a file's parser fetches nothing (a remote JSON-LD context)
            g = _load_query_graph(graph)
    else:  # Oxigraph answers: the file is loaded into an in-memory store
        g = sparql.load(_graph_path(graph))
    if q is None:
        _run_pack(g, output_dir or ws.output_dir / "queries", timeout)
        return
    result = sparql.query(g, q, bindings=bindings, infer=infer, rules=rules, timeout=timeout)
    fmt = format or ("table" if output is None and sys.stdout.isatty() else result.formats()[0])
    if fmt == "table" or result.check_format(fmt) == "table":
        text = _render_table(result, width=None if output is None else 200)
        data = text.encode("utf-8")
    else:
        data = result.serialize(fmt)
    if data and not data.endswith(b"\n"):  # a text file ends with a newline (Oxigraph's JSON results do not)
        data += b"\n"
    if output is not None:
        from kg.files import write_atomic

        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    err(_count(result) + (f"; wrote {output}" if output else ""))


def _load_query_graph(path: Optional[Path]):
    """The graph file as an rdflib graph (out/kg.ttl, built first if it is missing or stale, by default)."""
    from kg.export import read_graph

    return read_graph(_graph_path(path))


def _graph_path(path: Optional[Path]) -> Path:
    """The graph file a command reads: the one given, or the workspace's out/kg.ttl, built first if missing or stale."""
    from kg.paths import is_current

    if path is not None:
        return path
    ws = _workspace()
    if not is_current(ws.output, ws.corpus):
        from kg.export import ensure_built

        if ensure_built(ws.output, ws.corpus):
            err(f"Built {ws.output} from {ws.corpus}/")
    return ws.output


def _count(result) -> str:
    if result.kind == "ASK":
        return f"ASK: {str(result.boolean).lower()}"
    if result.kind == "SELECT":
        return f"{len(result)} row(s)"
    return f"{len(result)} triple(s)"


def _render_table(result, width: Optional[int] = None) -> str:
    """The result as a Rich table (text), for people rather than programs."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    columns = {"ASK": ("boolean",), "SELECT": result.variables}.get(result.kind, ("subject", "predicate", "object"))
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in result.table_rows():
        table.add_row(*(result.display(term) for term in row))
    console = Console(file=io.StringIO(), width=width or _terminal_width(), force_terminal=False, color_system=None)
    console.print(table)
    return console.file.getvalue()


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((160, 40)).columns


def _print_pack(queries) -> None:
    for name, q in queries.items():
        print(f"{name}\t{q.kind}\t{q.question.get('en', '')}\t{q.question.get('zh', '')}")


def _run_pack(graph, output_dir: Path, timeout: Optional[float] = None) -> None:
    from kg.sparql import run_pack

    for q, result, path in run_pack(graph, output_dir, timeout=timeout):
        err(f"{q.name}: {_count(result)} -> {path}")


@app.command()
@reports_errors
def page(
    graph: Optional[Path] = typer.Option(
        None, "--graph", "-g", help="The RDF file to draw (default: out/kg.ttl, built if missing).", metavar="FILE"
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="The HTML file to write (default: out/kg.html in the workspace).", metavar="FILE"
    ),
    lang: str = typer.Option(
        "zh", "--lang", click_type=LANG_CHOICE, help="The language the page opens in (it can be switched on the page)."
    ),
    classes: Optional[str] = typer.Option(
        None, "--classes", help="Only these classes or categories, comma-separated (Region,Firm).", metavar="CLASSES"
    ),
    query: Optional[str] = typer.Option(
        None, "--query", "-q",
        help="Draw only the subgraph a CONSTRUCT query (file or pack name) returns.", metavar="QUERY"
    ),
) -> None:
    """Write the interactive graph page: one HTML file that works offline."""
    from kg.viz import write_page

    output = output or _workspace().output_dir / "kg.html"
    g = _load_query_graph(graph)
    subgraph = _construct(g, query) if query else None
    nxg = write_page(g, output, lang=lang, classes=classes.split(",") if classes else None, subgraph=subgraph)
    size = output.stat().st_size / 1024
    err(f"Wrote {output}: {nxg.number_of_nodes()} nodes, {nxg.number_of_edges()} edges, {size:.0f} KB")


def _construct(g, name: str):
    from kg import sparql
    from kg.errors import QueryError

    result = sparql.query(g, sparql.find_query(name))
    if result.graph is None:
        raise QueryError(f"{name}: --query needs a CONSTRUCT or DESCRIBE query, not {result.kind}")
    return result.graph


@app.command("graph")
@reports_errors
def graph_command(
    graph: Optional[Path] = typer.Option(
        None, "--graph", "-g", help="The RDF file (default: out/kg.ttl, built if missing).", metavar="FILE"
    ),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", click_type=_names("network"),
        help="For Gephi or Cytoscape; json is node-link JSON (default: from -o, else graphml).",
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="The file to write (default: out/kg.FORMAT in the workspace).", metavar="FILE"
    ),
    classes: Optional[str] = typer.Option(
        None, "--classes", help="Only these classes or categories, comma-separated.", metavar="CLASSES"
    ),
    lang: str = typer.Option("zh", "--lang", click_type=LANG_CHOICE, help="The language of node and edge labels."),
) -> None:
    """Write the entities and relations as a networkx graph file (GraphML, GEXF or JSON) for Gephi or Cytoscape.

    Each node carries its name (label), class, category, colour (GEXF: viz:color) and IRI.
    """
    from kg.files import write_atomic
    from kg.viz import GRAPH_FORMATS, graph_file_bytes, graph_file_format, to_networkx

    data_format = graph_file_format(output, format)
    g = _load_query_graph(graph)
    nxg = to_networkx(g, classes=classes.split(",") if classes else None)
    data = graph_file_bytes(nxg, data_format, lang=lang)
    target = output or _workspace().output_dir / f"kg{GRAPH_FORMATS[data_format]}"
    write_atomic(target, data)
    err(f"Wrote {target}: {nxg.number_of_nodes()} nodes, {nxg.number_of_edges()} edges")


@app.command()
@reports_errors
def stats(
    graph: Optional[Path] = typer.Option(
        None, "--graph", "-g", help="The RDF file (default: out/kg.ttl, built if missing).", metavar="FILE"
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the numbers as JSON."),
    top: int = typer.Option(10, "--top", min=0, help="How many of the most central nodes to list.", metavar="N"),
) -> None:
    """Graph analytics: nodes and edges per class and predicate, centrality, components."""
    from kg.viz import graph_stats, to_networkx

    numbers = graph_stats(to_networkx(_load_query_graph(graph)), top=top)
    if as_json:
        print(json.dumps(numbers, ensure_ascii=False, indent=2))
        return
    _print_stats(numbers)


def _print_stats(numbers: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    comps = numbers["components"]
    console.print(
        f"{numbers['nodes']} nodes, {numbers['edges']} edges, density {numbers['density']}, "
        f"{comps['count']} connected component(s) of sizes {comps['sizes']}"
    )
    for title, key in (("Nodes per category", "nodes_per_category"), ("Nodes per class", "nodes_per_class"),
                       ("Edges per predicate", "edges_per_predicate")):
        table = Table(title=title, title_justify="left")
        table.add_column("name")
        table.add_column("count", justify="right")
        for name, count in numbers[key].items():
            table.add_row(name, str(count))
        console.print(table)
    for title, key in (("Degree (top)", "degree_top"), ("Betweenness centrality (top)", "betweenness_top")):
        table = Table(title=title, title_justify="left")
        for column in ("label_zh", "label_en", "score"):
            table.add_column(column, justify="right" if column == "score" else "left")
        for row in numbers[key]:
            table.add_row(row["label_zh"], row["label_en"], str(row["score"]))
        console.print(table)


@app.command()
@reports_errors
def validate(
    graph: Optional[Path] = typer.Argument(
        None, help="The RDF file to check (default: out/kg.ttl, built if missing).", metavar="FILE", click_type=OPERAND
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit 1 if it does not conform."""
    from kg.validate import validate as run_validation

    report = run_validation(_load_query_graph(graph))
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.text())
    if not report.conforms:
        raise typer.Exit(code=1)


@app.command()
@reports_errors
def ontology(
    format: str = typer.Option(
        "turtle", "--format", "-f", click_type=_names("rdf", "markdown"),
        help="An RDF format, or markdown (the tables of the ontology's documentation).",
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write to a file instead of stdout.", metavar="FILE"
    ),
) -> None:
    """Write the ontology alone (for Protégé and friends)."""
    from kg.ontology import markdown_tables, ontology as load

    if format == "markdown":
        data = markdown_tables().encode("utf-8")
    else:
        from kg.export import serialize

        data = serialize(load().graph, format)
    if data and not data.endswith(b"\n"):
        data += b"\n"
    if output is not None:
        from kg.files import write_atomic

        write_atomic(output, data)
        err(f"Wrote {output}")
    else:
        sys.stdout.buffer.write(data)


@app.command("serve")
@reports_errors
def serve_command(
    graph: Optional[Path] = typer.Option(
        None, "--graph", "-g",
        help="RDF file or dataset to serve: .ttl .nt .nq .trig .jsonld .rdf (default: out/kg.ttl, built if missing).",
        metavar="FILE",
    ),
    host: Optional[str] = typer.Option(
        None, "--host", help="Interface to listen on (default: 127.0.0.1, this machine only, or the workspace's).",
        show_default=False, metavar="HOST",
    ),
    port: Optional[int] = typer.Option(
        None, "--port", "-p", help="Port to listen on (default: 3030, or the workspace's).", show_default=False,
        metavar="PORT",
    ),
    timeout: float = typer.Option(
        10.0, "--timeout",
        help="Seconds a query may run before it is stopped with 503 (a process stuck in it is replaced).", metavar="SECONDS"
    ),
    max_body: int = typer.Option(
        1_000_000, "--max-body", help="Largest request body, in bytes (413 above).", metavar="BYTES"
    ),
    max_rows: int = typer.Option(
        10_000, "--max-rows", help="Most rows (or triples) a result returns; more are cut and marked.", metavar="N"
    ),
    workers: int = typer.Option(
        2, "--workers", help="Server processes, each with the snapshot (replaced if one ends).", metavar="N"
    ),
    cors: list[str] = typer.Option(
        [], "--cors",
        help="An origin allowed to call the endpoint from a browser (repeatable, or '*').", metavar="ORIGIN"
    ),
    union_default_graph: bool = typer.Option(
        True, "--union-default-graph/--no-union-default-graph",
        help="Query all graphs of a dataset when no default-graph-uri is given.",
    ),
    store: Optional[str] = typer.Option(
        None, "--store", help=STORE_HELP + " With oxigraph:PATH the workers open it read-only.", show_default=False,
        metavar="memory|oxigraph:PATH",
    ),
    allow_service: list[str] = typer.Option(
        [], "--allow-service", metavar="URL-PREFIX",
        help="Let SERVICE clauses call endpoints whose URL starts with this prefix (repeatable; none by default).",
    ),
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (GET/POST /sparql, / for a query page)."""
    from kg.export import ensure_built
    from kg.serve import ServeConfig, bind, serve

    ws = _workspace()
    store_path = _store_path(store or ws.store)
    # the options are checked (ServeConfig) before anything is built, loaded or bound
    config = ServeConfig(graph=store_path or graph or ws.output, host=host or ws.host,
                         port=ws.port if port is None else port, timeout=timeout,
                         max_body=max_body, max_rows=max_rows, workers=workers, cors=tuple(cors),
                         union_default_graph=union_default_graph, store=store_path is not None,
                         allow_service=tuple(allow_service))
    sock = bind(config.host, config.port)  # the host and the port are checked before anything is built
    try:
        if store_path is None and graph is None and ensure_built(ws.output, ws.corpus):
            err(f"Built {ws.output} from {ws.corpus}/")
    except BaseException:
        sock.close()
        raise
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `kill`: stop the server processes, as Ctrl-C does
    serve(config, sock=sock, announce=err, report=err)


@app.command("review")
@reports_errors
def review_command(
    article: Path = typer.Argument(..., help="The article (UTF-8 text) whose annotations to review.", metavar="FILE", click_type=OPERAND),
    annotations: Optional[Path] = typer.Option(
        None, "--annotations", "-a",
        help="The annotation file (default: the article's ARTICLE.annotations.json or .yaml; if there is none, "
        "a fresh kg annotate draft, saved there on the first save).", metavar="FILE",
    ),
    curator: Optional[str] = typer.Option(
        None, "--curator", help="Who reviews (a slug such as wang-hai-yan; default: the file's curator).",
        metavar="SLUG",
    ),
    port: int = typer.Option(0, "--port", "-p", help="Port on 127.0.0.1 (0: any free port).", metavar="PORT"),
    open_page: bool = typer.Option(True, "--open/--no-open", help="Open the page in the desktop's browser."),
) -> None:
    """Review annotations in the browser: accept, reject or fix each item, add entities, save (on 127.0.0.1 only).

    Accepted, edited and added items become curated (with --curator and the time); Ctrl-C stops the server.
    """
    from kg.review import listen, open_in_browser, open_session, run

    try:
        session = open_session(article, annotations, curator=curator)  # every check before the port is bound
        new = " (a new draft, not saved yet)" if session.draft else ""

        def announce(address: str) -> None:
            err(f"kg review: {address} reviewing {session.path}{new}; Ctrl-C stops")
            if open_page:
                open_in_browser(address)

        run(session, listen(port), announce)
    except KeyboardInterrupt:
        err("kg review: stopped")


@app.command()
@reports_errors
def annotate(
    articles: list[Path] = typer.Argument(..., help="Article files (UTF-8 text).", metavar="ARTICLE...", click_type=OPERAND),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Where to write the draft: .json gives JSON, .yaml YAML (one article only).",
        metavar="FILE",
    ),
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", help="Write ARTICLE.annotations.json for each article into this folder.", metavar="DIR"
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing annotation file, curated or not."),
) -> None:
    """Draft an annotation of new articles with the spaCy pipeline (every item `source: auto`).

    Review the draft, then `kg build` takes it as it is. Without -o or --output-dir, one article's draft goes to stdout.
    """
    from rich.progress import Progress

    from kg.annotate import annotate as run, check_draft_path, write_annotations
    from kg.article import load_article
    from kg.errors import OutputError

    if output is not None and len(articles) > 1:
        raise OutputError("-o takes one article; use --output-dir for several")
    if output is None and output_dir is None and len(articles) > 1:
        raise OutputError("give --output-dir to annotate several articles")
    if output is not None:  # before any work: a .txt, a folder or a draft already there fails at once
        check_draft_path(output, force=force)
    if output_dir is not None and output_dir.exists() and not output_dir.is_dir():
        raise OutputError(f"{output_dir}: is a file, not a folder")
    with Progress(transient=True, disable=len(articles) < 2 or not sys.stderr.isatty()) as progress:
        task = progress.add_task("annotating", total=len(articles))
        for path in articles:
            art = load_article(path)
            drafted = run(art)
            if output is None and output_dir is None:
                from kg.annotate import annotations_text

                sys.stdout.write(annotations_text(drafted, Path("draft.json")))
                where = "to stdout"
            else:
                target = output or output_dir / f"{art.id}.annotations.json"
                write_annotations(drafted, target, article_file=path, force=force)
                err(f"Wrote {target}: {len(drafted.entities)} entities, {len(drafted.relations)} relations, "
                    f"{len(drafted.figures)} figures, {len(drafted.attributes)} attributes")
                where = str(target)
            if not drafted.entities:
                err(f"Warning: found no entity in {path}; wrote an empty draft {where}")
            progress.advance(task)


@app.command()
@reports_errors
def evaluate(
    gold: list[Path] = typer.Option(
        ..., "--gold", help="A gold annotation file or a folder of them; repeat for several.", metavar="PATH"
    ),
    pred: Optional[list[Path]] = typer.Option(
        None, "--pred", help="The predicted file for each gold file, in the same order (default: run kg annotate "
        "on each gold file's article, in memory).", metavar="PATH",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON: the total and each article's."),
) -> None:
    """Score predicted annotations against gold ones: precision, recall, F1 per class, relations, figures.

    Without --pred it scores kg annotate itself: each gold file's article is annotated afresh and scored,
    the total and (for several articles) a line per article.
    """
    from kg.evaluate import evaluate_corpus, total

    results = evaluate_corpus(gold, pred or None)
    summed = total(results)
    if as_json:
        print(json.dumps({"total": summed.as_dict(),
                          "articles": {name: result.as_dict() for name, result in results.items()}}, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{len(results)} article(s); exact spans | overlapping spans", title_justify="left")
    table.add_column("", no_wrap=True, min_width=15)
    for column in ("gold", "pred", "P", "R", "F1", "P~", "R~", "F1~"):
        table.add_column(column, justify="right", no_wrap=True)
    for row, modes in summed.rows.items():
        e, o = modes["exact"], modes["overlap"]
        table.add_row(row, str(e.gold), str(e.predicted), f"{e.precision:.2f}", f"{e.recall:.2f}", f"{e.f1:.2f}",
                      f"{o.precision:.2f}", f"{o.recall:.2f}", f"{o.f1:.2f}")
    console.print(table)
    if len(results) < 2:
        return
    per_article = Table(title="per article: F1 exact / overlapping (relations and figures: P R F1, exact)",
                        title_justify="left")
    for column in ("article", "entities", "relations P R F1", "figures P R F1"):
        per_article.add_column(column, no_wrap=True)
    for name, result in results.items():
        ent, rel, fig = (result.rows[row] for row in ("entities", "relations", "figures"))
        per_article.add_row(
            name, f"{ent['exact'].f1:.2f} / {ent['overlap'].f1:.2f}",
            f"{rel['exact'].precision:.2f} {rel['exact'].recall:.2f} {rel['exact'].f1:.2f}",
            f"{fig['exact'].precision:.2f} {fig['exact'].recall:.2f} {fig['exact'].f1:.2f}",
        )
    console.print(per_article)


@app.command()
@reports_errors
def push(
    source: Optional[Path] = typer.Argument(
        None, help="An RDF file or dataset to push (default: the corpus, built with its named graphs of evidence).",
        show_default=False, metavar="FILE", click_type=OPERAND,
    ),
    endpoint: str = typer.Option(
        ..., "--endpoint",
        help="The Graph Store Protocol endpoint (with --update: the SPARQL Update endpoint).", metavar="URL"
    ),
    named_graph: Optional[str] = typer.Option(
        None, "--named-graph", metavar="IRI", help="Put everything into this one named graph."
    ),
    update: bool = typer.Option(
        False, "--update", help="Use SPARQL 1.1 Update (INSERT DATA into a temporary graph, then MOVE) instead."
    ),
    with_ontology: bool = typer.Option(
        True, "--with-ontology/--without-ontology", help="Push the ontology too (default graph)."
    ),
    batch: int = typer.Option(
        5000, "--batch", help="With --update: triples per INSERT DATA request (1 or more).", metavar="N"
    ),
) -> None:
    """Upload the graph to a SPARQL server (Oxigraph, Fuseki, GraphDB, ...) for when one machine is not enough.

    Every option is checked before anything is read or sent; with --update the target
    graphs change only once all the data is on the server.
    """
    from kg.outbound import guard
    from kg.push import check_options, dataset_graphs, file_graphs, push as upload

    check_options(endpoint, {}, target=named_graph, batch=batch)  # before the corpus is built or the file read
    with guard():  # reading the source fetches nothing (a remote JSON-LD context)
        if source is None:
            ws = _workspace()
            graphs = dataset_graphs(_build_corpus([ws.corpus], ws.cache, None), with_ontology=with_ontology)
        elif source.is_dir() or source.name.endswith((".annotations.json", ".annotations.yaml", ".txt")):
            graphs = dataset_graphs(_build_corpus([source], None, None), with_ontology=with_ontology)
        else:
            graphs = file_graphs(source)
    pushed = upload(graphs, endpoint, target=named_graph, update=update, batch=batch)
    err(f"Pushed {pushed.triples} triples in {pushed.graphs} graph(s) to {endpoint} ({pushed.requests} requests)")
