"""SPARQL over the graph: the query pack, running a query, and its results.

The pack is the ``queries/`` folder: one ``.rq`` file per question, named for
it, starting with the question in Chinese and English::

    # zh: 哪些企业落户青海？
    # en: Which firms have settled in Qinghai?

:func:`query` runs a query (text, file or pack name) on a graph and returns a
:class:`QueryResult`: rows as named tuples of Python values, the same as dicts
or a pandas DataFrame, or serialised in the SPARQL 1.1 result formats.
"""

from __future__ import annotations

import re
import threading
from collections import namedtuple
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.plugins.sparql import prepareQuery, prepareUpdate
from rdflib.query import Result
from rdflib.term import Node
from rdflib.util import from_n3

from kg.errors import QueryError
from kg.ontology import PROJECT_ROOT
from kg.vocab import PREFIXES

QUERIES_DIR = PROJECT_ROOT / "queries"
KINDS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
#: Formats per kind of result; the first is the default when output is not a terminal.
TABULAR_FORMATS = ("csv", "tsv", "json", "xml", "table")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "xml", "table")
FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "rdfxml": "xml"}
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
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
    line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc).splitlines()[0]
    found = ""
    pstr, loc = getattr(exc, "pstr", None), getattr(exc, "loc", None)
    if isinstance(pstr, str) and isinstance(loc, int):
        snippet = pstr[loc : loc + 20].split("\n")[0]
        found = f", found {snippet!r}" if snippet else ", found the end of the query"
    where = f"line {line}, column {column}: " if line is not None else ""
    return f"syntax error at {where}{message}{found}"


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


def query(
    graph: Graph,
    sparql: str | PackQuery,
    *,
    bindings: Mapping[str, Any] | None = None,
    infer: bool = False,
    rules: str = "owlrl",
) -> QueryResult:
    """Run a SPARQL query (text, a PackQuery, or the name of a pack query) on a graph.

    ``bindings`` pre-binds variables (``{"subject": "kgr:alibaba"}``); values are
    parsed as terms where they look like one (``<iri>``, ``prefix:name``,
    ``"text"@zh``, numbers) and taken as plain text otherwise. With ``infer``,
    the query runs on the OWL-RL (or RDFS) closure of the graph and the ontology.
    """
    q = _as_pack_query(sparql)
    from kg.store import StoreGraph

    if isinstance(graph, StoreGraph):
        return _query_store(graph, q, bindings or {})
    prepared = prepare(q)
    kind = KINDS[prepared.algebra.name]
    if infer:
        from kg.reasoning import infer as closure

        graph = closure(graph, rules)
    init = {name.lstrip("?$"): to_term(value, graph.namespace_manager) for name, value in (bindings or {}).items()}
    try:
        result = graph.query(prepared, initBindings=init)
    except Exception as exc:  # evaluation errors from rdflib (type errors, unsupported features)
        raise QueryError(f"{q.name}: cannot evaluate the query: {exc}") from exc
    return QueryResult.from_rdflib(result, kind, graph.namespace_manager)


def _query_store(graph, q: PackQuery, bindings: Mapping[str, Any]) -> QueryResult:
    """The same query on a pyoxigraph store (bindings are pre-bound as Oxigraph substitutions)."""
    from kg.store import query_store

    terms = {name.lstrip("?$"): to_term(value, graph.namespace_manager) for name, value in bindings.items()}
    try:
        result, _ = query_store(graph.store, q.text, union_default_graph=True, bindings=terms)
    except QueryError as exc:
        raise QueryError(f"{q.name}: {exc}") from None
    result.namespace_manager = graph.namespace_manager
    if result.graph is not None:
        for prefix, namespace in graph.namespace_manager.namespaces():
            result.graph.bind(prefix, namespace, override=True, replace=True)
    return result


def _as_pack_query(sparql: str | PackQuery) -> PackQuery:
    if isinstance(sparql, PackQuery):
        return sparql
    text = sparql.strip()
    if re.fullmatch(r"[\w-]+", text) and (QUERIES_DIR / f"{text}.rq").is_file():
        return read_query(QUERIES_DIR / f"{text}.rq")
    return PackQuery("query", sparql)


def parse_binding(text: str) -> tuple[str, str]:
    """``name=value`` from the command line."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise QueryError(f"bad --bind {text!r}; expected name=value, e.g. subject=kgr:alibaba")
    return name, value


def to_term(value: Any, namespace_manager: NamespaceManager) -> Node:
    """A value as an RDF term: terms stay, text that looks like a term is parsed, the rest is a literal."""
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    if not isinstance(value, str):
        return Literal(value)
    text = value.strip()
    if text.startswith(("<", '"', "'")) or NUMBER.match(text):
        try:
            return from_n3(text, nsm=namespace_manager)
        except Exception:
            raise QueryError(f"cannot read {value!r} as an RDF term") from None
    match = PREFIXED_NAME.match(text)
    if match:
        prefixes = dict(namespace_manager.namespaces())
        if (match.group(1) or "") not in prefixes:
            raise QueryError(f"unknown prefix in {value!r}; known prefixes: {', '.join(sorted(prefixes))}")
        return URIRef(prefixes[match.group(1) or ""] + match.group(2))
    return Literal(value)


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


def run_pack(graph: Graph, output_dir: str | Path, directory: str | Path = QUERIES_DIR) -> list[tuple[PackQuery, QueryResult, Path]]:
    """Run every pack query and write each result: NAME.csv (SELECT, ASK) or NAME.ttl (graphs)."""
    from kg.export import write_atomic

    output_dir = Path(output_dir)
    done = []
    for q in pack(directory).values():
        result = query(graph, q)
        suffix, fmt = (".ttl", "turtle") if result.graph is not None else (".csv", "csv")
        path = write_atomic(output_dir / f"{q.name}{suffix}", result.serialize(fmt))
        done.append((q, result, path))
    return done

