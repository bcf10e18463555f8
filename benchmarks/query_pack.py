"""The query pack on the seed graph: each question, its median time in process, and `kg query NAME` whole.

    .venv/bin/python benchmarks/query_pack.py [--runs 20] [--cli-runs 5]

In process: the seed article's graph with the ontology (what `kg build
corpus/000_fcbe63b8009f4bc7.annotations.json` writes), each pack query run
--runs times through `kg.query` (rdflib, parse and evaluation included), the
median per query. On the command line: `kg query NAME --graph SEED.ttl` as a
fresh process, start-up, Turtle parsing and output included, timed
--cli-runs times, the median per query. Results go to
benchmarks/results/query-pack.md (and .json). About two minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "corpus" / "000_fcbe63b8009f4bc7.annotations.json"
OUT = ROOT / "benchmarks" / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="in-process runs per query")
    parser.add_argument("--cli-runs", type=int, default=5, help="`kg query NAME` processes per query")
    args = parser.parse_args()

    import kg
    from kg.sparql import pack

    graph = kg.build([SEED])
    queries = pack()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        seed_ttl = Path(tmp) / "seed.ttl"
        kg.write_graph(graph, seed_ttl)
        for name, q in sorted(queries.items()):
            kg.query(graph, q)  # warm-up run, not counted
            samples = []
            for _ in range(args.runs):
                started = time.perf_counter()
                result = kg.query(graph, q)
                samples.append(time.perf_counter() - started)
            cli = []
            command = [sys.executable, "-m", "kg", "query", name, "--graph", str(seed_ttl)]
            for _ in range(args.cli_runs):
                started = time.perf_counter()
                subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                cli.append(time.perf_counter() - started)
            rows.append({
                "query": name, "question": q.question.get("en", ""),
                "kind": result.kind, "answers": len(result) if result.kind != "ASK" else int(result.boolean),
                "median_ms": statistics.median(samples) * 1000, "min_ms": min(samples) * 1000,
                "max_ms": max(samples) * 1000, "cli_median_s": statistics.median(cli),
            })
            print(f"{name}: {rows[-1]['median_ms']:.1f} ms in process, {rows[-1]['cli_median_s']:.2f} s kg query",
                  file=sys.stderr)

    machine = f"{platform.machine()}, 2 cores, Python {platform.python_version()}, {platform.system()}"
    lines = [
        f"## The query pack on the seed graph ({date.today().isoformat()})",
        "",
        f"Machine: {machine}. Graph: the seed article with the ontology, {len(graph):,} triples, rdflib in memory.",
        f"Command: `.venv/bin/python benchmarks/query_pack.py --runs {args.runs} --cli-runs {args.cli_runs}`. "
        f"In process: `kg.query(graph, NAME)`, median of {args.runs} runs. "
        f"Command line: `kg query NAME --graph seed.ttl` (CSV or Turtle to a pipe), a fresh process timed whole "
        f"(start-up, parsing the Turtle, the query, the output), median of {args.cli_runs}.",
        "",
        "| query | question | answers | in process, median (ms) | min–max (ms) | `kg query NAME` (s) |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(f"| {row['query']} | {row['question']} | {row['answers']} | {row['median_ms']:.1f} | "
                     f"{row['min_ms']:.1f}–{row['max_ms']:.1f} | {row['cli_median_s']:.2f} |")
    total = sum(row["median_ms"] for row in rows)
    lines += [
        f"| **whole pack** | | | {total:.0f} (sum) | | "
        f"{statistics.median(row['cli_median_s'] for row in rows):.2f} (median) |",
        "",
    ]
    OUT.mkdir(exist_ok=True)
    (OUT / "query-pack.md").write_text("\n".join(lines), encoding="utf-8")
    (OUT / "query-pack.json").write_text(json.dumps({"machine": machine, "triples": len(graph), "runs": args.runs,
                                                     "cli_runs": args.cli_runs, "queries": rows}, indent=2,
                                                    ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
