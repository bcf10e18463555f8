"""SHACL validation: does a graph hold what ``ontology/shapes.ttl`` says it must?

pyshacl runs the shapes with the ontology mixed into the data graph, so that
``sh:class kg:Region`` accepts a ``kg:City`` and ``sh:targetClass kg:Entity``
reaches every entity. The report names each problem by the label of its focus
node, the property path and the shape's message.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.errors import OntologyError
from kg.ontology import ONTOLOGY_DIR, ontology
from kg.terms import read_turtle

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@dataclass(frozen=True)
class Problem:
    """One validation result."""

    severity: str
    focus: str
    focus_label: str | None
    path: str | None
    message: str
    value: str | None = None

    def line(self) -> str:
        who = f"{self.focus_label} <{self.focus}>" if self.focus_label else f"<{self.focus}>"
        where = f" {self.path}:" if self.path else ":"
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {who}{where} {self.message}{value}"


@dataclass
class Report:
    """What validation found; ``conforms`` is False when there is any violation."""

    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    triples: int = 0
    unreviewed: int = 0  # machine-made facts no one has reviewed: a warning, never a violation

    def text(self) -> str:
        lines = [p.line() for p in self.problems]
        if self.unreviewed:
            lines.append(unreviewed_warning(self.unreviewed))
        verdict = "conforms" if self.conforms else "does not conform"
        found = "" if self.conforms else f": {len(self.problems)} problem(s)"
        lines.append(f"The graph ({self.triples} triples) {verdict} to {SHAPES_FILE.name}{found} ({self.seconds:.2f} s).")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"conforms": self.conforms, "triples": self.triples, "seconds": round(self.seconds, 3),
                "unreviewed": self.unreviewed, "problems": [asdict(p) for p in self.problems]}


def unreviewed_warning(count: int) -> str:
    facts = "fact" if count == 1 else "facts"
    return (f"Warning: {count} unreviewed {facts} (machine-made, source: auto); "
            f"list them with kg query unreviewed_facts")


def load_shapes(path: str | Path = SHAPES_FILE) -> Graph:
    path = Path(path)
    if not path.is_file():
        raise OntologyError(f"{path}: shapes file not found")
    return read_turtle(path)


def validate(graph: Graph, shapes: Graph | None = None) -> Report:
    """Validate a graph against the shapes (SHACL, with pyshacl)."""
    import pyshacl

    started = time.perf_counter()
    with _each_query_parsed_once():
        conforms, results, _ = pyshacl.validate(
            graph,
            shacl_graph=shapes if shapes is not None else load_shapes(),
            ont_graph=ontology().graph,
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            meta_shacl=False,
        )
    if not isinstance(results, Graph):  # pyshacl reports a broken shapes graph this way
        raise OntologyError(f"{SHAPES_FILE}: cannot validate: {results}")
    details = set(results.objects(None, SH.detail))  # nested results, already summed up by their parent
    problems = sorted(
        (_problem(graph, results, r) for r in results.subjects(RDF.type, SH.ValidationResult) if r not in details),
        key=lambda p: (p.focus, p.path or "", p.message, p.value or ""),
    )
    from kg.provenance import unreviewed_facts

    return Report(bool(conforms), problems, time.perf_counter() - started, len(graph), len(unreviewed_facts(graph)))


_PATCH_LOCK = threading.Lock()


@contextmanager
def _each_query_parsed_once():
    """pyshacl hands rdflib a SPARQL-based constraint's text once per focus node, and rdflib parses
    it each time (about 90 ms; half of kg validate's time on the corpus). While this is entered,
    rdflib prepares each text once, as ``prepareQuery`` would, and evaluates the prepared query."""
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    prepared: dict = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803 - rdflib's names
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((str(k), str(v)) for k, v in (initNs or {}).items())))
            if key not in prepared:
                prepared[key] = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs)
            strOrQuery = prepared[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    with _PATCH_LOCK:  # the patch is the process's: one validation at a time holds it
        processor.SPARQLProcessor.query = query
        try:
            yield
        finally:
            processor.SPARQLProcessor.query = original


def _problem(graph: Graph, results: Graph, result) -> Problem:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    message = results.value(result, SH.resultMessage)
    severity = results.value(result, SH.resultSeverity)
    return Problem(
        severity=_local(severity) if severity is not None else "Violation",
        focus=str(focus),
        focus_label=_labels(graph, focus),
        path=_curie(graph, path) if isinstance(path, URIRef) else (f"^{_curie(graph, results.value(path, SH.inversePath))}" if path is not None else None),
        message=str(message) if message is not None else "does not satisfy its shape",
        value=(str(value) if isinstance(value, Literal) else _curie(graph, value)) if value is not None and value != focus else None,
    )


def _labels(graph: Graph, node) -> str | None:
    labels = {(lbl.language or "").lower(): str(lbl) for lbl in graph.objects(node, RDFS.label)
              if isinstance(lbl, Literal)}
    parts = [labels[lang] for lang in ("zh", "en", "zh-latn-pinyin") if lang in labels][:2]  # pinyin if no English
    return " / ".join(parts) if parts else None


def _curie(graph: Graph, node) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.curie(node, generate=False)
        except (KeyError, ValueError):
            return f"<{node}>"
    return str(node)


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]
