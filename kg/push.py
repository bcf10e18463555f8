"""`kg push`: the way out to a real triple store when one machine is not enough.

The graph goes up with the SPARQL 1.1 Graph Store HTTP Protocol: one ``PUT`` per
graph (``?default`` for the default graph, ``?graph=IRI`` for each named graph of
evidence), so a push replaces what an earlier push of the same graphs left.
Servers without the Graph Store Protocol take ``--update``: SPARQL 1.1 Update,
``DROP SILENT GRAPH`` then ``INSERT DATA`` in batches.

    Oxigraph   --endpoint http://host:7878/store            (--update: http://host:7878/update)
    Fuseki     --endpoint http://host:3030/DATASET/data     (--update: http://host:3030/DATASET/update)
    GraphDB    --endpoint http://host:7200/repositories/REPO/rdf-graphs/service
               (--update: http://host:7200/repositories/REPO/statements)
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from kg.errors import KgError

BATCH = 5_000  # triples per INSERT DATA request


class PushError(KgError):
    """The server refused the graph, or could not be reached."""


@dataclass
class Pushed:
    graphs: int
    triples: int
    requests: int


def dataset_graphs(build, *, with_ontology: bool = True) -> dict[str | None, list[str]]:
    """A built corpus as graph -> N-Triples lines: None for the default graph, an IRI for each named graph."""
    from kg.corpus import ontology_lines
    from kg.vocab import GRAPH

    default = sorted(set(build.core) | set(build.entity_lines()) | (set(ontology_lines()) if with_ontology else set()))
    graphs: dict[str | None, list[str]] = {None: default}
    for article_id in sorted(build.evidence):
        graphs[str(GRAPH[article_id])] = sorted(set(build.evidence[article_id]))
    return graphs


def file_graphs(path) -> dict[str | None, list[str]]:
    """An RDF file or dataset as graph -> N-Triples lines."""
    from kg.corpus import line
    from kg.export import read_dataset

    dataset = read_dataset(path)
    graphs: dict[str | None, list[str]] = {}
    for s, p, o, g in dataset.quads():
        name = None if g is None or g == dataset.default_graph.identifier else str(g)
        graphs.setdefault(name, []).append(line((s, p, o)))
    return {name: sorted(set(lines)) for name, lines in sorted(graphs.items(), key=lambda kv: kv[0] or "")}


def push(graphs: dict[str | None, list[str]], endpoint: str, *, target: str | None = None, update: bool = False,
         batch: int = BATCH, timeout: float = 60.0) -> Pushed:
    """Upload graphs to a server. With ``target``, everything goes into that one named graph."""
    if target is not None:
        graphs = {target: sorted({line for lines in graphs.values() for line in lines})}
    requests = 0
    for name, lines in graphs.items():
        if update:
            requests += _update(endpoint, name, lines, batch, timeout)
        else:
            query = "default" if name is None else urllib.parse.urlencode({"graph": name})
            separator = "&" if "?" in endpoint else "?"
            _send("PUT", f"{endpoint}{separator}{query}", ("\n".join(lines) + "\n").encode("utf-8"),
                  "application/n-triples", timeout)
            requests += 1
    return Pushed(len(graphs), sum(len(v) for v in graphs.values()), requests)


def _update(endpoint: str, name: str | None, lines: list[str], batch: int, timeout: float) -> int:
    drop = "DROP SILENT DEFAULT" if name is None else f"DROP SILENT GRAPH <{name}>"
    _send("POST", endpoint, drop.encode("utf-8"), "application/sparql-update", timeout)
    requests = 1
    for start in range(0, len(lines), batch):
        body = "\n".join(lines[start : start + batch])
        data = f"INSERT DATA {{ {body} }}" if name is None else f"INSERT DATA {{ GRAPH <{name}> {{ {body} }} }}"
        _send("POST", endpoint, data.encode("utf-8"), "application/sparql-update", timeout)
        requests += 1
    return requests


def _send(method: str, url: str, data: bytes, content_type: str, timeout: float) -> None:
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", errors="replace").strip().splitlines()
        raise PushError(f"{method} {url}: HTTP {exc.code} {exc.reason}" + (f": {detail[0]}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"{method} {url}: cannot reach the server ({reason})") from None
