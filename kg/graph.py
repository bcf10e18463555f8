"""Annotations in, an RDF graph out: entities, relations, figures and their evidence.

Every node has an IRI made from a curated id, so the same entity keeps the same
IRI across runs and across articles, and the graph has no blank nodes (which
keeps serialisations byte-identical). The shape, for one fact::

    kgr:sanjiangyuan-big-data-base a kg:DataCenter ;
        rdfs:label "三江源国家大数据基地"@zh , "Sanjiangyuan National Big Data Base"@en ;
        prov:wasDerivedFrom span:ARTICLE-1134-1144 ;          # a mention
        kg:hasFigure fig:sanjiangyuan-big-data-base-pue .

    fig:sanjiangyuan-big-data-base-pue a kg:Figure ;
        rdf:value 1.2 ; kg:unit unit:unitless ; kg:comparator kg:AtMost ;
        kg:measure measure:powerUsageEffectiveness ; kg:asOf "2024"^^xsd:gYear ;
        prov:wasDerivedFrom span:ARTICLE-1320-1325 .

    span:ARTICLE-1320-1325 a kg:EvidenceSpan , oa:SpecificResource ;
        oa:hasSource art:ARTICLE ;
        oa:hasSelector span:ARTICLE-1320-1325.position , span:ARTICLE-1320-1325.quote ;
        kg:inSentence span:ARTICLE-1236-1362 .

Relations are direct edges, and each is also reified as an ``rdf:Statement``
(``stmt:S--P--O``) that carries its evidence; so are attributes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.annotations import AnnotatedArticle, Bilingual, Entity, Span, find_annotation_files, load_annotated
from kg.article import Article
from kg.errors import AnnotationError
from kg.ontology import CATEGORIES, Ontology, ontology
from kg.vocab import ARTICLE, FIGURE, KG, KGR, OA, PREFIXES, SPAN, STATEMENT

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUTPUT = Path("out/kg.ttl")
QUOTE_CONTEXT = 16
COMPARATOR_SYMBOLS = {"eq": "", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "approx": "≈"}
MAX_VALUE_COMPARATORS = {"lt", "le"}
MIN_VALUE_COMPARATORS = {"gt", "ge"}


def build(
    paths: Iterable[str | Path] = (DEFAULT_CORPUS,), *, with_ontology: bool = True
) -> Graph:
    """Build the graph from annotation files, articles with annotations, or corpus folders.

    The ontology is merged in unless ``with_ontology=False``, so that queries can
    follow ``rdfs:subClassOf`` and labels of classes and properties.
    """
    files = find_annotation_files(list(paths))
    return build_graph([load_annotated(f) for f in files], with_ontology=with_ontology)


def build_graph(docs: Iterable[AnnotatedArticle], *, with_ontology: bool = False) -> Graph:
    """Build the graph from articles already loaded with their annotations."""
    builder = _Builder(ontology())
    for doc in docs:
        builder.add_document(doc)
    if with_ontology:
        builder.graph += builder.onto.graph
    return builder.graph


def ensure_built(output: str | Path = DEFAULT_OUTPUT, corpus: str | Path = DEFAULT_CORPUS) -> bool:
    """Build ``output`` from ``corpus`` if it is missing or older than its inputs; True if built."""
    from kg.export import write_graph
    from kg.ontology import ONTOLOGY_FILE

    output, corpus = Path(output), Path(corpus)
    if output.is_file():
        inputs = [ONTOLOGY_FILE, *corpus.iterdir()] if corpus.is_dir() else [ONTOLOGY_FILE]
        if all(p.stat().st_mtime <= output.stat().st_mtime for p in inputs):
            return False
    write_graph(build([corpus]), output)
    return True


def new_graph(store: str = "default") -> Graph:
    """An empty graph with kg's prefixes bound."""
    graph = Graph(store=store, bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


@dataclass
class Summary:
    """What a graph holds, counted from the graph itself."""

    triples: int
    articles: int
    entities: dict[str, int]
    relations: int
    figures: int
    attributes: int

    @property
    def entity_count(self) -> int:
        return sum(self.entities.values())

    def describe(self) -> str:
        classes = ", ".join(f"{count} {name}" for name, count in self.entities.items())
        return (
            f"{self.articles} article(s); {self.entity_count} entities ({classes}); "
            f"{self.relations} relations; {self.figures} figures; {self.attributes} attributes; "
            f"{self.triples} triples"
        )


def summarize(graph: Graph) -> Summary:
    """Count articles, entities per class, relations, figures, attributes and triples."""
    onto = ontology()
    types = set(onto.entity_types.values())
    found: dict = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if cls in types:
            found.setdefault(subject, set()).add(onto.category(cls))
    # an inferred graph types an entity with its superclasses too: count it once, in its first category
    categories: Counter[str] = Counter(
        onto.label(next(c for c in CATEGORIES if c in cats), "en") for cats in found.values()
    )
    relation_iris = set(onto.relations.values())
    attribute_iris = set(onto.attributes.values())
    return Summary(
        triples=len(graph),
        articles=len(set(graph.subjects(RDF.type, KG.Article))),
        entities=dict(sorted(categories.items())),
        relations=sum(1 for _, p, _ in graph if p in relation_iris),
        figures=len(set(graph.subjects(RDF.type, KG.Figure))),
        attributes=sum(1 for _, p, _ in graph if p in attribute_iris),
    )


def split_provenance(graph: Graph) -> tuple[Graph, dict[str, Graph]]:
    """The graph without its evidence layer, and that layer split by article id.

    The evidence layer of an article: its spans and their selectors, the
    ``prov:wasDerivedFrom`` links to those spans, and the statements (reified
    relations and attributes) derived from them. Article descriptions stay in
    the core, so that ``dcterms:creator`` and titles survive without evidence.
    """
    spans = {span: graph.value(span, OA.hasSource) for span in graph.subjects(RDF.type, KG.EvidenceSpan)}
    owner = dict(spans)
    for span, article in spans.items():
        for selector in graph.objects(span, OA.hasSelector):
            owner[selector] = article
    article_ids = {a: str(graph.value(a, DCTERMS.identifier) or str(a).rsplit("/", 1)[-1]) for a in set(spans.values())}
    statements = {
        st: {spans[x] for x in graph.objects(st, PROV.wasDerivedFrom) if x in spans}
        for st in graph.subjects(RDF.type, RDF.Statement)
    }
    core = new_graph()
    layers: dict[str, Graph] = {}
    for s, p, o in graph:
        if s in owner:
            articles = {owner[s]}
        elif statements.get(s):
            articles = statements[s]
        elif p == PROV.wasDerivedFrom and o in spans:
            articles = {spans[o]}
        else:
            core.add((s, p, o))
            continue
        for article in articles:
            layers.setdefault(article_ids[article], new_graph()).add((s, p, o))
    return core, layers


def drop_provenance(graph: Graph) -> Graph:
    """The graph without its evidence layer."""
    return split_provenance(graph)[0]


def entity_iri(entity_id: str) -> URIRef:
    return KGR[entity_id]


def span_iri(article_id: str, start: int, end: int) -> URIRef:
    return SPAN[f"{article_id}-{start}-{end}"]


@dataclass
class _Builder:
    onto: Ontology
    graph: Graph = field(default_factory=new_graph)
    defined: dict[str, tuple[Entity, Path]] = field(default_factory=dict)

    def add_document(self, doc: AnnotatedArticle) -> None:
        ann, article = doc.annotations, doc.article
        self._add_article(doc)
        for index, entity in enumerate(ann.entities):
            self._add_entity(entity, index, doc)
        for rel in ann.relations:
            subject, obj = entity_iri(rel.subject), entity_iri(rel.object)
            predicate = self.onto.relations[rel.predicate]
            self.graph.add((subject, predicate, obj))
            self._add_statement(f"{rel.subject}--{rel.predicate}--{rel.object}", subject, predicate, obj,
                                article, rel.evidence)
        for fig in ann.figures:
            self.graph.add((entity_iri(fig.subject), KG.hasFigure, self._add_figure(fig, article)))
        for attr in ann.attributes:
            self._add_attribute(attr, article)

    def _add_article(self, doc: AnnotatedArticle) -> None:
        info, article = doc.annotations.article, doc.article
        node = ARTICLE[article.id]
        g = self.graph
        g.add((node, RDF.type, KG.Article))
        for predicate in (DCTERMS.title, RDFS.label):
            g.add((node, predicate, Literal(info.title.zh, lang="zh")))
            g.add((node, predicate, Literal(info.title.en, lang="en")))
        g.add((node, DCTERMS.identifier, Literal(article.id)))
        g.add((node, DCTERMS.source, Literal(info.file)))
        g.add((node, DCTERMS.language, Literal(info.language)))
        g.add((node, KG.contentHash, Literal(article.sha256)))
        if info.creator:
            g.add((node, DCTERMS.creator, entity_iri(info.creator)))
        if info.temporal:
            g.add((node, DCTERMS.temporal, date_literal(info.temporal)))

    def _add_entity(self, entity: Entity, index: int, doc: AnnotatedArticle) -> None:
        node = entity_iri(entity.id)
        earlier = self.defined.get(entity.id)
        if earlier is None:
            self.defined[entity.id] = (entity, doc.path)
            self.graph.add((node, RDF.type, self.onto.entity_types[entity.type]))
            self._add_bilingual(node, RDFS.label, entity.label)
            for lang in ("zh", "en"):
                for alias in getattr(entity.aliases, lang):
                    self.graph.add((node, SKOS.altLabel, Literal(alias, lang=lang)))
        else:
            _check_same_entity(entity, index, doc.path, *earlier)
        for mention in entity.mentions:
            self.graph.add((node, PROV.wasDerivedFrom, self._add_span(doc.article, mention)))

    def _add_figure(self, fig, article: Article) -> URIRef:
        g = self.graph
        node = FIGURE[fig.id]
        g.add((node, RDF.type, KG.Figure))
        g.add((node, RDF.value, number_literal(fig.value)))
        g.add((node, KG.measure, self.onto.measures[fig.measure]))
        g.add((node, KG.unit, self.onto.units[fig.unit]))
        g.add((node, KG.comparator, self.onto.comparators[fig.comparator]))
        g.add((node, KG.asOf, date_literal(fig.date)))
        g.add((node, KG.asOfBasis, self.onto.date_bases[fig.date_basis]))
        if fig.comparator in MAX_VALUE_COMPARATORS:
            g.add((node, SDO.maxValue, number_literal(fig.value)))
        elif fig.comparator in MIN_VALUE_COMPARATORS:
            g.add((node, SDO.minValue, number_literal(fig.value)))
        subject = self.defined[fig.subject][0]
        for lang in ("zh", "en"):
            g.add((node, RDFS.label, Literal(self._figure_label(fig, subject, lang), lang=lang)))
        g.add((node, PROV.wasDerivedFrom, self._add_span(article, fig.evidence)))
        return node

    def _figure_label(self, fig, subject: Entity, lang: str) -> str:
        measure = self.onto.label(self.onto.measures[fig.measure], lang)
        unit = "" if fig.unit == "unitless" else self.onto.label(self.onto.units[fig.unit], lang)
        amount = f"{COMPARATOR_SYMBOLS[fig.comparator]}{format_number(fig.value)}"
        if lang == "zh":
            return f"{subject.label.zh}{measure}：{amount}{unit}"
        return f"{measure} of {subject.label.en}: {amount} {unit}".rstrip()

    def _add_attribute(self, attr, article: Article) -> None:
        subject = entity_iri(attr.subject)
        predicate = self.onto.attributes[attr.property]
        if isinstance(attr.value, Bilingual):
            values = [Literal(attr.value.zh, lang="zh"), Literal(attr.value.en, lang="en")]
        else:
            values = [date_literal(attr.value)]
        for value in values:
            self.graph.add((subject, predicate, value))
            digest = hashlib.sha1(value.n3().encode("utf-8")).hexdigest()[:10]
            self._add_statement(f"{attr.subject}--{attr.property}--{digest}", subject, predicate, value,
                                article, attr.evidence)

    def _add_statement(self, key: str, subject, predicate, obj, article: Article, evidence: Span) -> None:
        g = self.graph
        node = STATEMENT[key]
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.subject, subject))
        g.add((node, RDF.predicate, predicate))
        g.add((node, RDF.object, obj))
        g.add((node, PROV.wasDerivedFrom, self._add_span(article, evidence)))

    def _add_span(self, article: Article, span: Span, sentence: bool = False) -> URIRef:
        """The evidence span node, with its selectors and the sentence(s) it lies in."""
        g = self.graph
        node = span_iri(article.id, span.start, span.end)
        if (node, RDF.type, KG.EvidenceSpan) in g:
            return node
        g.add((node, RDF.type, KG.EvidenceSpan))
        g.add((node, RDF.type, OA.SpecificResource))
        g.add((node, OA.hasSource, ARTICLE[article.id]))
        position = URIRef(f"{node}.position")
        g.add((node, OA.hasSelector, position))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        g.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        quote = URIRef(f"{node}.quote")
        g.add((node, OA.hasSelector, quote))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(span.text)))
        prefix = article.text[max(0, span.start - QUOTE_CONTEXT) : span.start]
        suffix = article.text[span.end : span.end + QUOTE_CONTEXT]
        if prefix:
            g.add((quote, OA.prefix, Literal(prefix)))
        if suffix:
            g.add((quote, OA.suffix, Literal(suffix)))
        if not sentence:
            for found in article.sentences_overlapping(span.start, span.end):
                g.add((node, KG.inSentence, self._add_span(article, found, sentence=True)))
        return node

    def _add_bilingual(self, node: URIRef, predicate: URIRef, text: Bilingual) -> None:
        self.graph.add((node, predicate, Literal(text.zh, lang="zh")))
        self.graph.add((node, predicate, Literal(text.en, lang="en")))


def _check_same_entity(entity: Entity, index: int, path: Path, first: Entity, first_path: Path) -> None:
    """An id used again (in another article) must mean the same entity."""
    for field_name in ("type", "label"):
        if getattr(entity, field_name) != getattr(first, field_name):
            raise AnnotationError(
                f"{path}: entities[{index}] ({entity.id!r}): {field_name} differs from the same id in "
                f"{first_path} ({getattr(entity, field_name)!r} vs {getattr(first, field_name)!r})"
            )


def number_literal(value: Decimal) -> Literal:
    """xsd:integer for whole numbers, xsd:decimal otherwise."""
    if value == value.to_integral_value():
        return Literal(int(value), datatype=XSD.integer)
    return Literal(value.normalize(), datatype=XSD.decimal)


def format_number(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


def date_literal(value: str) -> Literal:
    """xsd:gYear, xsd:gYearMonth or xsd:date, by the precision of an ISO date."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=datatype)
