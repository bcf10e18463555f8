"""Writing the graph: the ontology merged in, atomic writes, clear errors (formats: test_formats.py)."""

from __future__ import annotations

import os

import pytest
from rdflib import Graph

import kg
from kg.cli import app
from kg.errors import OutputError
from kg.files import write_atomic

from .conftest import CORPUS, ROOT


def test_with_ontology_merges_the_ontology(tmp_path, runner):
    out = tmp_path / "kg.ttl"
    assert runner.invoke(app, ["build", "-o", str(out)]).exit_code == 0
    merged = Graph().parse(out)
    ontology_graph = Graph().parse(ROOT / "ontology" / "kg.ttl")
    data = kg.build([CORPUS], with_ontology=False)
    assert len(merged) == len(data) + len(ontology_graph)


def test_a_failed_build_leaves_the_earlier_output_intact(tmp_path, runner, make_corpus):
    out = tmp_path / "kg.ttl"
    assert runner.invoke(app, ["build", str(CORPUS), "-o", str(out)]).exit_code == 0
    good = out.read_bytes()
    broken = make_corpus(lambda data: data["relations"][0].update(object="atlantis"))
    result = runner.invoke(app, ["build", str(broken), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".kg-cache") == ["corpus", "kg.ttl"]


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "kg.ttl"
    out.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="kg.ttl: cannot write: No space left on device"):
        write_atomic(out, b"new content")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_outputs_get_the_permissions_of_an_ordinary_write_not_of_the_temporary_file(tmp_path):
    previous = os.umask(0o022)
    try:
        fresh = write_atomic(tmp_path / "kg.ttl", b"new")
        assert fresh.stat().st_mode & 0o777 == 0o644  # readable by others, as open() would have made it
        kept = tmp_path / "shared.ttl"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        write_atomic(kept, b"new")
        assert kept.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its mode
    finally:
        os.umask(previous)


def test_an_unwritable_output_is_a_one_line_error(tmp_path, runner):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["build", str(CORPUS), "-o", str(blocker / "kg.ttl")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {blocker / 'kg.ttl'}: cannot write")
    assert result.stderr.count("\n") == 1


def test_an_unknown_format_lists_the_valid_ones(runner, tmp_path):
    result = runner.invoke(app, ["build", str(CORPUS), "-o", str(tmp_path / "x"), "--format", "rdfa"])
    assert result.exit_code == 2
    assert "unknown format 'rdfa'; expected one of: turtle" in result.stderr


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld", "xml"])
def test_export_graph_is_what_kg_build_does_and_says_what_it_wrote(tmp_path, runner, fmt):
    from kg.export import export_graph, read_graph
    from kg.formats import RDF_FORMATS

    suffix = RDF_FORMATS[fmt].suffix
    written = export_graph(tmp_path / "lib" / f"kg{suffix}", paths=[CORPUS])
    assert runner.invoke(app, ["build", str(CORPUS), "-o", str(tmp_path / "cli" / f"kg{suffix}")]).exit_code == 0
    assert written.path.read_bytes() == (tmp_path / "cli" / f"kg{suffix}").read_bytes()
    assert written.format == fmt
    assert written.summary == kg.summarize(read_graph(written.path))  # counted from what was written
    assert written.describe().startswith(f"Wrote {written.path} ({fmt}): {written.summary.articles} article(s); ")
    assert written.summary.articles == written.articles == len(list(CORPUS.glob("*.annotations.json")))


def test_export_graph_converts_a_graph_file_and_counts_the_ontology_it_merged_in(tmp_path):
    from kg.export import export_graph, read_graph

    source = export_graph(tmp_path / "kg.nt", paths=[CORPUS])
    assert source.summary.triples == len(read_graph(source.path))
    converted = export_graph(tmp_path / "kg.ttl", graph_file=source.path)
    ontology_graph = Graph().parse(ROOT / "ontology" / "kg.ttl")
    assert converted.summary.triples == source.summary.triples + len(ontology_graph)
    assert converted.summary == kg.summarize(read_graph(converted.path))
