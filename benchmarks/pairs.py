"""Side-by-side benchmarks: kg against the engine it runs on (pyoxigraph, Oxigraph's own server).

    make bench
    .venv/bin/python benchmarks/pairs.py [--runs 7] [--rounds 3] [--requests 2000] [--clients 50]
                                         [--large] [--only query build endpoint infer validate] [--no-write]

Every pair runs in one process of this script, side by side: A (kg) and B (the engine
alone) alternate, A, B, A, B, ..., each a fresh process timed whole by wall clock, after
one untimed warm-up of each side. Reported: the median of each side, the ratio A/B of
the medians, and the range of the per-run ratios (run i of A over run i of B).

1. query: `kg query NAME --graph out/kg.ttl --format csv` against benchmarks/oxigraph_query.py
   (the Turtle into an in-memory pyoxigraph Store, the same query, CSV out), for a cheap query
   and a heavy one; the row counts must agree.
2. seed build: `kg build` of the seed article, without the cache, against parsing its output
   with pyoxigraph.
3. endpoint: `kg serve` against `oxigraph serve-read-only` on the same graph, loaded with
   `hey` (POSTed queries, the graph's prefixes prepended so both servers get the same text);
   one server at a time, alternating for --rounds rounds; requests/s and p99 latency.
4. `kg query --infer`: absolute, with the plain query beside it for context.
5. `kg validate`: absolute.
6. --large (minutes): one cold `kg build --store oxigraph:PATH` of 10,000 synthetic articles.

The graph is out/kg.ttl (`make run`). Results replace the section between
<!-- pairs:start --> and <!-- pairs:end --> of benchmarks/RESULTS.md (or go at the top),
and the raw samples go to benchmarks/results/pairs.json. Progress goes to stderr. The
exit status is non-zero only when the harness fails (a command fails, outputs disagree),
never because a target is missed. About two minutes on 2 cores without --large.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
RAW = ROOT / "benchmarks" / "results" / "pairs.json"
START, END = "<!-- pairs:start -->", "<!-- pairs:end -->"

KG, PYTHON, OXIGRAPH = ".venv/bin/kg", ".venv/bin/python", ".venv/bin/oxigraph"
GRAPH = "out/kg.ttl"
SEED = "corpus/000_fcbe63b8009f4bc7.txt"  # its annotation file sits beside it; kg build finds it
CHEAP, HEAVY = "firms_settled_in_qinghai", "provenance_of_a_fact"
# The endpoint's heavy query. Measured with hey -n 500 -c 50 (req/s, kg serve / Oxigraph): firms_settled_in_qinghai
# 810 / 3040, computing_power_by_facility 680 / 780, figures_with_evidence 320 / 160, provenance_of_a_fact
# 117 / 26; facilities_subgraph is a CONSTRUCT, with no CSV. provenance_of_a_fact would take over a minute per
# run of 2,000 requests on Oxigraph, so figures_with_evidence: visibly heavier on both, and the whole bench fits
# in five minutes.
SERVE_HEAVY = "figures_with_evidence"
LARGE_ARTICLES = 10_000
LARGE_BASELINE_S = 56.1  # the 10,000-article build in RESULTS.md (2026-11-25); the target is 2x faster
SERVER_START_S = 180
COUNT_TRIPLES = ("import sys, pyoxigraph; "
                 "print(sum(1 for _ in pyoxigraph.parse(path=sys.argv[1], format=pyoxigraph.RdfFormat.TURTLE)))")


class HarnessError(Exception):
    """The benchmark itself failed: a command failed, a server never answered, outputs disagree."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the report ---------------------------------------------------------------------------------


@dataclass
class Target:
    pair: str
    value: str
    target: str
    met: bool | None  # None: not run


@dataclass
class Medians:
    pair: str
    kg: str
    engine: str
    runs: str
    errors: str = "–"


@dataclass
class Report:
    targets: list[Target] = field(default_factory=list)
    medians: list[Medians] = field(default_factory=list)
    commands: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)


def ratio_text(a: list[float], b: list[float]) -> tuple[float, str]:
    """The ratio of the medians, and its text with the range of the per-run ratios."""
    ratio = statistics.median(a) / statistics.median(b)
    per_run = [x / y for x, y in zip(a, b)]
    return ratio, f"{ratio:.2f}x ({min(per_run):.2f}–{max(per_run):.2f})"


def seconds(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s"


# --- timing fresh processes ---------------------------------------------------------------------


def run(command: list[str], timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a command from the project root; a failure is a harness error."""
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise HarnessError(f"{shlex.join(command)}: {error}") from error
    if result.returncode != 0:
        tail = "\n".join(result.stderr.decode(errors="replace").strip().splitlines()[-15:])
        raise HarnessError(f"{shlex.join(command)} exited {result.returncode}:\n{tail}")
    return result


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    run(command)
    return time.perf_counter() - started


def alternate(name: str, a: list[str], b: list[str], runs: int) -> tuple[list[float], list[float]]:
    """A and B alternately, `runs` times each (the warm-ups are the caller's)."""
    a_times, b_times = [], []
    for i in range(runs):
        a_times.append(timed(a))
        b_times.append(timed(b))
        log(f"  {name} {i + 1}/{runs}: A {a_times[-1]:.3f} s, B {b_times[-1]:.3f} s")
    return a_times, b_times


def csv_rows(output: bytes) -> int:
    return len(list(csv.reader(io.StringIO(output.decode("utf-8"))))) - 1


def kg_rows(result: subprocess.CompletedProcess) -> int:
    """The row count kg reports on stderr ("N row(s)"), else the rows of its CSV."""
    found = re.search(rb"(\d+) rows?\b", result.stderr)
    return int(found.group(1)) if found else csv_rows(result.stdout)


# --- the pairs ----------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        self.args, self.tmp, self.report = args, tmp, Report()

    def show(self, command: list[str]) -> str:
        """A command as the report prints it: the temporary folder as TMP."""
        return shlex.join(command).replace(str(self.tmp), "TMP")

    def query_pair(self, query: str, label: str) -> list[float]:
        a = [KG, "query", query, "--graph", GRAPH, "--format", "csv"]
        b = [PYTHON, "benchmarks/oxigraph_query.py", GRAPH, f"queries/{query}.rq"]
        log(f"{label}: {query}")
        kg_count, engine_count = kg_rows(run(a)), csv_rows(run(b).stdout)
        if kg_count != engine_count:
            raise HarnessError(f"{query}: kg returns {kg_count} rows, the engine {engine_count}")
        a_times, b_times = alternate(label, a, b, self.args.runs)
        ratio, text = ratio_text(a_times, b_times)
        pair = f"{label} ({query}, {kg_count} rows)"
        self.report.targets.append(Target(pair, text, "≤ 2x", ratio <= 2))
        self.report.medians.append(Medians(pair, seconds(a_times), seconds(b_times), str(self.args.runs)))
        self.report.commands.append((label, f"A `{self.show(a)}`; B `{self.show(b)}`"))
        self.report.raw[label] = {"query": query, "rows": kg_count, "kg_s": a_times, "engine_s": b_times}
        return a_times

    def seed_build(self) -> None:
        output = self.tmp / "seed.ttl"
        a = [KG, "build", SEED, "--no-cache", "-o", str(output)]
        b = [PYTHON, "-c", COUNT_TRIPLES, str(output)]
        log("seed build")
        run(a)
        triples = int(run(b).stdout)
        a_times, b_times = alternate("seed build", a, b, self.args.runs)
        ratio, text = ratio_text(a_times, b_times)
        pair = f"seed build ({triples:,} triples)"
        self.report.targets.append(Target(pair, text, "≤ 3x", ratio <= 3))
        self.report.medians.append(Medians(pair, seconds(a_times), seconds(b_times), str(self.args.runs)))
        self.report.commands.append(("seed build", f"A `{self.show(a)}`; B `{self.show(b)}`"))
        self.report.raw["seed build"] = {"triples": triples, "kg_s": a_times, "engine_s": b_times}

    def infer(self) -> None:
        plain = [KG, "query", CHEAP, "--graph", GRAPH, "--format", "csv"]
        inferred = [*plain, "--infer"]
        log("query with inference")
        run(inferred), run(plain)
        a_times, b_times = alternate("infer", inferred, plain, self.args.runs)
        median = statistics.median(a_times)
        ratio, _ = ratio_text(a_times, b_times)
        pair = f"query with inference ({CHEAP} --infer)"
        self.report.targets.append(Target(pair, f"{median:.3f} s absolute ({ratio:.2f}x the plain query)", "≤ 2 s",
                                          median <= 2))
        self.report.medians.append(Medians(pair, seconds(a_times), f"{seconds(b_times)} (plain kg query)",
                                           str(self.args.runs)))
        self.report.commands.append(("query with inference", f"A `{self.show(inferred)}`; B `{self.show(plain)}`"))
        self.report.raw["infer"] = {"kg_s": a_times, "plain_kg_s": b_times}

    def validate(self) -> None:
        command = [KG, "validate", GRAPH]
        log("validate")
        run(command)
        samples = []
        for i in range(self.args.runs):
            samples.append(timed(command))
            log(f"  validate {i + 1}/{self.args.runs}: {samples[-1]:.3f} s")
        median = statistics.median(samples)
        self.report.targets.append(Target("validate", f"{median:.3f} s absolute", "≤ 1 s", median <= 1))
        self.report.medians.append(Medians("validate", seconds(samples), "–", str(self.args.runs)))
        self.report.commands.append(("validate", f"`{self.show(command)}`"))
        self.report.raw["validate"] = {"kg_s": samples}

    def large_build(self) -> None:
        pair = f"build of {LARGE_ARTICLES:,} articles, empty cache"
        target = f"≤ {LARGE_BASELINE_S / 2:.2f} s (2x faster than {LARGE_BASELINE_S} s)"
        if not self.args.large:
            self.report.targets.append(Target(pair, "not run (--large)", target, None))
            return
        corpus, store = self.tmp / "large" / "corpus", self.tmp / "large" / "store"
        generate = [PYTHON, "benchmarks/generate.py", str(LARGE_ARTICLES), str(corpus)]
        build = [KG, "build", str(corpus), "--store", f"oxigraph:{store}"]
        log(f"large build: generating {LARGE_ARTICLES:,} articles")
        run(generate)
        log("large build: building (one run, the cache beside the store is empty)")
        wall = timed(build)
        log(f"  large build: {wall:.1f} s")
        self.report.targets.append(Target(pair, f"{wall:.1f} s absolute", target, wall <= LARGE_BASELINE_S / 2))
        self.report.medians.append(Medians(pair, f"{wall:.1f} s", "–", "1"))
        self.report.commands.append(("large build", f"`{self.show(generate)}`, then `{self.show(build)}`"))
        self.report.raw["large build"] = {"articles": LARGE_ARTICLES, "kg_s": wall}

    # --- the endpoint pair ----------------------------------------------------------------------

    def endpoint(self) -> None:
        missing = [tool for tool, path in (("hey", shutil.which("hey")), ("oxigraph", ROOT / OXIGRAPH))
                   if not path or not Path(path).exists()]
        queries = {"cheap": CHEAP, "heavy": SERVE_HEAVY}
        if missing:
            log(f"endpoint: not run: {' and '.join(missing)} missing")
            for kind, query in queries.items():
                for metric, target in (("requests/s", "≥ 0.8x"), ("p99 latency", "≤ 1.5x")):
                    self.report.targets.append(Target(f"endpoint, {kind} query ({query}): {metric}",
                                                      f"not run: {' and '.join(missing)} missing", target, None))
            return
        bodies = {kind: self.prefixed_query(query) for kind, query in queries.items()}
        store = self.tmp / "oxstore"
        load = [OXIGRAPH, "load", "--location", str(store), "--file", GRAPH]
        log("endpoint: loading the graph into an Oxigraph store")
        run(load)
        servers = {"kg": self.kg_server, "oxigraph": lambda port: self.oxigraph_server(store, port)}
        samples: dict[str, dict[str, list[dict]]] = {side: {kind: [] for kind in queries} for side in servers}
        rows: dict[str, dict[str, int]] = {}
        warm_up = max(self.args.clients, self.args.requests // 10)
        for round_ in range(1, self.args.rounds + 1):
            for side, server in servers.items():
                port = free_port()
                command, url = server(port)
                log(f"endpoint round {round_}/{self.args.rounds}: {side} on port {port}")
                with serving(command, url, bodies["cheap"], self.tmp / f"{side}.log"):
                    rows[side] = {kind: csv_rows(post(url, body.read_bytes())) for kind, body in bodies.items()}
                    for kind, body in bodies.items():
                        hey(url, body, requests=warm_up, clients=self.args.clients)
                        result = hey(url, body, requests=self.args.requests, clients=self.args.clients)
                        samples[side][kind].append(result)
                        log(f"  {side} {kind}: {result['rps']:.0f} req/s, p99 {fmt_ms(result['p99'])}, "
                            f"errors {result['errors']}")
        for kind, query in queries.items():
            if rows["kg"][kind] != rows["oxigraph"][kind]:
                raise HarnessError(f"endpoint, {query}: kg serve returns {rows['kg'][kind]} rows, "
                                   f"Oxigraph {rows['oxigraph'][kind]}")
            self.endpoint_rows(kind, query, rows["kg"][kind], samples["kg"][kind], samples["oxigraph"][kind])
        kg_command, _ = self.kg_server("PORT")
        ox_command, _ = self.oxigraph_server(store, "PORT")
        hey_command = ["hey", "-n", str(self.args.requests), "-c", str(self.args.clients), "-m", "POST",
                       "-T", "application/sparql-query", "-A", "text/csv", "-D", "TMP/QUERY.rq", "URL"]
        self.report.commands.append(("endpoint", (
            f"A `{self.show(kg_command)}` (URL http://127.0.0.1:PORT/sparql); B `{self.show(load)}` once, then "
            f"`{self.show(ox_command)}` (URL http://127.0.0.1:PORT/query); load: `{shlex.join(hey_command)}` "
            f"after an untimed `hey -n {warm_up}` of the same; QUERY.rq is queries/{CHEAP}.rq or "
            f"queries/{SERVE_HEAVY}.rq with the `@prefix` lines of {GRAPH} it does not declare prepended as PREFIX lines")))
        self.report.raw["endpoint"] = {"queries": queries, "rows": rows["kg"], "samples": samples}

    def endpoint_rows(self, kind: str, query: str, rows: int, kg: list[dict], ox: list[dict]) -> None:
        rps_ratio, rps_text = ratio_text([r["rps"] for r in kg], [r["rps"] for r in ox])
        p99_ratio, p99_text = ratio_text([r["p99"] for r in kg], [r["p99"] for r in ox])
        kg_errors, ox_errors = sum(r["errors"] for r in kg), sum(r["errors"] for r in ox)
        clean = kg_errors == 0 and ox_errors == 0
        pair = f"endpoint, {kind} query ({query}, {rows} rows)"
        self.report.targets.append(Target(f"{pair}: requests/s", rps_text, "≥ 0.8x", clean and rps_ratio >= 0.8))
        self.report.targets.append(Target(f"{pair}: p99 latency", p99_text, "≤ 1.5x", clean and p99_ratio <= 1.5))
        runs = f"{plural(len(kg), 'round')} × {self.args.requests} requests, {self.args.clients} clients"
        errors = f"{kg_errors} / {ox_errors}"
        self.report.medians.append(Medians(f"{pair}: requests/s", f"{statistics.median(r['rps'] for r in kg):.0f}",
                                           f"{statistics.median(r['rps'] for r in ox):.0f}", runs, errors))
        self.report.medians.append(Medians(f"{pair}: p99 latency", fmt_ms(statistics.median(r["p99"] for r in kg)),
                                           fmt_ms(statistics.median(r["p99"] for r in ox)), runs, errors))
        if not clean:
            self.report.notes.append(f"The endpoint with the {kind} query had errors (kg / Oxigraph: {errors}, "
                                     f"non-200 responses and failed requests); its targets count as not met.")

    def kg_server(self, port: int | str) -> tuple[list[str], str]:
        return [KG, "serve", "--graph", GRAPH, "--port", str(port)], f"http://127.0.0.1:{port}/sparql"

    def oxigraph_server(self, store: Path, port: int | str) -> tuple[list[str], str]:
        command = [OXIGRAPH, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"]
        return command, f"http://127.0.0.1:{port}/query"

    def prefixed_query(self, query: str) -> Path:
        """The pack query with the graph's prefixes it does not declare prepended, as a file to POST."""
        text = (ROOT / "queries" / f"{query}.rq").read_text(encoding="utf-8")
        declared = set(re.findall(r"^\s*PREFIX\s+([\w-]*):", text, re.MULTILINE | re.IGNORECASE))
        lines = [f"PREFIX {name}: <{iri}>" for name, iri in graph_prefixes().items() if name not in declared]
        path = self.tmp / f"{query}.rq"
        path.write_text("\n".join([*lines, text]), encoding="utf-8")
        return path


# --- servers and hey ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graph_prefixes() -> dict[str, str]:
    with open(ROOT / GRAPH, encoding="utf-8") as f:
        head = f.read(100_000)
    return dict(re.findall(r"^@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.", head, re.MULTILINE))


def post(url: str, body: bytes, timeout: float = 30) -> bytes:
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


@contextmanager
def serving(command: list[str], url: str, probe: Path, log_path: Path) -> Iterator[None]:
    """Start a server in its own process group, wait until it answers the probe query, kill it after."""
    with open(log_path, "wb") as server_log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=server_log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            wait_until_answers(process, url, probe.read_bytes(), log_path)
            yield
        finally:
            stop(process)


def wait_until_answers(process: subprocess.Popen, url: str, body: bytes, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = "\n".join(log_path.read_text(errors="replace").strip().splitlines()[-15:])
            raise HarnessError(f"{shlex.join(process.args)} exited {process.returncode}:\n{tail}")
        try:
            post(url, body, timeout=10)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise HarnessError(f"{shlex.join(process.args)} did not answer {url} within {SERVER_START_S} s")


def stop(process: subprocess.Popen) -> None:
    """Terminate the server's whole process group (its workers too), then kill what is left."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            continue
        try:  # the leader is gone; make sure its workers are too
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        break


def hey(url: str, body: Path, requests: int, clients: int) -> dict:
    command = ["hey", "-n", str(requests), "-c", str(clients), "-m", "POST", "-T", "application/sparql-query",
               "-A", "text/csv", "-D", str(body), url]
    return parse_hey(run(command, timeout=900).stdout.decode(errors="replace"))


def parse_hey(text: str) -> dict:
    """Requests/s, the 99% latency (s), the status codes and the count of failed or non-200 requests."""
    rps = re.search(r"Requests/sec:\s*([\d.]+)", text)
    if not rps:
        raise HarnessError(f"cannot read hey's summary:\n{text[-2000:]}")
    p99 = re.search(r"99%+ in ([\d.]+) secs", text)
    statuses_part, _, errors_part = text.partition("Error distribution:")
    statuses = {int(code): int(n) for code, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", statuses_part)}
    failed = sum(int(n) for n in re.findall(r"^\s*\[(\d+)\]", errors_part, re.MULTILINE))
    non_200 = sum(n for code, n in statuses.items() if code != 200)
    return {"rps": float(rps.group(1)), "p99": float(p99.group(1)) if p99 else float("nan"),
            "statuses": statuses, "errors": non_200 + failed}


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def fmt_ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


# --- RESULTS.md ---------------------------------------------------------------------------------


def machine() -> str:
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 ** 2:.1f} GiB"
    except OSError:
        pass
    return (f"{platform.machine()}, {os.cpu_count()} cores, {memory}, Python {platform.python_version()}, "
            f"{platform.platform()}, {datetime.datetime.now().isoformat(timespec='minutes')}")


def graph_triples() -> int:
    import pyoxigraph

    return sum(1 for _ in pyoxigraph.parse(path=str(ROOT / GRAPH), format=pyoxigraph.RdfFormat.TURTLE))


def section(report: Report, args: argparse.Namespace) -> str:
    today = datetime.date.today().isoformat()
    lines = [
        START,
        f"## kg against the engine ({today})",
        "",
        (f"Command: `make bench` (`{PYTHON} benchmarks/pairs.py --runs {args.runs} --rounds {args.rounds}"
         f"{' --large' if args.large else ''}`). Graph: `{GRAPH}` ({graph_triples():,} triples). Each pair side"
         " by side in one run: A (kg) and B (the engine alone) alternate, each a fresh process timed whole by wall"
         f" clock, {plural(args.runs, 'run')} each after one untimed warm-up of each side; the ratio is A/B of the medians,"
         " in brackets the range of the per-run ratios. The endpoint: one server at a time under `hey` (which runs"
         f" on the same cores), kg then Oxigraph, for {plural(args.rounds, 'round')}, each server started fresh and warmed"
         " up; requests/s and p99 are medians over the rounds."),
        "",
        "| pair | kg / engine | target | met |",
        "|---|---|---|---|",
    ]
    met = {True: "yes", False: "**no**", None: "–"}
    lines += [f"| {t.pair} | {t.value} | {t.target} | {met[t.met]} |" for t in report.targets]
    lines += ["", "| pair | kg median | engine median | runs | errors (kg / engine) |", "|---|---|---|---|---|"]
    lines += [f"| {m.pair} | {m.kg} | {m.engine} | {m.runs} | {m.errors} |" for m in report.medians]
    lines.append("")
    for note in report.notes:
        lines += [note, ""]
    lines += [f"Machine: {machine()}.", "", "Commands (TMP: a temporary folder):", ""]
    lines += [f"- {name}: {text}" for name, text in report.commands]
    lines += ["", END]
    return "\n".join(lines)


def replace_section(text: str, new: str) -> str:
    """Replace the marked section, or put it after the title (at the top when there is none)."""
    if START in text and END in text:
        before, _, rest = text.partition(START)
        _, _, after = rest.partition(END)
        return before + new + after
    title, _, rest = text.partition("\n")
    if title.startswith("# "):
        return f"{title}\n\n{new}\n\n{rest.lstrip()}"
    return f"# Benchmarks\n\n{new}\n\n{text}"


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o644)  # mkstemp makes it 0600
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- main ---------------------------------------------------------------------------------------

PAIRS = ("query", "build", "endpoint", "infer", "validate")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each side of a pair (default: 7)")
    parser.add_argument("--rounds", type=int, default=3, help="load rounds of each server (default: 3)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per hey run (default: 2000)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent hey clients (default: 50)")
    parser.add_argument("--large", action="store_true", help=f"also build {LARGE_ARTICLES:,} articles (minutes)")
    parser.add_argument("--only", nargs="+", choices=PAIRS, default=list(PAIRS), help="run only these pairs")
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing RESULTS.md")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.rounds < 1 or args.requests < args.clients or args.clients < 1:
        parser.error("--runs and --rounds must be at least 1, --requests at least --clients")
    return args


def benchmark(args: argparse.Namespace, tmp: Path) -> Report:
    bench = Bench(args, tmp)
    if "query" in args.only:
        bench.query_pair(CHEAP, "query, cheap")
        bench.query_pair(HEAVY, "query, heavy")
    if "build" in args.only:
        bench.seed_build()
    if "endpoint" in args.only:
        bench.endpoint()
    if "infer" in args.only:
        bench.infer()
    if "validate" in args.only:
        bench.validate()
    bench.large_build()
    return bench.report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the servers are stopped on the way out
    if not (ROOT / GRAPH).exists():
        log(f"pairs: {GRAPH} is missing: run `make run` (or `{KG} build corpus -o {GRAPH}`) first")
        return 2
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        report = benchmark(args, tmp)
    except HarnessError as error:
        log(f"pairs: {error}")
        return 1
    except KeyboardInterrupt:
        log("pairs: interrupted")
        return 130
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = section(report, args)
    if args.no_write:
        print(text)
    else:
        write_atomically(RESULTS, replace_section(RESULTS.read_text(encoding="utf-8"), text))
        write_atomically(RAW, json.dumps(report.raw, indent=2) + "\n")
        log(f"pairs: wrote {RESULTS.relative_to(ROOT)} and {RAW.relative_to(ROOT)}")
    log(f"pairs: done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
