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
``--bind`` values are parsed strictly (:func:`to_term`): a malformed term is a
:class:`~kg.errors.QueryError`, never a warning and 0 rows.
"""

from __future__ import annotations

import re
import threading
import time
import traceback
from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import rdflib.plugins.sparql
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD, NamespaceManager
from rdflib.plugins.sparql import prepareQuery, prepareUpdate
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import QueryError, first_line
from kg.lexer import TOKEN, VARIABLE_NAME
from kg.limits import MAX_QUERY_CHARS, MAX_QUERY_NESTING
from kg.ontology import PROJECT_ROOT
from kg.outbound import check_query, guard
from kg.vocab import PREFIXES

# rdflib would download (or read from disk) every graph a query's FROM / FROM NAMED names;
# kg queries only the graph it was given.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

QUERIES_DIR = PROJECT_ROOT / "queries"
KINDS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
#: Formats per kind of result; the first is the default when output is not a terminal.
TABULAR_FORMATS = ("csv", "tsv", "json", "xml", "table")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "xml", "table")
FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "rdfxml": "xml"}
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z", re.ASCII)
PREFIXED_NAME = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")


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


def pack(directory: str | Path = QUERIES_DIR) -> dict[str, PackQuery]:
    """The query pack: every ``.rq`` file of the folder, by name."""
    return {path.stem: read_query(path) for path in sorted(Path(directory).glob("*.rq"))}


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
    """The pack as a Markdown table, for the README."""
    lines = ["| query | kind | question | 问题 |", "|---|---|---|---|"]
    for name, q in pack(directory).items():
        lines.append(f"| `{name}` | {q.kind} | {q.question.get('en', '')} | {q.question.get('zh', '')} |")
    return "\n".join(lines) + "\n"


def find_query(name_or_path: str | Path, directory: str | Path = QUERIES_DIR) -> PackQuery:
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
    """Parse a query (kg's prefixes are predeclared); a syntax error names the query, line and column."""
    try:
        with _PARSER_LOCK:
            return prepareQuery(q.text, initNs=PREFIXES)
    except Exception as exc:
        if _is_update(q.text):
            raise QueryError(f"{q.name}: this is a SPARQL Update; kg only reads graphs") from None
        raise QueryError(f"{q.name}: {_describe_syntax_error(exc)}") from None


PROLOGUE_ITEM = re.compile(
    r"\s+|#[^\n]*|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>"
)
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def query_keyword(text: str) -> str | None:
    """The first keyword after the prologue (SELECT, ASK, CONSTRUCT, DESCRIBE, or an update's INSERT, ...)."""
    pos = 0
    while True:
        match = PROLOGUE_ITEM.match(text, pos)
        if not match or match.end() == pos:
            break
        pos = match.end()
    word = re.match(r"[A-Za-z]+", text[pos:])
    return word.group(0).upper() if word else None


def is_update(text: str) -> bool:
    """Whether a request is SPARQL Update rather than a query (judged by its first keyword)."""
    return query_keyword(text) in UPDATE_KEYWORDS


def _is_update(text: str) -> bool:
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


@dataclass
class QueryResult:
    """What a query returned: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE)."""

    kind: str
    variables: tuple[str, ...] = ()
    bindings: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    namespace_manager: NamespaceManager | None = None

    @classmethod
    def from_rdflib(cls, result: Result, kind: str, namespace_manager: NamespaceManager) -> QueryResult:
        if kind == "SELECT":
            variables = tuple(str(v) for v in result.vars or ())
            bindings = [
                {name: term for name, term in zip(variables, row) if term is not None} for row in result
            ]
            return cls(kind, variables, bindings, namespace_manager=namespace_manager)
        if kind == "ASK":
            return cls(kind, boolean=bool(result.askAnswer), namespace_manager=namespace_manager)
        graph = result.graph
        for prefix, namespace in namespace_manager.namespaces():
            graph.bind(prefix, namespace, override=True, replace=True)
        return cls(kind, graph=graph, namespace_manager=namespace_manager)

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self.bindings)
        if self.kind == "ASK":
            return 1
        return len(self.graph)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ASK" else len(self) > 0

    def __iter__(self) -> Iterator[Any]:
        """Rows as named tuples of Python values (SELECT), or the triples of the graph."""
        if self.kind == "SELECT":
            row_type = namedtuple("Row", self.variables, rename=True)
            for binding in self.bindings:
                yield row_type(*(to_python(binding.get(v)) for v in self.variables))
        elif self.kind == "ASK":
            yield self.boolean
        else:
            yield from sorted(self.graph)

    def rows(self) -> list[dict[str, Any]]:
        """SELECT rows as dicts of Python values (an unbound variable is None)."""
        return [{v: to_python(binding.get(v)) for v in self.variables} for binding in self.bindings]

    def to_dataframe(self):
        """The rows as a pandas DataFrame (pandas is an optional dependency)."""
        try:
            import pandas as pd
        except ImportError:
            raise QueryError("to_dataframe needs pandas: pip install pandas") from None
        if self.kind == "SELECT":
            return pd.DataFrame(self.rows(), columns=list(self.variables))
        if self.kind == "ASK":
            return pd.DataFrame({"boolean": [self.boolean]})
        return pd.DataFrame([tuple(map(str, t)) for t in self], columns=["subject", "predicate", "object"])

    def formats(self) -> tuple[str, ...]:
        return GRAPH_FORMATS if self.kind in ("CONSTRUCT", "DESCRIBE") else TABULAR_FORMATS

    def serialize(self, format: str) -> bytes:
        """The result in a SPARQL 1.1 result format (csv, tsv, json, xml) or an RDF format."""
        fmt = self.check_format(format)
        if fmt == "table":
            raise QueryError("the table format is drawn by the command line; use csv, tsv, json or xml")
        if self.graph is not None:
            from kg.export import serialize

            return serialize(self.graph, fmt)
        if fmt == "tsv":
            return self._tsv()
        if self.kind == "ASK" and fmt == "csv":
            return f"boolean\r\n{str(self.boolean).lower()}\r\n".encode()
        return self._as_rdflib_result().serialize(format=fmt, encoding="utf-8")

    def check_format(self, format: str) -> str:
        fmt = FORMAT_ALIASES.get(format.lower(), format.lower())
        if fmt not in self.formats():
            raise QueryError(
                f"format {format!r} does not apply to {self.kind} results; use one of: {', '.join(self.formats())}"
            )
        return fmt

    def _tsv(self) -> bytes:
        """SPARQL 1.1 TSV: a header of ?variables, then terms in Turtle syntax."""
        if self.kind == "ASK":
            return f"?boolean\n{str(self.boolean).lower()}\n".encode()
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        for binding in self.bindings:
            lines.append("\t".join(binding[v].n3() if v in binding else "" for v in self.variables))
        return ("\n".join(lines) + "\n").encode("utf-8")

    def _as_rdflib_result(self) -> Result:
        result = Result(self.kind)
        if self.kind == "ASK":
            result.askAnswer = self.boolean
            return result
        from rdflib import Variable

        result.vars = [Variable(v) for v in self.variables]
        result.bindings = [{Variable(k): t for k, t in b.items()} for b in self.bindings]
        return result

    def display(self, term: Node | None) -> str:
        """A term as a person reads it: a prefixed name, or a literal's text."""
        if term is None:
            return ""
        if isinstance(term, URIRef) and self.namespace_manager is not None:
            try:
                return self.namespace_manager.curie(term, generate=False)
            except (KeyError, ValueError):
                return str(term)
        return str(term)


class QueryTimeout(QueryError):
    """A query ran longer than its time limit and was stopped."""


def query(
    graph: Graph,
    sparql: str | PackQuery,
    *,
    bindings: Mapping[str, Any] | None = None,
    infer: bool = False,
    rules: str = "owlrl",
    timeout: float | None = None,
) -> QueryResult:
    """Run a SPARQL query (text, a PackQuery, or the name of a pack query) on a graph.

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
    from kg.store import StoreGraph

    terms = bound_terms(q, bindings or {}, graph.namespace_manager)
    if isinstance(graph, StoreGraph):
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
            return QueryResult.from_rdflib(result, kind, graph.namespace_manager)
        except QueryError:
            raise
        except Exception as exc:  # evaluation errors from rdflib (type errors, unsupported features)
            raise QueryError(f"{q.name}: cannot evaluate the query: {first_line(exc)}") from exc

    with guard():  # rdflib would fetch what SERVICE or FROM names; the guard covers every thread
        # rdflib is pure Python: Ctrl-C reaches it anywhere; only a time limit needs the worker thread
        return evaluate() if not timeout else run_with_timeout(evaluate, timeout, q.name)


def _query_store(graph, q: PackQuery, terms: Mapping[str, Node]) -> QueryResult:
    """The same query on a pyoxigraph store (bindings are pre-bound as Oxigraph substitutions)."""
    from kg.store import query_store

    try:
        result, _ = query_store(graph.store, q.text, union_default_graph=True, bindings=dict(terms))
    except QueryError as exc:
        raise QueryError(f"{q.name}: {exc}") from None
    result.namespace_manager = graph.namespace_manager
    if result.graph is not None:
        for prefix, namespace in graph.namespace_manager.namespaces():
            result.graph.bind(prefix, namespace, override=True, replace=True)
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
    from kg.store import Stopped, stop_signal

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
            _interrupt(worker)
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _interrupt(worker: threading.Thread) -> None:
    """Raise :class:`kg.store.Stopped` in a worker thread at its next Python instruction (best effort)."""
    if worker.ident is None or not worker.is_alive():
        return
    import ctypes

    from kg.store import Stopped

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(Stopped))


def _as_pack_query(sparql: str | PackQuery) -> PackQuery:
    if isinstance(sparql, PackQuery):
        return sparql
    text = sparql.strip()
    if re.fullmatch(r"[\w-]+", text) and (QUERIES_DIR / f"{text}.rq").is_file():
        return read_query(QUERIES_DIR / f"{text}.rq")
    return PackQuery("query", sparql)


# --bind: variables and terms ------------------------------------------------------------

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf\"'\\])")
#: A quoted literal: its quote, a body of escapes and other characters, the same quote, then @lang or ^^datatype.
_QUOTED = re.compile(
    r'(?P<quote>"""|\'\'\'|"|\')(?P<body>(?:\\.|(?!(?P=quote))[^\\])*)(?P=quote)(?:@(?P<lang>.*)|\^\^(?P<datatype>.*))?',
    re.DOTALL,
)


def check_nesting(text: str, name: str = "query") -> None:
    """Refuse a query nested deeper than :data:`kg.limits.MAX_QUERY_NESTING` (brackets, runs of
    unary operators) before a parser's recursion meets it: Oxigraph's would crash the process."""
    if sum(text.count(c) for c in "{([!+-") <= MAX_QUERY_NESTING:
        return  # cannot be nested that deep: the common case costs a few scans
    depth = run = deepest = 0
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
        if kind == "unary":
            run += 1
        elif not match.group().isspace():
            run = 0
        deepest = max(deepest, depth + run)
        if deepest > MAX_QUERY_NESTING:
            line = text.count("\n", 0, match.start()) + 1
            raise QueryError(f"{name}: nested more than {MAX_QUERY_NESTING} deep (line {line}); "
                             "kg refuses queries nested that deep")


def query_variables(text: str) -> set[str]:
    """The names of the variables a query mentions (``?x`` and ``$x``), without the sigil."""
    return {m.group("var") for m in TOKEN.finditer(text) if m.lastgroup == "variable"}


def bound_terms(q: PackQuery, bindings: Mapping[str, Any], namespace_manager: NamespaceManager) -> dict[str, Node]:
    """Pre-bound values as terms; each variable must be one the query uses (a typo is an error, not 0 rows)."""
    if not bindings:
        return {}
    used = query_variables(q.text)
    terms = {}
    for name, value in bindings.items():
        variable = str(name)[1:] if str(name)[:1] in ("?", "$") else str(name)
        if variable not in used:
            known = ", ".join(f"?{v}" for v in sorted(used)) or "none"
            raise QueryError(f"--bind {variable}: {q.name} has no variable ?{variable} (it has: {known})")
        try:
            terms[variable] = to_term(value, namespace_manager)
        except QueryError as exc:
            raise QueryError(f"--bind {variable}: {exc}") from None
    return terms


def parse_binding(text: str) -> tuple[str, str]:
    """``name=value`` from the command line; the name must be a SPARQL variable name."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if name[:1] in ("?", "$"):
        name = name[1:]
    if not sep or not VARIABLE_NAME.fullmatch(name):
        raise QueryError(f"bad --bind {text!r}; expected name=value, e.g. subject=kgr:alibaba")
    return name, value


def to_term(value: Any, namespace_manager: NamespaceManager) -> Node:
    """A value as an RDF term: terms stay, text that looks like a term is parsed, the rest is a literal.

    Looks like a term: ``<IRI>`` (an absolute IRI), a quoted literal (``"text"``,
    ``'text'``, with ``@lang`` or ``^^datatype``), a number (``42``, ``4.5``, ``1e3``)
    or a prefixed name (``kgr:qinghai``, a known prefix). Each must be well-formed,
    or :class:`~kg.errors.QueryError` says what is wrong with it.
    """
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    if not isinstance(value, str):
        if isinstance(value, bool) or isinstance(value, (int, float)):
            return Literal(value)
        raise QueryError(f"cannot use a {type(value).__name__} as an RDF term; give a str, a number or an rdflib term")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(f"{value!r}: not valid UTF-8 text") from None
    text = value.strip()
    if text.startswith("<"):
        if len(text) < 2 or not text.endswith(">"):
            raise QueryError(f"{value!r}: an IRI is written <...> with nothing after the '>'")
        return URIRef(_check_iri(text[1:-1], value))
    if text.startswith(('"', "'")):
        return _quoted_literal(text, value, namespace_manager)
    if NUMBER.match(text):
        datatype = XSD.double if "e" in text.lower() else XSD.decimal if "." in text else XSD.integer
        return Literal(text, datatype=datatype)
    if text.startswith("_:"):
        raise QueryError(f"{value!r}: a blank node cannot be bound; use an IRI or a literal")
    if PREFIXED_NAME.match(text):
        return URIRef(_check_iri(_expand(text, value, namespace_manager), value))
    return Literal(value)


def _check_iri(iri: str, value: str) -> str:
    from kg.terms import iri_problem

    problem = iri_problem(iri)
    if problem is not None:
        raise QueryError(f"{value!r}: not a valid absolute IRI ({problem})")
    return iri


def _expand(prefixed: str, value: str, namespace_manager: NamespaceManager) -> str:
    prefix, _, local = prefixed.partition(":")
    prefixes = dict(namespace_manager.namespaces())
    if prefix not in prefixes:
        if local.startswith("//"):
            raise QueryError(f"{value!r}: an IRI is written in angle brackets: <{prefixed}>")
        raise QueryError(f"unknown prefix in {value!r}; known prefixes: {', '.join(sorted(prefixes))}")
    return str(prefixes[prefix]) + local


def _quoted_literal(text: str, value: str, namespace_manager: NamespaceManager) -> Literal:
    match = _QUOTED.fullmatch(text)
    if match is None:
        raise QueryError(f"{value!r}: a quoted literal ends with its quote, then @lang or ^^datatype if any")
    quote, body = match.group("quote"), match.group("body")
    if len(quote) == 1 and ("\n" in body or "\r" in body):
        raise QueryError(f"{value!r}: a line break in a literal is written \\n (or the literal in triple quotes)")
    lexical = _unescape(body, value)
    lang, datatype = match.group("lang"), match.group("datatype")
    if lang is not None:
        if not _LANGUAGE_TAG.fullmatch(lang):
            raise QueryError(f"{value!r}: {lang!r} is not a language tag (like zh, en or zh-Hans)")
        return Literal(lexical, lang=lang)
    if datatype is None:
        return Literal(lexical)
    if datatype.startswith("<") and datatype.endswith(">") and len(datatype) >= 2:
        iri = _check_iri(datatype[1:-1], value)
    elif PREFIXED_NAME.match(datatype) and not datatype.startswith("_:"):
        iri = _check_iri(_expand(datatype, value, namespace_manager), value)
    else:
        raise QueryError(f"{value!r}: a datatype is written <IRI> or prefix:name")
    return _typed_literal(lexical, URIRef(iri), value)


def _unescape(body: str, value: str) -> str:
    if "\\" not in body:
        return body
    if re.search(r"\\(?![tbnrf\"'\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", body.replace("\\\\", "")):
        raise QueryError(f"{value!r}: unknown escape in a literal (known: \\t \\n \\r \\\" \\' \\\\ \\uXXXX)")

    def replace(match: re.Match) -> str:
        escape = match.group(1)
        if escape[0] not in "uU":
            return _ESCAPES[escape]
        code = int(escape[1:], 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"{value!r}: \\{escape} is not a character")
        return chr(code)

    return _ESCAPE.sub(replace, body)


def _typed_literal(lexical: str, datatype: URIRef, value: str) -> Literal:
    """A typed literal, refused when its text is not a value of its datatype (for the datatypes rdflib knows)."""
    import logging
    import warnings

    log = logging.getLogger("rdflib.term")  # rdflib logs a traceback for an ill-typed literal ...
    disabled, log.disabled = log.disabled, True
    try:
        with warnings.catch_warnings():  # ... and warns about a "weird boolean"
            warnings.simplefilter("ignore")
            literal = Literal(lexical, datatype=datatype)
    except Exception as exc:
        raise QueryError(f"{value!r}: not a literal rdflib can read ({first_line(exc)})") from None
    finally:
        log.disabled = disabled
    if getattr(literal, "ill_typed", False):
        raise QueryError(f"{value!r}: {lexical!r} is not a valid {datatype.n3()} value")
    return literal


def to_python(term: Node | None) -> Any:
    """A term as a plain Python value: IRIs and texts as str, numbers and dates as themselves."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.language is not None:
            return str(term)
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def run_pack(graph: Graph, output_dir: str | Path, directory: str | Path = QUERIES_DIR, *,
             timeout: float | None = None) -> list[tuple[PackQuery, QueryResult, Path]]:
    """Run every pack query and write each result: NAME.csv (SELECT, ASK) or NAME.ttl (graphs).

    ``timeout`` bounds each query (seconds; None or 0: no limit)."""
    from kg.export import write_atomic

    output_dir = Path(output_dir)
    done = []
    for q in pack(directory).values():
        result = query(graph, q, timeout=timeout)
        suffix, fmt = (".ttl", "turtle") if result.graph is not None else (".csv", "csv")
        path = write_atomic(output_dir / f"{q.name}{suffix}", result.serialize(fmt))
        done.append((q, result, path))
    return done

