"""Vocabulary terms, from one place.

``KG`` lists every term that ``ontology/kg.ttl`` defines in the kg namespace; a
misspelt term is an error (``_fail = True``), and a test checks that this list
and the ontology agree in both directions. Standard vocabularies come from
rdflib, except W3C Web Annotation, which rdflib does not ship.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.prefixes import BASE
from kg.prefixes import PREFIXES as _PREFIX_IRIS


#: Entities, figures, statements, articles and evidence spans of the data.
KGR = Namespace(BASE + "id/")
FIGURE = Namespace(BASE + "id/figure/")
STATEMENT = Namespace(BASE + "id/statement/")
ARTICLE = Namespace(BASE + "id/article/")
SPAN = Namespace(BASE + "id/span/")
#: Named graphs: one per article, holding its evidence layer (TriG, N-Quads).
GRAPH = Namespace(BASE + "id/graph/")
#: Provenance: the annotation runs that made auto facts (prov:Activity), and the agents behind
#: facts (the annotator, a prov:SoftwareAgent; curators, prov:Agent).
ACTIVITY = Namespace(BASE + "id/activity/")
AGENT = Namespace(BASE + "id/agent/")
#: Concept schemes defined in the ontology.
MEASURE = Namespace(BASE + "measure/")
UNIT = Namespace(BASE + "unit/")
#: The ontology document itself.
ONTOLOGY_IRI = URIRef(BASE + "def")


class KG(DefinedNamespace):
    """The kg ontology (``ontology/kg.ttl``)."""

    _NS = Namespace(BASE + "def#")
    _fail = True

    AdministrativeRegion: URIRef  # administrative region
    Approximately: URIRef  # approximately
    Article: URIRef  # article
    ArticleContext: URIRef  # article context
    AtLeast: URIRef  # at least
    AtMost: URIRef  # at most
    City: URIRef  # city
    Committee: URIRef  # committee
    Comparator: URIRef  # comparator
    ComparatorScheme: URIRef  # comparators
    Conference: URIRef  # conference
    Consortium: URIRef  # consortium
    Country: URIRef  # country
    DataCenter: URIRef  # data centre
    DateBasis: URIRef  # date basis
    DateBasisScheme: URIRef  # date bases
    DateOrYear: URIRef  # date or year
    EconomicRegion: URIRef  # economic region
    Entity: URIRef  # named entity
    Equal: URIRef  # equal to
    Event: URIRef  # event
    EvidenceSpan: URIRef  # evidence span
    Facility: URIRef  # facility
    Figure: URIRef  # figure
    Firm: URIRef  # firm
    GeographicRegion: URIRef  # geographic region
    GovernmentBody: URIRef  # government body
    IndustrialPark: URIRef  # industrial park
    InnovationBase: URIRef  # innovation base
    LessThan: URIRef  # less than
    LocalStandard: URIRef  # local standard
    Measure: URIRef  # measure
    MeasureScheme: URIRef  # measures
    MoreThan: URIRef  # more than
    NetworkInfrastructure: URIRef  # network infrastructure
    Organization: URIRef  # organisation
    Person: URIRef  # person
    Plan: URIRef  # plan
    Policy: URIRef  # policy
    Prefecture: URIRef  # prefecture
    Program: URIRef  # programme
    Province: URIRef  # province
    Region: URIRef  # region
    ResearchInstitute: URIRef  # research institute
    Standard: URIRef  # standard
    StatedInText: URIRef  # stated in the text
    Unit: URIRef  # unit
    UnitScheme: URIRef  # units
    activeIn: URIRef  # active in
    approvedBy: URIRef  # approved by
    asOf: URIRef  # as of
    asOfBasis: URIRef  # date basis
    attribute: URIRef  # attribute
    comparator: URIRef  # comparator
    completionDate: URIRef  # completion date
    confidence: URIRef  # confidence
    contentHash: URIRef  # content hash
    draftedBy: URIRef  # drafted by
    effectiveDate: URIRef  # effective date
    establishedBy: URIRef  # established by
    guidedBy: URIRef  # guided by
    hasFigure: URIRef  # has figure
    hasProjectIn: URIRef  # has a project in
    heldIn: URIRef  # held in
    inSentence: URIRef  # in sentence
    issuedBy: URIRef  # issued by
    jobTitle: URIRef  # job title
    locatedIn: URIRef  # located in
    measure: URIRef  # measure
    operatedBy: URIRef  # operated by
    organizedBy: URIRef  # organised by
    partOf: URIRef  # part of
    participatesIn: URIRef  # participates in
    relatedTo: URIRef  # related to
    reviewedAt: URIRef  # reviewed at
    selectedFor: URIRef  # selected for
    settledIn: URIRef  # settled in
    spokeFor: URIRef  # spoke for
    startDate: URIRef  # start date
    subOrganizationOf: URIRef  # sub-organisation of
    supports: URIRef  # supports
    theme: URIRef  # theme
    unit: URIRef  # unit
    usesTechnology: URIRef  # uses technology
    worksFor: URIRef  # works for


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary: the terms kg uses."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef


#: Prefixes bound in every graph kg writes, so that Turtle is readable (from :mod:`kg.prefixes`).
PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in _PREFIX_IRIS.items()}
