"""Shared fixtures: the real seed article, its annotations, and the graph built from them."""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from typer.testing import CliRunner

import kg
from kg.annotations import AnnotatedArticle, dump_json, load_annotated
from kg.article import Article, load_article

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_ID = "000_fcbe63b8009f4bc7"
SEED_ARTICLE = CORPUS / f"{SEED_ID}.txt"
SEED_ANNOTATIONS = CORPUS / f"{SEED_ID}.annotations.json"


@pytest.fixture(scope="session")
def article() -> Article:
    return load_article(SEED_ARTICLE)


@pytest.fixture(scope="session")
def seed() -> AnnotatedArticle:
    return load_annotated(SEED_ANNOTATIONS)


@pytest.fixture(scope="session")
def graph() -> Graph:
    """The data graph of the seed article (no ontology triples)."""
    return kg.build([SEED_ANNOTATIONS], with_ontology=False)


@pytest.fixture(scope="session")
def full_graph() -> Graph:
    """The seed article's graph with the ontology merged in, as `kg build` writes it."""
    return kg.build([SEED_ANNOTATIONS])


@pytest.fixture(scope="session")
def inferred(full_graph) -> Graph:
    """The OWL-RL closure of the seed graph and the ontology (about a second: computed once)."""
    return kg.infer(full_graph)


@pytest.fixture(scope="session")
def seed_data() -> dict[str, Any]:
    return json.loads(SEED_ANNOTATIONS.read_text(encoding="utf-8"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def make_corpus(tmp_path: Path, seed_data: dict[str, Any]) -> Callable[..., Path]:
    """A copy of the seed corpus in tmp_path, its annotation data changed by ``mutate``."""

    def make(mutate: Callable[[dict[str, Any]], Any] | None = None, name: str = "corpus",
             article_id: str = SEED_ID) -> Path:
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        shutil.copy(SEED_ARTICLE, folder / f"{article_id}.txt")
        data = json.loads(json.dumps(seed_data))
        data["article"].update(id=article_id, file=f"{article_id}.txt")
        if mutate is not None:
            mutate(data)
        path = folder / f"{article_id}.annotations.json"
        path.write_text(dump_json(data), encoding="utf-8")
        return path

    return make


@pytest.fixture(scope="module")
def seed_ttl(tmp_path_factory) -> Path:
    """The seed article's graph in Turtle, built by the real command."""
    from tests.hostile import run_kg, stderr_text

    path = tmp_path_factory.mktemp("seed") / "seed.ttl"
    proc = run_kg("build", SEED_ANNOTATIONS, "-o", path, "--no-cache")
    assert proc.returncode == 0, stderr_text(proc)
    return path


def _oxigraph_binary() -> str:
    path = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(path).exists():
        pytest.fail("the oxigraph server binary is missing: pip install oxigraph (a test extra)")
    return path


@pytest.fixture(scope="module")
def oxigraph_server():
    """A real `oxigraph serve` on a free port (in memory), its base URL."""
    base = f"http://127.0.0.1:{free_port()}"
    with serving([_oxigraph_binary(), "serve", "--bind", base.removeprefix("http://"), "--union-default-graph"],
                 base, "/query?query=ASK%7B%7D", timeout=30):
        yield base


def run_under_two_hash_seeds(script: str, tmp_path: Path) -> tuple[str, str]:
    """Run a Python script in two fresh processes with different hash seeds; each writes its files under the
    prefix it gets as sys.argv[1]. Returns the two prefixes, to compare what they wrote byte for byte."""
    import os
    import subprocess

    prefixes = (str(tmp_path / "1"), str(tmp_path / "2"))
    for seed, prefix in zip(("1", "2"), prefixes):
        subprocess.run([sys.executable, "-c", script, prefix], check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    return prefixes


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(command: list[str], base: str, health: str, *, timeout: float = 60, **popen: Any) -> Iterator[None]:
    """A server started for the test: up (``base + health`` answers) before the test runs, stopped after;
    a server that does not come up fails the test."""
    import subprocess

    from kg.serve import wait_until_up

    process = subprocess.Popen(command, stderr=subprocess.PIPE, **{"stdout": subprocess.DEVNULL, **popen})
    try:
        wait_until_up(base + health, process, timeout=timeout)
    except RuntimeError as exc:
        process.kill()
        pytest.fail(f"{command[0]} did not start: {exc}")
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)

