"""Shared fixtures: the real seed article, its annotations, and the graph built from them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
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
    """The OWL-RL closure of the seed graph and the ontology (a few seconds: computed once)."""
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
