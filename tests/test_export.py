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


def test_an_unknown_format_lists_the_valid_ones(tmp_path):
    from .hostile import assert_user_error, run_kg

    proc = run_kg("build", CORPUS, "-o", tmp_path / "x", "--format", "rdfa")
    assert_user_error(proc, "'rdfa' is not one of turtle, ntriples, nquads, trig, jsonld, xml (or ttl, nt")
    assert not (tmp_path / "x").exists()


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

    source = export_graph(tmp_path / "kg.nt", paths=[CORPUS], with_ontology=False)  # the data alone
    assert source.summary.triples == len(read_graph(source.path))
    converted = export_graph(tmp_path / "kg.ttl", graph_file=source.path)
    ontology_graph = Graph().parse(ROOT / "ontology" / "kg.ttl")
    assert converted.summary.triples == source.summary.triples + len(ontology_graph)
    assert converted.summary == kg.summarize(read_graph(converted.path))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The corpus exported in every RDF format, with the default options and without the ontology:
    (format, with_ontology) -> the file written."""
    from kg.export import export_graph
    from kg.formats import RDF_FORMATS

    folder = tmp_path_factory.mktemp("formats")
    paths = {}
    for fmt, spec in RDF_FORMATS.items():
        for with_ontology in (None, False):
            name = f"kg{'' if with_ontology is None else '-data'}{spec.suffix}"
            options = {} if with_ontology is None else {"with_ontology": False}
            written = export_graph(folder / name, paths=[CORPUS], **options)
            assert written.format == fmt
            paths[fmt, with_ontology] = written.path
    return paths


@pytest.fixture(scope="module")
def every_format(exported):
    """Each exported file read back into one graph (a dataset: all its graphs merged)."""
    from kg.export import read_graph

    return {key: read_graph(path) for key, path in exported.items()}


@pytest.mark.parametrize("with_ontology", [None, False], ids=["default", "without-ontology"])
def test_every_format_holds_the_same_triples_for_the_same_options(every_format, with_ontology):
    from rdflib.compare import graph_diff, to_isomorphic

    from kg.formats import RDF_FORMATS

    assert sorted(fmt for fmt, option in every_format if option == with_ontology) == sorted(RDF_FORMATS)
    canonical = {fmt: to_isomorphic(g) for (fmt, option), g in every_format.items() if option == with_ontology}
    turtle = canonical["turtle"]
    for fmt, graph in canonical.items():
        if graph != turtle:
            _, only_turtle, only_fmt = graph_diff(turtle, graph)
            pytest.fail(f"{fmt} differs from turtle: only in turtle {sorted(only_turtle)[:3]}, only in {fmt} {sorted(only_fmt)[:3]}")


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "trig", "jsonld", "xml"])
def test_the_ontology_is_in_every_format_by_default(every_format, fmt):
    from kg.ontology import ontology
    from kg.vocab import ONTOLOGY_IRI
    from rdflib.namespace import OWL, RDF

    default, data = every_format[fmt, None], every_format[fmt, False]
    assert len(default) == len(data) + len(ontology().graph)
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in default and (ONTOLOGY_IRI, None, None) not in data


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_datasets_hold_the_ontology_in_the_default_graph(exported, fmt):
    from kg.export import read_dataset
    from kg.vocab import KG, ONTOLOGY_IRI
    from rdflib.namespace import OWL, RDF

    dataset = read_dataset(exported[fmt, None])
    default = dataset.default_graph
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in default and (KG.Firm, RDF.type, OWL.Class) in default
    named = [g for g in dataset.graphs() if g.identifier != default.identifier]
    assert named and all((ONTOLOGY_IRI, None, None) not in g and (KG.Firm, None, None) not in g for g in named)
