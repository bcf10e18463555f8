"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint (Starlette + uvicorn + pyoxigraph).

Routes:

- ``GET /sparql?query=…``, ``POST /sparql`` (``application/x-www-form-urlencoded``
  or ``application/sparql-query``), with ``default-graph-uri`` / ``named-graph-uri``;
  ``GET /sparql`` without a query returns the SPARQL 1.1 Service Description.
- ``GET /``: an offline HTML query page with the query pack as examples.
- ``GET /health``: the snapshot's size and the workers' state.

Results are negotiated by ``Accept`` (or a ``format`` parameter): SPARQL results
JSON, XML, CSV and TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD and RDF/XML
for CONSTRUCT and DESCRIBE; anything else is 406. A malformed query is 400; any
SPARQL Update, by whichever route, is 403.

Queries run in worker processes, each holding the same read-only pyoxigraph
snapshot. A query that outruns ``--timeout`` gets 503, and its worker is killed
and replaced, so a runaway query cannot hold the endpoint. Results beyond
``--max-rows`` are cut, and the response says so (``X-KG-Truncated: true``).

Hostile requests get a 4xx, never a crash: a ``SERVICE`` clause is 400, since the
endpoint sends no request to other servers (federated queries are off unless
``--allow-service URL-PREFIX`` names the endpoints a query may call); a
``default-graph-uri`` or ``named-graph-uri`` that is not an absolute IRI is 400 (one
that names no graph gives an empty graph); a URL over ``MAX_URL_BYTES`` is 414; a
query over ``MAX_QUERY_CHARS`` is 413; more than ``MAX_REQUEST_PARAMS`` parameters is
400 (:mod:`kg.limits`). Relative IRIs in a query are resolved against the endpoint's
URL, as the SPARQL 1.1 Protocol asks.

:func:`serve` checks everything before it announces the endpoint: the options
(:class:`ServeConfig` refuses a bad port, timeout, limit or prefix), the host name,
the port (it binds the socket itself and hands it to uvicorn, so there is no race),
and the graph (the workers load it first); each failure is one :class:`ServeError`
(or :class:`kg.errors.GraphError`) line naming the option, address or file.
"""

from __future__ import annotations

import asyncio
import errno
import json
import math
import multiprocessing
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import GraphError, KgError, QueryError
from kg.limits import (
    MAX_QUERY_CHARS, MAX_REQUEST_HEAD_BYTES, MAX_REQUEST_PARAMS, MAX_SERVE_WORKERS, MAX_URL_BYTES,
)

#: Result formats: name -> media type.
TABULAR = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPHS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}
#: Other names a client may use, for the `format` parameter and in Accept.
MEDIA_ALIASES = {
    "application/json": "json", "text/json": "json", "application/xml": "xml", "text/xml": "xml",
    "application/x-turtle": "turtle", "text/plain": "ntriples", "application/json+ld": "jsonld",
    "srj": "json", "srx": "xml", "ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "rdfxml": "xml",
    "rdf": "xml",
}
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}


@dataclass(frozen=True)
class ServeConfig:
    """How to serve: the graph, where to listen, and the limits."""

    graph: Path
    host: str = "127.0.0.1"
    port: int = 3030
    timeout: float = 10.0
    max_body: int = 1_000_000
    max_rows: int = 10_000
    workers: int = 2
    cors: tuple[str, ...] = ()
    union_default_graph: bool = True
    store: bool = False  # `graph` is an on-disk pyoxigraph store, opened read-only
    allow_service: tuple[str, ...] = ()  # URL prefixes a SERVICE clause may call (none by default)

    def __post_init__(self) -> None:
        """Refuse a configuration no server should start with (one line naming the option)."""
        if not _whole(self.port) or not 0 <= self.port <= 65535:
            raise ServeError(f"--port {self.port}: not a port number (0 to 65535)")
        if not isinstance(self.host, str) or not self.host.strip() or any(c in self.host for c in " \t\r\n\x00/"):
            raise ServeError(f"--host {self.host!r}: not a host name or address")
        try:
            timeout_ok = math.isfinite(self.timeout) and self.timeout > 0
        except TypeError:
            timeout_ok = False
        if not timeout_ok:
            shown = f"{self.timeout:g}" if isinstance(self.timeout, (int, float)) else repr(self.timeout)
            raise ServeError(f"--timeout {shown}: must be a finite number of seconds above 0")
        for option, value, unit in (("--max-body", self.max_body, " byte"), ("--max-rows", self.max_rows, "")):
            if not _whole(value) or value < 1:
                raise ServeError(f"{option} {value}: must be at least 1{unit}")
        if not _whole(self.workers) or not 1 <= self.workers <= MAX_SERVE_WORKERS:
            raise ServeError(f"--workers {self.workers}: must be from 1 to {MAX_SERVE_WORKERS}")
        object.__setattr__(self, "allow_service", tuple(_service_prefix(p) for p in self.allow_service))


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class ServeError(KgError):
    """The endpoint cannot start as asked: a bad option, a host that does not resolve, a port in use."""


def _service_prefix(prefix: str) -> str:
    """An ``--allow-service`` prefix, checked: an http(s) URL with a host, ending its authority with ``/``.

    ``http://host:1234`` becomes ``http://host:1234/``, or it would also allow ``http://host:12345``
    and ``http://host:1234.evil.example``.
    """
    try:
        parts = urlsplit(prefix)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in prefix)
    except ValueError:
        ok = False
    if not ok:
        raise ServeError(f"--allow-service {prefix!r}: not an http:// or https:// URL prefix with a host")
    return prefix if parts.path else prefix + "/"


class NotAcceptable(KgError):
    """The client accepts no format this kind of result can be written in."""


def negotiate(kind: str, accept: str | None, format: str | None) -> tuple[str, str]:
    """The format name and media type to answer with, from ``format`` or the Accept header."""
    table = GRAPHS if kind in ("CONSTRUCT", "DESCRIBE") else TABULAR
    by_media = {media: name for name, media in table.items()}
    if format:
        name = MEDIA_ALIASES.get(format.lower(), by_media.get(format.lower(), format.lower()))
        if name not in table:
            raise NotAcceptable(f"format {format!r} does not apply to {kind} results; use one of: {', '.join(table)}")
        return name, table[name]
    if not accept:
        name = next(iter(table))
        return name, table[name]
    for media in _accepted(accept):
        if media in by_media:
            name = by_media[media]
            return name, table[name]
        alias = MEDIA_ALIASES.get(media)
        if alias in table:
            return alias, table[alias]
        if media in ("*/*", "application/*", "text/*"):
            default = next(n for n, m in table.items() if media == "*/*" or m.startswith(media[:-1]))
            return default, table[default]
    raise NotAcceptable(f"cannot answer {kind} as {accept!r}; acceptable: {', '.join(table.values())}")


def _accepted(header: str) -> list[str]:
    """Media types of an Accept header, best first (by q, then by order)."""
    ranked = []
    for index, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media, q = pieces[0].lower(), 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, index, media))
    return [media for _, _, media in sorted(ranked)]


# --- checks made before a query reaches a worker ----------------------------------------

def check_federation(text: str, allow: tuple[str, ...] = ()) -> None:
    """Refuse (QueryError) a query with a ``SERVICE`` clause whose endpoint no prefix in ``allow`` covers."""
    from kg.outbound import check_query

    check_query(text, allow, hint="kg serve --allow-service URL-PREFIX allows one")


def check_graph_iris(name: str, values: list[str]) -> list[str]:
    """The ``default-graph-uri`` or ``named-graph-uri`` values, each an absolute IRI (QueryError if not)."""
    from kg.terms import iri_problem

    for value in values:
        problem = iri_problem(value)
        if problem is not None:
            shown = repr(value if len(value) <= 100 else value[:100] + "…")
            raise QueryError(f"{name} {shown}: not an absolute IRI ({problem})")
    return values


# --- worker processes -----------------------------------------------------------------


def _worker_main(conn, graph: str, union: bool, on_disk: bool = False) -> None:
    """A worker: load the snapshot (or open the store read-only), then answer requests until told to stop."""
    from kg.store import load_store, open_store

    try:
        store = _RequestStore(open_store(graph) if on_disk else load_store(graph))
        named = sorted(g.value for g in store.named_graphs())
        conn.send({"ready": True, "triples": len(store), "named_graphs": named})
    except KgError as exc:
        conn.send({"ready": False, "error": " ".join(str(exc).split())})
        return
    except Exception as exc:  # noqa: BLE001 - reported to the server as one line, not a traceback
        conn.send({"ready": False, "error": " ".join(f"{graph}: cannot load: {type(exc).__name__}: {exc}".split())})
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if request is None:
            return
        try:
            answer = execute(store, request, union)
        except Exception as exc:  # noqa: BLE001 - a bug answers 500 and the worker lives on
            answer = {"status": 500, "media_type": "text/plain", "headers": {},
                      "body": f"the query failed: {type(exc).__name__}: {exc}\n".encode()}
        conn.send(answer)


class _RequestStore:
    """A worker's store, which resolves the relative IRIs of each query against the request's URL.

    One per worker, so that :func:`kg.store.query_store`'s cache keyed by the store stays valid.
    """

    def __init__(self, store) -> None:
        self.store = store
        self.base_iri: str | None = None

    def query(self, sparql: str, **options: Any):
        return self.store.query(sparql, base_iri=self.base_iri, **options)

    def __len__(self) -> int:
        return len(self.store)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def execute(store, request: dict[str, Any], union: bool) -> dict[str, Any]:
    """Answer one protocol request from the store: status, media type, body, headers."""
    from kg.store import query_store

    if isinstance(store, _RequestStore):
        store.base_iri = request.get("base_iri")
    try:
        result, truncated = query_store(
            store, request["query"], default_graphs=request.get("default_graph_uri") or None,
            named_graphs=request.get("named_graph_uri") or None, union_default_graph=union,
            max_rows=request.get("max_rows"),
        )
        name, media = negotiate(result.kind, request.get("accept"), request.get("format"))
    except NotAcceptable as exc:
        return {"status": 406, "media_type": "text/plain", "body": f"{exc}\n".encode(), "headers": {}}
    except QueryError as exc:
        return {"status": 400, "media_type": "text/plain", "body": f"{exc}\n".encode(), "headers": {}}
    except OSError as exc:  # an allowed SERVICE endpoint that failed (or, without one, the store)
        status = 502 if request.get("federated") else 500
        return {"status": status, "media_type": "text/plain", "body": f"the query failed: {exc}\n".encode(),
                "headers": {}}
    body = result.serialize(name)
    headers = {"Vary": "Accept"}
    if truncated:
        headers.update({"X-KG-Truncated": "true", "X-KG-Max-Rows": str(request["max_rows"])})
        if name == "json":
            document = json.loads(body)
            document["kg:truncated"] = {"maxRows": request["max_rows"]}
            body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return {"status": 200, "media_type": media + charset, "body": body, "headers": headers}


class WorkerTimeout(Exception):
    pass


class _Worker:
    """One worker process and the pipe to it (``wait_ready`` waits until it holds the snapshot)."""

    def __init__(self, config: ServeConfig, wait: bool = True) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.graph = config.graph
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child, str(config.graph), config.union_default_graph, config.store), daemon=True
        )
        self.process.start()
        child.close()
        self.info: dict[str, Any] = {}
        if wait:
            self.wait_ready()

    def wait_ready(self) -> None:
        try:
            self.info = self.conn.recv()
        except (EOFError, OSError):
            self.info = {"ready": False, "error": f"{self.graph}: a query worker ended while loading it"}
        if not self.info.get("ready"):
            self.kill()
            raise GraphError(self.info.get("error") or f"{self.graph}: a query worker failed to start")

    def call(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        self.conn.send(request)
        if not self.conn.poll(timeout):
            raise WorkerTimeout
        return self.conn.recv()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):  # already closed
            pass
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()


def start_workers(config: ServeConfig, count: int) -> list[_Worker]:
    """Start ``count`` workers at once and wait until each holds the snapshot (GraphError if one cannot)."""
    workers = [_Worker(config, wait=False) for _ in range(count)]
    try:
        for worker in workers:
            worker.wait_ready()
    except KgError:
        for worker in workers:
            if worker.process.is_alive():
                worker.kill()
        raise
    return workers


@dataclass
class WorkerPool:
    """Worker processes, each with the snapshot; one query at a time each."""

    config: ServeConfig
    idle: asyncio.Queue | None = None
    workers: list[_Worker] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    replaced: int = 0
    pending: int = 0  # replacements under way

    def start_now(self) -> None:
        """Start the workers (blocking): the graph is loaded, or GraphError says why not."""
        if self.workers:
            return
        self.workers = start_workers(self.config, self.config.workers)
        self.info = self.workers[0].info

    async def start(self) -> None:
        if not self.workers:
            await asyncio.to_thread(self.start_now)
        self.idle = asyncio.Queue()
        for worker in self.workers:
            self.idle.put_nowait(worker)

    async def run(self, request: dict[str, Any]) -> dict[str, Any]:
        if not self.workers and not self.pending:
            return {"status": 503, "media_type": "text/plain", "headers": {"Retry-After": "5"},
                    "body": b"no query worker is running; see the server's log\n"}
        worker = await self.idle.get()
        try:
            answer = await asyncio.to_thread(worker.call, request, self.config.timeout)
        except WorkerTimeout:
            self._retire(worker)
            return {"status": 503, "media_type": "text/plain", "headers": {"Retry-After": "1"},
                    "body": f"the query took longer than {self.config.timeout:g} s and was stopped\n".encode()}
        except (EOFError, OSError) as exc:
            self._retire(worker)
            return {"status": 500, "media_type": "text/plain", "headers": {},
                    "body": f"the query worker failed: {exc}\n".encode()}
        self.idle.put_nowait(worker)
        return answer

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        self.workers.remove(worker)
        self.replaced += 1
        self.pending += 1
        asyncio.get_running_loop().create_task(self._replace())

    async def _replace(self) -> None:
        try:
            worker = await asyncio.to_thread(_Worker, self.config)
        except KgError as exc:
            print(f"kg serve: cannot replace a query worker: {exc}", file=sys.stderr)
            return
        finally:
            self.pending -= 1
        self.workers.append(worker)
        self.idle.put_nowait(worker)

    async def stop(self) -> None:
        for worker in list(self.workers):
            await asyncio.to_thread(worker.stop)

    def stop_now(self) -> None:
        for worker in list(self.workers):
            worker.stop()


# --- the application -------------------------------------------------------------------


def create_app(config: ServeConfig, pool: WorkerPool | None = None):
    """The Starlette application for a configuration.

    Its lifespan starts the workers, unless ``pool`` is given already started (as :func:`serve` does,
    to load the graph before it announces the endpoint).
    """
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from kg.sparql import is_update

    pool = pool if pool is not None else WorkerPool(config)

    @asynccontextmanager
    async def lifespan(app):
        await pool.start()
        yield
        await pool.stop()

    def refuse_update() -> Response:
        return PlainTextResponse("SPARQL Update is not allowed: this endpoint is read-only\n", status_code=403)

    def bad_request(message: str, status: int = 400) -> Response:
        return PlainTextResponse(message + "\n", status_code=status)

    async def read_body(request: Request) -> bytes | Response:
        too_big = f"request body over {config.max_body} bytes"
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > config.max_body:
            return bad_request(too_big, 413)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > config.max_body:
                return bad_request(too_big, 413)
        return bytes(body)

    def parse_params(text: str, params: dict[str, list[str]]) -> Response | None:
        try:
            parsed = parse_qs(text, keep_blank_values=True, max_num_fields=MAX_REQUEST_PARAMS)
        except ValueError:
            return bad_request(f"more than {MAX_REQUEST_PARAMS} parameters in one request")
        for key, values in parsed.items():
            params.setdefault(key, []).extend(values)
        if sum(map(len, params.values())) > MAX_REQUEST_PARAMS:
            return bad_request(f"more than {MAX_REQUEST_PARAMS} parameters in one request")
        return None

    async def sparql(request: Request) -> Response:
        params: dict[str, list[str]] = {}
        refused = parse_params(request.scope.get("query_string", b"").decode("utf-8", errors="replace"), params)
        if refused is not None:
            return refused
        if request.method == "POST":
            body = await read_body(request)
            if isinstance(body, Response):
                return body
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == "application/x-www-form-urlencoded":
                refused = parse_params(body.decode("utf-8", errors="replace"), params)
                if refused is not None:
                    return refused
            elif content_type == "application/sparql-query":
                params.setdefault("query", []).append(body.decode("utf-8", errors="replace"))
            elif content_type == "application/sparql-update":
                return refuse_update()
            else:
                return bad_request(
                    "POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query", 415
                )
        if "update" in params:
            return refuse_update()
        queries = params.get("query", [])
        if not queries:
            if request.method == "GET":
                return service_description(request, params)
            return bad_request("no query given")
        if len(queries) > 1:
            return bad_request("give one query per request")
        query = queries[0]
        if len(query) > MAX_QUERY_CHARS:
            return bad_request(f"query of {len(query)} characters, over the limit of {MAX_QUERY_CHARS}", 413)
        if is_update(query):
            return refuse_update()
        try:
            check_federation(query, config.allow_service)
            default_graphs = check_graph_iris("default-graph-uri", params.get("default-graph-uri", []))
            named_graphs = check_graph_iris("named-graph-uri", params.get("named-graph-uri", []))
        except QueryError as exc:
            return bad_request(str(exc))
        answer = await pool.run({
            "query": query,
            "default_graph_uri": default_graphs,
            "named_graph_uri": named_graphs,
            "accept": request.headers.get("accept"),
            "format": (params.get("format") or [None])[0],
            "max_rows": config.max_rows,
            "base_iri": endpoint_url(request),
            "federated": bool(config.allow_service) and "service" in query.lower(),
        })
        return Response(answer["body"], status_code=answer["status"], media_type=answer["media_type"],
                        headers=answer["headers"])

    def endpoint_url(request: Request) -> str | None:
        """The URL of the endpoint as the client named it (the base IRI of its query), if it is an IRI."""
        import pyoxigraph as ox

        try:
            url = str(request.url.replace(query="", fragment=""))
            ox.NamedNode(url)
        except ValueError:  # a Host header that makes no URL
            server = request.scope.get("server") or (config.host, config.port)
            url = f"http://{server[0]}:{server[1]}{request.scope.get('path', '/sparql')}"
            try:
                ox.NamedNode(url)
            except ValueError:
                return None
        return url

    def service_description(request: Request, params: dict) -> Response:
        try:
            text, media = _service_description(
                endpoint_url(request) or "http://localhost/sparql", pool.info, config,
                request.headers.get("accept"), (params.get("format") or [None])[0],
            )
        except NotAcceptable as exc:
            return bad_request(str(exc), 406)
        return Response(text, media_type=media)

    async def update(request: Request) -> Response:
        return refuse_update()

    async def health(request: Request) -> Response:
        return JSONResponse({
            "status": "ok", "triples": pool.info.get("triples"), "named_graphs": pool.info.get("named_graphs", []),
            "workers": len(pool.workers), "replaced_workers": pool.replaced, "timeout_s": config.timeout,
            "max_rows": config.max_rows,
        })

    page = _query_page()

    async def home(request: Request) -> Response:
        return HTMLResponse(page)

    middleware = [Middleware(_LimitUrl)]
    if config.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(config.cors), allow_methods=["GET", "POST"],
                                     allow_headers=["*"], expose_headers=["X-KG-Truncated", "X-KG-Max-Rows"]))
    return Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/update", update, methods=["GET", "POST"]),
            Route("/health", health, methods=["GET"]),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )


class _LimitUrl:
    """ASGI middleware: a request URL over MAX_URL_BYTES gets 414 before anything reads it."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            size = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string", b""))
            if size > MAX_URL_BYTES:
                from starlette.responses import PlainTextResponse

                response = PlainTextResponse(
                    f"request URL of {size} bytes, over the limit of {MAX_URL_BYTES}: send a long query by POST\n",
                    status_code=414, headers={"Connection": "close"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _service_description(endpoint: str, info: dict, config: ServeConfig, accept: str | None,
                         format: str | None) -> tuple[bytes, str]:
    """The SPARQL 1.1 Service Description of this endpoint, in a negotiated RDF format."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF, VOID, XSD

    from kg.export import serialize

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    formats = Namespace("http://www.w3.org/ns/formats/")
    g = Graph()
    g.bind("sd", sd)
    g.bind("void", VOID)
    g.bind("formats", formats)
    service, dataset, default = URIRef(endpoint), BNode("dataset"), BNode("default")
    g.add((service, RDF.type, sd.Service))
    g.add((service, sd.endpoint, service))
    g.add((service, sd.supportedLanguage, sd.SPARQL11Query))
    for name in ("json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml"):
        g.add((service, sd.resultFormat, formats[FORMAT_IRIS[name]]))
    if config.union_default_graph:
        g.add((service, sd.feature, sd.UnionDefaultGraph))
    g.add((service, sd.defaultDataset, dataset))
    g.add((dataset, RDF.type, sd.Dataset))
    g.add((dataset, sd.defaultGraph, default))
    g.add((default, RDF.type, sd.Graph))
    g.add((default, VOID.triples, Literal(info.get("triples", 0), datatype=XSD.integer)))
    for index, name in enumerate(info.get("named_graphs", [])):
        named = BNode(f"named{index}")
        g.add((dataset, sd.namedGraph, named))
        g.add((named, RDF.type, sd.NamedGraph))
        g.add((named, sd.name, URIRef(name)))
    fmt, media = negotiate("DESCRIBE", accept, format)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return serialize(g, fmt), media + charset


def _query_page() -> str:
    """The offline HTML query page, with the pack's queries as examples."""
    from jinja2 import Environment, FileSystemLoader

    from kg.sparql import pack
    from kg.viz import TEMPLATE_DIR

    examples = [{"name": name, "question": q.question.get("en", ""), "question_zh": q.question.get("zh", ""),
                 "text": q.text} for name, q in pack().items()]
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    return env.get_template("endpoint.html").render(examples=examples)


def wait_until_up(url: str, process: Any = None, timeout: float = 60.0) -> None:
    """Wait until a SPARQL server started in the background answers ``url``.

    ``process`` is its ``subprocess.Popen``: if it ends first, or nothing answers
    within ``timeout`` seconds, RuntimeError says so (with what it wrote to stderr).
    Used to start `kg serve` or `oxigraph serve` from tests, benchmarks and notebooks.
    """
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return  # it answers, if not with 200
        except OSError:
            pass
        if process is not None and process.poll() is not None:
            stderr = process.communicate()[1] if process.stderr else ""
            if isinstance(stderr, bytes):  # a process started without text=True
                stderr = stderr.decode("utf-8", errors="replace")
            raise RuntimeError(f"the server ended before it answered {url}: {stderr}".strip())
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing answered {url} within {timeout:g} s")
        time.sleep(0.2)


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (not yet listening), or ServeError naming the host or the address."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeError(f"--host {host}: cannot resolve this host name ({exc.strerror})") from None
    except (UnicodeError, ValueError, OverflowError) as exc:
        raise ServeError(f"--host {host!r}: not a host name or address ({exc})") from None
    found.sort(key=lambda entry: entry[0] != socket.AF_INET)  # IPv4 first, as uvicorn binds
    family, kind, proto, _, address = found[0]
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        hint = {errno.EADDRINUSE: " (another program listens there; choose another --port)",
                errno.EACCES: " (ports below 1024 need privileges; choose another --port)",
                errno.EADDRNOTAVAIL: " (--host must be an address of this machine)"}.get(exc.errno, "")
        raise ServeError(f"{where}: cannot listen: {(exc.strerror or str(exc)).lower()}{hint}") from None
    return sock


def check_graph(config: ServeConfig) -> None:
    """The graph file or store is there and of a known kind (GraphError if not), before any worker starts."""
    from kg.export import format_for_path

    if config.store:
        if not (config.graph / "CURRENT").is_file():
            raise GraphError(f"{config.graph}: not an Oxigraph store (build one with kg build --store oxigraph:PATH)")
    else:
        format_for_path(config.graph)  # an unknown file type is a clear error before anything starts
        if not config.graph.is_file():
            raise GraphError(f"{config.graph}: graph file not found")


def serve(config: ServeConfig, sock: socket.socket | None = None) -> None:
    """Run the endpoint until interrupted.

    Everything that can fail is checked before it announces the endpoint: the graph's file,
    the host and port (bound here, unless the caller bound ``sock`` already, and handed to
    uvicorn), then the graph itself (the workers load it). Each failure is a KgError naming
    the file, host or address.
    """
    import uvicorn

    try:
        check_graph(config)
    except KgError:
        if sock is not None:
            sock.close()
        raise
    sock = sock or bind(config.host, config.port)
    pool = WorkerPool(config)
    try:
        pool.start_now()
        port = sock.getsockname()[1]
        shown = f"[{config.host}]" if ":" in config.host else config.host
        if config.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"kg serve: listening on {config.host}, not only this machine", file=sys.stderr)
        allowed = f", SERVICE allowed to {', '.join(config.allow_service)}" if config.allow_service else ""
        print(f"kg serve: http://{shown}:{port}/sparql serving {config.graph} "
              f"({config.workers} workers, timeout {config.timeout:g} s{allowed})", file=sys.stderr)
        server = uvicorn.Server(uvicorn.Config(
            create_app(config, pool), log_level="warning", access_log=False, lifespan="on",
            h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES,
        ))
        server.run(sockets=[sock])
    finally:
        pool.stop_now()
        sock.close()
