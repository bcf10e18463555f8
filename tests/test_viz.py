"""The networkx view, graph analytics, graph files, and the offline page (without a browser)."""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import networkx as nx
import pytest

import kg
from kg.cli import app
from kg.errors import VizError
from kg.viz import graph_file_bytes, graph_stats, page_html, to_networkx

BASE = "https://w3id.org/qhkg/id/sanjiangyuan-big-data-base"
QINGHAI = "https://w3id.org/qhkg/id/qinghai"
CATEGORY = {
    "Province": "Region", "Country": "Region", "City": "Region", "Prefecture": "Region",
    "GeographicRegion": "Region", "EconomicRegion": "Region",
    "DataCenter": "Facility", "Facility": "Facility", "IndustrialPark": "Facility",
    "InnovationBase": "Facility", "NetworkInfrastructure": "Facility",
    "Firm": "Firm",
    "Consortium": "Organization", "ResearchInstitute": "Organization", "Committee": "Organization",
    "GovernmentBody": "Organization",
    "Plan": "Policy", "LocalStandard": "Policy", "Program": "Policy", "Policy": "Policy",
    "Person": "Person", "Conference": "Event",
}


@pytest.fixture(scope="module")
def nxg(full_graph):
    return to_networkx(full_graph)


def test_every_entity_is_a_node_and_every_relation_an_edge(nxg, seed_data):
    assert nxg.number_of_nodes() == len(seed_data["entities"])
    relations = {(r["subject"], r["predicate"], r["object"]) for r in seed_data["relations"]}
    edges = {(s.rsplit("/", 1)[1], k, o.rsplit("/", 1)[1]) for s, o, k in nxg.edges(keys=True)}
    assert edges == relations


def test_nodes_carry_class_labels_figures_and_their_sentence(nxg):
    base = nxg.nodes[BASE]
    assert (base["class"], base["category"]) == ("DataCenter", "Facility")
    assert (base["label_zh"], base["label_en"]) == ("三江源国家大数据基地", "Sanjiangyuan National Big Data Base")
    assert {(f["measure"], f["value"]) for f in base["figures"]} == {("powerUsageEffectiveness", "1.2"), ("computingPower", "2600")}
    assert any("≤1.2" in f["label_zh"] for f in base["figures"])
    assert base["sentence"].startswith("这一年，全省首个绿色算力产教融合人才培养共同体")  # its first mention
    assert "青海" in nxg.nodes[QINGHAI]["aliases"]


def test_edges_are_labelled_from_the_ontology(nxg):
    data = nxg.get_edge_data(BASE, "https://w3id.org/qhkg/id/china-unicom-qinghai")["operatedBy"]
    assert (data["label_zh"], data["label_en"]) == ("运营方", "operated by")
    assert data["evidence"] == "中国联通（青海）三江源国家大数据基地"


def test_categories_follow_the_annotated_types(nxg, seed_data):
    expected = Counter(CATEGORY[e["type"]] for e in seed_data["entities"])
    assert Counter(d["category"] for _, d in nxg.nodes(data=True)) == expected


def test_classes_filter_keeps_those_categories_or_classes(full_graph):
    only = to_networkx(full_graph, classes=["Region", "Firm"])
    assert {d["category"] for _, d in only.nodes(data=True)} == {"Region", "Firm"}
    assert all(only.has_node(s) and only.has_node(o) for s, o in only.edges())
    parks = to_networkx(full_graph, classes=["IndustrialPark"])
    assert {d["label_zh"] for _, d in parks.nodes(data=True)} == {"海西州大数据产业园", "西宁绿电智算融合示范园", "海东零碳算力产业园"}
    with pytest.raises(VizError, match="unknown class 'Planet'; expected one of: AdministrativeRegion"):
        to_networkx(full_graph, classes=["Planet"])


def test_subgraph_of_a_construct_query(full_graph):
    sub = kg.query(full_graph, "facilities_subgraph").graph
    drawn = to_networkx(full_graph, subgraph=sub)
    assert "https://w3id.org/qhkg/id/alibaba" not in drawn
    assert drawn.has_edge(BASE, "https://w3id.org/qhkg/id/china-unicom-qinghai")
    assert {d["category"] for _, d in drawn.nodes(data=True)} <= {"Facility", "Region", "Firm"}


def test_stats_rank_qinghai_first_and_find_the_isolated_people(nxg):
    numbers = graph_stats(nxg)
    assert numbers["degree_top"][0]["label_zh"] == "青海省"
    assert numbers["betweenness_top"][0]["label_zh"] == "青海省"
    assert len(numbers["degree_top"]) == 10
    assert numbers["components"]["sizes"][-2:] == [1, 1]  # 习近平 and 师晓琼 have no relations to other entities
    assert sum(numbers["components"]["sizes"]) == nxg.number_of_nodes()
    assert sum(numbers["edges_per_predicate"].values()) == nxg.number_of_edges()


def test_stats_command_json(runner, tmp_path, full_graph):
    built = tmp_path / "kg.ttl"
    kg.write_graph(full_graph, built)
    result = runner.invoke(app, ["stats", "--json", "-g", str(built)])
    assert result.exit_code == 0
    numbers = json.loads(result.stdout)
    assert numbers["nodes_per_category"]["Firm"] == 12 and numbers["edges_per_predicate"]["settledIn"] == 7
    table = runner.invoke(app, ["stats", "-g", str(built)])
    assert table.exit_code == 0 and "Betweenness" in table.stdout and "青海省" in table.stdout


@pytest.mark.parametrize("fmt, read", [
    ("graphml", lambda data: nx.read_graphml(io.BytesIO(data))),
    ("gexf", lambda data: nx.read_gexf(io.BytesIO(data))),
    ("json", lambda data: nx.node_link_graph(json.loads(data), edges="links")),
])
def test_graph_files_round_trip_through_networkx(nxg, fmt, read):
    data = graph_file_bytes(nxg, fmt)
    back = read(data)
    assert back.number_of_nodes() == nxg.number_of_nodes()
    assert back.number_of_edges() == nxg.number_of_edges()
    assert back.nodes[BASE]["label_zh"] == "三江源国家大数据基地"
    assert graph_file_bytes(nxg, fmt) == data


def test_graph_command_writes_files_and_refuses_unknown_formats(runner, tmp_path, full_graph):
    built = tmp_path / "kg.ttl"
    kg.write_graph(full_graph, built)
    out = tmp_path / "g.gexf"
    assert runner.invoke(app, ["graph", "-g", str(built), "-f", "gexf", "-o", str(out)]).exit_code == 0
    assert nx.read_gexf(out).number_of_nodes() == 60
    bad = runner.invoke(app, ["graph", "-g", str(built), "-f", "dot"])
    assert bad.exit_code == 2 and "unknown graph format 'dot'; expected one of: graphml, gexf, json" in bad.stderr


def test_the_page_loads_nothing_from_the_network(nxg):
    html = page_html(nxg)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
    assert "@import" not in html
    assert "vis-network" in html and "new vis.Network" in html


def test_the_page_holds_every_node_with_both_labels(nxg):
    html = page_html(nxg, lang="en")
    assert '<html lang="en">' in html
    for _, data in nxg.nodes(data=True):
        assert json.dumps(data["label_zh"])[1:-1] in html or data["label_zh"] in html
    assert "Noto Sans CJK SC" in html


def test_page_is_deterministic(nxg):
    assert page_html(nxg) == page_html(nxg)


def test_page_command_options(runner, tmp_path, full_graph):
    built = tmp_path / "kg.ttl"
    kg.write_graph(full_graph, built)
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["page", "-g", str(built), "-o", str(out), "--lang", "en", "--classes", "Facility,Region"])
    assert result.exit_code == 0, result.output
    assert re.match(rf"Wrote {re.escape(str(out))}: 22 nodes, \d+ edges, \d+ KB", result.stderr)
    sub = runner.invoke(app, ["page", "-g", str(built), "-o", str(out), "--query", "facilities_subgraph"])
    assert sub.exit_code == 0
    wrong = runner.invoke(app, ["page", "-g", str(built), "-o", str(out), "--query", "firms_settled_in_qinghai"])
    assert wrong.exit_code == 2 and "--query needs a CONSTRUCT or DESCRIBE query, not SELECT" in wrong.stderr
    lang = runner.invoke(app, ["page", "-g", str(built), "-o", str(out), "--lang", "fr"])
    assert lang.exit_code == 2 and "unknown language 'fr'; expected one of: zh, en" in lang.stderr


def test_curated_nodes_and_edges_are_drawn_solid(nxg):
    assert not any(d["auto"] for _, d in nxg.nodes(data=True))
    assert not any(d["auto"] for _, _, d in nxg.edges(data=True))
    page = page_html(nxg)
    assert '"borderDashes": [5, 4]' not in page and '"dashes": true' not in page
    assert 'id="show-auto"' in page  # the control is there (tests/test_page_browser.py uses it on guesses)
