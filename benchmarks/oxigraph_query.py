"""The engine alone: load a Turtle file into an in-memory pyoxigraph Store, run one SPARQL query, print CSV.

    .venv/bin/python benchmarks/oxigraph_query.py out/kg.ttl queries/firms_settled_in_qinghai.rq

The baseline `benchmarks/pairs.py` times against `kg query NAME --format csv`. The graph's
@prefix lines are passed as predeclared prefixes, as kg predeclares its own.
"""

import re
import sys

from pyoxigraph import QueryResultsFormat, RdfFormat, Store

graph, query = sys.argv[1], sys.argv[2]
with open(graph, "rb") as f:
    turtle = f.read()
prefixes = dict(re.findall(rb"^@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.", turtle, re.MULTILINE))
prefixes = {name.decode(): iri.decode() for name, iri in prefixes.items()}
store = Store()
store.load(turtle, format=RdfFormat.TURTLE)
with open(query, encoding="utf-8") as f:
    result = store.query(f.read(), prefixes=prefixes)
result.serialize(sys.stdout.buffer, format=QueryResultsFormat.CSV)
