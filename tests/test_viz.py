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


def _flat(text: str) -> str:
    """An error message without the frame and line breaks of Click's usage errors (the CLI's wording may vary)."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


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
    assert bad.exit_code == 2 and "'dot'" in _flat(bad.stderr) and "graphml, gexf, json" in _flat(bad.stderr)


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
    assert lang.exit_code == 2 and "'fr'" in _flat(lang.stderr) and "zh, en" in _flat(lang.stderr)


def test_curated_nodes_and_edges_are_drawn_solid(nxg):
    assert not any(d["auto"] for _, d in nxg.nodes(data=True))
    assert not any(d["auto"] for _, _, d in nxg.edges(data=True))
    page = page_html(nxg)
    assert '"borderDashes": [5, 4]' not in page and '"dashes": true' not in page
    assert 'id="show-auto"' in page  # the control is there (tests/test_page_browser.py uses it on guesses)


# --- GEXF and GraphML carry names, classes and colours (for Gephi and Cytoscape) ----------------------

READERS = {"gexf": nx.read_gexf, "graphml": nx.read_graphml}
NAMES = {  # entities of several articles of the corpus, by language
    "zh": {QINGHAI: "青海省", "https://w3id.org/qhkg/id/ningxia": "宁夏回族自治区",
           "https://w3id.org/qhkg/id/alibaba": "阿里"},
    "en": {QINGHAI: "Qinghai Province", "https://w3id.org/qhkg/id/ningxia": "Ningxia Hui Autonomous Region",
           "https://w3id.org/qhkg/id/alibaba": "Alibaba"},
}


@pytest.fixture(scope="module")
def corpus_graph():
    from .conftest import CORPUS

    return kg.build([CORPUS])


@pytest.fixture(scope="module")
def corpus_nxg(corpus_graph):
    return to_networkx(corpus_graph)


def _names(graph, lang):
    """Each entity's label in a language, straight from the RDF graph."""
    from rdflib import Literal
    from rdflib.namespace import RDFS

    return {str(s): str(o) for s, o in graph.subject_objects(RDFS.label)
            if isinstance(o, Literal) and o.language == lang}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_network_files_label_nodes_with_names_not_iris(corpus_graph, corpus_nxg, tmp_path, fmt, lang):
    from kg.viz import STYLE

    path = tmp_path / f"kg.{fmt}"
    path.write_bytes(graph_file_bytes(corpus_nxg, fmt, lang=lang))
    back = READERS[fmt](path)
    assert back.number_of_nodes() == corpus_nxg.number_of_nodes() > 100  # the whole corpus, not the seed alone
    names = _names(corpus_graph, lang)
    for node, data in back.nodes(data=True):
        assert data["iri"] == node and not data["label"].startswith("http"), (node, data["label"])
        assert data["label"] == names[node]  # every entity of the corpus has a name in both languages
        assert data["class"] in kg.ontology.ontology().entity_types
        assert data["color"] == STYLE[data["category"]][1]  # the page's colour for the node's category
    for node, name in NAMES[lang].items():
        assert back.nodes[node]["label"] == name
    assert back.nodes[QINGHAI]["class"] == "Province" and back.nodes["https://w3id.org/qhkg/id/alibaba"]["class"] == "Firm"
    settled = [d for _, _, d in back.edges("https://w3id.org/qhkg/id/alibaba", data=True) if d["predicate"] == "settledIn"]
    assert settled and {d["label"] for d in settled} == {{"zh": "落户", "en": "settled in"}[lang]}
    assert all(d["label"] for _, _, d in back.edges(data=True))


def test_gexf_gives_gephi_the_colour_and_graphml_its_r_g_b(corpus_nxg, tmp_path):
    from kg.viz import STYLE

    gexf = nx.read_gexf(io.BytesIO(graph_file_bytes(corpus_nxg, "gexf")))
    graphml = nx.read_graphml(io.BytesIO(graph_file_bytes(corpus_nxg, "graphml")))
    for node, data in gexf.nodes(data=True):
        hex_color = STYLE[data["category"]][1]
        rgb = tuple(int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
        color = data["viz"]["color"]
        assert (color["r"], color["g"], color["b"], color["a"]) == (*rgb, 1.0)
        assert tuple(graphml.nodes[node][c] for c in "rgb") == rgb
    assert gexf.nodes[QINGHAI]["viz"]["color"] == {"r": 0x2a, "g": 0x9d, "b": 0x8f, "a": 1.0}  # a region: teal


def test_a_name_falls_back_to_the_other_language_then_the_romanisation(graph):
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from kg.resolve import PINYIN
    from kg.vocab import KG

    edited = type(graph)()
    edited += graph
    qinghai, base = URIRef(QINGHAI), URIRef(BASE)
    edited.remove((qinghai, RDFS.label, Literal("Qinghai Province", lang="en")))
    edited.remove((base, RDFS.label, Literal("三江源国家大数据基地", lang="zh")))
    nameless = URIRef("https://w3id.org/qhkg/id/nameless")
    edited.add((nameless, RDF.type, KG.Firm))
    pinyin_only = URIRef("https://w3id.org/qhkg/id/pinyin-only")
    edited.add((pinyin_only, RDF.type, KG.Firm))
    edited.add((pinyin_only, RDFS.label, Literal("Pinyin Gongsi", lang=PINYIN)))
    files = {lang: nx.read_gexf(io.BytesIO(graph_file_bytes(to_networkx(edited), "gexf", lang=lang)))
             for lang in ("zh", "en")}
    assert files["en"].nodes[QINGHAI]["label"] == "青海省"  # no English name: the Chinese one
    assert files["zh"].nodes[BASE]["label"] == "Sanjiangyuan National Big Data Base"  # no Chinese: the English one
    assert files["zh"].nodes[str(pinyin_only)]["label"] == files["en"].nodes[str(pinyin_only)]["label"] == "Pinyin Gongsi"
    assert files["zh"].nodes[str(nameless)]["label"] == "nameless"  # no name at all: the IRI's last part


def test_network_files_are_the_same_bytes_every_time(tmp_path):

    from .conftest import CORPUS, run_under_two_hash_seeds

    script = (
        "import sys, kg; from kg.viz import graph_file_bytes, to_networkx\n"
        f"nxg = to_networkx(kg.build([{str(CORPUS)!r}]))\n"
        "for fmt in ('gexf', 'graphml', 'json'):\n"
        "    for lang in ('zh', 'en'):\n"
        "        open(f'{sys.argv[1]}.{lang}.{fmt}', 'wb').write(graph_file_bytes(nxg, fmt, lang=lang))\n"
    )
    run_under_two_hash_seeds(script, tmp_path)
    for fmt in ("gexf", "graphml", "json"):
        for lang in ("zh", "en"):
            first = (tmp_path / f"1.{lang}.{fmt}").read_bytes()
            assert first == (tmp_path / f"2.{lang}.{fmt}").read_bytes(), (fmt, lang)
    assert b"lastmodifieddate" not in (tmp_path / "1.zh.gexf").read_bytes()  # no date of writing in the file


def test_network_files_refuse_an_unknown_language(nxg):
    with pytest.raises(VizError, match="unknown language 'fr'; expected one of: zh, en"):
        graph_file_bytes(nxg, "gexf", lang="fr")


def test_kg_graph_writes_gephi_ready_labels_in_the_language_asked(runner, tmp_path):
    import networkx as nx

    from kg.cli import app

    from .conftest import CORPUS

    graph_file = tmp_path / "kg.ttl"
    assert runner.invoke(app, ["build", str(CORPUS), "-o", str(graph_file)]).exit_code == 0
    for lang, name in (("en", "Alibaba"), ("zh", "阿里")):
        out = tmp_path / f"kg-{lang}.gexf"
        result = runner.invoke(app, ["graph", "-g", str(graph_file), "-o", str(out), "--lang", lang])
        assert result.exit_code == 0, result.output
        labels = nx.get_node_attributes(nx.read_gexf(out), "label")
        assert labels["https://w3id.org/qhkg/id/alibaba"] == name
        assert not any(label.startswith("http") for label in labels.values())


# --- the page's own layout ------------------------------------------------------------


@pytest.mark.parametrize(("name", "shown"), [
    ("阿里", "阿里"),
    ("青海（北京）科技创新基地", "青海（北京）\n科技创新基地"),  # two balanced lines, brackets kept with their words
    ("中国移动（宁夏）中卫数据中心", "中国移动（宁夏）\n中卫数据中心"),
    ("关于支持庆阳数据中心集群发展的若干措施", "关于支持庆阳数据中心\n集群发展的若干措施"),
    ("Qinghai Province", "Qinghai Province"),
    ("Gansu Hub Computing Industry Promotion Conference of East Data, West Computing",
     "Gansu Hub Computing\nIndustry Promotion…"),  # too long for two lines: cut between words
])
def test_long_names_are_wrapped_and_cut_on_the_canvas(name, shown):
    from kg.viz import LABEL_LINES, LINE_EM, short_label, text_em

    assert short_label(name) == shown
    assert len(shown.split("\n")) <= LABEL_LINES and all(text_em(line) <= LINE_EM for line in shown.split("\n"))


def _boxes(places):
    """Each node's box as the page draws it (its shape, then its label below it), in canvas units."""
    from kg.viz import LABEL_FONT, LANGUAGES, text_em

    boxes = {}
    for node, p in places.items():
        lines = {lang: p.labels[lang].split("\n") for lang in LANGUAGES}
        half = max(p.size, *(max(text_em(line) for line in lines[lang]) * LABEL_FONT / 2 for lang in LANGUAGES))
        depth = max(len(v) for v in lines.values()) * LABEL_FONT
        boxes[node] = (p.x - half, p.x + half, p.y - p.size, p.y + p.size + LABEL_FONT / 2 + 4 + depth)
    return boxes


def test_the_layout_is_seeded_fast_and_no_two_node_boxes_intersect(corpus_nxg):
    import time

    from kg.viz import page_layout

    started = time.perf_counter()
    places = page_layout(corpus_nxg)
    assert time.perf_counter() - started < 2.0
    assert set(places) == set(corpus_nxg.nodes)
    again = page_layout(corpus_nxg)
    assert [(p.x, p.y, p.labels) for p in places.values()] == [(p.x, p.y, p.labels) for p in again.values()]
    boxes = sorted(_boxes(places).items())
    for index, (a, (al, ar, at, ab)) in enumerate(boxes):
        for b, (bl, br, bt, bb) in boxes[index + 1:]:
            assert min(ar, br) <= max(al, bl) or min(ab, bb) <= max(at, bt), (a, b)


def test_the_page_draws_nodes_where_the_layout_put_them_with_physics_off(corpus_nxg):
    from kg.viz import page_layout

    html = page_html(corpus_nxg)
    nodes = json.loads(re.search(r"const RAW_NODES = (\[.*?\]);\n", html).group(1))
    places = page_layout(corpus_nxg)
    assert {n["id"]: (n["x"], n["y"]) for n in nodes} == {k: (p.x, p.y) for k, p in places.items()}
    assert all(n["label"] == n["short_zh"] for n in nodes)  # the canvas's label; the whole name stays in label_zh
    for n in nodes:
        for lang in ("zh", "en"):
            short, whole = "".join(n[f"short_{lang}"].split()), "".join(n[f"label_{lang}"].split())
            assert short == whole or (short.endswith("…") and whole.startswith(short[:-1])), (short, whole)
    assert '"physics": {"enabled": false}' in html
    assert page_layout(to_networkx(kg.build([]))) == {}


# --- a big graph's page: an overview, every entity in the data ---------------------------------------


def test_a_big_pages_data_holds_every_entity_but_it_opens_on_an_overview(tmp_path, corpus_nxg):
    import importlib.util

    from kg.viz import OVERVIEW_NODES, PAGE_BUDGET, overview_nodes

    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    big = to_networkx(kg.build([generate.generate(160, tmp_path / "corpus")]))
    assert big.number_of_nodes() > PAGE_BUDGET
    html = page_html(big)
    nodes = json.loads(re.search(r"const RAW_NODES = (\[.*?\]);\n", html).group(1))
    edges = json.loads(re.search(r"const RAW_EDGES = (\[.*?\]);\n", html).group(1))
    # every entity, with both names, is in the page: the search box finds any of them
    assert {n["id"]: (n["label_zh"], n["label_en"]) for n in nodes} == {
        node: (d["label_zh"], d["label_en"]) for node, d in big.nodes(data=True)}
    assert len(edges) == big.number_of_edges()
    drawn = [n["id"] for n in nodes if n["overview"]]
    assert len(drawn) == OVERVIEW_NODES <= PAGE_BUDGET
    assert set(drawn) == set(overview_nodes(big))
    hub = max(big.nodes, key=lambda n: (big.degree(n), n))
    assert hub in drawn
    # only the overview is laid out by kg; every node carries its box, so the browser can place the rest
    assert all(("x" in n) == n["overview"] and len(n["box"]) == 3 for n in nodes)
    assert '"explore": {"step": ' in html
    assert page_html(big) == html
    # below the budget (the corpus) the page draws every node, as before
    small = page_html(corpus_nxg)
    assert corpus_nxg.number_of_nodes() <= PAGE_BUDGET
    assert '"explore"' not in small and '"overview"' not in small
