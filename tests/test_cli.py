"""The command line: help, version, the annotator's helper, and a fast start."""

from __future__ import annotations

import json
import subprocess
import sys

import kg
from kg import __version__
from kg.cli import app

from .conftest import ROOT, SEED_ARTICLE


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"kg {__version__}"


def test_build_help_explains_the_options(runner):
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    for option in ("--output", "-o", "--format", "--with-ontology"):
        assert option in result.stdout


def test_build_writes_the_requested_file_and_reports_on_stderr(runner, tmp_path):
    out = tmp_path / "sub" / "graph.ttl"
    result = runner.invoke(app, ["build", "-o", str(out)])
    assert result.exit_code == 0
    assert out.is_file() and result.stdout == ""
    assert result.stderr == f"Wrote {out} (turtle): {kg.summarize(kg.build(with_ontology=True)).describe()}\n"


def test_article_find_gives_the_offsets_an_annotation_uses(runner, seed):
    result = runner.invoke(app, ["article", str(SEED_ARTICLE), "--find", "三江源国家大数据基地", "--json"])
    assert result.exit_code == 0
    found = {(row["start"], row["end"]) for row in json.loads(result.stdout)}
    base = next(e for e in seed.annotations.entities if e.id == "sanjiangyuan-big-data-base")
    assert found == {(m.start, m.end) for m in base.mentions}


def test_article_sentences_list_offsets_into_the_clean_text(runner, article):
    result = runner.invoke(app, ["article", str(SEED_ARTICLE), "--sentences"])
    assert result.exit_code == 0
    for line in result.stdout.splitlines():
        start, end, text = line.split("\t")
        assert article.text[int(start) : int(end)] == text


def test_python_dash_m_kg_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "build" in result.stdout


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys; from kg.cli import app; from typer.testing import CliRunner; "
        "CliRunner().invoke(app, ['--help']); "
        "print(' '.join(m for m in ('rdflib', 'pydantic', 'spacy', 'pyvis', 'networkx', 'pyshacl', 'owlrl', 'pandas') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == ""
