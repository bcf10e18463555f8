"""The graph built from the real article: real facts, each with its evidence."""

from __future__ import annotations

import json
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

import kg
from kg.graph import build_graph
from kg.ontology import ontology
from kg.vocab import KG, KGR, OA

from .conftest import ROOT, SEED_ANNOTATIONS

PREFIXES = """
PREFIX kg: <https://w3id.org/qhkg/def#>
PREFIX kgr: <https://w3id.org/qhkg/id/>
PREFIX measure: <https://w3id.org/qhkg/measure/>
PREFIX unit: <https://w3id.org/qhkg/unit/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def ask(graph, query, **bindings):
    return list(graph.query(PREFIXES + query, initBindings=bindings))


def zh(graph, node):
    return next(str(o) for o in graph.objects(node, RDFS.label) if o.language == "zh")


def test_sanjiangyuan_base_pue_is_at_most_1_2_and_derived_from_its_sentence(graph):
    rows = ask(graph, """
        SELECT ?value ?cmp ?unit ?exact ?sentence WHERE {
          kgr:sanjiangyuan-big-data-base kg:hasFigure ?fig .
          ?fig kg:measure measure:powerUsageEffectiveness ; rdf:value ?value ;
               kg:comparator ?cmp ; kg:unit ?unit ; prov:wasDerivedFrom ?span .
          ?span oa:hasSelector/oa:exact ?exact ;
                kg:inSentence/oa:hasSelector/oa:exact ?sentence .
        }""")
    assert len(rows) == 1
    value, cmp, unit, exact, sentence = rows[0]
    assert value.datatype == XSD.decimal and value.toPython() == Decimal("1.2")
    assert cmp == KG.AtMost
    assert unit == URIRef("https://w3id.org/qhkg/unit/unitless")
    assert str(exact) == "1.2以下"
    assert "年均PUE值（电能利用效率）1.2以下" in str(sentence)


def test_the_firms_that_settled_in_qinghai(graph):
    rows = ask(graph, """
        SELECT ?name WHERE { ?firm a kg:Firm ; kg:settledIn kgr:qinghai ; rdfs:label ?name .
                             FILTER(lang(?name) = "zh") }""")
    assert {str(r.name) for r in rows} == {"阿里", "百度", "京东", "金山", "360", "科大讯飞", "寒武纪"}


def test_qinghai_figures_at_the_end_of_2024(graph):
    rows = ask(graph, """
        SELECT ?measure ?value ?unit WHERE {
          kgr:qinghai kg:hasFigure ?f . ?f kg:measure ?measure ; rdf:value ?value ; kg:unit ?unit ;
          kg:asOf "2024-12-31"^^xsd:date }""")
    found = {(str(m).rsplit("/", 1)[1], v.toPython(), str(u).rsplit("/", 1)[1]) for m, v, u in rows}
    assert found == {
        ("rackCapacity", 93000, "rack"),
        ("rackCapacityGrowth", 2, "times"),
        ("computingPower", 8400, "PFlops"),
        ("computingPowerIncrease", 8000, "PFlops"),
    }


def test_local_standards_drafted_by_the_drc_effective_28_january_2024(graph):
    rows = ask(graph, """
        SELECT ?name ?date WHERE {
          ?std a kg:LocalStandard ; kg:draftedBy ?drc ; kg:effectiveDate ?date ; rdfs:label ?name .
          ?drc rdfs:label "青海省发展和改革委员会"@zh .
          FILTER(lang(?name) = "zh") }""")
    assert {str(r.name) for r in rows} == {"绿色算力基础设施等级评定", "绿色算力基础设施清洁能源利用评价方法", "绿色算力地方标准"}
    assert {r.date for r in rows} == {Literal("2024-01-28", datatype=XSD.date)}
    count = ask(graph, """SELECT ?n WHERE { kgr:qinghai-green-computing-local-standards kg:hasFigure ?f .
                                             ?f kg:measure measure:standardCount ; rdf:value ?n }""")
    assert [r.n.toPython() for r in count] == [5]


def test_mangya_is_in_haixi_which_is_in_qinghai(graph):
    assert ask(graph, "ASK { kgr:mangya kg:partOf kgr:haixi-prefecture . kgr:mangya kg:partOf+ kgr:qinghai }")[0]


def test_facilities_and_where_they_are(graph):
    rows = ask(graph, """SELECT ?f ?r WHERE { ?f kg:locatedIn ?r . ?f a ?c . VALUES ?c { kg:IndustrialPark } }""")
    assert {(zh(graph, f), zh(graph, r)) for f, r in rows} == {
        ("海西州大数据产业园", "海西州"),
        ("西宁绿电智算融合示范园", "西宁"),
        ("海东零碳算力产业园", "海东"),
    }
    assert (KGR["sanjiangyuan-big-data-base"], KG.operatedBy, KGR["china-unicom-qinghai"]) in graph
    assert (KGR["china-unicom-qinghai"], KG.subOrganizationOf, KGR["china-unicom"]) in graph


def test_the_promotion_conference_was_held_in_beijing_in_2024(graph):
    event = KGR["qinghai-green-computing-promotion-conference"]
    assert (event, KG.heldIn, KGR.beijing) in graph
    assert (event, KG.startDate, Literal("2024", datatype=XSD.gYear)) in graph
    assert Literal("保护高原生态、发展绿色未来", lang="zh") in set(graph.objects(event, KG.theme))


def test_the_person_quoted_and_the_author(graph):
    ran = KGR["ran-yongming"]
    assert (ran, KG.worksFor, KGR["china-unicom-qinghai"]) in graph
    assert (ran, KG.spokeFor, KGR["sanjiangyuan-big-data-base"]) in graph
    assert Literal("高级业务总监", lang="zh") in set(graph.objects(ran, KG.jobTitle))
    article = URIRef("https://w3id.org/qhkg/id/article/000_fcbe63b8009f4bc7")
    assert graph.value(article, URIRef("http://purl.org/dc/terms/creator")) == KGR["shi-xiaoqiong"]


def _spans(graph):
    for span in graph.subjects(RDF.type, KG.EvidenceSpan):
        selectors = list(graph.objects(span, OA.hasSelector))
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph)
        yield span, position, quote


def test_every_evidence_quote_is_the_articles_words_at_its_offsets(graph, article):
    spans = list(_spans(graph))
    assert spans
    for span, position, quote in spans:
        start = graph.value(position, OA.start).toPython()
        end = graph.value(position, OA.end).toPython()
        assert str(graph.value(quote, OA.exact)) == article.text[start:end], span
        prefix, suffix = graph.value(quote, OA.prefix), graph.value(quote, OA.suffix)
        assert prefix is None or article.text[:start].endswith(str(prefix))
        assert suffix is None or article.text[end:].startswith(str(suffix))
        sentences = list(graph.objects(span, KG.inSentence))
        assert sentences or (start, end) in {(s.start, s.end) for s in article.sentences}, span
        for sentence in sentences:
            s_start, s_end = _offsets(graph, sentence)
            assert s_start < end and start < s_end, "a span lies in the sentences it links to"
            assert (s_start, s_end) in {(s.start, s.end) for s in article.sentences}


def _offsets(graph, span):
    position = next(s for s in graph.objects(span, OA.hasSelector) if (s, RDF.type, OA.TextPositionSelector) in graph)
    return graph.value(position, OA.start).toPython(), graph.value(position, OA.end).toPython()


def test_every_entity_has_one_ontology_class_two_labels_and_evidence(graph, article):
    onto = ontology()
    entity_classes = set(onto.entity_types.values())
    entities = {s for s, c in graph.subject_objects(RDF.type) if c in entity_classes}
    assert len(entities) == len(json.loads(SEED_ANNOTATIONS.read_text(encoding="utf-8"))["entities"])
    for entity in entities:
        types = [t for t in graph.objects(entity, RDF.type)]
        assert len(types) == 1 and types[0] in entity_classes, entity
        labels = list(graph.objects(entity, RDFS.label))
        assert sorted(label.language for label in labels) == ["en", "zh"], entity
        assert zh(graph, entity) in article.text, "the zh label is the article's words"
        assert any((s, RDF.type, KG.EvidenceSpan) in graph for s in graph.objects(entity, PROV.wasDerivedFrom))
        assert str(entity).startswith(str(KGR))


def test_every_relation_edge_is_reified_with_evidence(graph):
    relations = set(ontology().relations.values())
    edges = {(s, p, o) for s, p, o in graph if p in relations}
    reified = set()
    for statement in graph.subjects(RDF.type, RDF.Statement):
        triple = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                  graph.value(statement, RDF.object))
        assert triple in graph
        assert graph.value(statement, PROV.wasDerivedFrom) is not None
        reified.add(triple)
    assert edges and edges <= reified


def test_every_figure_has_value_unit_measure_date_and_evidence(graph):
    figures = set(graph.subjects(RDF.type, KG.Figure))
    assert figures
    for figure in figures:
        value = graph.value(figure, RDF.value)
        assert value.datatype in (XSD.integer, XSD.decimal)
        for prop in (KG.unit, KG.measure, KG.asOf, KG.comparator, KG.asOfBasis, PROV.wasDerivedFrom):
            assert graph.value(figure, prop) is not None, (figure, prop)
        assert (None, KG.hasFigure, figure) in graph


def test_aliases_are_alt_labels(graph):
    assert Literal("青海", lang="zh") in set(graph.objects(KGR.qinghai, SKOS.altLabel))


def test_the_graph_has_no_blank_nodes(graph):
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_iris_come_from_ids_not_from_file_order(seed, graph):
    reordered = seed.annotations.model_copy(
        update={
            "entities": list(reversed(seed.annotations.entities)),
            "relations": list(reversed(seed.annotations.relations)),
            "figures": list(reversed(seed.annotations.figures)),
        }
    )
    doc = type(seed)(seed.article, reordered, seed.path)
    again = build_graph([doc])
    assert set(again) == set(graph)
    assert kg.serialize(again) == kg.serialize(graph)
    assert KGR.qinghai == URIRef("https://w3id.org/qhkg/id/qinghai")


def test_an_entity_with_only_a_romanisation_has_a_pinyin_label_and_no_english_one(make_corpus):
    from kg.validate import validate
    from kg.viz import to_networkx

    def romanised(data):
        entity = next(e for e in data["entities"] if e["id"] == "sanjiangyuan-big-data-base")
        entity["label"] = {"zh": entity["label"]["zh"], "zh-Latn-pinyin": "Sanjiangyuan Guojia Dashuju Jidi"}
        entity.update(source="auto", confidence=0.8)
        data["article"]["title"] = {"zh": data["article"]["title"]["zh"], "zh-Latn-pinyin": "Lüse Suanli De Qinghai Shijian"}

    graph = kg.build([make_corpus(romanised)])
    node = KGR["sanjiangyuan-big-data-base"]
    turtle = kg.serialize(graph).decode("utf-8")
    assert '"sanjiangyuan guojia dashuju jidi"@zh-latn-pinyin' in turtle.lower()  # tags are case-insensitive
    assert {label.language for label in graph.objects(node, RDFS.label)} == {"zh", "zh-Latn-pinyin"}
    article = next(graph.subjects(RDF.type, KG.Article))
    assert {t.language for t in graph.objects(article, RDFS.label)} == {"zh", "zh-Latn-pinyin"}
    figure_labels = {str(label) for f in graph.objects(node, KG.hasFigure) for label in graph.objects(f, RDFS.label)
                     if label.language == "en"}
    assert figure_labels and all("of Sanjiangyuan Guojia Dashuju Jidi:" in label for label in figure_labels)
    assert validate(graph).conforms
    missing = {row[0] for row in graph.query(
        (ROOT / "queries" / "entities_without_english_label.rq").read_text(encoding="utf-8"))}
    assert node in missing
    assert to_networkx(graph).nodes[str(node)]["label_en"] == "Sanjiangyuan Guojia Dashuju Jidi"
