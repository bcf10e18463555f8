"""A corpus of articles: entities resolved across them, stable IRIs, conflicts, incremental and parallel
builds, the Oxigraph store, and the way out to a real SPARQL server."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS

import kg
from kg.cli import app
from kg.corpus import build_corpus, build_store
from kg.files import default_mode
from kg.sparql import pack
from kg.store import StoreGraph
from kg.validate import validate
from kg.vocab import KG, KGR, OA

from .conftest import CORPUS, ROOT, SEED_ANNOTATIONS

ARTICLES = ["000_fcbe63b8009f4bc7", "101_ningxia_zhongwei", "102_guizhou_guian", "103_gansu_qingyang"]


def _generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _articles_of(graph: Graph, entity: URIRef) -> set[str]:
    return {str(graph.value(span, OA.hasSource)).rsplit("/", 1)[1] for span in graph.objects(entity, PROV.wasDerivedFrom)}


@pytest.fixture(scope="module")
def corpus_graph():
    return kg.build([CORPUS], with_ontology=False)


def test_one_node_per_entity_across_articles_with_every_articles_evidence(corpus_graph):
    assert _articles_of(corpus_graph, KGR["china-mobile"]) == {"101_ningxia_zhongwei", "102_guizhou_guian", "103_gansu_qingyang"}
    assert _articles_of(corpus_graph, KGR["east-data-west-computing"]) == set(ARTICLES)
    assert _articles_of(corpus_graph, KGR.huawei) == {"102_guizhou_guian", "103_gansu_qingyang"}
    for entity in (KGR["china-mobile"], KGR.huawei, KGR.china):
        assert len(list(corpus_graph.objects(entity, RDF.type))) == 1
        assert sorted(lbl.language for lbl in corpus_graph.objects(entity, RDFS.label)) == ["en", "zh"]


def _write_article(folder: Path, article_id: str, text: str, entities: list[dict], relations=()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    data = {"format": "kg-annotations/1",
            "article": {"id": article_id, "file": f"{article_id}.txt", "title": {"zh": text.split("\n")[0].strip(), "en": "t"}},
            "entities": entities, "relations": list(relations)}
    path = folder / f"{article_id}.annotations.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _mention(text: str, name: str, last: bool = False) -> dict:
    from kg.article import parse_article

    clean = parse_article(text).text
    start = clean.rindex(name) if last else clean.index(name)
    return {"start": start, "end": start + len(name), "text": name}


def test_aliases_resolve_names_to_known_entities(tmp_path):
    text = " 中国能源建设集团在青海投资\n\n中国能源建设集团在青海建设项目。\n"
    other = _write_article(tmp_path / "c", "200_ceec", text, [
        {"id": "zhong-guo-neng-yuan-jian-she-ji-tuan", "type": "Firm", "label": {"zh": "中国能源建设集团", "en": "CEEC"},
         "mentions": [_mention(text, "中国能源建设集团")], "source": "auto", "confidence": 0.6},
        {"id": "qing-hai", "type": "Province", "label": {"zh": "青海", "en": "Qinghai"},
         "mentions": [_mention(text, "青海")], "source": "auto", "confidence": 0.6},
    ], [{"subject": "zhong-guo-neng-yuan-jian-she-ji-tuan", "predicate": "hasProjectIn", "object": "qing-hai",
         "evidence": _mention(text, "中国能源建设集团在青海建设")}])
    graph = kg.build([SEED_ANNOTATIONS, other], with_ontology=False)
    assert (KGR.ceec, KG.hasProjectIn, KGR.qinghai) in graph
    assert not list(graph.triples((KGR["zhong-guo-neng-yuan-jian-she-ji-tuan"], None, None)))
    assert Literal("中能建", lang="zh") in set(graph.objects(KGR.ceec, RDFS.label)), "the curated label stays"
    assert Literal("中国能源建设集团", lang="zh") in set(graph.objects(KGR.ceec, SKOS.altLabel))
    alone = kg.build([other], with_ontology=False)
    assert (KGR.ceec, KG.hasProjectIn, KGR.qinghai) in alone, "the same IRIs without the seed article"


def _entities(graph: Graph) -> set[URIRef]:
    types = set(kg.ontology.ontology().entity_types.values())
    return {s for s, o in graph.subject_objects(RDF.type) if o in types}


def test_iris_of_entities_that_stay_do_not_change_when_articles_come_or_go(tmp_path):
    full = kg.build([CORPUS / f"{name}.annotations.json" for name in ARTICLES], with_ontology=False)
    for left_out in ARTICLES:
        rest = [CORPUS / f"{name}.annotations.json" for name in ARTICLES if name != left_out]
        smaller = kg.build(rest, with_ontology=False)
        assert _entities(smaller) <= _entities(full)
        alone = kg.build([CORPUS / f"{left_out}.annotations.json"], with_ontology=False)
        assert _entities(alone) <= _entities(full)


def test_conflicting_figures_are_both_kept_and_reported(make_corpus):
    def other_value(data):
        figure = next(f for f in data["figures"] if f["id"] == "qinghai-rack-capacity-2024")
        figure["value"] = 95000
    first = make_corpus()
    second = make_corpus(other_value, name="other", article_id="999_copy")
    graph = kg.build([first, second])
    values = {graph.value(f, RDF.value).toPython() for f in graph.objects(KGR.qinghai, KG.hasFigure)
              if graph.value(f, KG.measure) == URIRef("https://w3id.org/qhkg/measure/rackCapacity")}
    assert values == {93000, 95000}
    report = validate(graph)
    assert report.conforms, "a conflict between sources is a warning, not a malformed graph"
    warnings = [p for p in report.problems if p.severity == "Warning"]
    assert any("95000" in p.message and "93000" in p.message for p in warnings)


def test_unchanged_articles_are_not_processed_again(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.schema.json"))
    cache = tmp_path / "cache"
    first = build_corpus([folder], cache_dir=cache)
    assert first.reused == 0
    again = build_corpus([folder], cache_dir=cache)
    assert again.reused == len(ARTICLES)
    assert again.nquads() == first.nquads()
    changed = folder / "101_ningxia_zhongwei.annotations.json"
    data = json.loads(changed.read_text(encoding="utf-8"))
    data["entities"][0]["label"]["en"] = "Wang Haiyan (reporter)"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    third = build_corpus([folder], cache_dir=cache)
    assert third.reused == len(ARTICLES) - 1
    assert third.nquads() != first.nquads()


def test_a_big_corpus_builds_the_same_in_parallel_and_in_one_process(tmp_path):
    folder = _generator().generate(80, tmp_path / "synthetic")
    serial = build_corpus([folder], jobs=1)
    parallel = build_corpus([folder], jobs=2)
    assert parallel.nquads() == serial.nquads()
    assert len(serial.evidence) == 80


def test_the_cli_fast_path_and_the_library_build_the_same_dataset(tmp_path, runner):
    out = tmp_path / "kg.nq"
    assert runner.invoke(app, ["build", str(CORPUS), "-o", str(out), "--no-cache"]).exit_code == 0
    assert isomorphic(kg.read_graph(out), kg.build([CORPUS]))  # every format holds the ontology by default
    assert runner.invoke(app, ["build", str(CORPUS), "-o", str(out), "--no-cache", "--without-ontology"]).exit_code == 0
    assert isomorphic(kg.read_graph(out), kg.build([CORPUS], with_ontology=False))


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("store") / "oxigraph"
    build_store([SEED_ANNOTATIONS], store)
    return StoreGraph.open(store)


def _normal(term):
    from kg.results import to_python

    value = to_python(term)
    return value


@pytest.mark.parametrize("name", sorted(pack()))
def test_the_pack_gives_the_same_answers_from_rdflib_and_oxigraph(name, seed_store, full_graph):
    memory = kg.query(full_graph, name)
    oxigraph = kg.query(seed_store, name)
    assert oxigraph.kind == memory.kind
    if memory.kind == "SELECT":
        assert sorted(map(repr, oxigraph.rows())) == sorted(map(repr, memory.rows()))
    elif memory.kind == "ASK":
        assert oxigraph.boolean is memory.boolean
    elif memory.kind == "CONSTRUCT":
        assert isomorphic(oxigraph.graph, memory.graph)
    else:  # DESCRIBE: Oxigraph gives the resource's own triples, rdflib its bounded description
        resource = next(iter(oxigraph.graph.subjects()))
        assert set(oxigraph.graph) == set(memory.graph.triples((resource, None, None)))


def test_query_and_build_commands_with_a_store(runner, tmp_path):
    store = tmp_path / "store"
    built = runner.invoke(app, ["build", str(SEED_ANNOTATIONS), "--store", f"oxigraph:{store}"])
    assert built.exit_code == 0 and f"into the Oxigraph store {store}" in built.stderr
    assert store.stat().st_mode & 0o777 == default_mode(directory=True)  # not the private mode of a temp folder
    result = runner.invoke(app, ["query", "firms_settled_in_qinghai", "--store", f"oxigraph:{store}", "-f", "csv"])
    assert result.exit_code == 0 and len(result.stdout.strip().splitlines()) == 8
    bad = runner.invoke(app, ["query", "firms_settled_in_qinghai", "--store", "sqlite:x"])
    assert bad.exit_code == 2 and "unknown store 'sqlite:x'; expected memory or oxigraph:PATH" in bad.stderr


def test_push_to_a_real_oxigraph_server_and_ask_it_the_pack(oxigraph_server, runner, full_graph, tmp_path):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    source = tmp_path / "seed.trig"
    kg.write_graph(full_graph, source, with_ontology=True)
    result = runner.invoke(app, ["push", str(source), "--endpoint", f"{oxigraph_server}/store"])
    assert result.exit_code == 0, result.output
    assert f"Pushed {len(full_graph)} triples in 2 graph(s)" in result.stderr
    client = SPARQLWrapper(f"{oxigraph_server}/query")
    for name, q in pack().items():
        expected = kg.query(full_graph, name)
        client.setQuery(q.text)
        if expected.kind == "SELECT":
            client.setReturnFormat(JSON)
            rows = client.query().convert()["results"]["bindings"]
            got = sorted(tuple(_cell(b.get(v)) for v in expected.variables) for b in rows)
            want = sorted(tuple(_cell_rdflib(b.get(v)) for v in expected.variables) for b in expected.bindings)
            assert got == want, name
        elif expected.kind == "ASK":
            client.setReturnFormat(JSON)
            assert client.query().convert()["boolean"] is expected.boolean
        elif expected.kind == "CONSTRUCT":
            client.setReturnFormat(TURTLE)
            assert isomorphic(Graph().parse(data=client.query().convert(), format="turtle"), expected.graph), name


def _cell(term):
    if term is None:
        return None
    datatype = term.get("datatype")
    if datatype and datatype.endswith(("#nonNegativeInteger", "#int", "#long")):
        datatype = "http://www.w3.org/2001/XMLSchema#integer"  # Oxigraph stores integer subtypes as xsd:integer
    return (term["value"], term.get("xml:lang"), datatype)


def _cell_rdflib(term):
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else None
        if datatype and datatype.endswith(("#nonNegativeInteger", "#int", "#long")):
            datatype = "http://www.w3.org/2001/XMLSchema#integer"
        return (str(term), term.language, datatype)
    return (str(term), None, None)


def test_push_with_sparql_update_into_one_named_graph(oxigraph_server, runner, tmp_path, graph):
    import httpx

    source = tmp_path / "seed.nt"
    kg.write_graph(graph, source)
    target = "https://example.org/graphs/seed"
    result = runner.invoke(app, ["push", str(source), "--endpoint", f"{oxigraph_server}/update", "--update",
                                 "--named-graph", target, "--batch", "1000"])
    assert result.exit_code == 0, result.output
    count = httpx.post(f"{oxigraph_server}/query", data={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}"},
                       headers={"Accept": "application/sparql-results+json"}).json()
    assert int(count["results"]["bindings"][0]["n"]["value"]) == len(graph)


def test_push_to_an_unreachable_server_is_a_one_line_error(runner, tmp_path, graph):
    source = tmp_path / "seed.nt"
    kg.write_graph(graph, source)
    result = runner.invoke(app, ["push", str(source), "--endpoint", "http://127.0.0.1:9/store"])
    assert result.exit_code == 2 and "cannot reach the server" in result.stderr and result.stderr.count("\n") == 1


def test_a_store_keeps_named_graphs_only_when_asked(tmp_path):
    import pyoxigraph as ox

    plain, named = tmp_path / "plain", tmp_path / "named"
    build_store([SEED_ANNOTATIONS], plain)
    build_store([SEED_ANNOTATIONS], named, named_graphs=True)
    plain_store, named_store = ox.Store.read_only(str(plain)), ox.Store.read_only(str(named))
    assert list(plain_store.named_graphs()) == []
    assert [g.value for g in named_store.named_graphs()] == ["https://w3id.org/qhkg/id/graph/000_fcbe63b8009f4bc7"]
    assert len(plain_store) == len(named_store)
    for name in ("figures_with_evidence", "provenance_of_a_fact"):
        assert sorted(map(repr, kg.query(StoreGraph(plain_store), name).rows())) == \
            sorted(map(repr, kg.query(StoreGraph(named_store), name).rows()))


def test_a_damaged_cache_entry_is_rebuilt(tmp_path):
    """Cache entries are written atomically but not fsynced: one cut short by a crash is a miss, not an error."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.schema.json"))
    cache = tmp_path / "cache"
    first = build_corpus([folder], cache_dir=cache)
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == len(ARTICLES)
    entries[0].write_bytes(b"")
    entries[1].write_bytes(b"\xff\xfe not UTF-8")
    entries[2].write_text("[1, 2]", encoding="utf-8")
    again = build_corpus([folder], cache_dir=cache)
    assert again.reused == len(ARTICLES) - 3
    assert again.nquads() == first.nquads()


def test_a_romanised_label_survives_the_cache(make_corpus, tmp_path):
    def romanised(data):
        entity = next(e for e in data["entities"] if e["id"] == "sanjiangyuan-big-data-base")
        entity["label"] = {"zh": entity["label"]["zh"], "zh-Latn-pinyin": "Sanjiangyuan Guojia Dashuju Jidi"}

    path = make_corpus(romanised)
    cache = tmp_path / "cache"
    first = build_corpus([path], cache_dir=cache)
    again = build_corpus([path], cache_dir=cache)
    assert again.reused == 1 and again.nquads() == first.nquads()
    (description,) = [d for d in again.descriptions if d.id == "sanjiangyuan-big-data-base"]
    assert (description.label_en, description.label_pinyin) == (None, "Sanjiangyuan Guojia Dashuju Jidi")
    assert isomorphic(kg.build([path], with_ontology=False), again.graph())
