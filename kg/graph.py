"""Annotations in, an RDF graph out: entities, relations, figures and their evidence.

Every node has an IRI made from a curated id, so the same entity keeps the same
IRI across runs and across articles (entities are resolved across articles, see
:mod:`kg.resolve`); figures are scoped by their article, since two articles may
give different figures for the same thing. The graph has no blank nodes (which
keeps serialisations byte-identical). The shape, for one fact::

    kgr:sanjiangyuan-big-data-base a kg:DataCenter ;
        rdfs:label "三江源国家大数据基地"@zh , "Sanjiangyuan National Big Data Base"@en ;
        prov:wasDerivedFrom span:ARTICLE-1134-1144 ;          # a mention
        kg:hasFigure fig:ARTICLE-sanjiangyuan-big-data-base-pue .

    fig:ARTICLE-sanjiangyuan-big-data-base-pue a kg:Figure ;
        rdf:value 1.2 ; kg:unit unit:unitless ; kg:comparator kg:AtMost ;
        kg:measure measure:powerUsageEffectiveness ; kg:asOf "2024"^^xsd:gYear ;
        prov:wasDerivedFrom span:ARTICLE-1320-1325 .

    span:ARTICLE-1320-1325 a kg:EvidenceSpan , oa:SpecificResource ;
        oa:hasSource art:ARTICLE ;
        oa:hasSelector span:ARTICLE-1320-1325.position , span:ARTICLE-1320-1325.quote ;
        kg:inSentence span:ARTICLE-1236-1362 .

An entity with no English name has its romanisation instead:
``rdfs:label "西云"@zh , "Xiyun"@zh-Latn-pinyin`` (and no ``@en`` label).

Relations are direct edges, and each is also reified as an ``rdf:Statement``
(``stmt:S--P--O``) that carries its evidence; so are attributes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Context, Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.annotations import (
    AnnotatedArticle, Annotations, Bilingual, Entity, Label, Span, find_annotation_files, load_annotated,
)
from kg.errors import AnnotationError
from kg.limits import MAX_FIGURE_DIGITS
from kg.ontology import CATEGORIES, Ontology, ontology
from kg.paths import DEFAULT_CORPUS, DEFAULT_OUTPUT  # noqa: F401  (their older home)
from kg.provenance import Claim, activity_triples, activity_iri, check_min_confidence, claim, merge_claims, select_items
from kg.resolve import PINYIN, Description, EntityRecord, canonical_id, merge
from kg.vocab import ARTICLE, FIGURE, KG, KGR, OA, PREFIXES, SPAN, STATEMENT

QUOTE_CONTEXT = 16
COMPARATOR_SYMBOLS = {"eq": "", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "approx": "≈"}
MAX_VALUE_COMPARATORS = {"lt", "le"}
MIN_VALUE_COMPARATORS = {"gt", "ge"}


def build(
    paths: Iterable[str | Path] = (DEFAULT_CORPUS,), *, with_ontology: bool = True, curated_only: bool = False,
    min_confidence: float | None = None,
) -> Graph:
    """Build the graph from annotation files, articles with annotations, or corpus folders.

    The ontology is merged in unless ``with_ontology=False``, so that queries can
    follow ``rdfs:subClassOf`` and labels of classes and properties. ``curated_only``
    leaves out every machine-made (``source: auto``) item, ``min_confidence`` those
    less sure than that (see :func:`kg.provenance.select_items`).
    """
    check_min_confidence(min_confidence)
    files = find_annotation_files(list(paths))
    return build_graph([load_annotated(f) for f in files], with_ontology=with_ontology, curated_only=curated_only,
                       min_confidence=min_confidence)


def build_graph(docs: Iterable[AnnotatedArticle], *, with_ontology: bool = False, curated_only: bool = False,
                min_confidence: float | None = None) -> Graph:
    """Build the graph from articles already loaded with their annotations (entities resolved across them)."""
    check_min_confidence(min_confidence)
    graph = new_graph()
    records: list[EntityRecord] = []
    claims: list[Claim] = []
    seen: dict[str, Path] = {}
    for doc in docs:
        check_unique_article(doc, seen)
        part = article_triples(doc, curated_only=curated_only, min_confidence=min_confidence)
        for triple in (*part.core, *part.evidence):
            graph.add(triple)
        records += part.entities
        claims += part.claims
    for triple in (*entity_triples(merge(records)), *merge_claims(claims)):
        graph.add(triple)
    if with_ontology:
        graph += ontology().graph
    return graph


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
    return summarize_triples((str(s), str(p), str(o)) for s, p, o in graph)


def summarize_ntriples(data: bytes, format: str = "ntriples") -> Summary:
    """The summary of N-Triples (or N-Quads) bytes, read by Oxigraph: a graph of millions of
    triples is counted in seconds, without making rdflib terms of it."""
    import pyoxigraph as ox

    kind = ox.RdfFormat.N_QUADS if format == "nquads" else ox.RdfFormat.N_TRIPLES
    return summarize_triples((q.subject.value, q.predicate.value, q.object.value) for q in ox.parse(data, format=kind))


def summarize_triples(triples: Iterable[tuple[str, str, str]]) -> Summary:
    """The summary of triples given as the text of their terms (IRIs, blank node ids, lexical forms)."""
    onto = ontology()
    types = {str(t): t for t in onto.entity_types.values()}
    relation_iris = {str(p) for p in onto.relations.values()}
    attribute_iris = {str(p) for p in onto.attributes.values()}
    rdf_type, article, figure = str(RDF.type), str(KG.Article), str(KG.Figure)
    found: dict[str, set] = {}
    articles: set[str] = set()
    figures: set[str] = set()
    count = relations = attributes = 0
    for s, p, o in triples:
        count += 1
        if p == rdf_type:
            if o in types:
                found.setdefault(s, set()).add(types[o])
            elif o == article:
                articles.add(s)
            elif o == figure:
                figures.add(s)
        elif p in relation_iris:
            relations += 1
        elif p in attribute_iris:
            attributes += 1
    categories_of = {cls: onto.category(cls) for classes in found.values() for cls in classes}
    # an inferred graph types an entity with its superclasses too: count it once, in its first category
    categories: Counter[str] = Counter(
        onto.label(next(c for c in CATEGORIES if c in {categories_of[cls] for cls in classes}), "en")
        for classes in found.values()
    )
    return Summary(triples=count, articles=len(articles), entities=dict(sorted(categories.items())),
                   relations=relations, figures=len(figures), attributes=attributes)


def split_provenance(graph: Graph) -> tuple[Graph, dict[str, Graph]]:
    """The graph without its evidence, and the evidence split by article id.

    The evidence of an article: its spans and their selectors, and the
    ``prov:wasDerivedFrom`` links to those spans. Everything else stays in the
    core, reified statements included: a statement may be derived from several
    articles, and one node in several named graphs would be counted once per graph
    by a store that queries the union of its graphs.
    """
    spans = {span: graph.value(span, OA.hasSource) for span in graph.subjects(RDF.type, KG.EvidenceSpan)}
    owner = dict(spans)
    for span, article in spans.items():
        for selector in graph.objects(span, OA.hasSelector):
            owner[selector] = article
    article_ids = {a: str(graph.value(a, DCTERMS.identifier) or str(a).rsplit("/", 1)[-1]) for a in set(spans.values())}
    core = new_graph()
    layers: dict[str, Graph] = {}
    for s, p, o in graph:
        if s in owner:
            article = owner[s]
        elif p == PROV.wasDerivedFrom and o in spans:
            article = spans[o]
        else:
            core.add((s, p, o))
            continue
        layers.setdefault(article_ids[article], new_graph()).add((s, p, o))
    return core, layers


def drop_provenance(graph: Graph) -> Graph:
    """The graph without its evidence layer and without the reified statements that carried it."""
    core, _ = split_provenance(graph)
    for statement in set(core.subjects(RDF.type, RDF.Statement)):
        core.remove((statement, None, None))
    return core


def entity_iri(entity_id: str) -> URIRef:
    return KGR[entity_id]


def span_iri(article_id: str, start: int, end: int) -> URIRef:
    return SPAN[f"{article_id}-{start}-{end}"]


def check_unique_article(doc: AnnotatedArticle, seen: dict[str, Path]) -> None:
    """Two annotation files may not describe the same article id."""
    earlier = seen.setdefault(doc.article.id, doc.path)
    if earlier != doc.path:
        raise AnnotationError(f"{doc.path}: article id {doc.article.id!r} is annotated twice (also in {earlier})")


@dataclass
class ArticleTriples:
    """What one article contributes: core facts, its evidence layer, how it describes its entities, and who
    made each of its entities, statements and figures (merged across articles by :func:`kg.provenance.merge_claims`)."""

    article_id: str
    core: list[tuple] = field(default_factory=list)
    evidence: list[tuple] = field(default_factory=list)
    entities: list[EntityRecord] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def article_triples(doc: AnnotatedArticle, *, curated_only: bool = False,
                    min_confidence: float | None = None) -> ArticleTriples:
    """The triples of one annotated article, with its entities resolved (see :mod:`kg.resolve`).

    ``curated_only`` and ``min_confidence`` leave auto items out (:func:`kg.provenance.select_items`).
    """
    ann = select_items(doc.annotations, curated_only=curated_only, min_confidence=min_confidence)
    return _ArticleBuilder(ontology(), doc, ann).run()


def entity_triples(descriptions: list[Description]) -> list[tuple]:
    """Type, labels and aliases of each entity, once for the whole corpus."""
    onto = ontology()
    triples = []
    for d in descriptions:
        node = entity_iri(d.id)
        triples.append((node, RDF.type, onto.entity_types[d.type]))
        triples.append((node, RDFS.label, Literal(d.label_zh, lang="zh")))
        if d.label_en is not None:
            triples.append((node, RDFS.label, Literal(d.label_en, lang="en")))
        if d.label_pinyin is not None:
            triples.append((node, RDFS.label, Literal(d.label_pinyin, lang=PINYIN)))
        for text, lang in d.alt_labels:
            triples.append((node, SKOS.altLabel, Literal(text, lang=lang)))
    return triples


@dataclass
class _ArticleBuilder:
    onto: Ontology
    doc: AnnotatedArticle
    ann: Annotations  # the doc's annotations, less the items the build leaves out
    out: ArticleTriples | None = None
    ids: dict[str, str] = field(default_factory=dict)
    spans_done: set = field(default_factory=set)
    span_claims: list[Claim] = field(default_factory=list)
    activity: URIRef | None = None

    def run(self) -> ArticleTriples:
        ann, article = self.ann, self.doc.article
        self.out = ArticleTriples(article.id)
        self.activity = activity_iri(article.id)
        for index, entity in enumerate(ann.entities):
            names = [entity.label.zh, *entity.aliases.zh, *filter(None, [entity.label.en]), *entity.aliases.en]
            self.ids[entity.id] = canonical_id(entity.id, entity.type, names)
        self._add_article()
        for index, entity in enumerate(ann.entities):
            self._add_entity(entity, index)
        for rel in ann.relations:
            subject, obj = self._iri(rel.subject), self._iri(rel.object)
            predicate = self.onto.relations[rel.predicate]
            self.out.core.append((subject, predicate, obj))
            key = f"{self.ids[rel.subject]}--{rel.predicate}--{self.ids[rel.object]}"
            self._add_statement(key, subject, predicate, obj, rel)
        labels = {e.id: e.label for e in ann.entities}
        for fig in ann.figures:
            node = self._add_figure(fig, labels[fig.subject])
            self.out.core.append((self._iri(fig.subject), KG.hasFigure, node))
        for attr in ann.attributes:
            self._add_attribute(attr)
        if any(c.auto for c in self.span_claims):  # every auto item cites a span
            self.out.core += activity_triples(ann, article.id)
            self.out.evidence += merge_claims(self.span_claims, unreviewed_only=True)
        return self.out

    def _claim(self, node: URIRef, item) -> None:
        self.out.claims.append(claim(node, item, self.ann, self.activity))

    def _cite(self, span: Span, item) -> URIRef:
        """The evidence span of an item, marked as the item's (see :mod:`kg.provenance`)."""
        node = self._add_span(span)
        self.span_claims.append(claim(node, item, self.ann, self.activity))
        return node

    def _iri(self, entity_id: str) -> URIRef:
        return entity_iri(self.ids[entity_id])

    def _add_article(self) -> None:
        info, article = self.ann.article, self.doc.article
        node = ARTICLE[article.id]
        add = self.out.core.append
        add((node, RDF.type, KG.Article))
        for predicate in (DCTERMS.title, RDFS.label):
            add((node, predicate, Literal(info.title.zh, lang="zh")))
            if info.title.en is not None:
                add((node, predicate, Literal(info.title.en, lang="en")))
            if info.title.pinyin is not None:
                add((node, predicate, Literal(info.title.pinyin, lang=PINYIN)))
        add((node, DCTERMS.identifier, Literal(article.id)))
        add((node, DCTERMS.source, Literal(info.file)))
        add((node, DCTERMS.language, Literal(info.language)))
        add((node, KG.contentHash, Literal(article.sha256)))
        if info.creator:
            add((node, DCTERMS.creator, self._iri(info.creator)))
        if info.temporal:
            add((node, DCTERMS.temporal, date_literal(info.temporal)))

    def _add_entity(self, entity: Entity, index: int) -> None:
        node = self._iri(entity.id)
        aliases = tuple((a, "zh") for a in entity.aliases.zh) + tuple((a, "en") for a in entity.aliases.en)
        self.out.entities.append(EntityRecord(
            self.ids[entity.id], entity.type, entity.label.zh, entity.label.en, entity.label.pinyin, aliases,
            entity.source, self.doc.article.id, f"{self.doc.path}: entities[{index}]",
        ))
        self._claim(node, entity)
        for mention in entity.mentions:
            self.out.evidence.append((node, PROV.wasDerivedFrom, self._cite(mention, entity)))

    def _add_figure(self, fig, subject_label: Label) -> URIRef:
        node = FIGURE[f"{self.doc.article.id}-{fig.id}"]
        add = self.out.core.append
        add((node, RDF.type, KG.Figure))
        add((node, RDF.value, number_literal(fig.value)))
        add((node, KG.measure, self.onto.measures[fig.measure]))
        add((node, KG.unit, self.onto.units[fig.unit]))
        add((node, KG.comparator, self.onto.comparators[fig.comparator]))
        add((node, KG.asOf, date_literal(fig.date)))
        add((node, KG.asOfBasis, self.onto.date_bases[fig.date_basis]))
        if fig.comparator in MAX_VALUE_COMPARATORS:
            add((node, SDO.maxValue, number_literal(fig.value)))
        elif fig.comparator in MIN_VALUE_COMPARATORS:
            add((node, SDO.minValue, number_literal(fig.value)))
        for lang in ("zh", "en"):
            add((node, RDFS.label, Literal(self._figure_label(fig, subject_label, lang), lang=lang)))
        self._claim(node, fig)
        self.out.evidence.append((node, PROV.wasDerivedFrom, self._cite(fig.evidence, fig)))
        return node

    def _figure_label(self, fig, subject: Label, lang: str) -> str:
        measure = self.onto.label(self.onto.measures[fig.measure], lang)
        unit = "" if fig.unit == "unitless" else self.onto.label(self.onto.units[fig.unit], lang)
        amount = f"{COMPARATOR_SYMBOLS[fig.comparator]}{format_number(fig.value)}"
        if lang == "zh":
            return f"{subject.zh}{measure}：{amount}{unit}"
        return f"{measure} of {subject.latin}: {amount} {unit}".rstrip()  # English, else the romanisation

    def _add_attribute(self, attr) -> None:
        subject = self._iri(attr.subject)
        predicate = self.onto.attributes[attr.property]
        if isinstance(attr.value, Bilingual):
            values = [Literal(attr.value.zh, lang="zh"), Literal(attr.value.en, lang="en")]
        else:
            values = [date_literal(attr.value)]
        for value in values:
            self.out.core.append((subject, predicate, value))
            digest = hashlib.sha1(value.n3().encode("utf-8")).hexdigest()[:10]
            self._add_statement(f"{self.ids[attr.subject]}--{attr.property}--{digest}", subject, predicate, value,
                                attr)

    def _add_statement(self, key: str, subject, predicate, obj, item) -> None:
        """The reified statement (core: it may come from several articles) and its evidence (this article's)."""
        node = STATEMENT[key]
        add = self.out.core.append
        add((node, RDF.type, RDF.Statement))
        add((node, RDF.subject, subject))
        add((node, RDF.predicate, predicate))
        add((node, RDF.object, obj))
        self._claim(node, item)
        self.out.evidence.append((node, PROV.wasDerivedFrom, self._cite(item.evidence, item)))

    def _add_span(self, span: Span, sentence: bool = False) -> URIRef:
        """The evidence span node, with its selectors and the sentence(s) it lies in."""
        article = self.doc.article
        node = span_iri(article.id, span.start, span.end)
        if node in self.spans_done:
            return node
        self.spans_done.add(node)
        add = self.out.evidence.append
        add((node, _TYPE, _EVIDENCE_SPAN))
        add((node, _TYPE, _SPECIFIC_RESOURCE))
        add((node, _HAS_SOURCE, ARTICLE[article.id]))
        position = URIRef(f"{node}.position")
        add((node, _HAS_SELECTOR, position))
        add((position, _TYPE, _POSITION_SELECTOR))
        add((position, _START, Literal(span.start, datatype=_NON_NEGATIVE)))
        add((position, _END, Literal(span.end, datatype=_NON_NEGATIVE)))
        quote = URIRef(f"{node}.quote")
        add((node, _HAS_SELECTOR, quote))
        add((quote, _TYPE, _QUOTE_SELECTOR))
        add((quote, _EXACT, Literal(span.text)))
        prefix = article.text[max(0, span.start - QUOTE_CONTEXT) : span.start]
        suffix = article.text[span.end : span.end + QUOTE_CONTEXT]
        if prefix:
            add((quote, _PREFIX, Literal(prefix)))
        if suffix:
            add((quote, _SUFFIX, Literal(suffix)))
        if not sentence:
            for found in article.sentences_overlapping(span.start, span.end):
                add((node, _IN_SENTENCE, self._add_span(found, sentence=True)))
        return node


# Terms used for every span, looked up once (DefinedNamespace lookups are slow in a hot loop).
_TYPE, _EVIDENCE_SPAN, _SPECIFIC_RESOURCE = RDF.type, KG.EvidenceSpan, OA.SpecificResource
_HAS_SOURCE, _HAS_SELECTOR, _IN_SENTENCE = OA.hasSource, OA.hasSelector, KG.inSentence
_POSITION_SELECTOR, _QUOTE_SELECTOR = OA.TextPositionSelector, OA.TextQuoteSelector
_START, _END, _EXACT, _PREFIX, _SUFFIX = OA.start, OA.end, OA.exact, OA.prefix, OA.suffix
_NON_NEGATIVE = XSD.nonNegativeInteger


def number_literal(value: Decimal) -> Literal:
    """xsd:integer for whole numbers, xsd:decimal otherwise.

    Values were checked when loaded (:func:`kg.annotations.check_figure_value`): finite, at most
    MAX_FIGURE_DIGITS significant digits, within 1e+-MAX_FIGURE_EXPONENT, so this is quick and exact.
    """
    if value == value.to_integral_value():
        return Literal(int(value), datatype=XSD.integer)
    return Literal(value.normalize(_ALL_DIGITS), datatype=XSD.decimal)


def format_number(value: Decimal) -> str:
    # "f": 0.0000001, not 1E-7, in a label
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(_ALL_DIGITS), "f")


# normalize() rounds to its context's precision (28 digits by default): keep every digit a figure may have
_ALL_DIGITS = Context(prec=MAX_FIGURE_DIGITS + 2)


def date_literal(value: str) -> Literal:
    """xsd:gYear, xsd:gYearMonth or xsd:date, by the precision of an ISO date."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=datatype)
