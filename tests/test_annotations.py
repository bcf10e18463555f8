"""Annotation files: the format, and a clear one-line error for every kind of mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from rdflib.compare import isomorphic

import kg
from kg.annotations import json_schema_text, load_annotated
from kg.cli import app
from kg.errors import AnnotationError, KgError

from .conftest import CORPUS, SEED_ARTICLE, SEED_ANNOTATIONS


def test_the_checked_in_json_schema_is_generated_from_the_models():
    assert (CORPUS / "annotations.schema.json").read_text(encoding="utf-8") == json_schema_text()


def test_the_seed_annotation_records_the_article_it_was_made_for(seed, article):
    assert seed.annotations.article.sha256 == article.sha256
    assert seed.article.text == article.text


def test_yaml_and_json_annotations_build_the_same_graph(tmp_path, seed_data, graph):
    folder = tmp_path / "yaml"
    folder.mkdir()
    (folder / SEED_ARTICLE.name).write_bytes(SEED_ARTICLE.read_bytes())
    path = folder / SEED_ANNOTATIONS.name.replace(".json", ".yaml")
    path.write_text(yaml.safe_dump(seed_data, allow_unicode=True), encoding="utf-8")
    assert isomorphic(kg.build([path], with_ontology=False), graph)


def _set(path: str, value):
    """A mutation that sets data[a][b]... = value, for a path like 'entities.3.type'."""

    def mutate(data):
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        for key in parents:
            data = data[key]
        data[last] = value

    return mutate


def _delete(path: str):
    def mutate(data):
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        for key in parents:
            data = data[key]
        del data[last]

    return mutate


def _duplicate_entity(data):
    data["entities"].append(dict(data["entities"][1]))


def _wrong_evidence_text(data):
    evidence = data["relations"][0]["evidence"]
    evidence["text"] = "错" * (evidence["end"] - evidence["start"])


BROKEN = {
    "unknown type": (
        _set("entities.4.type", "Provence"),
        "entities[4] ('hainan-prefecture'): unknown type 'Provence'; expected one of: AdministrativeRegion",
    ),
    "offsets out of range": (
        _set("entities.2.mentions.0", {"start": 99990, "end": 99992, "text": "西宁"}),
        "entities[2] ('xining'): mentions[0]: span 99990-99992 is outside the article",
    ),
    "evidence text does not match": (
        _wrong_evidence_text,
        "relations[0] (qinghai partOf china): evidence: text '错错错",
    ),
    "relation to an unknown id": (
        _set("relations.0.object", "atlantis"),
        "relations[0] (qinghai partOf atlantis): object: unknown entity id 'atlantis'",
    ),
    "duplicate id": (_duplicate_entity, "duplicate id 'china' (first at entities[1])"),
    "unknown predicate": (
        _set("relations.0.predicate", "bordersOn"),
        "relations[0] (qinghai bordersOn china): unknown predicate 'bordersOn'; expected one of:",
    ),
    "unknown measure": (
        _set("figures.0.measure", "rackCount"),
        "figures[0] ('qinghai-rack-capacity-2024'): unknown measure 'rackCount'",
    ),
    "unknown unit": (_set("figures.0.unit", "cabinets"), "unknown unit 'cabinets'"),
    "impossible date": (_set("figures.0.date", "2024-02-30"), "date: '2024-02-30' is not a real date"),
    "figure about an unknown entity": (_set("figures.1.subject", "tibet"), "subject: unknown entity id 'tibet'"),
    "attribute of the wrong kind": (
        _set("attributes.0.value", {"zh": "明天", "en": "tomorrow"}),
        "effectiveDate takes a date",
    ),
    "missing field": (_delete("entities.0.label"), "entities[0] ('qinghai').label: Field required"),
    "span length disagrees with its text": (
        _set("entities.1.mentions.0.end", 9999),
        "entities[1] ('china').mentions[0]: span 1126-9999 is 8873 characters but its text has 2",
    ),
    "unknown field": (_set("entities.0.colour", "red"), "entities[0] ('qinghai').colour: Extra inputs are not permitted"),
    "article file missing": (_set("article.file", "nope.txt"), "article.file:"),
    "article changed": (_set("article.sha256", "0" * 64), "has changed since it was annotated"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_annotation_file_is_one_line_naming_file_and_item(case, make_corpus, runner):
    mutate, expected = BROKEN[case]
    path = make_corpus(mutate)
    with pytest.raises(AnnotationError) as raised:
        load_annotated(path)
    assert str(path) in str(raised.value) and expected in str(raised.value)

    result = runner.invoke(app, ["build", str(path), "-o", str(path.parent / "kg.ttl")])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: ")
    assert expected in lines[0]
    assert "Traceback" not in result.output
    assert not (path.parent / "kg.ttl").exists()


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("bad.annotations.json", '{"format": "kg-annotations/1",\n  "entities": [}', "invalid JSON at line 2 column 16"),
        ("bad.annotations.yaml", "format: kg-annotations/1\nentities: [\n  - id: x\n bad: ]", "invalid YAML at line"),
        ("bad.annotations.json", "[1, 2]", "Input should be a valid dictionary"),
        ("bad.annotations.json", b"\xff\xfe{}", "not UTF-8 text"),
    ],
)
def test_unparseable_annotation_files(tmp_path, runner, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "kg.ttl")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f"{path}: {expected}" in result.stderr


@pytest.mark.parametrize(
    "arg, expected",
    [
        ("missing.annotations.json", "annotation file not found"),
        ("missing-folder", "no such file or folder"),
        ("lonely.txt", "no annotation file next to this article (expected lonely.annotations.json)"),
        ("empty-folder", "no annotation files (*.annotations.json) in this folder"),
    ],
)
def test_missing_inputs(tmp_path, runner, arg, expected):
    (tmp_path / "lonely.txt").write_text("正文。", encoding="utf-8")
    (tmp_path / "empty-folder").mkdir()
    result = runner.invoke(app, ["build", str(tmp_path / arg), "-o", str(tmp_path / "kg.ttl")])
    assert result.exit_code == 2
    assert expected in result.stderr and result.stderr.count("\n") == 1


def test_every_user_error_is_a_kg_error():
    assert issubclass(AnnotationError, KgError)
    assert issubclass(kg.ArticleError, KgError) and issubclass(kg.OutputError, KgError)


def test_the_same_id_in_two_articles_must_be_the_same_kind_of_thing(make_corpus):
    first = make_corpus()
    second = make_corpus(_set("entities.0.type", "Firm"), name="other", article_id="999_copy")
    with pytest.raises(AnnotationError, match=r"entities\[0\] \('qinghai'\): type Firm is not a kind of Region"):
        kg.build([first, second])


def test_an_article_id_may_appear_once(make_corpus):
    first = make_corpus()
    second = make_corpus(name="other")
    with pytest.raises(AnnotationError, match=r"article id '000_fcbe63b8009f4bc7' is annotated twice"):
        kg.build([first, second])


def test_several_problems_are_counted_in_the_one_line(make_corpus):
    def two_problems(data):
        data["entities"][0]["type"] = "Provence"
        data["relations"][0]["object"] = "atlantis"

    with pytest.raises(AnnotationError, match=r"unknown type 'Provence'.*\(and 1 more problems\)$"):
        load_annotated(make_corpus(two_problems))


def test_annotation_values_keep_their_decimals(seed):
    figure = next(f for f in seed.annotations.figures if f.id == "haixi-data-center-phase-1-site-area")
    assert str(figure.value) == "8.487"


def test_seed_annotation_file_is_valid_json_with_the_schema_reference():
    data = json.loads(Path(SEED_ANNOTATIONS).read_text(encoding="utf-8"))
    assert data["$schema"] == "annotations.schema.json"
    assert data["format"] == "kg-annotations/1"
