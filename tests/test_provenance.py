"""Machine-made facts stay marked in the graph (PROV-O, kg:confidence); curated ones are attributed to curators."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SDO, XSD

import kg
from kg.cli import app
from kg.corpus import build_corpus
from kg.errors import GraphError
from kg.validate import validate
from kg.vocab import ACTIVITY, AGENT, ARTICLE, FIGURE, KG, KGR, SPAN, STATEMENT

from .conftest import CORPUS, SEED_ANNOTATIONS, SEED_ID
from .hostile import assert_user_error, run_kg

EPOCH = "1796107800"  # 2026-12-01T06:50:00Z
RUN = {"agent": "kg annotate", "version": "0.1.0", "time": "2026-12-01T06:50:00Z"}
PUE = "sanjiangyuan-big-data-base-pue"


def facts(graph) -> set:
    """Entities, reified statements and figures: the nodes that can be reviewed or not."""
    types = set(kg.ontology.ontology().entity_types.values()) | {RDF.Statement, KG.Figure}
    return {s for s, o in graph.subject_objects(RDF.type) if o in types}


def unreviewed(graph) -> set:
    return {s for s in graph.subjects(PROV.wasGeneratedBy) if (s, RDF.type, KG.EvidenceSpan) not in graph}


def confidence(graph, node):
    value = graph.value(node, KG.confidence)
    assert value is None or value.datatype == XSD.decimal
    return None if value is None else Decimal(str(value))


# --- a hand-made mix: the seed with a few items made auto ------------------------------------------------


def _mix(data):
    """Alibaba, a relation, the PUE figure and a job title become auto; Qinghai gets its own curator."""
    data["generated_by"] = RUN
    entities = {e["id"]: e for e in data["entities"]}
    entities["alibaba"].update(source="auto", confidence=0.4)
    entities["qinghai"].update(curator="someone-else", reviewed="2026-12-02T09:00:00Z")
    relation = next(r for r in data["relations"] if r["predicate"] == "operatedBy")
    relation.update(source="auto", confidence=0.75)
    next(f for f in data["figures"] if f["id"] == PUE).update(source="auto", confidence=0.9)
    next(a for a in data["attributes"] if a["subject"] == "ran-yongming").update(source="auto")
    return data


@pytest.fixture
def mixed(make_corpus):
    return make_corpus(_mix)


@pytest.fixture
def mixed_graph(mixed):
    return kg.build([mixed], with_ontology=False)


def _operated_by(seed_data):
    relation = next(r for r in seed_data["relations"] if r["predicate"] == "operatedBy")
    return STATEMENT[f"{relation['subject']}--operatedBy--{relation['object']}"]


def _job_titles(graph):
    return set(graph.subjects(RDF.subject, KGR["ran-yongming"])) & set(graph.subjects(RDF.predicate, KG.jobTitle))


def test_auto_items_are_generated_by_their_run_with_their_confidence(mixed_graph, seed_data):
    g, run = mixed_graph, ACTIVITY[f"{SEED_ID}-annotate"]
    titles = _job_titles(g)
    assert len(titles) == 2  # zh and en
    expected = {KGR.alibaba: Decimal("0.4"), _operated_by(seed_data): Decimal("0.75"),
                FIGURE[f"{SEED_ID}-{PUE}"]: Decimal("0.9"), **{t: None for t in titles}}
    assert unreviewed(g) == set(expected)
    for node, value in expected.items():
        assert (node, PROV.wasGeneratedBy, run) in g
        assert confidence(g, node) == value, node
        assert (node, PROV.wasAttributedTo, None) not in g
    agent = AGENT["kg-annotate-0.1.0"]
    assert set(g.predicate_objects(run)) == {
        (RDF.type, PROV.Activity), (PROV.used, ARTICLE[SEED_ID]), (PROV.wasAssociatedWith, agent),
        (PROV.startedAtTime, Literal("2026-12-01T06:50:00Z", datatype=XSD.dateTime)),
    }
    assert set(g.predicate_objects(agent)) == {
        (RDF.type, PROV.SoftwareAgent), (RDFS.label, Literal("kg annotate")), (SDO.softwareVersion, Literal("0.1.0")),
    }


def test_curated_items_are_attributed_to_their_curator(mixed_graph):
    g = mixed_graph
    developers, someone = AGENT["kg-developers"], AGENT["someone-else"]
    for node in facts(g) - unreviewed(g):
        assert (node, KG.confidence, None) not in g
        expected = {someone} if node == KGR.qinghai else {developers}
        assert set(g.objects(node, PROV.wasAttributedTo)) == expected, node
    assert g.value(KGR.qinghai, KG.reviewedAt) == Literal("2026-12-02T09:00:00Z", datatype=XSD.dateTime)
    assert (developers, RDF.type, PROV.Agent) in g and (developers, RDFS.label, Literal("kg-developers")) in g


def test_a_file_without_curator_attributes_nothing_and_marks_nothing(make_corpus):
    g = kg.build([make_corpus(lambda d: d.pop("curator"))], with_ontology=False)
    assert (None, PROV.wasAttributedTo, None) not in g
    assert (None, PROV.wasGeneratedBy, None) not in g and (None, KG.confidence, None) not in g
    assert (None, RDF.type, PROV.Activity) not in g


def test_mentions_of_auto_entities_are_marked_and_curated_ones_are_not(mixed_graph, seed_data):
    g = mixed_graph
    alibaba = next(e for e in seed_data["entities"] if e["id"] == "alibaba")
    mention = alibaba["mentions"][0]
    span = SPAN[f"{SEED_ID}-{mention['start']}-{mention['end']}"]
    assert (KGR.alibaba, PROV.wasDerivedFrom, span) in g
    assert (span, PROV.wasGeneratedBy, ACTIVITY[f"{SEED_ID}-annotate"]) in g and confidence(g, span) == Decimal("0.4")
    qinghai = next(e for e in seed_data["entities"] if e["id"] == "qinghai")["mentions"][0]
    assert (SPAN[f"{SEED_ID}-{qinghai['start']}-{qinghai['end']}"], PROV.wasGeneratedBy, None) not in g
    assert not any((s, PROV.wasAttributedTo, None) in g for s in g.subjects(RDF.type, KG.EvidenceSpan))


# --- merging across articles ---------------------------------------------------------------------------


def _all_auto(value):
    def mutate(data):
        data.pop("curator")
        data["generated_by"] = RUN
        for section in ("entities", "relations", "figures", "attributes"):
            for item in data[section]:
                item.update(source="auto", confidence=value)
    return mutate


def test_a_fact_any_curated_item_asserts_is_reviewed(make_corpus):
    seed = make_corpus()
    copy = make_corpus(_all_auto(0.5), article_id="900_copy")
    g = kg.build([seed, copy], with_ontology=False)
    figures = set(g.subjects(RDF.type, KG.Figure))
    copied = {f for f in figures if str(f).startswith(str(FIGURE["900_copy-"]))}
    assert copied and unreviewed(g) == copied, "entities and statements are the seed's too: reviewed"
    assert {confidence(g, f) for f in copied} == {Decimal("0.5")}
    assert (SPAN["900_copy-707-746"], PROV.wasGeneratedBy, ACTIVITY["900_copy-annotate"]) in g
    assert (SPAN[f"{SEED_ID}-707-746"], PROV.wasGeneratedBy, None) not in g


def test_a_fact_only_auto_items_assert_keeps_each_run_and_the_highest_confidence(make_corpus):
    low = make_corpus(_all_auto(0.5), article_id="900_low")
    high = make_corpus(_all_auto(0.8), article_id="901_high")
    g = kg.build([low, high], with_ontology=False)
    shared = {n for n in facts(g) if (n, RDF.type, KG.Figure) not in g}
    assert shared and unreviewed(g) == facts(g)
    for node in shared:
        assert set(g.objects(node, PROV.wasGeneratedBy)) == {ACTIVITY["900_low-annotate"], ACTIVITY["901_high-annotate"]}
        assert confidence(g, node) == Decimal("0.8")


# --- leaving auto items out -----------------------------------------------------------------------------


def test_curated_only_leaves_out_auto_items_and_what_names_their_entities(mixed, seed_data):
    full = kg.build([mixed], with_ontology=False)
    g = kg.build([mixed], with_ontology=False, curated_only=True)
    assert (KGR.alibaba, None, None) not in g and (None, None, KGR.alibaba) not in g
    assert (KGR.alibaba, KG.settledIn, KGR.qinghai) in full  # a curated relation, but of an entity left out
    assert _operated_by(seed_data) not in set(g.subjects())
    assert (None, KG.hasFigure, FIGURE[f"{SEED_ID}-{PUE}"]) not in g
    assert _job_titles(g) == set() and (KGR["ran-yongming"], KG.jobTitle, None) not in g
    assert unreviewed(g) == set() and (None, RDF.type, PROV.Activity) not in g
    assert (KGR.qinghai, PROV.wasAttributedTo, AGENT["someone-else"]) in g
    assert validate(kg.build([mixed], curated_only=True)).conforms


@pytest.mark.parametrize("threshold, kept", [
    (0.0, {"relation", "figure"}),  # items with no confidence go even at 0
    (0.5, {"relation", "figure"}),
    (0.75, {"relation", "figure"}),
    (0.9, {"figure"}),
    (1.0, set()),
])
def test_min_confidence_keeps_auto_items_at_least_that_sure(mixed, seed_data, threshold, kept):
    g = kg.build([mixed], with_ontology=False, min_confidence=threshold)
    assert ((KGR.alibaba, RDF.type, KG.Firm) in g) is (threshold <= 0.4)
    assert (_operated_by(seed_data) in set(g.subjects())) is ("relation" in kept)
    assert ((None, KG.hasFigure, FIGURE[f"{SEED_ID}-{PUE}"]) in g) is ("figure" in kept)
    assert _job_titles(g) == set()


def test_a_bad_min_confidence_is_refused(mixed):
    for bad in (1.5, -0.1, float("nan")):
        with pytest.raises(GraphError, match="min_confidence must be a number from 0 to 1"):
            kg.build([mixed], min_confidence=bad)


@pytest.mark.parametrize("value", ["1.5", "-1", "nan", "high"])
def test_a_bad_min_confidence_on_the_command_line_is_one_line_and_exit_2(tmp_path, value):
    proc = run_kg("build", SEED_ANNOTATIONS, "-o", tmp_path / "x.ttl", "--min-confidence", value)
    assert_user_error(proc, "--min-confidence")
    assert not (tmp_path / "x.ttl").exists()


def test_the_cli_options_and_the_cache_that_keeps_them_apart(runner, mixed, tmp_path):
    out = tmp_path / "out" / "kg.nt"

    def build(*options):
        result = runner.invoke(app, ["build", str(mixed), "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        return kg.read_graph(out)

    everything = build()
    curated = build("--curated-only")
    assert (tmp_path / "out" / ".kg-cache").is_dir()
    sure = build("--min-confidence", "0.8")
    again = build()
    assert unreviewed(everything) and unreviewed(curated) == set()
    assert unreviewed(sure) == {FIGURE[f"{SEED_ID}-{PUE}"]}
    assert isomorphic(again, everything)


def test_the_corpus_build_agrees_with_the_library_and_is_deterministic(make_corpus, tmp_path):
    paths = [make_corpus(_mix), make_corpus(_all_auto(0.3), article_id="900_copy"),
             make_corpus(_all_auto(0.6), article_id="901_copy")]
    for options in ({}, {"curated_only": True}, {"min_confidence": 0.5}):
        fast = build_corpus(paths, jobs=1, **options).graph()
        assert isomorphic(fast, kg.build(paths, with_ontology=False, **options)), options
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    for target in (first, second):
        proc = run_kg("build", *paths, "-o", target, "--no-cache", "--without-ontology")  # its lists are blank nodes
        assert proc.returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"_:" not in first.read_bytes()


# --- the review list, validation ------------------------------------------------------------------------


def test_the_unreviewed_facts_query_lists_what_needs_review_least_sure_first(make_corpus, seed_data):
    g = kg.build([make_corpus(_mix)])
    rows = kg.query(g, "unreviewed_facts").rows()
    ran = next(e for e in seed_data["entities"] if e["id"] == "ran-yongming")["label"]["zh"]
    titles = [a for a in seed_data["attributes"] if a["subject"] == "ran-yongming"]
    relation = next(r for r in seed_data["relations"] if r["predicate"] == "operatedBy")
    figure = next(f for f in seed_data["figures"] if f["id"] == PUE)
    expected = [
        *sorted((("attribute", None, t["evidence"]["text"]) for t in titles for _ in "ze")),  # zh and en values
        ("entity", Decimal("0.4"), "阿里"),
        ("relation", Decimal("0.75"), relation["evidence"]["text"]),
        ("figure", Decimal("0.9"), figure["evidence"]["text"]),
    ]
    assert [(r["kind"], r["confidence"], r["evidence"]) for r in rows] == expected
    assert {r["article"] for r in rows} == {str(ARTICLE[SEED_ID])}
    alibaba = next(str(name) for name in g.objects(KGR.alibaba, RDFS.label) if name.language == "zh")
    assert rows[2]["label"] == alibaba and rows[0]["label"].startswith(f"{ran} 职务 ")
    assert kg.query(kg.build([make_corpus()]), "unreviewed_facts").rows() == []


def test_validate_warns_of_unreviewed_facts_without_failing(runner, make_corpus, tmp_path):
    graph = kg.build([make_corpus(_mix)])
    report = validate(graph)
    assert report.conforms and report.unreviewed == 5
    assert "Warning: 5 unreviewed facts (machine-made, source: auto); list them with kg query unreviewed_facts" \
        in report.text()
    path = tmp_path / "kg.ttl"
    kg.write_graph(graph, path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0 and "Warning: 5 unreviewed facts" in result.stdout
    assert json.loads(runner.invoke(app, ["validate", str(path), "--json"]).stdout)["unreviewed"] == 5
    assert "unreviewed" not in validate(kg.build([make_corpus(name="clean")])).text()


# --- a real draft, by kg annotate ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    from kg.annotate import annotate, write_annotations
    from kg.article import load_article

    article = CORPUS / "101_ningxia_zhongwei.txt"
    path = tmp_path_factory.mktemp("draft") / "101_ningxia_zhongwei.annotations.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        write_annotations(annotate(load_article(article)), path, article_file=article)
    return path


def test_a_draft_by_kg_annotate_is_unreviewed_where_nothing_curated_asserts_it(draft):
    alone = kg.build([draft], with_ontology=False)
    mixed = kg.build([draft, SEED_ANNOTATIONS], with_ontology=False)
    seed = kg.build([SEED_ANNOTATIONS], with_ontology=False)
    data = json.loads(draft.read_text(encoding="utf-8"))
    assert data["generated_by"] == RUN | {"version": kg.__version__}
    assert unreviewed(alone) == facts(alone), "everything in a draft is a machine's guess"
    shared = facts(alone) & facts(seed)
    assert shared, "the draft names some entity of the seed article"
    assert unreviewed(mixed) == facts(alone) - facts(seed)
    for node in shared:
        assert (node, PROV.wasAttributedTo, AGENT["kg-developers"]) in mixed and (node, KG.confidence, None) not in mixed
    sure = {Decimal(str(item["confidence"])) for section in ("entities", "relations", "figures", "attributes")
            for item in data[section]}
    assert {confidence(alone, n) for n in facts(alone)} <= sure
    run = ACTIVITY["101_ningxia_zhongwei-annotate"]
    assert (run, PROV.startedAtTime, Literal("2026-12-01T06:50:00Z", datatype=XSD.dateTime)) in mixed
    assert (run, PROV.wasAssociatedWith, AGENT[f"kg-annotate-{kg.__version__}"]) in mixed
    assert (run, PROV.used, ARTICLE["101_ningxia_zhongwei"]) in mixed
    curated = kg.build([draft, SEED_ANNOTATIONS], curated_only=True, with_ontology=False)
    assert facts(curated) == facts(seed) and unreviewed(curated) == set()
    assert (run, None, None) not in curated


def test_the_page_draws_a_drafts_guesses_dashed(draft):
    from kg.viz import page_html, to_networkx

    nxg = to_networkx(kg.build([draft, SEED_ANNOTATIONS]))
    auto_nodes = {n for n, d in nxg.nodes(data=True) if d["auto"]}
    auto_edges = [d for _, _, d in nxg.edges(data=True) if d["auto"]]
    assert auto_nodes and auto_edges
    assert not nxg.nodes[str(KGR.qinghai)]["auto"]
    assert all(isinstance(nxg.nodes[n]["confidence"], float) for n in auto_nodes)
    page = page_html(nxg)
    assert page.count('"borderDashes": [5, 4]') == len(auto_nodes)
    assert page.count('"dashes": true') == len(auto_edges)
