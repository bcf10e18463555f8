"""The query pack: every query, its expected answer on the seed graph (from the article), from Python and the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

import kg
from kg.cli import app
from kg.sparql import pack
from kg.vocab import KG, KGR

from .conftest import ROOT

PACK = pack()


def col(result, *names):
    return {tuple(row[n] for n in names) for row in result.rows()}


def check_any_data_center_pue_at_most_1_2(result, ctx):
    assert result.kind == "ASK" and result.boolean is True


def check_computing_power_by_facility(result, ctx):
    assert col(result, "name_zh", "pflops", "kind") == {("三江源国家大数据基地", 2600, "facility"), ("青海省", 8400, "region")}


def check_describe_sanjiangyuan_base(result, ctx):
    base = KGR["sanjiangyuan-big-data-base"]
    assert (base, RDFS.label, Literal("三江源国家大数据基地", lang="zh")) in result.graph
    assert (base, KG.operatedBy, KGR["china-unicom-qinghai"]) in result.graph
    assert (base, KG.hasFigure, kg.vocab.FIGURE["000_fcbe63b8009f4bc7-sanjiangyuan-big-data-base-pue"]) in result.graph


def check_entities_per_class(result, ctx):
    annotated = Counter(e["type"] for e in ctx["seed_data"]["entities"])
    assert {str(c).rsplit("#", 1)[1]: n for c, n in col(result, "class", "entities")} == annotated


def check_entities_without_english_label(result, ctx):
    assert result.rows() == []


def check_events_and_venues(result, ctx):
    assert col(result, "name_zh", "venue_zh", "organizer_zh", "date", "theme_zh") == {
        ("青海绿色算力产业发展推介会", "北京", "青海省", "2024", "保护高原生态、发展绿色未来"),
        ("全省绿色算力产业发展大会", "青海省", "青海省", None, None),
    }


def check_facilities_by_region(result, ctx):
    assert col(result, "facility_zh", "region_zh") == {
        ("三江源国家大数据基地", "青海省"),
        ("三江源国家大数据基地展厅", "青海省"),
        ("青藏高原首座智算中心", "青海省"),
        ("青藏高原首座智算中心", "青藏高原"),
        ("“1-5-20”高质量传输体系", "青海省"),
        ("西宁国家级互联网骨干直联点", "西宁"),
        ("西宁绿电智算融合示范园", "西宁"),
        ("海西州大数据产业园", "海西州"),
        ("数据中心一期项目", "海西州"),
        ("海东零碳算力产业园", "海东"),
        ("青海（北京）科技创新基地", "北京"),
    }


def check_facilities_subgraph(result, ctx):
    g = result.graph
    assert (KGR["sanjiangyuan-big-data-base"], KG.locatedIn, KGR.qinghai) in g
    assert (KGR["haixi-data-center-phase-1"], KG.partOf, KGR["haixi-big-data-industrial-park"]) in g
    assert (KGR["china-unicom-qinghai"], RDFS.label, Literal("中国联通（青海）", lang="zh")) in g
    assert (KGR.alibaba, None, None) not in g, "firms that operate no facility are not in it"


def check_figures_with_evidence(result, ctx):
    assert col(result, "entity_zh", "measure", "value", "evidence") == {
        ("青海省", "dataCentersCompleted", 8, "8个"),
        ("青海省", "rackCapacity", 93000, "9.3万架"),
        ("青海省", "rackCapacityGrowth", 2, "2倍多"),
        ("青海省", "computingPower", 8400, "8400PFlops"),
        ("青海省", "computingPowerIncrease", 8000, "8000PFlops"),
        ("三江源国家大数据基地展厅", "screenLength", 7, "7米"),
        ("三江源国家大数据基地展厅", "screenWidth", 3, "3米"),
        ("青海省", "annualMeanTemperature", 4, "4摄氏度以下"),
        ("三江源国家大数据基地", "powerUsageEffectiveness", Decimal("1.2"), "1.2以下"),
        ("三江源国家大数据基地", "computingPower", 2600, "2600PFlops"),
        ("全省绿色算力产业发展大会", "sessionCount", 2, "两次"),
        ("国家四部委", "memberCount", 4, "四部委"),
        ("数据中心一期项目", "siteArea", Decimal("8.487"), "8.487公顷"),
        ("绿色算力地方标准", "standardCount", 5, "5项"),
    }
    for row in result.rows():
        assert row["evidence"] in row["sentence"]
        assert ctx["article"].text[row["start"] : row["start"] + len(row["evidence"])] == row["evidence"]


def check_firms_settled_in_qinghai(result, ctx):
    assert col(result, "name_zh") == {(n,) for n in ("阿里", "百度", "京东", "金山", "360", "科大讯飞", "寒武纪")}


def check_local_standards_effective_2024(result, ctx):
    assert col(result, "name_zh", "effective") == {
        ("绿色算力基础设施等级评定", dt.date(2024, 1, 28)),
        ("绿色算力基础设施清洁能源利用评价方法", dt.date(2024, 1, 28)),
        ("绿色算力地方标准", dt.date(2024, 1, 28)),
    }


def check_organizations_in_schema_org(result, ctx):
    assert result.rows() == [], "without --infer nothing is typed schema:Organization"


def check_people_and_their_roles(result, ctx):
    assert col(result, "name_zh", "title_zh", "for_zh") == {
        ("冉永明", "高级业务总监", "中国联通（青海）"),
        ("冉永明", "高级业务总监", "三江源国家大数据基地"),
        ("师晓琼", "本报记者", None),
        ("习近平", "总书记", None),
    }


def check_policies_and_issuers(result, ctx):
    assert col(result, "policy_zh", "role", "agent_zh") == {
        ("推进绿色算电协同发展工作方案", "drafted by", "青海省"),
        ("青海算电协同方案", "approved by", "国家四部委"),
        ("绿色算力基础设施等级评定", "drafted by", "青海省发展和改革委员会"),
        ("绿色算力基础设施清洁能源利用评价方法", "drafted by", "青海省发展和改革委员会"),
        ("绿色算力地方标准", "drafted by", "青海省发展和改革委员会"),
    }


def check_provenance_of_a_fact(result, ctx):
    text = ctx["article"].text
    assert len(result) >= len(ctx["seed_data"]["relations"])
    for row in result.rows():
        assert text[row["start"] : row["end"]] == row["evidence"]
        assert row["evidence"] in row["sentence"]
        assert row["article_title"] == "绿色算力的青海实践"
    assert ("青海省", "part of", "https://w3id.org/qhkg/id/china") in col(result, "subject_zh", "predicate_en", "object")


def check_regions_hierarchy(result, ctx):
    assert col(result, "region_zh", "ancestor_zh") == {
        ("青海省", "中国"),
        ("西宁", "青海省"), ("西宁", "中国"),
        ("海南州", "青海省"), ("海南州", "中国"),
        ("海西州", "青海省"), ("海西州", "中国"),
        ("茫崖市", "海西州"), ("茫崖市", "青海省"), ("茫崖市", "中国"),
        ("海东", "青海省"), ("海东", "中国"),
    }
    assert col(result, "region_zh", "ancestor_zh", "direct") >= {("茫崖市", "海西州", True), ("茫崖市", "青海省", False)}


def check_unreviewed_facts(result, ctx):
    assert not any(item.get("source") == "auto" for section in ("entities", "relations", "figures", "attributes")
                   for item in ctx["seed_data"][section])
    assert list(result.variables[:3]) == ["fact", "kind", "label"]
    assert result.rows() == [], "the seed is curated throughout (tests/test_provenance.py asks a draft)"


CHECKS = {name.removeprefix("check_"): f for name, f in globals().items() if name.startswith("check_")}


@pytest.fixture(scope="module")
def ctx(article, seed_data):
    return {"article": article, "seed_data": seed_data}


def test_every_pack_query_has_an_expected_answer_and_a_question():
    assert len(PACK) >= 12
    assert set(CHECKS) == set(PACK)
    for q in PACK.values():
        assert q.question.get("zh") and q.question.get("en"), q.name
    assert {q.kind for q in PACK.values()} == {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@pytest.mark.parametrize("name", sorted(PACK))
def test_pack_query_from_python(name, full_graph, ctx):
    CHECKS[name](kg.query(full_graph, name), ctx)


@pytest.mark.parametrize("name", sorted(PACK))
def test_pack_query_from_the_cli_gives_the_same_answer(name, full_graph, runner, tmp_path):
    """The command line answers from Oxigraph; rdflib, on the graph in Python, gives the same answers."""
    built = tmp_path / "kg.ttl"
    kg.write_graph(full_graph, built)
    expected = kg.query(full_graph, name)
    fmt = "turtle" if expected.graph is not None else "json"
    result = runner.invoke(app, ["query", name, "--graph", str(built), "-f", fmt])
    assert result.exit_code == 0, result.output
    if expected.kind == "CONSTRUCT":
        from rdflib.compare import isomorphic

        assert isomorphic(Graph().parse(data=result.stdout, format="turtle"), expected.graph)
    elif expected.kind == "DESCRIBE":  # Oxigraph gives the resource's own triples, rdflib its bounded description
        described = set(Graph().parse(data=result.stdout, format="turtle"))
        resource = next(iter(described))[0]
        assert described == set(expected.graph.triples((resource, None, None)))
    elif expected.kind == "ASK":
        assert json.loads(result.stdout)["boolean"] is expected.boolean
    else:
        bindings = json.loads(result.stdout)["results"]["bindings"]
        assert len(bindings) == len(expected)
        got = [{k: v["value"] for k, v in b.items()} for b in bindings]
        want = [{k: str(t) for k, t in b.items()} for b in expected.bindings]
        if "ORDER BY" in PACK[name].text.upper():
            assert got == want
        else:
            assert sorted(map(repr, got)) == sorted(map(repr, want))


def test_inference_finds_firms_and_agencies_as_schema_organizations(full_graph, inferred, seed_data):
    organisation_types = {"Firm", "GovernmentBody", "Committee", "ResearchInstitute", "Consortium", "Organization"}
    expected = {(e["label"]["zh"],) for e in seed_data["entities"] if e["type"] in organisation_types}
    assert col(kg.query(inferred, "organizations_in_schema_org"), "name_zh") == expected
    assert kg.query(full_graph, "organizations_in_schema_org").rows() == []


def test_infer_option_of_the_cli(runner, tmp_path, full_graph):
    built = tmp_path / "kg.ttl"
    kg.write_graph(full_graph, built)
    args = ["query", "-e", "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a schema:Organization }", "-g", str(built), "-f", "csv"]
    plain = runner.invoke(app, args)
    inferred = runner.invoke(app, [*args, "--infer", "--rules", "rdfs"])
    assert plain.stdout.splitlines()[1] == "0"
    assert int(inferred.stdout.splitlines()[1]) == 20


def test_the_entities_without_english_label_check_can_fail(full_graph):
    broken = Graph()
    broken += full_graph
    broken.remove((KGR.qinghai, RDFS.label, Literal("Qinghai Province", lang="en")))
    assert col(kg.query(broken, "entities_without_english_label"), "name_zh") == {("青海省",)}


def test_bind_narrows_the_provenance_query(full_graph):
    result = kg.query(full_graph, "provenance_of_a_fact", bindings={"subject": "kgr:alibaba"})
    assert col(result, "subject_zh", "predicate_en", "evidence") == {
        ("阿里", "settled in", "青海成功吸引了阿里、百度、京东、金山、360、科大讯飞、寒武纪等头部企业的落户")
    }


@pytest.fixture
def built(tmp_path, full_graph):
    path = tmp_path / "kg.ttl"
    kg.write_graph(full_graph, path)
    return path


def test_query_formats(runner, built):
    def run(*args):
        result = runner.invoke(app, ["query", "firms_settled_in_qinghai", "-g", str(built), *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    rows = list(csv.DictReader(io.StringIO(run("-f", "csv"))))
    assert {r["name_en"] for r in rows} >= {"Alibaba", "iFLYTEK"} and len(rows) == 7
    tsv = run("-f", "tsv").splitlines()
    assert tsv[0] == "?firm\t?name_zh\t?name_en" and '<https://w3id.org/qhkg/id/alibaba>\t"阿里"@zh\t"Alibaba"@en' in tsv
    assert len(json.loads(run("-f", "json"))["results"]["bindings"]) == 7
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert len(ElementTree.fromstring(run("-f", "xml")).findall(".//r:result", ns)) == 7
    table = run("-f", "table")
    assert "kgr:alibaba" in table and "科大讯飞" in table


def test_construct_formats(runner, built):
    for fmt, parse_as in (("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("xml", "xml")):
        result = runner.invoke(app, ["query", "facilities_subgraph", "-g", str(built), "-f", fmt])
        assert result.exit_code == 0
        assert (KGR["haidong-zero-carbon-computing-park"], KG.locatedIn, KGR.haidong) in Graph().parse(
            data=result.stdout, format=parse_as
        )


def test_query_file_expression_output_and_bind(runner, built, tmp_path):
    out = tmp_path / "res" / "firms.csv"
    result = runner.invoke(app, ["query", str(ROOT / "queries" / "firms_settled_in_qinghai.rq"), "-g", str(built), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").count("\n") == 8
    assert "7 row(s)" in result.stderr
    result = runner.invoke(app, ["query", "-e", "SELECT ?name WHERE { ?x rdfs:label ?name }", "-g", str(built),
                                 "--bind", "x=kgr:haidong", "-f", "csv"])
    assert sorted(result.stdout.splitlines()[1:]) == ["Haidong", "海东"]


def test_list_shows_every_pack_query_with_its_question(runner):
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(PACK)
    assert any(line.startswith("firms_settled_in_qinghai\tSELECT\tWhich firms have settled in Qinghai?\t哪些企业落户青海？") for line in lines)


def test_all_runs_the_pack_into_files(runner, built, tmp_path):
    out = tmp_path / "queries"
    result = runner.invoke(app, ["query", "--all", "-g", str(built), "--output-dir", str(out)])
    assert result.exit_code == 0
    written = {p.name for p in out.iterdir()}
    for name, q in PACK.items():
        assert f"{name}.{'ttl' if q.kind in ('CONSTRUCT', 'DESCRIBE') else 'csv'}" in written


def test_default_graph_is_built_on_demand(runner, tmp_path, monkeypatch, make_corpus):
    make_corpus()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["query", "firms_settled_in_qinghai", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "kg.ttl").is_file()
    assert "Built out/kg.ttl from corpus/" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["-e", "SELECT ?s WHERE {\n  ?s ?p\n}"], "Error: expression: syntax error at line 2, column 3: Expected"),
        (["nosuch"], "Error: unknown query 'nosuch'; the pack has: any_data_center_pue_at_most_1_2, "),
        (["firms_settled_in_qinghai", "-f", "turtle"], "format 'turtle' does not apply to SELECT results; use one of: csv, tsv, json, xml, table"),
        (["facilities_subgraph", "-f", "csv"], "use one of: turtle, ntriples, jsonld, xml, table"),
        (["-e", "DELETE WHERE { ?s ?p ?o }"], "this is a SPARQL Update; kg only reads graphs"),
        (["provenance_of_a_fact", "--bind", "subject"], "bad --bind 'subject'; expected name=value"),
        (["provenance_of_a_fact", "--bind", "subject=foo:bar"], "unknown prefix in 'foo:bar'"),
    ],
)
def test_query_errors_are_one_line_with_exit_2(runner, built, args, message):
    result = runner.invoke(app, ["query", *args, "-g", str(built)])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, names", [
    (["-f", "yaml"], ["'yaml' is not one of table, csv, tsv, json, xml, turtle, ntriples, jsonld", "--format"]),
    (["--infer", "--rules", "magic"], ["'magic' is not one of owlrl, rdfs", "--rules"]),
])
def test_a_value_outside_an_option_s_choices_is_one_line_naming_the_choices(built, args, names):
    from .hostile import assert_user_error, run_kg

    assert_user_error(run_kg("query", "firms_settled_in_qinghai", *args, "-g", built), *names)


def test_a_syntax_error_in_a_query_file_names_the_file(runner, built, tmp_path):
    bad = tmp_path / "broken.rq"
    bad.write_text("# zh: 坏\n# en: broken\nSELECT ?x WHERE { ?x a }\n", encoding="utf-8")
    result = runner.invoke(app, ["query", str(bad), "-g", str(built)])
    assert result.exit_code == 2 and result.stderr.startswith("Error: broken: syntax error at line 3")


def test_graph_file_errors(runner, tmp_path):
    missing = runner.invoke(app, ["query", "firms_settled_in_qinghai", "-g", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 2 and "none.ttl: graph file not found" in missing.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    broken = runner.invoke(app, ["query", "firms_settled_in_qinghai", "-g", str(bad)])
    assert broken.exit_code == 2 and "bad.ttl: cannot parse as turtle" in broken.stderr
    odd = tmp_path / "graph.docx"
    odd.write_text("x")
    unknown = runner.invoke(app, ["query", "firms_settled_in_qinghai", "-g", str(odd)])
    assert unknown.exit_code == 2 and "unknown RDF file type '.docx'" in unknown.stderr


def test_results_convert_to_a_dataframe(full_graph):
    pd = pytest.importorskip("pandas")
    frame = kg.query(full_graph, "computing_power_by_facility").to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["entity", "name_zh", "name_en", "kind", "pflops", "as_of"]
    assert frame["pflops"].sum() == 8400 + 2600


@pytest.mark.parametrize("text, bound", [
    ("SELECT ?name WHERE { ?x rdfs:label ?name }", "SELECT ?name WHERE { VALUES ?x { <X> } ?x rdfs:label ?name }"),
    ("CONSTRUCT { ?x a kg:Firm } WHERE { ?x a kg:Firm }", "CONSTRUCT { ?x a kg:Firm } WHERE { VALUES ?x { <X> } ?x a kg:Firm }"),
    ("CONSTRUCT { ?x a kg:Firm } { ?x a kg:Firm }", "CONSTRUCT { ?x a kg:Firm } { VALUES ?x { <X> } ?x a kg:Firm }"),
    ("PREFIX e: <http://e/> # {\nASK { ?x ?p '{' }", "PREFIX e: <http://e/> # {\nASK { VALUES ?x { <X> } ?x ?p '{' }"),
    ("CONSTRUCT WHERE { ?x ?p ?o }", None),  # its group is its template too: Oxigraph's substitutions instead
])
def test_bound_values_go_into_the_where_group(text, bound):
    from kg.lexer import with_values

    result = with_values(text, {"x": "<X>"})
    assert (" ".join(result.split()) if result else None) == (" ".join(bound.split()) if bound else None)


def test_oxigraph_answers_a_bound_variable_the_query_does_not_project(tmp_path, full_graph):
    built = tmp_path / "kg.ttl"
    kg.write_graph(full_graph, built)
    store = kg.load(built)
    names = kg.query(store, "SELECT ?name WHERE { ?x rdfs:label ?name }", bindings={"x": "kgr:haidong"})
    assert sorted(row.name for row in names) == ["Haidong", "海东"]
    by_rdflib = kg.query(full_graph, "SELECT ?name WHERE { ?x rdfs:label ?name }", bindings={"x": "kgr:haidong"})
    assert sorted(map(repr, by_rdflib.rows())) == sorted(map(repr, names.rows()))
