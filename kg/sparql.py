"""SPARQL over the graph: the query pack, running a query, and its results.

The pack is the ``queries/`` folder: one ``.rq`` file per question, named for
it, starting with the question in Chinese and English::

    # zh: 哪些企业落户青海？
    # en: Which firms have settled in Qinghai?

:func:`query` runs a query (text, file or pack name) on a graph and returns a
:class:`QueryResult`: rows as named tuples of Python values, the same as dicts
or a pandas DataFrame, or serialised in the SPARQL 1.1 result formats.

A query is checked before it runs (size, nesting, no ``SERVICE``), fetches nothing
(``FROM`` loads no graph; :func:`kg.outbound.guard` blocks any URL request), can be
given a time limit, and stops at Ctrl-C on either engine (:func:`run_with_timeout`).
``--bind`` values are parsed strictly (:func:`kg.bindings.to_term`): a malformed term is a
:class:`~kg.errors.QueryError`, never a warning and 0 rows.
"""

from __future__ import annotations

import re
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import QueryError, first_line
from kg.files import write_atomic
from kg.lexer import check_nesting, is_update, query_keyword, query_variables  # noqa: F401  (also kg.sparql's)
from kg.limits import MAX_QUERY_CHARS
from kg.outbound import check_query, guard
from kg.paths import QUERIES_DIR
from kg.prefixes import PREFIXES
from kg.results import GRAPH_FORMATS, TABULAR_FORMATS, QueryResult, to_python  # noqa: F401  (also kg.sparql's)
from kg.store import QuerySyntaxError, Stopped, StoreGraph, query_store, stop_signal

KINDS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


@dataclass(frozen=True)
class PackQuery:
    """A query with a name and, for pack queries, the question it answers."""

    name: str
    text: str
    question: Mapping[str, str] = field(default_factory=dict)
    path: Path | None = None

    @property
    def kind(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        keyword = query_keyword(self.text)
        return keyword if keyword in KINDS.values() else KINDS[prepare(self).algebra.name]


def pack(directory: str | Path | None = None) -> dict[str, PackQuery]:
    """The query pack, by name: every ``.rq`` file of ``directory``; by default kg's own pack joined by the
    ``queries/`` of the workspace (:mod:`kg.workspace`), whose query of the same name replaces kg's."""
    folders = [Path(directory)] if directory is not None else _pack_folders()
    queries = {path.stem: read_query(path) for folder in folders for path in sorted(folder.glob("*.rq"))}
    return dict(sorted(queries.items()))


def _pack_folders() -> list[Path]:
    from kg.workspace import load

    own = load().queries
    return [QUERIES_DIR] if own is None else [QUERIES_DIR, own]


def read_query(path: str | Path) -> PackQuery:
    """A query file, with the question its ``# zh:`` and ``# en:`` comments state."""
    path = Path(path)
    try:
        if path.is_file() and path.stat().st_size > 4 * MAX_QUERY_CHARS:  # not read whole to be refused
            raise QueryError(f"{path}: the query file has {path.stat().st_size:,} bytes; "
                             f"kg reads queries of at most {MAX_QUERY_CHARS:,} characters")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: query file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read query file: {exc}") from None
    question = {}
    for line in text.splitlines():
        match = re.match(r"^#\s*(zh|en):\s*(.+?)\s*$", line)
        if match:
            question[match.group(1)] = match.group(2)
        elif line.strip() and not line.startswith("#"):
            break
    return PackQuery(path.stem, text, question, path)


def pack_markdown(directory: str | Path = QUERIES_DIR) -> str:
    """The pack as a Markdown table, for docs/queries.md."""
    lines = ["| query | kind | question | 问题 |", "|---|---|---|---|"]
    for name, q in pack(directory).items():
        lines.append(f"| `{name}` | {q.kind} | {q.question.get('en', '')} | {q.question.get('zh', '')} |")
    return "\n".join(lines) + "\n"


def find_query(name_or_path: str | Path, directory: str | Path | None = None) -> PackQuery:
    """A query file by path, or a pack query by name."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" or candidate.is_file():
        return read_query(candidate)
    queries = pack(directory)
    if str(name_or_path) in queries:
        return queries[str(name_or_path)]
    raise QueryError(f"unknown query {str(name_or_path)!r}; the pack has: {', '.join(queries)}")


_PARSER_LOCK = threading.Lock()  # rdflib's SPARQL parser (pyparsing) is not thread-safe


def prepare(q: PackQuery):
    """Parse a query with rdflib (kg's prefixes are predeclared); a syntax error names the query, line and column."""
    from rdflib.plugins.sparql import prepareQuery

    _rdflib_loads_no_graphs()
    try:
        with _PARSER_LOCK:
            return prepareQuery(q.text, initNs=PREFIXES)
    except Exception as exc:
        if _is_update(q.text):
            raise QueryError(f"{q.name}: this is a SPARQL Update; kg only reads graphs") from None
        raise QueryError(f"{q.name}: {_describe_syntax_error(exc)}") from None


def _rdflib_loads_no_graphs() -> None:
    """rdflib would download (or read from disk) every graph a query's FROM / FROM NAMED names;
    kg queries only the graph it was given."""
    import rdflib.plugins.sparql

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql import prepareUpdate

    try:
        with _PARSER_LOCK:
            prepareUpdate(text, initNs=PREFIXES)
    except Exception:
        return False
    return True


def _describe_syntax_error(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deep for rdflib's SPARQL parser (nest less, or query an Oxigraph store)"
    line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc).splitlines()[0]
    found = ""
    pstr, loc = getattr(exc, "pstr", None), getattr(exc, "loc", None)
    if isinstance(pstr, str) and isinstance(loc, int):
        snippet = pstr[loc : loc + 20].split("\n")[0]
        found = f", found {snippet!r}" if snippet else ", found the end of the query"
    where = f" at line {line}, column {column}" if line is not None else ""
    return f"syntax error{where}: {message}{found}"


class QueryTimeout(QueryError):
    """A query ran longer than its time limit and was stopped."""


def query(
    graph: Any,
    sparql: str | PackQuery,
    *,
    bindings: Mapping[str, Any] | None = None,
    infer: bool = False,
    rules: str = "owlrl",
    timeout: float | None = None,
) -> QueryResult:
    """Run a SPARQL query (text, a PackQuery, or the name of a pack query) on a graph.

    The graph is an rdflib Graph (rdflib evaluates the query), or an Oxigraph store
    (:class:`kg.store.StoreGraph`, or a ``pyoxigraph.Store``), which answers at the
    engine's speed; :func:`load` gives one for an RDF file.

    ``bindings`` pre-binds variables (``{"subject": "kgr:alibaba"}``); values are
    parsed as terms where they look like one (``<iri>``, ``prefix:name``,
    ``"text"@zh``, numbers) and taken as plain text otherwise; a value that looks
    like a term but is not a valid one, or a variable the query does not use, is a
    :class:`~kg.errors.QueryError`. With ``infer``, the query runs on the OWL-RL (or
    RDFS) closure of the graph and the ontology.

    kg fetches nothing a query names: ``SERVICE`` is refused, ``FROM`` loads no graph,
    and any URL request during evaluation fails (:func:`kg.outbound.guard`). With
    ``timeout`` (seconds), a query still running then is stopped and raises
    :class:`QueryTimeout`; Ctrl-C stops a query at once, on either engine.
    """
    if timeout is not None and not timeout >= 0:  # negative, or NaN
        raise QueryError(f"--timeout {timeout}: give a number of seconds (0: no limit)")
    q = _as_pack_query(sparql)
    if len(q.text) > MAX_QUERY_CHARS:
        raise QueryError(f"{q.path or q.name}: the query has {len(q.text):,} characters; "
                         f"kg reads queries of at most {MAX_QUERY_CHARS:,}")
    check_nesting(q.text, str(q.path or q.name))
    try:
        check_query(q.text)
    except QueryError as exc:
        raise QueryError(f"{q.name}: {exc}") from None
    if type(graph).__name__ == "Store" and type(graph).__module__.startswith("pyoxigraph"):
        graph = StoreGraph(graph)
    terms = {}
    if bindings:
        from kg.bindings import bound_terms

        terms = bound_terms(q, bindings, graph.namespace_manager)
    if isinstance(graph, StoreGraph):
        if is_update(q.text):
            raise QueryError(f"{q.name}: this is a SPARQL Update; kg only reads graphs")
        if infer:
            raise QueryError("--infer works on an rdflib graph: read the file with kg.read_graph, "
                             "or load an inferred graph (kg export --infer) into the store")
        # pyoxigraph evaluates with the GIL released, out of reach of signals: always in a worker thread
        with guard():  # entered and left by this thread, whatever becomes of the worker
            return run_with_timeout(lambda: _query_store(graph, q, terms), timeout, q.name, interrupt=False)
    prepared = prepare(q)
    kind = KINDS[prepared.algebra.name]
    if infer:
        from kg.reasoning import infer as closure

        graph = closure(graph, rules)

    def evaluate() -> QueryResult:
        try:
            result = graph.query(prepared, initBindings=terms)
            return _from_rdflib(result, kind, graph.namespace_manager)
        except QueryError:
            raise
        except Exception as exc:  # evaluation errors from rdflib (type errors, unsupported features)
            raise QueryError(f"{q.name}: cannot evaluate the query: {first_line(exc)}") from exc

    with guard():  # rdflib would fetch what SERVICE or FROM names; the guard covers every thread
        # rdflib is pure Python: Ctrl-C reaches it anywhere; only a time limit needs the worker thread
        return evaluate() if not timeout else run_with_timeout(evaluate, timeout, q.name)


def _from_rdflib(result, kind: str, namespace_manager) -> QueryResult:
    """rdflib's result as kg's."""
    if kind == "SELECT":
        variables = tuple(str(v) for v in result.vars or ())
        bindings = [{name: term for name, term in zip(variables, row) if term is not None} for row in result]
        return QueryResult(kind, variables, bindings, namespace_manager=namespace_manager)
    if kind == "ASK":
        return QueryResult(kind, boolean=bool(result.askAnswer), namespace_manager=namespace_manager)
    graph = result.graph
    for prefix, namespace in namespace_manager.namespaces():
        graph.bind(prefix, namespace, override=True, replace=True)
    return QueryResult(kind, graph=graph, namespace_manager=namespace_manager)


def load(path: str | Path) -> StoreGraph:
    """An RDF file (or dataset) loaded into an in-memory Oxigraph store, ready for :func:`query`."""
    from kg.store import load_store

    return StoreGraph(load_store(path))


def _query_store(graph: StoreGraph, q: PackQuery, terms: Mapping[str, Any]) -> QueryResult:
    """The same query on a pyoxigraph store (bindings are pre-bound as Oxigraph substitutions)."""
    try:
        result, _ = query_store(graph.store, q.text, union_default_graph=True, bindings=dict(terms))
    except QuerySyntaxError as exc:
        prepare(q)  # rdflib's parser says where the error is more precisely (it raises QueryError)
        raise QueryError(f"{q.name}: {exc}") from None
    except QueryError as exc:
        raise QueryError(f"{q.name}: {exc}") from None
    return result


T = TypeVar("T")


def run_with_timeout(work: Callable[[], T], timeout: float | None, name: str = "query", *,
                     interrupt: bool = True) -> T:
    """``work()`` in a worker thread while the calling thread waits: past ``timeout``
    seconds (None or 0: no limit) it raises :class:`QueryTimeout`; Ctrl-C raises
    KeyboardInterrupt at once.

    The waiting thread is where signals arrive, so Ctrl-C is never stuck behind a long
    call into pyoxigraph (which releases the GIL and checks no signals). The abandoned
    worker is asked to stop: Oxigraph's result loop checks between two solutions;
    with ``interrupt`` (rdflib, pure Python) the worker is also interrupted at its next
    Python instruction. A single long step inside Oxigraph (an aggregate, a sort)
    finishes in the background, or ends with the process, as it does for ``kg query``.
    """
    outcome: dict[str, Any] = {}
    stop = threading.Event()

    def target() -> None:
        stop_signal.event = stop
        try:
            outcome["value"] = work()
        except Stopped:
            pass
        except BaseException as exc:  # handed to the waiting thread
            # pyoxigraph's iterators must be dropped by the thread that made them: free the frames' locals here
            traceback.clear_frames(exc.__traceback__)
            outcome["error"] = exc
        finally:
            stop_signal.event = None

    worker = threading.Thread(target=target, name=f"kg-query-{name}", daemon=True)
    deadline = time.monotonic() + timeout if timeout else None
    worker.start()
    try:
        while worker.is_alive():
            wait = 0.25 if deadline is None else min(0.25, deadline - time.monotonic())
            if wait <= 0:
                raise QueryTimeout(f"{name}: stopped after {timeout:g} s (--timeout)")
            worker.join(wait)
    except BaseException:  # the time limit, Ctrl-C
        stop.set()
        if interrupt:
            # again until it ends (for half a second at most): an exception that lands in a callback the
            # thread runs for someone else (a garbage collector's hook) is swallowed there
            for _ in range(10):
                _interrupt(worker)
                worker.join(0.05)
                if not worker.is_alive():
                    break
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _interrupt(worker: threading.Thread) -> None:
    """Raise :class:`kg.store.Stopped` in a worker thread at its next Python instruction (best effort)."""
    if worker.ident is None or not worker.is_alive():
        return
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(Stopped))


def _as_pack_query(sparql: str | PackQuery) -> PackQuery:
    if isinstance(sparql, PackQuery):
        return sparql
    text = sparql.strip()
    if re.fullmatch(r"[\w-]+", text):
        for folder in reversed(_pack_folders()):  # the workspace's own first
            if (folder / f"{text}.rq").is_file():
                return read_query(folder / f"{text}.rq")
    return PackQuery("query", sparql)


def run_pack(graph: Any, output_dir: str | Path, directory: str | Path | None = None, *,
             timeout: float | None = None) -> list[tuple[PackQuery, QueryResult, Path]]:
    """Run every pack query and write each result: NAME.csv (SELECT, ASK) or NAME.ttl (graphs).

    ``timeout`` bounds each query (seconds; None or 0: no limit)."""
    output_dir = Path(output_dir)
    done = []
    for q in pack(directory).values():
        result = query(graph, q, timeout=timeout)
        suffix, fmt = (".ttl", "turtle") if result.kind in ("CONSTRUCT", "DESCRIBE") else (".csv", "csv")
        path = write_atomic(output_dir / f"{q.name}{suffix}", result.serialize(fmt))
        done.append((q, result, path))
    return done

