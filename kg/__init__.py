"""kg: a knowledge graph of green computing news, from annotated articles to RDF.

The library in one breath::

    import kg
    graph = kg.build(["corpus"])          # annotated articles -> rdflib.Graph (with the ontology)
    kg.write_graph(graph, "out/kg.ttl")   # deterministic Turtle, written atomically
    for row in kg.query(graph, "firms_settled_in_qinghai"):   # a pack query by name, or SPARQL text
        print(row.name_zh, row.name_en)

Names are imported lazily, so ``import kg`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_article": "kg.article",
    "Article": "kg.article",
    "load_annotated": "kg.annotations",
    "read_annotations": "kg.annotations",
    "Annotations": "kg.annotations",
    "build": "kg.graph",
    "build_graph": "kg.graph",
    "summarize": "kg.graph",
    "ensure_built": "kg.export",
    "query": "kg.sparql",
    "load": "kg.sparql",
    "pack": "kg.sparql",
    "find_query": "kg.sparql",
    "QueryResult": "kg.results",
    "PackQuery": "kg.sparql",
    "infer": "kg.reasoning",
    "read_graph": "kg.export",
    "serialize": "kg.export",
    "write_graph": "kg.export",
    "KgError": "kg.errors",
    "ArticleError": "kg.errors",
    "AnnotationError": "kg.errors",
    "OntologyError": "kg.errors",
    "OutputError": "kg.errors",
    "GraphError": "kg.errors",
    "QueryError": "kg.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
