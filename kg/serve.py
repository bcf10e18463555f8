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
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from kg.errors import KgError, QueryError

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


# --- worker processes -----------------------------------------------------------------


def _worker_main(conn, graph: str, union: bool, on_disk: bool = False) -> None:
    """A worker: load the snapshot (or open the store read-only), then answer requests until told to stop."""
    from kg.store import load_store, open_store

    try:
        store = open_store(graph) if on_disk else load_store(graph)
        named = sorted(g.value for g in store.named_graphs())
        conn.send({"ready": True, "triples": len(store), "named_graphs": named})
    except KgError as exc:
        conn.send({"ready": False, "error": str(exc)})
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if request is None:
            return
        conn.send(execute(store, request, union))


def execute(store, request: dict[str, Any], union: bool) -> dict[str, Any]:
    """Answer one protocol request from the store: status, media type, body, headers."""
    from kg.store import query_store

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
    """One worker process and the pipe to it."""

    def __init__(self, config: ServeConfig) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child, str(config.graph), config.union_default_graph, config.store), daemon=True
        )
        self.process.start()
        child.close()
        self.info = self.conn.recv()
        if not self.info.get("ready"):
            self.process.join(timeout=5)
            raise KgError(self.info.get("error", "a query worker failed to start"))

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
        except OSError:
            pass
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()


@dataclass
class WorkerPool:
    """Worker processes, each with the snapshot; one query at a time each."""

    config: ServeConfig
    idle: asyncio.Queue | None = None
    workers: list[_Worker] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    replaced: int = 0

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        started = await asyncio.gather(
            *(asyncio.to_thread(_Worker, self.config) for _ in range(max(1, self.config.workers)))
        )
        for worker in started:
            self.workers.append(worker)
            self.idle.put_nowait(worker)
        self.info = started[0].info

    async def run(self, request: dict[str, Any]) -> dict[str, Any]:
        worker = await self.idle.get()
        try:
            answer = await asyncio.to_thread(worker.call, request, self.config.timeout)
        except WorkerTimeout:
            worker.kill()
            self.workers.remove(worker)
            self.replaced += 1
            asyncio.get_running_loop().create_task(self._replace())
            return {"status": 503, "media_type": "text/plain", "headers": {"Retry-After": "1"},
                    "body": f"the query took longer than {self.config.timeout:g} s and was stopped\n".encode()}
        except (EOFError, OSError) as exc:
            worker.kill()
            self.workers.remove(worker)
            asyncio.get_running_loop().create_task(self._replace())
            return {"status": 500, "media_type": "text/plain", "headers": {},
                    "body": f"the query worker failed: {exc}\n".encode()}
        self.idle.put_nowait(worker)
        return answer

    async def _replace(self) -> None:
        worker = await asyncio.to_thread(_Worker, self.config)
        self.workers.append(worker)
        self.idle.put_nowait(worker)

    async def stop(self) -> None:
        for worker in self.workers:
            await asyncio.to_thread(worker.stop)


# --- the application -------------------------------------------------------------------


def create_app(config: ServeConfig):
    """The Starlette application for a configuration (workers start with its lifespan)."""
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    pool = WorkerPool(config)

    @asynccontextmanager
    async def lifespan(app):
        await pool.start()
        yield
        await pool.stop()

    def refuse_update() -> Response:
        return PlainTextResponse("SPARQL Update is not allowed: this endpoint is read-only\n", status_code=403)

    async def read_body(request: Request) -> bytes | Response:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > config.max_body:
            return PlainTextResponse(f"request body over {config.max_body} bytes\n", status_code=413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > config.max_body:
                return PlainTextResponse(f"request body over {config.max_body} bytes\n", status_code=413)
        return body

    async def sparql(request: Request) -> Response:
        params = {k: v for k, v in parse_qs(request.url.query, keep_blank_values=True).items()}
        if request.method == "POST":
            body = await read_body(request)
            if isinstance(body, Response):
                return body
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
            elif content_type == "application/sparql-query":
                params.setdefault("query", []).append(body.decode("utf-8", errors="replace"))
            elif content_type == "application/sparql-update":
                return refuse_update()
            else:
                return PlainTextResponse(
                    "POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query\n",
                    status_code=415,
                )
        if "update" in params:
            return refuse_update()
        queries = params.get("query", [])
        if not queries:
            if request.method == "GET":
                return service_description(request, params)
            return PlainTextResponse("no query given\n", status_code=400)
        if len(queries) > 1:
            return PlainTextResponse("give one query per request\n", status_code=400)
        from kg.sparql import is_update

        if is_update(queries[0]):
            return refuse_update()
        answer = await pool.run({
            "query": queries[0],
            "default_graph_uri": params.get("default-graph-uri", []),
            "named_graph_uri": params.get("named-graph-uri", []),
            "accept": request.headers.get("accept"),
            "format": (params.get("format") or [None])[0],
            "max_rows": config.max_rows,
        })
        return Response(answer["body"], status_code=answer["status"], media_type=answer["media_type"],
                        headers=answer["headers"])

    def service_description(request: Request, params: dict) -> Response:
        text, media = _service_description(
            str(request.url.replace(query="")), pool.info, config,
            request.headers.get("accept"), (params.get("format") or [None])[0],
        )
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

    middleware = []
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


def serve(config: ServeConfig) -> None:
    """Run the endpoint until interrupted."""
    import uvicorn

    from kg.export import format_for_path

    from kg.errors import GraphError

    if config.store:
        if not (config.graph / "CURRENT").is_file():
            raise GraphError(f"{config.graph}: not an Oxigraph store (build one with kg build --store oxigraph:PATH)")
    else:
        format_for_path(config.graph)  # an unknown file type is a clear error before anything starts
        if not config.graph.is_file():
            raise GraphError(f"{config.graph}: graph file not found")
    if config.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kg serve: listening on {config.host}, not only this machine", file=sys.stderr)
    print(f"kg serve: http://{config.host}:{config.port}/sparql serving {config.graph} "
          f"({config.workers} workers, timeout {config.timeout:g} s)", file=sys.stderr)
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="warning", access_log=False)
