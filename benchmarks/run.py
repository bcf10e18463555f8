"""Scale benchmarks: build time, triples, memory, store loading, query pack per store, start-up.

    .venv/bin/python benchmarks/run.py [--sizes 10 100 1000 10000] [--rdflib-up-to 1000]

For each size, synthetic articles (benchmarks/generate.py, fixed seed) are built
into an on-disk Oxigraph store with `kg build --store oxigraph:PATH` (a fresh
process, timed whole, peak memory by /usr/bin/time), and with the rdflib path
(`kg.build`) up to --rdflib-up-to articles. The query pack runs on both stores
side by side (each query 3 times; the median per query, then the median over
the pack). Results go to benchmarks/RESULTS.md.

The whole run takes about four minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
KG = [sys.executable, "-m", "kg"]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds and peak memory (MiB) of a command run in a fresh process, and its stderr."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", *command], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    wall, peak = result.stderr.strip().splitlines()[-1].split()
    return float(wall), int(peak) / 1024, result.stderr


def pack_medians(graph, queries) -> dict[str, float]:
    import kg

    medians = {}
    for name, q in queries.items():
        samples = []
        for _ in range(3):
            started = time.perf_counter()
            kg.query(graph, q)
            samples.append(time.perf_counter() - started)
            if samples[0] > 2:  # a slow query once is enough to know it is slow (keeps the run bounded)
                break
        medians[name] = statistics.median(samples)
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--rdflib-up-to", type=int, default=100,
                        help="rdflib takes seconds per query from 25,000 triples on: larger sizes skip it")
    args = parser.parse_args()

    import kg
    from benchmarks.generate import generate
    from kg.sparql import pack
    from kg.store import StoreGraph

    queries = pack()
    rows = []
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        for size in args.sizes:
            corpus = generate(size, work / f"corpus-{size}")
            store = work / f"store-{size}"
            shutil.rmtree(store.parent / ".kg-cache", ignore_errors=True)  # a cold build (that fills the cache)
            wall, peak, _ = timed([*KG, "build", str(corpus), "--store", f"oxigraph:{store}"])
            cached_wall2, _, _ = timed([*KG, "build", str(corpus), "--store", f"oxigraph:{store}"])
            graph = StoreGraph.open(store)
            triples = len(graph)
            quads = work / f"corpus-{size}.nq"
            timed([*KG, "build", str(corpus), "-o", str(quads), "--no-cache", "--with-ontology"])
            import pyoxigraph as ox

            started = time.perf_counter()
            ox.Store().bulk_load(path=str(quads), format=ox.RdfFormat.N_QUADS)
            load_memory = time.perf_counter() - started
            oxigraph = pack_medians(graph, queries)
            row = {"size": size, "triples": triples, "build": wall, "peak": peak, "rebuild": cached_wall2,
                   "load_memory": load_memory, "oxigraph": statistics.median(oxigraph.values())}
            if size <= args.rdflib_up_to:
                started = time.perf_counter()
                rdflib_graph = kg.build([corpus])
                row["rdflib_build"] = time.perf_counter() - started
                rdflib_times = pack_medians(rdflib_graph, queries)
                row["rdflib"] = statistics.median(rdflib_times.values())
                row["ratio"] = statistics.median(rdflib_times[q] / oxigraph[q] for q in queries)
                del rdflib_graph
            del graph
            rows.append(row)
            print(row, flush=True)
            shutil.rmtree(store, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    helps = []
    for _ in range(7):
        started = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "kg"), "--help"], capture_output=True, check=True)
        helps.append(time.perf_counter() - started)
    write(rows, statistics.median(helps), min(helps), max(helps))


def write(rows, help_median: float, help_min: float, help_max: float) -> None:
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, "
               f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, "
               f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    lines = [
        "# Benchmarks",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {machine}; the command: `.venv/bin/python benchmarks/run.py`.",
        "Synthetic corpora from `benchmarks/generate.py` (seed 7, `small` articles: a headline and a paragraph",
        "naming a province, a city, two firms and a data centre with three figures; about 245 triples each, most",
        "of them the evidence layer). Build: `kg build DIR --store oxigraph:PATH`, a fresh process",
        "timed whole (wall), with an empty cache; peak resident memory by /usr/bin/time; rebuild: the same again,",
        "nothing changed, so every article comes from the cache. Bulk load: the N-Quads of the corpus into an",
        "in-memory pyoxigraph store. Query pack: the 16 queries of `queries/`, each run 3 times (once when it",
        "takes over 2 s), the median per query, then the median over the pack, results converted to kg's",
        "QueryResult on both sides; the ratio is the median of the per-query ratios. The store holds every",
        "triple in its default graph (`kg build --store`, without `--named-graphs`).",
        "",
        "| articles | triples | build (s) | peak memory (MiB) | rebuild, nothing changed (s) | bulk load into memory (s) "
        "| rdflib build in process (s) | pack median, rdflib (ms) | pack median, Oxigraph on disk (ms) | rdflib / Oxigraph |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        rdflib = (f"{r['rdflib_build']:.1f} | {r['rdflib'] * 1000:.1f} | {r['oxigraph'] * 1000:.2f} | {r['ratio']:.0f}x"
                  if "rdflib" in r else f"not run | not run | {r['oxigraph'] * 1000:.2f} | –")
        lines.append(f"| {r['size']:,} | {r['triples']:,} | {r['build']:.1f} | {r['peak']:.0f} | {r['rebuild']:.1f} "
                     f"| {r['load_memory']:.1f} | {rdflib} |")
    lines += [
        "",
        f"`kg --help` start-up: median {help_median:.3f} s (min {help_min:.3f}, max {help_max:.3f}, 7 runs).",
        "",
    ]
    if RESULTS.exists():
        previous = RESULTS.read_text(encoding="utf-8")
        marker = "\n## "
        rest = previous[previous.index(marker):] if marker in previous else ""
    else:
        rest = ""
    RESULTS.write_text("\n".join(lines) + rest, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
