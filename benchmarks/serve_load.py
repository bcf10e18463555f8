"""Load test of `kg serve`: concurrent clients on 127.0.0.1 running the query pack.

    .venv/bin/python benchmarks/serve_load.py [--clients 50] [--requests 20] [--max-seconds 120]

Starts `kg serve` on a free port of 127.0.0.1 (never anything else), has N clients
send the pack's queries round-robin (each client a bounded number of requests,
the whole run bounded in time), and reports throughput, p50/p99 latency and the
error count; then runs the same queries in-process with rdflib (and pyoxigraph)
for comparison. Prints a Markdown report and writes it to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.serve import wait_until_up  # noqa: E402
from kg.sparql import pack  # noqa: E402
from kg.store import load_store, query_store  # noqa: E402

ACCEPT = {"SELECT": "application/sparql-results+json", "ASK": "application/sparql-results+json",
          "CONSTRUCT": "text/turtle", "DESCRIBE": "text/turtle"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def client(base: str, queries: list, index: int, count: int, deadline: float, latencies: list, errors: list) -> None:
    """One client: its own connection, `count` requests one after another."""
    with httpx.Client(timeout=60) as http:
        for n in range(count):
            if time.monotonic() > deadline:
                return
            name, q = queries[(index + n) % len(queries)]
            started = time.perf_counter()
            try:
                response = http.post(f"{base}/sparql", content=q.text.encode("utf-8"),
                                     headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT[q.kind]})
                if response.status_code != 200:
                    errors.append(f"{name}: HTTP {response.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"{name}: {type(exc).__name__}")
            latencies.append(time.perf_counter() - started)


def load(base: str, queries: list, clients: int, requests: int, max_seconds: float) -> dict:
    """`clients` threads at once (httpx's async pool, not the server, was the bottleneck with 50 connections)."""
    from concurrent.futures import ThreadPoolExecutor

    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    deadline = time.monotonic() + max_seconds
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(client, base, queries, i, requests, deadline, latencies, errors)
                       for i in range(clients)]:
            future.result()
    wall = time.perf_counter() - started
    return {"requests": len(latencies), "errors": len(errors), "error_samples": errors[:5], "wall_s": wall,
            "throughput_rps": len(latencies) / wall, "p50_ms": percentile(latencies, 0.50) * 1000,
            "p99_ms": percentile(latencies, 0.99) * 1000}


def in_process(graph, store, queries: list, repeats: int) -> dict:
    rdflib_times, oxigraph_times = {}, {}
    for name, q in queries:
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            kg.query(graph, q)
            samples.append(time.perf_counter() - started)
        rdflib_times[name] = statistics.median(samples)
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            query_store(store, q.text)
            samples.append(time.perf_counter() - started)
        oxigraph_times[name] = statistics.median(samples)
    return {"rdflib": rdflib_times, "oxigraph": oxigraph_times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=5, help="in-process runs per query")
    args = parser.parse_args()

    graph = kg.build([ROOT / "corpus"])
    queries = list(pack().items())
    with tempfile.TemporaryDirectory() as tmp:
        dataset = Path(tmp) / "kg.trig"
        kg.write_graph(graph, dataset, with_ontology=True)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--graph", str(dataset), "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(args.workers)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_until_up(f"{base}/health", server)
            except RuntimeError as exc:
                raise SystemExit(f"kg serve did not start: {exc}") from None
            served = load(base, queries, args.clients, args.requests, args.max_seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)
        store = load_store(dataset)
    local = in_process(graph, store, queries, args.repeats)

    rdflib_median = statistics.median(local["rdflib"].values())
    oxigraph_median = statistics.median(local["oxigraph"].values())
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    lines = [
        f"## kg serve under load ({time.strftime('%Y-%m-%d')})",
        "",
        f"Machine: {machine}. Graph: the seed corpus as TriG ({len(graph)} triples), {args.workers} workers. "
        "The clients run on the same 2 cores as the server, so these figures are a floor.",
        f"Command: `.venv/bin/python benchmarks/serve_load.py --clients {args.clients} --requests {args.requests}`.",
        "",
        "| clients | requests | errors | wall (s) | throughput (req/s) | p50 (ms) | p99 (ms) |",
        "|---|---|---|---|---|---|---|",
        f"| {args.clients} | {served['requests']} | {served['errors']} | {served['wall_s']:.1f} | "
        f"{served['throughput_rps']:.0f} | {served['p50_ms']:.1f} | {served['p99_ms']:.1f} |",
        "",
        f"The same {len(queries)} pack queries in-process, one at a time (median of {args.repeats} runs per query):",
        "",
        "| query | rdflib (ms) | pyoxigraph (ms) | ratio |",
        "|---|---|---|---|",
    ]
    for name, _ in queries:
        r, o = local["rdflib"][name] * 1000, local["oxigraph"][name] * 1000
        lines.append(f"| {name} | {r:.1f} | {o:.2f} | {r / o:.0f}x |")
    lines += [
        f"| **median** | {rdflib_median * 1000:.1f} | {oxigraph_median * 1000:.2f} | "
        f"{rdflib_median / oxigraph_median:.0f}x |",
        "",
        f"In-process rdflib answers the pack at about {1 / statistics.mean(local['rdflib'].values()):.0f} queries/s on one core; "
        f"the endpoint served {served['throughput_rps']:.0f} requests/s to {args.clients} clients.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "serve-load.md").write_text(report, encoding="utf-8")
    (out / "serve-load.json").write_text(json.dumps({"served": served, "in_process": local, "machine": machine},
                                                    indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
