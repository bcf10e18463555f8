"""`kg push`: the way out to a real triple store when one machine is not enough.

The graph goes up with the SPARQL 1.1 Graph Store HTTP Protocol: one ``PUT`` per
graph (``?default`` for the default graph, ``?graph=IRI`` for each named graph of
evidence), so a push replaces what an earlier push of the same graphs left; each
``PUT`` replaces its graph in one request. Servers without the Graph Store Protocol
take ``--update``: SPARQL 1.1 Update, ``INSERT DATA`` in batches into a temporary
graph of its own (``urn:uuid:...``), then one request that ``MOVE``\\ s every
temporary graph onto its target. Until that last request the targets are untouched:
a push that fails midway (a batch the server refuses, a server that goes away)
leaves them as they were, and drops its temporary graphs (best effort).

Every option is checked before the first request: the endpoint is an http(s) URL,
each graph name an absolute IRI, ``batch`` at least 1. Reading the file fetches
nothing (:func:`kg.outbound.guard`: a remote JSON-LD ``@context`` is refused), and
the upload sends requests to the endpoint only.

    Oxigraph   --endpoint http://host:7878/store            (--update: http://host:7878/update)
    Fuseki     --endpoint http://host:3030/DATASET/data     (--update: http://host:3030/DATASET/update)
    GraphDB    --endpoint http://host:7200/repositories/REPO/rdf-graphs/service
               (--update: http://host:7200/repositories/REPO/statements)
"""

from __future__ import annotations

import math
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass

from kg.errors import GraphError, KgError
from kg.outbound import OutboundRequestError, guard

BATCH = 5_000  # triples per INSERT DATA request


class PushError(KgError):
    """The server refused the graph, could not be reached, or an option is not usable."""


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
    """An RDF file or dataset as graph -> N-Triples lines.

    The file is read by rdflib (it keeps the named graphs of TriG, N-Quads and JSON-LD)
    inside :func:`kg.outbound.guard`: a file that names something to fetch (a remote
    JSON-LD ``@context``) is a :class:`~kg.errors.GraphError` naming the file and the URL.
    """
    from rdflib import BNode

    from kg.corpus import line
    from kg.export import read_dataset

    try:
        with guard():
            dataset = read_dataset(path)
    except GraphError as exc:
        blocked = _blocked_url(exc)
        if blocked is None:
            raise
        what = "remote JSON-LD context" if str(path).lower().endswith((".jsonld", ".json-ld", ".json")) else "remote document"
        raise GraphError(f"{path}: {what} {blocked}: kg fetches no URL that a file names "
                         "(no network at run time); put the context in the file") from None
    graphs: dict[str | None, list[str]] = {}
    for s, p, o, g in dataset.quads():
        if isinstance(g, BNode) and g != dataset.default_graph.identifier:
            raise GraphError(f"{path}: a named graph is a blank node ({g.n3()}); kg push needs graphs named by IRIs")
        name = None if g is None or g == dataset.default_graph.identifier else str(g)
        graphs.setdefault(name, []).append(line((s, p, o)))
    return {name: sorted(set(lines)) for name, lines in sorted(graphs.items(), key=lambda kv: kv[0] or "")}


def _blocked_url(exc: BaseException) -> str | None:
    """The URL the outbound guard refused, if that is what ended a parse."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OutboundRequestError):
            return str(exc).split(": kg fetches", 1)[0]
        exc = exc.__cause__ or exc.__context__
    return None


def check_options(endpoint: str, graphs, *, target: str | None = None, batch: int = BATCH,
                  timeout: float = 60.0) -> None:
    """Refuse, before any request, an option or a graph name the push could not use."""
    check_endpoint(endpoint)
    if target is not None:
        check_graph_name(target, "--named-graph")
    else:
        for name in graphs:
            if name is not None:
                check_graph_name(name, "graph")
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise PushError(f"--batch {batch}: give a whole number of triples per request, 1 or more")
    if not isinstance(timeout, (int, float)) or math.isnan(timeout) or timeout <= 0:
        raise PushError(f"timeout {timeout}: give a number of seconds above 0")


def check_endpoint(endpoint: str) -> None:
    """An http(s) URL with a host, or PushError naming --endpoint."""
    try:
        parts = urllib.parse.urlsplit(endpoint)
        parts.port  # noqa: B018 - a bad port raises ValueError
    except ValueError as exc:
        raise PushError(f"--endpoint {endpoint!r}: not a URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise PushError(f"--endpoint {endpoint!r}: not an http(s) URL; give e.g. http://127.0.0.1:7878/store")
    if any(ch.isspace() or ord(ch) < 0x20 for ch in endpoint) or parts.fragment:
        raise PushError(f"--endpoint {endpoint!r}: a URL has no spaces, control characters or #fragment")


def check_graph_name(name: str, what: str = "--named-graph") -> None:
    """An absolute IRI (it goes between ``<`` and ``>`` in SPARQL), or PushError naming it."""
    from kg.terms import iri_problem

    problem = iri_problem(name)
    if problem is not None:
        raise PushError(f"{what} {name!r}: not an absolute IRI ({problem})")


def push(graphs: dict[str | None, list[str]], endpoint: str, *, target: str | None = None, update: bool = False,
         batch: int = BATCH, timeout: float = 60.0) -> Pushed:
    """Upload graphs to a server. With ``target``, everything goes into that one named graph.

    Options are checked before the first request (:func:`check_options`). With ``update``,
    the targets change only in the last request (see the module's docstring)."""
    check_options(endpoint, graphs, target=target, batch=batch, timeout=timeout)
    if target is not None:
        graphs = {target: sorted({line for lines in graphs.values() for line in lines})}
    with guard(allow=(endpoint,)):
        if update:
            requests = _update(endpoint, graphs, batch, timeout)
        else:
            requests = 0
            for name, lines in graphs.items():
                query = "default" if name is None else urllib.parse.urlencode({"graph": name})
                separator = "&" if "?" in endpoint else "?"
                _send("PUT", f"{endpoint}{separator}{query}", ("\n".join(lines) + "\n").encode("utf-8"),
                      "application/n-triples", timeout)
                requests += 1
    return Pushed(len(graphs), sum(len(v) for v in graphs.values()), requests)


def _update(endpoint: str, graphs: dict[str | None, list[str]], batch: int, timeout: float) -> int:
    """INSERT DATA into one temporary graph per graph, then MOVE them all onto their targets in one request."""
    temporary = {name: f"urn:uuid:{uuid.uuid4()}" for name in graphs}
    requests = 0
    moving = False
    try:
        for name, lines in graphs.items():
            for start in range(0, len(lines), batch):
                body = "\n".join(lines[start : start + batch])
                data = f"INSERT DATA {{ GRAPH <{temporary[name]}> {{ {body} }} }}"
                _send("POST", endpoint, data.encode("utf-8"), "application/sparql-update", timeout)
                requests += 1
        # one request, so one transaction on Oxigraph, Fuseki or GraphDB: every target changes, or none
        operations = []
        for name, lines in graphs.items():
            destination = "DEFAULT" if name is None else f"GRAPH <{name}>"
            # an empty graph makes no temporary graph to move: its target is just emptied
            operations.append(f"MOVE SILENT GRAPH <{temporary[name]}> TO {destination}" if lines
                              else f"DROP SILENT {destination}")
        if operations:
            moving = True
            _send("POST", endpoint, " ;\n".join(operations).encode("utf-8"), "application/sparql-update", timeout)
            requests += 1
    except BaseException as exc:  # a refused batch, a lost server, Ctrl-C: the targets are as they were
        drop = " ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in temporary.values())
        try:
            _send("POST", endpoint, drop.encode("utf-8"), "application/sparql-update", min(timeout, 10.0))
        except PushError:
            pass
        if isinstance(exc, PushError):
            state = ("the server may or may not have applied the final MOVE" if moving
                     else "the target graphs are unchanged")
            raise PushError(f"{exc} ({state})") from None
        raise
    return requests


def _send(method: str, url: str, data: bytes, content_type: str, timeout: float) -> None:
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", errors="replace").strip().splitlines()
        raise PushError(f"{method} {url}: HTTP {exc.code} {exc.reason}" + (f": {detail[0][:300]}" if detail else "")) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"{method} {url}: cannot reach the server ({reason})") from None
    except OutboundRequestError as exc:  # a redirect elsewhere: kg sends the graph to --endpoint only
        raise PushError(f"{method} {url}: the server sent kg elsewhere ({exc})") from None
    except Exception as exc:  # http.client's protocol errors (a server that is not HTTP)
        raise PushError(f"{method} {url}: the server's answer is not HTTP ({type(exc).__name__}: {exc})") from None
