"""A workspace: `kg init`, kg.toml found from the current folder upwards, its defaults, its own queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import app
from kg.paths import SAMPLE_CORPUS
from kg.workspace import CONFIG_NAME, TEMPLATE, load, read_config

from .conftest import CORPUS, ROOT, SEED_ID


def test_kg_init_makes_a_workspace_with_the_sample_article_and_a_query_of_its_own(tmp_path, runner, monkeypatch):
    result = runner.invoke(app, ["init", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    ws = tmp_path / "ws"
    assert (ws / CONFIG_NAME).read_text(encoding="utf-8") == TEMPLATE
    assert sorted(p.name for p in (ws / "corpus").iterdir()) == [f"{SEED_ID}.annotations.json", f"{SEED_ID}.txt"]
    assert (ws / "corpus" / f"{SEED_ID}.txt").read_bytes() == (CORPUS / f"{SEED_ID}.txt").read_bytes()

    monkeypatch.chdir(ws / "corpus")  # a subfolder: the workspace is still found, its paths still its own
    assert runner.invoke(app, ["build"]).exit_code == 0
    assert (ws / "out" / "kg.ttl").is_file() and not (ws / "corpus" / "out").exists()
    listed = runner.invoke(app, ["query", "--list"])
    assert "firms_and_regions" in listed.output and "firms_settled_in_qinghai" in listed.output
    answer = runner.invoke(app, ["query", "firms_and_regions", "-f", "csv"])
    assert answer.exit_code == 0
    assert "青海省" in answer.output  # the sample article's firms settled in Qinghai


def test_the_sample_article_kg_ships_is_the_seed_article():
    for name in (f"{SEED_ID}.txt", f"{SEED_ID}.annotations.json"):
        assert (SAMPLE_CORPUS / name).read_bytes() == (CORPUS / name).read_bytes()


def test_kg_init_never_overwrites_a_workspace(tmp_path, runner):
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    (tmp_path / CONFIG_NAME).write_text("# mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "already a workspace" in result.output and "Traceback" not in result.output
    assert (tmp_path / CONFIG_NAME).read_text(encoding="utf-8") == "# mine\n"


def test_kg_init_on_a_file_is_a_one_line_error(tmp_path, runner):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "f")])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "not a folder" in result.output


def test_the_settings_of_kg_toml_are_the_defaults_of_every_command(tmp_path, runner, monkeypatch):
    (tmp_path / "articles").mkdir()
    for name in (f"{SEED_ID}.txt", f"{SEED_ID}.annotations.json"):
        (tmp_path / "articles" / name).write_bytes((CORPUS / name).read_bytes())
    (tmp_path / CONFIG_NAME).write_text('[kg]\ncorpus = "articles"\noutput = "build"\n\n[serve]\nport = 8123\n',
                                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ws = load()
    assert (ws.corpus, ws.output, ws.port, ws.host) == (Path("articles"), Path("build/kg.ttl"), 8123, "127.0.0.1")
    assert runner.invoke(app, ["build"]).exit_code == 0
    assert (tmp_path / "build" / "kg.ttl").is_file()
    assert runner.invoke(app, ["page"]).exit_code == 0
    assert (tmp_path / "build" / "kg.html").is_file()
    assert runner.invoke(app, ["export", "-f", "nt"]).exit_code == 0
    assert (tmp_path / "build" / "kg.nt").is_file()


@pytest.mark.parametrize("text, message", [
    ("[kg\ncorpus = 1", "not valid TOML"),
    ('[kg]\ncorpsu = "x"\n', "unknown setting [kg] corpsu"),
    ("[serve]\nport = \"80\"\n", "[serve] port must be a int"),
    ("[serve]\nport = 70000\n", "port number"),
    ('kg = "x"\n', "'kg' is not a table"),
])
def test_a_wrong_kg_toml_is_a_one_line_error_naming_the_file(tmp_path, runner, monkeypatch, text, message):
    (tmp_path / CONFIG_NAME).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2, result.output
    assert message in result.output and str(tmp_path / CONFIG_NAME) in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_outside_any_workspace_kg_builds_the_sample_article(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no kg.toml above /tmp, no corpus/ here
    ws = load()
    assert ws.config is None and ws.corpus == SAMPLE_CORPUS
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0
    assert "1 article(s)" in result.output and (tmp_path / "out" / "kg.ttl").is_file()


def test_a_query_of_the_workspace_replaces_the_pack_query_of_the_same_name(tmp_path, runner, monkeypatch):
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "firms_settled_in_qinghai.rq").write_text(
        "# en: mine\nASK { ?s ?p ?o }\n", encoding="utf-8")
    (tmp_path / CONFIG_NAME).write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from kg.sparql import find_query, pack

    assert pack()["firms_settled_in_qinghai"].question == {"en": "mine"}
    assert find_query("firms_settled_in_qinghai").text.startswith("# en: mine")
    assert runner.invoke(app, ["build", str(SAMPLE_CORPUS), "-o", "g.ttl"]).exit_code == 0
    result = runner.invoke(app, ["query", "firms_settled_in_qinghai", "--graph", "g.ttl", "-f", "csv"])
    assert result.output.startswith("boolean\ntrue\n")


def test_the_repository_is_a_workspace_of_its_own(monkeypatch):
    from kg.workspace import SETTINGS

    assert read_config(ROOT / CONFIG_NAME) == {key: default for key, (_, default) in SETTINGS.items()}
    monkeypatch.chdir(ROOT)
    ws = load()
    assert (ws.root, ws.corpus, ws.output, ws.queries) == (ROOT, Path("corpus"), Path("out/kg.ttl"), None)


NAMES = """@prefix kg: <https://w3id.org/qhkg/def#> .
@prefix kgr: <https://w3id.org/qhkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def test_names_of_the_workspace_resolve_mentions_to_one_entity_and_renew_the_cache(tmp_path, runner, monkeypatch):
    from kg.resolve import canonical_id, reload_names

    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    monkeypatch.chdir(tmp_path)
    assert canonical_id("plateau-province", "Province", ["高原之省"]) == "plateau-province"
    assert runner.invoke(app, ["build"]).exit_code == 0
    (tmp_path / "names" / "mine.ttl").write_text(
        NAMES + 'kgr:qinghai a kg:Province ; rdfs:label "青海省"@zh, "Qinghai Province"@en ; '
        'skos:altLabel "高原之省"@zh .\n', encoding="utf-8")
    reload_names()  # a process looks for names files once
    assert canonical_id("plateau-province", "Province", ["高原之省"]) == "qinghai"
    again = runner.invoke(app, ["build"])
    assert again.exit_code == 0 and "unchanged since the last build" not in again.output  # the names shape the build


def test_a_names_file_that_is_not_an_entity_table_is_a_one_line_error(tmp_path, runner, monkeypatch):
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    (tmp_path / "names" / "bad.ttl").write_text(NAMES + 'kgr:x a kg:Province ; rdfs:label "X"@en .\n',
                                                encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "bad.ttl" in result.output and "@zh" in result.output
