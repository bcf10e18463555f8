"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint (Starlette + uvicorn + pyoxigraph).

Routes:

- ``GET /sparql?query=…``, ``POST /sparql`` (``application/x-www-form-urlencoded``
  or ``application/sparql-query``), with ``default-graph-uri`` / ``named-graph-uri``;
  ``GET /sparql`` without a query returns the SPARQL 1.1 Service Description.
- ``GET /``: the query page (YASGUI, served from this server) with the query pack as examples.
- ``GET /static/yasgui/NAME``: the vendored YASGUI bundle (:data:`STATIC_FILES`), nothing else.
- ``GET /health``: the snapshot's size and the workers' state.

Results are negotiated by ``Accept`` (or a ``format`` parameter): SPARQL results
JSON, XML, CSV and TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD and RDF/XML
for CONSTRUCT and DESCRIBE; anything else is 406. A malformed query is 400; any
SPARQL Update, by whichever route, is 403.

``--workers`` server processes share the listening socket, each holding the same
read-only pyoxigraph snapshot and answering on uvicorn (with uvloop where it is
installed); queries run in threads, as pyoxigraph releases the GIL while it
evaluates. A query that outruns ``--timeout`` is stopped and gets 503; one stuck in a
single long step inside Oxigraph makes its process finish the other requests and
end, and the supervisor starts a fresh one, so a runaway query cannot hold the
endpoint. Results beyond ``--max-rows`` are cut, and the response says so
(``X-KG-Truncated: true``).

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
import functools
import json
import math
import multiprocessing
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from kg.errors import FormatError, GraphError, KgError, QueryError
from kg.formats import RDF, RDF_FORMATS, RESULT_FORMATS, RESULTS, for_media_type, for_path, lookup
from kg.lexer import is_update
from kg.limits import (
    MAX_QUERY_CHARS, MAX_REQUEST_HEAD_BYTES, MAX_REQUEST_PARAMS, MAX_SERVE_WORKERS, MAX_URL_BYTES,
)

#: Result formats (kg.formats): name -> media type, the first the default.
TABULAR = {name: fmt.media_type for name, fmt in RESULT_FORMATS.items()}
GRAPHS = {name: fmt.media_type for name, fmt in RDF_FORMATS.items() if not fmt.dataset}


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
    family = RDF if kind in ("CONSTRUCT", "DESCRIBE") else RESULTS
    table = GRAPHS if family == RDF else TABULAR
    if format:
        try:
            name = lookup(format, family).name
        except FormatError:
            name = None
        if name not in table:
            raise NotAcceptable(f"format {format!r} does not apply to {kind} results; use one of: {', '.join(table)}")
        return name, table[name]
    if not accept:
        name = next(iter(table))
        return name, table[name]
    for media in _accepted(accept):
        found = for_media_type(media, family)
        if found is not None and found.name in table:
            return found.name, table[found.name]
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


# --- the snapshot, and the threads that query it ------------------------------------------

#: Queries one server process runs at once; more wait their turn (pyoxigraph releases the GIL as it queries).
QUERY_THREADS = 8
#: After its time limit, how long a query gets to notice it was stopped (Oxigraph checks between two
#: solutions) before its process is taken to be stuck in one long step and replaced.
STOP_GRACE = 0.5
#: Seconds a process that is to be replaced goes on answering the connections it took before it stopped taking any.
ACCEPTED_GRACE = 1.0


class Snapshot:
    """The graph one server process answers from (a read-only pyoxigraph store), and its query threads.

    A query runs in a thread, with the GIL released while Oxigraph evaluates it; one that
    outruns the time limit is asked to stop, and answered 503. One that cannot stop (a
    single long step inside Oxigraph: a sort, an aggregate) makes ``on_stuck`` run, so that
    the process is replaced by a fresh one and the runaway query ends with it.
    """

    def __init__(self, config: ServeConfig) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from kg.store import load_store, open_store

        self.config = config
        try:
            self.store = open_store(config.graph) if config.store else load_store(config.graph)
            named = sorted(g.value for g in self.store.named_graphs())
        except KgError:
            raise
        except Exception as exc:  # noqa: BLE001 - one line naming the file, not a traceback
            raise GraphError(" ".join(f"{config.graph}: cannot load: {type(exc).__name__}: {exc}".split())) from None
        self.info: dict[str, Any] = {"triples": len(self.store), "named_graphs": named}
        self.threads = ThreadPoolExecutor(max_workers=QUERY_THREADS, thread_name_prefix="kg-query")
        self.stuck = 0  # queries past their time limit that did not stop
        self.on_stuck: Any = None  # called (once per stuck query) when the process should be replaced

    def answer_now(self, request: dict[str, Any], stop: Any = None) -> dict[str, Any]:
        """Answer one protocol request in this thread (``stop``: the event that asks it to stop)."""
        from kg.store import stop_signal

        stop_signal.event = stop
        try:
            return execute(self.store, request, self.config.union_default_graph)
        except Exception as exc:  # noqa: BLE001 - a bug answers 500 and the server lives on
            return _plain(500, f"the query failed: {type(exc).__name__}: {exc}")
        finally:
            stop_signal.event = None

    async def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        """Answer one protocol request in a query thread, within the time limit."""
        loop = asyncio.get_running_loop()
        stop = threading.Event()
        first = loop.create_future()  # the answer, or None when the time limit comes first
        finished = loop.create_future()  # set when the thread is done, whenever that is

        def work() -> None:
            answer = self.answer_now(request, stop)
            loop.call_soon_threadsafe(_settle, first, finished, answer)

        self.threads.submit(work)
        timer = loop.call_later(self.config.timeout, _settle, first, None, None)
        try:
            answer = await first
        finally:
            timer.cancel()
        if answer is not None:
            return answer
        stop.set()
        try:
            await asyncio.wait_for(finished, STOP_GRACE)
        except asyncio.TimeoutError:
            self.stuck += 1
            if self.on_stuck is not None:
                self.on_stuck()
        answer = _plain(503, f"the query took longer than {self.config.timeout:g} s and was stopped")
        answer["headers"]["Retry-After"] = "1"
        return answer

    def close(self) -> None:
        self.threads.shutdown(wait=False, cancel_futures=True)


def _settle(first, finished, answer) -> None:
    """In the event loop: the thread's answer (or, from the timer, None) settles ``first`` if nothing did;
    a finished thread settles ``finished``."""
    if not first.done():
        first.set_result(answer)
    if finished is not None and not finished.done():
        finished.set_result(None)


def _plain(status: int, message: str) -> dict[str, Any]:
    return {"status": status, "media_type": "text/plain; charset=utf-8", "headers": {},
            "body": f"{message}\n".encode("utf-8")}


def execute(store, request: dict[str, Any], union: bool) -> dict[str, Any]:
    """Answer one protocol request from the store: status, media type, body, headers."""
    from kg.store import query_store

    try:
        result, truncated = query_store(
            store, request["query"], default_graphs=request.get("default_graph_uri") or None,
            named_graphs=request.get("named_graph_uri") or None, union_default_graph=union,
            max_rows=request.get("max_rows"), base_iri=request.get("base_iri"),
        )
        name, media = negotiate(result.kind, request.get("accept"), request.get("format"))
    except NotAcceptable as exc:
        return _plain(406, str(exc))
    except QueryError as exc:
        return _plain(400, str(exc))
    except OSError as exc:  # an allowed SERVICE endpoint that failed (or, without one, the store)
        return _plain(502 if request.get("federated") else 500, f"the query failed: {exc}")
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


# --- server processes ---------------------------------------------------------------------


@dataclass
class Processes:
    """What the server processes share: how many are up, and how many were replaced."""

    live: Any = None  # multiprocessing.Value("i")
    replaced: Any = None

    @classmethod
    def new(cls, ctx) -> Processes:
        return cls(ctx.Value("i", 0), ctx.Value("i", 0))

    def state(self) -> tuple[int, int]:
        if self.live is None:  # the app run in-process (a test client): this process is the one worker
            return 1, 0
        return self.live.value, self.replaced.value


def _server_process(config: ServeConfig, sock: socket.socket, shared: Processes, ready) -> None:
    """One server process: load the snapshot, say so, then answer HTTP on the shared socket."""
    import os

    import uvicorn

    parent = os.getppid()
    try:
        snapshot = Snapshot(config)
    except KgError as exc:
        ready.send({"ready": False, "error": " ".join(str(exc).split())})
        return
    ready.send({"ready": True, **snapshot.info})
    ready.close()
    server = uvicorn.Server(uvicorn.Config(
        create_app(config, snapshot, shared), log_level="warning", access_log=False, lifespan="on",
        loop=_event_loop(), http=_http_protocol(), h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES,
    ))

    def replace_me() -> None:
        """Stop taking connections, answer those taken, end (the supervisor starts a fresh process).

        Called in the event loop. A connection this process accepted an instant before has not sent
        its request yet, and uvicorn's shutdown would close it as idle: so the listener closes first
        (the other processes take the new connections) and the shutdown waits ACCEPTED_GRACE."""
        for listener in getattr(server, "servers", []):
            listener.close()
        try:
            asyncio.get_running_loop().call_later(ACCEPTED_GRACE, setattr, server, "should_exit", True)
        except RuntimeError:  # not in the loop after all
            server.should_exit = True

    snapshot.on_stuck = replace_me

    def orphaned() -> None:  # the supervisor was killed: serve no more
        while os.getppid() == parent:
            threading.Event().wait(1)
        server.should_exit = True

    threading.Thread(target=orphaned, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        os._exit(0)  # a query thread stuck inside Oxigraph ends here too


def _http_protocol():
    """httptools (C) where it is installed, its request head bounded as h11's is; else h11 (pure Python)."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return "h11"

    class BoundedHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol with kg's bounds: a request head over MAX_REQUEST_HEAD_BYTES is
        refused (h11 does so itself; httptools would buffer any size), a URL over MAX_URL_BYTES gets its
        414 and kg's message (httptools would give a bare 400 past 64 KiB)."""

        _head_bytes = 0
        _url_bytes = 0
        _in_head = True

        def data_received(self, data: bytes) -> None:
            if self._in_head:
                self._head_bytes += len(data)
                if self._head_bytes > MAX_REQUEST_HEAD_BYTES:
                    self.send_400_response(f"request head over {MAX_REQUEST_HEAD_BYTES} bytes")
                    return
            super().data_received(data)

        def on_url(self, url: bytes) -> None:
            self._url_bytes += len(url)
            if self._url_bytes > MAX_URL_BYTES:
                raise ValueError("URL too long")  # the parser stops; send_400_response answers 414
            super().on_url(url)

        def send_400_response(self, msg: str) -> None:
            if self._url_bytes <= MAX_URL_BYTES:
                super().send_400_response(msg)
                return
            text = (f"request URL of over {MAX_URL_BYTES} bytes, over the limit of {MAX_URL_BYTES}: "
                    "send a long query by POST\n").encode()
            self.transport.write(b"HTTP/1.1 414 URI Too Long\r\ncontent-type: text/plain; charset=utf-8\r\n"
                                 b"content-length: " + str(len(text)).encode() + b"\r\nconnection: close\r\n\r\n"
                                 + text)
            self.transport.close()

        def on_headers_complete(self) -> None:
            self._in_head = False
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._in_head, self._head_bytes, self._url_bytes = True, 0, 0

    return BoundedHttpToolsProtocol


def _event_loop() -> str:
    """uvloop where it is installed: the loop of asyncio hands work to threads several times slower."""
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return "asyncio"
    return "uvloop"


class Supervisor:
    """Starts the server processes, each with the snapshot, and replaces any that ends."""

    def __init__(self, config: ServeConfig, sock: socket.socket) -> None:
        self.ctx = multiprocessing.get_context("spawn")
        self.config = config
        self.sock = sock
        self.shared = Processes.new(self.ctx)
        self.processes: list[Any] = []
        self.info: dict[str, Any] = {}

    def _spawn(self) -> tuple[Any, Any]:
        ready, child = self.ctx.Pipe(duplex=False)
        process = self.ctx.Process(target=_server_process, args=(self.config, self.sock, self.shared, child),
                                   daemon=True, name="kg-serve")
        process.start()
        child.close()
        return process, ready

    @staticmethod
    def _wait_ready(process, ready) -> dict[str, Any]:
        try:
            info = ready.recv()
        except (EOFError, OSError):
            info = {"ready": False}
        ready.close()
        if not info.get("ready"):
            process.kill()
            process.join(5)
        return info

    def start(self) -> None:
        """Start every process and wait until each holds the snapshot (GraphError if one cannot)."""
        started = [self._spawn() for _ in range(self.config.workers)]
        failed = None
        for process, ready in started:
            info = self._wait_ready(process, ready)
            if info.get("ready"):
                self.processes.append(process)
                self.info = info
            else:
                failed = failed or info.get("error") or f"{self.config.graph}: a server process failed to start"
        if failed:
            self.stop()
            raise GraphError(failed)
        self.shared.live.value = len(self.processes)

    def watch(self, report: Any = None) -> None:
        """Replace ended processes until interrupted (``report`` gets a line when one cannot be replaced;
        it is tried again after 1, 2, 4 ... up to 60 seconds)."""
        import time

        while True:
            time.sleep(0.1)
            for index, process in enumerate(self.processes):
                if process.is_alive() or time.monotonic() < getattr(process, "retry_at", 0):
                    continue
                process.join()
                if not isinstance(process, _Ended):
                    self.shared.live.value -= 1
                fresh, ready = self._spawn()
                info = self._wait_ready(fresh, ready)
                if info.get("ready"):
                    self.shared.live.value += 1
                    self.shared.replaced.value += 1
                else:
                    failures = getattr(process, "failures", 0) + 1
                    if report is not None:
                        report(f"kg serve: cannot replace a server process: {info.get('error', 'it did not start')}"
                               f" (trying again in {min(60, 2 ** (failures - 1))} s)")
                    fresh = _Ended(failures, time.monotonic() + min(60, 2 ** (failures - 1)))
                self.processes[index] = fresh

    def stop(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join(5)
        self.processes.clear()


class _Ended:
    """The place of a process that could not be replaced: how often that failed, and when to try again."""

    def __init__(self, failures: int, retry_at: float) -> None:
        self.failures = failures
        self.retry_at = retry_at

    def is_alive(self) -> bool:
        return False

    def join(self, timeout: float | None = None) -> None:
        pass


# --- the application -------------------------------------------------------------------


def create_app(config: ServeConfig, snapshot: Snapshot | None = None, shared: Processes | None = None):
    """The Starlette application for a configuration.

    Its lifespan loads the snapshot, unless ``snapshot`` is given loaded already (as each
    server process does, to report a graph that cannot be loaded before the endpoint is
    announced). ``shared`` is what the server processes share, for ``/health``.
    """
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route


    shared = shared or Processes()
    loaded: dict[str, Snapshot] = {"snapshot": snapshot} if snapshot is not None else {}

    @asynccontextmanager
    async def lifespan(app):
        if snapshot is None:
            loaded["snapshot"] = await asyncio.to_thread(Snapshot, config)
        yield
        loaded["snapshot"].close()

    endpoint = SparqlEndpoint(config, loaded)

    async def update(request: Request) -> Response:
        return PlainTextResponse(READ_ONLY, status_code=403)

    async def health(request: Request) -> Response:
        info = loaded["snapshot"].info
        live, replaced = shared.state()
        return JSONResponse({
            "status": "ok", "triples": info.get("triples"), "named_graphs": info.get("named_graphs", []),
            "workers": live, "replaced_workers": replaced, "timeout_s": config.timeout,
            "max_rows": config.max_rows,
        })

    static = _static_files()
    page = _query_page({name: etag.strip('"')[:12] for name, (_, _, etag, _) in static.items()})

    async def home(request: Request) -> Response:
        return HTMLResponse(page)

    async def static_file(request: Request) -> Response:
        found = static.get(request.path_params["name"])
        if found is None:
            return PlainTextResponse("no such file\n", status_code=404)
        body, media, etag, packed = found
        headers = {"Cache-Control": STATIC_CACHE, "X-Content-Type-Options": "nosniff", "Vary": "Accept-Encoding"}
        if packed is not None and "gzip" in (request.headers.get("accept-encoding") or ""):
            body, etag = packed, etag[:-1] + '-gzip"'  # a strong ETag names the encoding too
            headers["Content-Encoding"] = "gzip"
        headers["ETag"] = etag
        if etag in (request.headers.get("if-none-match") or ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=media, headers=headers)

    middleware = [Middleware(_LimitUrl)]
    if config.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(config.cors), allow_methods=["GET", "POST"],
                                     allow_headers=["*"], expose_headers=["X-KG-Truncated", "X-KG-Max-Rows"]))
    app = Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/static/yasgui/{name}", static_file, methods=["GET"]),
            Route("/sparql", endpoint, methods=["GET", "POST"]),
            Route("/update", update, methods=["GET", "POST"]),
            Route("/health", health, methods=["GET"]),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    if config.cors:
        return app

    async def fast(scope, receive, send) -> None:
        """Queries go straight to the endpoint, past Starlette's middleware and router (a fifth of the
        time of a cheap query); everything else (and CORS, when it is on) goes through them."""
        if (scope["type"] == "http" and scope["path"] == "/sparql" and scope["method"] in ("GET", "POST")
                and _url_bytes(scope) <= MAX_URL_BYTES):
            await endpoint(scope, receive, send)
        else:
            await app(scope, receive, send)

    return fast


def _url_bytes(scope) -> int:
    return len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string", b""))


READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only\n"


class SparqlEndpoint:
    """``/sparql`` as a plain ASGI application: the SPARQL 1.1 Protocol's query operation.

    ``loaded["snapshot"]`` is the :class:`Snapshot` that answers. Every refusal is a
    one-line text/plain answer with its status (400, 403, 406, 413, 415).
    """

    def __init__(self, config: ServeConfig, loaded: dict[str, Snapshot]) -> None:
        self.config = config
        self.loaded = loaded

    async def __call__(self, scope, receive, send) -> None:
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in reversed(scope["headers"])}
        answer = await self.answer(scope, receive, headers)
        await _send(send, answer)

    async def answer(self, scope, receive, headers: dict[str, str]) -> dict[str, Any]:
        config = self.config
        params: dict[str, list[str]] = {}
        refused = _parse_params(scope.get("query_string", b"").decode("utf-8", errors="replace"), params)
        if refused is not None:
            return refused
        if scope["method"] == "POST":
            body = await _read_body(receive, headers, config.max_body)
            if isinstance(body, dict):
                return body
            content_type = headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == "application/x-www-form-urlencoded":
                refused = _parse_params(body.decode("utf-8", errors="replace"), params)
                if refused is not None:
                    return refused
            elif content_type == "application/sparql-query":
                params.setdefault("query", []).append(body.decode("utf-8", errors="replace"))
            elif content_type == "application/sparql-update":
                return _plain(403, READ_ONLY.strip())
            else:
                return _plain(415, "POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query")
        if "update" in params:
            return _plain(403, READ_ONLY.strip())
        queries = params.get("query", [])
        base_iri = self.endpoint_url(scope, headers)
        if not queries:
            if scope["method"] == "GET":
                return self.service_description(base_iri, headers, params)
            return _plain(400, "no query given")
        if len(queries) > 1:
            return _plain(400, "give one query per request")
        query = queries[0]
        if len(query) > MAX_QUERY_CHARS:
            return _plain(413, f"query of {len(query)} characters, over the limit of {MAX_QUERY_CHARS}")
        if is_update(query):
            return _plain(403, READ_ONLY.strip())
        try:
            check_federation(query, config.allow_service)
            default_graphs = check_graph_iris("default-graph-uri", params.get("default-graph-uri", []))
            named_graphs = check_graph_iris("named-graph-uri", params.get("named-graph-uri", []))
        except QueryError as exc:
            return _plain(400, str(exc))
        return await self.loaded["snapshot"].answer({
            "query": query,
            "default_graph_uri": default_graphs,
            "named_graph_uri": named_graphs,
            "accept": headers.get("accept"),
            "format": (params.get("format") or [None])[0],
            "max_rows": config.max_rows,
            "base_iri": base_iri,
            "federated": bool(config.allow_service) and "service" in query.lower(),
        })

    def endpoint_url(self, scope, headers: dict[str, str]) -> str | None:
        """The URL of the endpoint as the client named it (the base IRI of its query), if it is an IRI."""
        server = scope.get("server") or (self.config.host, self.config.port)
        return _endpoint_url(scope.get("scheme", "http"), headers.get("host"),
                             scope.get("root_path", "") + scope.get("path", "/sparql"), f"{server[0]}:{server[1]}")

    def service_description(self, base_iri: str | None, headers: dict[str, str], params: dict) -> dict[str, Any]:
        try:
            text, media = _service_description(
                base_iri or "http://localhost/sparql", self.loaded["snapshot"].info, self.config,
                headers.get("accept"), (params.get("format") or [None])[0],
            )
        except NotAcceptable as exc:
            return _plain(406, str(exc))
        return {"status": 200, "media_type": media, "body": text, "headers": {}}


async def _send(send, answer: dict[str, Any]) -> None:
    """An answer (status, media type, headers, body) as an ASGI response."""
    body = answer["body"]
    raw = [(b"content-type", answer["media_type"].encode("latin-1")), (b"content-length", str(len(body)).encode())]
    raw.extend((name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in answer["headers"].items())
    await send({"type": "http.response.start", "status": answer["status"], "headers": raw})
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive, headers: dict[str, str], limit: int) -> bytes | dict[str, Any]:
    """The request body, or a 413 answer past ``limit`` bytes (declared or sent)."""
    too_big = _plain(413, f"request body over {limit} bytes")
    declared = headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return too_big
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        body += message.get("body", b"")
        if len(body) > limit:
            return too_big
        if not message.get("more_body"):
            break
    return bytes(body)


def _parse_params(text: str, params: dict[str, list[str]]) -> dict[str, Any] | None:
    """Add the parameters of a query string or form to ``params``; a 400 answer past MAX_REQUEST_PARAMS."""
    too_many = f"more than {MAX_REQUEST_PARAMS} parameters in one request"
    try:
        parsed = parse_qs(text, keep_blank_values=True, max_num_fields=MAX_REQUEST_PARAMS)
    except ValueError:
        return _plain(400, too_many)
    for key, values in parsed.items():
        params.setdefault(key, []).extend(values)
    if sum(map(len, params.values())) > MAX_REQUEST_PARAMS:
        return _plain(400, too_many)
    return None


class _LimitUrl:
    """ASGI middleware: a request URL over MAX_URL_BYTES gets 414 before anything reads it."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            size = _url_bytes(scope)
            if size > MAX_URL_BYTES:
                from starlette.responses import PlainTextResponse

                response = PlainTextResponse(
                    f"request URL of {size} bytes, over the limit of {MAX_URL_BYTES}: send a long query by POST\n",
                    status_code=414, headers={"Connection": "close"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


@functools.lru_cache(maxsize=256)
def _endpoint_url(scheme: str, host: str | None, path: str, server: str) -> str | None:
    """The endpoint's URL from the request's Host header (else the server's address), if it is an IRI."""
    import pyoxigraph as ox

    for authority in (host, server):
        if authority is None:
            continue
        url = f"{scheme}://{authority}{quote(path, safe='/%')}"
        try:
            ox.NamedNode(url)
        except ValueError:  # a Host header that makes no URL
            continue
        return url
    return None


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
    for fmt in (*RESULT_FORMATS.values(), *(RDF_FORMATS[name] for name in GRAPHS)):
        g.add((service, sd.resultFormat, formats[fmt.iri]))
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


#: The vendored YASGUI bundle (``make vendor``) that ``/static/yasgui/NAME`` serves: name -> media type.
STATIC_FILES: dict[str, str] = {
    "yasgui.min.js": "text/javascript; charset=utf-8",
    "yasgui.min.css": "text/css; charset=utf-8",
    "LICENSE": "text/plain; charset=utf-8",
    "VENDORED.md": "text/markdown; charset=utf-8",
}
STATIC_DIR = Path(__file__).parent / "static" / "yasgui"
#: The page asks for each file with a hash of it in the URL, so a refreshed bundle is fetched anew.
STATIC_CACHE = "public, max-age=86400"


def _static_files() -> dict[str, tuple[bytes, str, str, bytes | None]]:
    """The vendored files, read once: name -> (bytes, media type, ETag, gzipped bytes for the script and the
    style sheet: YASGUI's 1 MB script is a quarter of that compressed). A missing one is not served."""
    import gzip
    import hashlib

    files = {}
    for name, media in STATIC_FILES.items():
        try:
            body = (STATIC_DIR / name).read_bytes()
        except OSError:
            continue
        packed = gzip.compress(body, compresslevel=6, mtime=0) if name.endswith((".js", ".css")) else None
        files[name] = (body, media, '"' + hashlib.sha256(body).hexdigest()[:32] + '"', packed)
    return files


def _query_page(versions: dict[str, str]) -> str:
    """The query page: YASGUI on this endpoint, with kg's prefixes and the pack's queries as examples.

    ``versions`` maps each static file to a hash of it, for its URL.
    """
    from jinja2 import Environment, FileSystemLoader

    from kg.paths import TEMPLATES_DIR
    from kg.prefixes import PREFIXES
    from kg.sparql import pack

    examples = [{"name": name, "question": q.question.get("en", ""), "question_zh": q.question.get("zh", ""),
                 "text": q.text} for name, q in pack().items()]
    # longest namespace first: YASR shortens an IRI with the first prefix that matches (fig: before kgr:)
    prefixes = dict(sorted(PREFIXES.items(), key=lambda item: -len(item[1])))
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    return env.get_template("endpoint.html").render(
        examples=examples, prefixes=prefixes, declared=PREFIXES, versions=versions)


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
    if config.store:
        if not (config.graph / "CURRENT").is_file():
            raise GraphError(f"{config.graph}: not an Oxigraph store (build one with kg build --store oxigraph:PATH)")
    else:
        for_path(config.graph)  # an unknown file type is a clear error before anything starts
        if not config.graph.is_file():
            raise GraphError(f"{config.graph}: graph file not found")


def serve(config: ServeConfig, sock: socket.socket | None = None, announce: Any = None, report: Any = None) -> None:
    """Run the endpoint until interrupted.

    Everything that can fail is checked before it announces the endpoint: the graph's file,
    the host and port (bound here, unless the caller bound ``sock`` already), then the graph
    itself (each server process loads it). Each failure is a KgError naming the file, host or
    address. ``announce(line)`` is called once the endpoint answers; ``report(line)`` when a
    server process that ended cannot be replaced.
    """
    try:
        check_graph(config)
    except KgError:
        if sock is not None:
            sock.close()
        raise
    sock = sock or bind(config.host, config.port)
    supervisor = Supervisor(config, sock)
    try:
        supervisor.start()
        if announce is not None:
            port = sock.getsockname()[1]
            shown = f"[{config.host}]" if ":" in config.host else config.host
            if config.host not in ("127.0.0.1", "localhost", "::1"):
                announce(f"kg serve: listening on {config.host}, not only this machine")
            allowed = f", SERVICE allowed to {', '.join(config.allow_service)}" if config.allow_service else ""
            announce(f"kg serve: http://{shown}:{port}/sparql serving {config.graph} "
                     f"({config.workers} processes, timeout {config.timeout:g} s{allowed})")
        supervisor.watch(report)
    finally:
        supervisor.stop()
        sock.close()
