"""Seeing the graph: RDF -> networkx, graph analytics, and an offline pyvis page.

:func:`to_networkx` turns the RDF graph into a ``networkx.MultiDiGraph`` that
stands on its own: entities are nodes (class, category, zh/en labels, aliases,
their figures, the sentence they first appear in), relations are edges (the
predicate and its zh/en labels, the evidence). :func:`graph_stats` measures it;
:func:`page_html` draws it with pyvis into one HTML file that needs no network:
vis-network is inlined from pyvis's own copy and the page template is kg's own
(pyvis's template links Bootstrap from a CDN). :func:`page_layout` places the nodes
(seeded, labels apart) so the page opens ready, with legible labels and physics off.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.errors import VizError
from kg.formats import NETWORK_FORMATS
from kg.ontology import ontology
from kg.paths import TEMPLATES_DIR
from kg.resolve import PINYIN
from kg.vocab import KG, OA

if TYPE_CHECKING:
    import networkx as nx

#: The node-and-edge file formats (kg.formats.NETWORK_FORMATS): name -> suffix.
GRAPH_FORMATS = {name: fmt.suffix for name, fmt in NETWORK_FORMATS.items()}
#: How each category is drawn: vis-network shape and colour (shapes that put the label below the node).
STYLE = {
    "Region": ("dot", "#2a9d8f"),
    "Facility": ("square", "#e76f51"),
    "Firm": ("diamond", "#f4a261"),
    "Organization": ("triangle", "#457b9d"),
    "Policy": ("triangleDown", "#8e6cbf"),
    "Person": ("star", "#e9b949"),
    "Event": ("hexagon", "#d62866"),
}
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
LANGUAGES = ("zh", "en")
#: The border of an unreviewed (machine-made) node: dashes of 5 px, gaps of 4 px.
AUTO_BORDER = {"borderDashes": [5, 4]}


def to_networkx(
    graph: Graph, *, subgraph: Graph | None = None, classes: Iterable[str] | None = None
) -> nx.MultiDiGraph:
    """The entities and relations of an RDF graph as a networkx MultiDiGraph.

    ``subgraph`` (e.g. what a CONSTRUCT query returned) keeps only the entities
    and relations it holds, described from ``graph``. ``classes`` keeps the
    entities of those classes or categories (``Region``, ``DataCenter``, ...).
    """
    import networkx as nx

    onto = ontology()
    types = set(onto.entity_types.values())
    wanted = _class_filter(classes, onto)
    entities: dict[URIRef, URIRef] = {}
    for entity, cls in sorted(graph.subject_objects(RDF.type)):
        if cls in types and isinstance(entity, URIRef) and entity not in entities:
            entities[entity] = cls
    if subgraph is not None:
        present = set(subgraph.subjects()) | set(subgraph.objects())
        entities = {e: c for e, c in entities.items() if e in present}
    if wanted is not None:
        entities = {e: c for e, c in entities.items() if {c, onto.category(c)} & wanted}
    nxg = nx.MultiDiGraph()
    for entity, cls in entities.items():
        nxg.add_node(str(entity), **_node_attributes(graph, entity, cls))
    relations = set(onto.relations.values())
    edges = [
        (s, p, o) for s, p, o in graph
        if p in relations and s in entities and o in entities and (subgraph is None or (s, p, o) in subgraph)
    ]
    for s, p, o in sorted(edges):
        name = _local(p)
        statement = _statement(graph, s, p, o)
        nxg.add_edge(
            str(s), str(o), key=name, predicate=name,
            label_zh=onto.label(p, "zh") or name, label_en=onto.label(p, "en") or name,
            evidence=_statement_evidence(graph, statement), **_origin(graph, statement),
        )
    return nxg


def _origin(graph: Graph, node) -> dict[str, Any]:
    """Whether a machine made the fact and no one reviewed it (``auto``), and how sure it was."""
    if node is None or (node, PROV.wasGeneratedBy, None) not in graph:
        return {"auto": False, "confidence": None}
    confidence = graph.value(node, KG.confidence)
    return {"auto": True, "confidence": float(confidence) if confidence is not None else None}


def _class_filter(classes: Iterable[str] | None, onto) -> set[URIRef] | None:
    if classes is None:
        return None
    names = [c.strip() for c in classes if c.strip()]
    unknown = [n for n in names if n not in onto.entity_types]
    if unknown:
        raise VizError(f"unknown class {unknown[0]!r}; expected one of: {', '.join(onto.entity_types)}")
    return {onto.entity_types[n] for n in names}


def _node_attributes(graph: Graph, entity: URIRef, cls: URIRef) -> dict[str, Any]:
    onto = ontology()
    category = onto.category(cls)
    labels = {lang: _name(graph, entity, lang) for lang in LANGUAGES}
    aliases = sorted(str(a) for a in graph.objects(entity, SKOS.altLabel))
    figures = [_figure(graph, f) for f in sorted(graph.objects(entity, KG.hasFigure))]
    return {
        "iri": str(entity),
        "class": _local(cls),
        "category": _local(category),
        "class_zh": onto.label(cls, "zh"),
        "class_en": onto.label(cls, "en"),
        "category_zh": onto.label(category, "zh"),
        "category_en": onto.label(category, "en"),
        "label_zh": labels["zh"],
        "label_en": labels["en"],
        "aliases": aliases,
        "figures": figures,
        "sentence": _first_sentence(graph, entity),
        **_origin(graph, entity),
    }


#: Where a node's name comes from when it has none in the language asked for: an entity with no English
#: name shows its romanisation on the English page, one with no Chinese name its English name.
NAME_FALLBACKS = {"zh": ("zh", "en", PINYIN), "en": ("en", PINYIN, "zh")}


def _name(graph: Graph, entity: URIRef, lang: str) -> str:
    """The entity's name in a language, else in the next of :data:`NAME_FALLBACKS`; its IRI's last part if it has none."""
    for tag in NAME_FALLBACKS[lang]:
        name = _label(graph, entity, tag)
        if name:
            return name
    return _local(entity)


def _label(graph: Graph, node: URIRef, lang: str) -> str | None:
    for label in sorted(graph.objects(node, RDFS.label)):
        if isinstance(label, Literal) and (label.language or "").lower() == lang.lower():  # tags ignore case
            return str(label)
    return None


def _figure(graph: Graph, figure: URIRef) -> dict[str, Any]:
    value = graph.value(figure, RDF.value)
    return {
        "measure": _local(graph.value(figure, KG.measure)),
        "value": str(value) if value is not None else None,
        "unit": _local(graph.value(figure, KG.unit)),
        "as_of": str(graph.value(figure, KG.asOf) or ""),
        "label_zh": _label(graph, figure, "zh"),
        "label_en": _label(graph, figure, "en"),
    }


def _span_start(graph: Graph, span) -> int:
    for selector in graph.objects(span, OA.hasSelector):
        start = graph.value(selector, OA.start)
        if start is not None:
            return int(start)
    return -1


def _span_text(graph: Graph, span) -> str | None:
    for selector in graph.objects(span, OA.hasSelector):
        exact = graph.value(selector, OA.exact)
        if exact is not None:
            return str(exact)
    return None


def _first_sentence(graph: Graph, entity: URIRef) -> str | None:
    spans = [s for s in graph.objects(entity, PROV.wasDerivedFrom) if (s, RDF.type, KG.EvidenceSpan) in graph]
    for span in sorted(spans, key=lambda s: (str(graph.value(s, OA.hasSource)), _span_start(graph, s))):
        for sentence in graph.objects(span, KG.inSentence):
            return _span_text(graph, sentence)
    return None


def _statement(graph: Graph, s, p, o) -> URIRef | None:
    """The reified statement of an edge (kg makes one per edge, with its evidence and its origin)."""
    for statement in graph.subjects(RDF.subject, s):
        if (statement, RDF.predicate, p) in graph and (statement, RDF.object, o) in graph:
            return statement
    return None


def _statement_evidence(graph: Graph, statement) -> str | None:
    span = graph.value(statement, PROV.wasDerivedFrom) if statement is not None else None
    return _span_text(graph, span) if span is not None else None


def _local(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# --- analytics --------------------------------------------------------------


def graph_stats(nxg: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """Counts per class and predicate, the most central nodes, connected components."""
    import networkx as nx

    simple = nx.Graph(nxg)

    def ranked(scores: dict[str, float]) -> list[dict[str, Any]]:
        order = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
        return [
            {"iri": n, "label_zh": nxg.nodes[n]["label_zh"], "label_en": nxg.nodes[n]["label_en"],
             "score": round(score, 6)}
            for n, score in order
        ]

    components = sorted((len(c) for c in nx.weakly_connected_components(nxg)), reverse=True)
    return {
        "nodes": nxg.number_of_nodes(),
        "edges": nxg.number_of_edges(),
        "nodes_per_category": dict(sorted(Counter(d["category"] for _, d in nxg.nodes(data=True)).items())),
        "nodes_per_class": dict(sorted(Counter(d["class"] for _, d in nxg.nodes(data=True)).items())),
        "edges_per_predicate": dict(sorted(Counter(k for _, _, k in nxg.edges(keys=True)).items())),
        "degree_top": ranked(dict(nxg.degree())),
        "betweenness_top": ranked(nx.betweenness_centrality(simple)) if simple.number_of_nodes() else [],
        "components": {"count": len(components), "sizes": components},
        "density": round(nx.density(simple), 6) if simple.number_of_nodes() > 1 else 0.0,
    }


# --- files for Gephi and Cytoscape -------------------------------------------


def graph_file_format(path: str | Path | None, format: str | None) -> str:
    """The graph file format: ``format`` if given, else from the name of ``path``; a mismatch is an error."""
    by_suffix = {suffix: name for name, suffix in GRAPH_FORMATS.items()}
    fmt = format.lower() if format else None
    if fmt is not None and fmt not in GRAPH_FORMATS:
        raise VizError(f"unknown graph format {format!r}; expected one of: {', '.join(GRAPH_FORMATS)}")
    if path is None:
        return fmt or "graphml"
    implied = by_suffix.get(Path(path).suffix.lower())
    if fmt is None and implied is None:
        raise VizError(f"{path}: unknown graph file type {Path(path).suffix or '(none)'!r}; "
                       f"expected one of: {', '.join(GRAPH_FORMATS.values())} (or give --format)")
    if fmt is not None and implied is not None and implied != fmt:
        raise VizError(f"{path}: the name says {implied} but --format says {fmt}")
    return fmt or implied


def graph_file_bytes(nxg: nx.MultiDiGraph, format: str, *, lang: str = "zh") -> bytes:
    """The networkx graph as GraphML, GEXF or node-link JSON, the same bytes for the same graph.

    Gephi and Cytoscape show a node's ``label``: each node's is its name in ``lang`` (see
    :data:`NAME_FALLBACKS`), each edge's the relation's label in ``lang``. Every node also carries
    its ``class``, its ``iri`` and the ``color`` of its category on the page; GEXF has the colour
    as ``viz:color`` too, GraphML as the ``r``, ``g``, ``b`` Gephi's GraphML import reads.
    """
    import networkx as nx

    if format not in GRAPH_FORMATS:
        raise VizError(f"unknown graph format {format!r}; expected one of: {', '.join(GRAPH_FORMATS)}")
    if lang not in LANGUAGES:
        raise VizError(f"unknown language {lang!r}; expected one of: {', '.join(LANGUAGES)}")
    if format == "json":
        data = nx.node_link_data(_labelled(nxg, lang, format), edges="links")
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    flat = _labelled(nxg, lang, format, flat=True)
    lines = nx.generate_graphml(flat) if format == "graphml" else _dateless(nx.generate_gexf(flat))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _labelled(nxg: nx.MultiDiGraph, lang: str, format: str, *, flat: bool = False) -> nx.MultiDiGraph:
    """A copy whose nodes and edges carry a label in ``lang`` and a colour. ``flat``: for GraphML and GEXF,
    which take scalar attributes only (lists become JSON text, None is left out)."""
    out = nxg.__class__()
    for node, data in nxg.nodes(data=True):
        color = STYLE[data["category"]][1]
        extra: dict[str, Any] = {"label": data[f"label_{lang}"], "color": color}
        red, green, blue = _rgb(color)
        if format == "gexf":
            extra["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}}
        elif format == "graphml":
            extra.update(r=red, g=green, b=blue)
        out.add_node(node, **(_scalars(data) if flat else data), **extra)
    for s, o, key, data in nxg.edges(keys=True, data=True):
        out.add_edge(s, o, key=key, **(_scalars(data) if flat else data), label=data[f"label_{lang}"])
    return out


def _dateless(lines: Iterable[str]) -> Iterable[str]:
    """networkx stamps a GEXF file with the day it was written (``lastmodifieddate``): left out, so the
    same graph gives the same bytes on any day (the attribute is optional)."""
    for line in lines:
        yield re.sub(r' lastmodifieddate="[^"]*"', "", line, count=1) if "<meta" in line else line


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in data.items():
        if value is None:
            continue
        out[name] = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
    return out


# --- the page -----------------------------------------------------------------


def page_html(nxg: nx.MultiDiGraph, *, lang: str = "zh", title: str | None = None) -> str:
    """One self-contained HTML page drawing the graph with vis-network (no network access).

    Up to :data:`PAGE_BUDGET` nodes the page draws them all. A bigger graph opens on an overview
    (:func:`overview_nodes`, laid out like a small one); the page still holds every entity and
    relation, so the search finds any of them, and a click draws a node's neighbours around it.
    """
    from pyvis.network import Network

    if lang not in LANGUAGES:
        raise VizError(f"unknown language {lang!r}; expected one of: {', '.join(LANGUAGES)}")
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    explore = nxg.number_of_nodes() > PAGE_BUDGET
    overview = set(overview_nodes(nxg)) if explore else set(nxg.nodes)
    # the layout (quadratic in its nodes) only for what the page opens on; the rest is placed in the browser
    degrees = dict(nxg.degree())
    layout = page_layout(nxg.subgraph(overview), degrees=degrees) if explore else page_layout(nxg)
    for node, data in nxg.nodes(data=True):
        shape, color = STYLE[data["category"]]
        # a machine's guess no one has reviewed: a dashed border (vis-network draws its borderDashes)
        dashed = {"shapeProperties": AUTO_BORDER, "borderWidth": 2.5} if data.get("auto") else {}
        place = layout.get(node) or _place(data, degrees[node])
        where = {"x": place.x, "y": place.y} if node in overview else {}
        # an explored page's nodes carry their box (what page_layout keeps apart) and whether they open drawn
        extra = {"box": _box(place), "overview": node in overview} if explore else {}
        # no `group`: pyvis drops a node's own colour when it has one
        net.add_node(
            node, label=place.labels[lang], shape=shape,
            color={"background": color, "border": _darker(color),
                   "highlight": {"background": color, "border": "#222222"}},
            **where, size=place.size, short_zh=place.labels["zh"], short_en=place.labels["en"],
            degree=place.degree, **dashed, **{k: v for k, v in data.items() if k != "iri"}, **extra,
        )
    for index, (s, o, key, data) in enumerate(nxg.edges(keys=True, data=True)):
        net.add_edge(s, o, id=f"e{index}", label=data[f"label_{lang}"], predicate=key,
                     label_zh=data["label_zh"], label_en=data["label_en"], evidence=data.get("evidence"),
                     auto=bool(data.get("auto")), confidence=data.get("confidence"), dashes=bool(data.get("auto")))
    # vis options go to the page as they are: pyvis's set_options strips the spaces out of font names
    nodes, edges = net.nodes, net.edges
    legend = [
        {"category": name, "shape": shape, "color": color,
         "zh": ontology().label(KG[name], "zh"), "en": ontology().label(KG[name], "en"),
         "count": sum(1 for _, d in nxg.nodes(data=True) if d["category"] == name)}
        for name, (shape, color) in STYLE.items()
    ]
    view: dict[str, Any] = {"labelFont": LABEL_FONT, "minLabelPx": MIN_LABEL_PX}
    if explore:
        view["explore"] = {"step": EXPAND_STEP, "gap": [GAP_X, GAP_Y]}
    return _template().render(
        nodes=nodes, edges=edges, options=json.dumps(_vis_options(), ensure_ascii=False), legend=[item for item in legend if item["count"]],
        lang=lang, title=title or "绿色算力知识图谱 · Green computing knowledge graph", font_stack=FONT_STACK,
        view=json.dumps(view),
    )


#: Above this many nodes the page opens on an overview and grows by exploration (search, click).
PAGE_BUDGET = 150
#: How many of the most connected entities the overview of a big graph shows.
OVERVIEW_NODES = 60
#: How many of a node's neighbours a click draws at a time (the side panel offers the next ones).
EXPAND_STEP = 10


def overview_nodes(nxg: nx.MultiDiGraph, count: int = OVERVIEW_NODES) -> list[str]:
    """What the page of a big graph opens on: ``count`` nodes, two thirds of them the most connected
    (by degree, then by IRI), the rest the nodes that link most of those (so the overview shows how
    the hubs hang together, not hubs alone), then the next most connected if there are too few."""
    import networkx as nx

    degrees = dict(nxg.degree())
    ranked = sorted(nxg.nodes, key=lambda n: (-degrees[n], n))
    core = ranked[: max(1, count * 2 // 3)]
    inside = set(core)
    links = Counter(peer for n in core for peer in set(nx.all_neighbors(nxg, n)) if peer not in inside)
    bridges = sorted((p for p, c in links.items() if c >= 2), key=lambda p: (-links[p], -degrees[p], p))
    chosen = core + bridges[: count - len(core)]
    taken = set(chosen)
    chosen += [n for n in ranked if n not in taken][: count - len(chosen)]
    return chosen


def _vis_options() -> dict[str, Any]:
    # the layout is kg's own (page_layout), so vis-network draws the nodes where they are and moves nothing
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "nodes": {
            "font": {"face": FONT_STACK, "size": LABEL_FONT, "strokeWidth": 3, "strokeColor": "#ffffff",
                     "multi": False},
            "borderWidth": 1.5,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#34495e", "hover": "#34495e"},
            "font": {"face": FONT_STACK, "size": 11, "color": "#52606d", "strokeWidth": 3, "align": "middle"},
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
            "width": 1.2,
        },
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": True},
    }


# --- the layout of the page ----------------------------------------------------------

#: Node labels on the page: font size in canvas units (as many screen pixels at zoom 1).
LABEL_FONT = 14
#: The page never opens zoomed out so far that a label is drawn smaller than this (screen pixels).
MIN_LABEL_PX = 12
#: A label on the canvas: at most this many lines of at most this many ems; the rest is cut with "…"
#: (the whole name is in the tooltip and the side panel).
LABEL_LINES, LINE_EM = 2, 11.0
#: Room kept around each node and its label, in canvas units.
GAP_X, GAP_Y = 10.0, 6.0
LAYOUT_SEED = 42


@dataclass(slots=True)
class Place:
    """Where the page draws a node: its centre, its size (radius), its degree, its labels in zh and en."""

    x: float
    y: float
    size: float
    degree: int
    labels: dict[str, str]


def text_em(text: str) -> float:
    """The width of a line in ems, as an estimate: CJK and other wide characters 1 em, the rest 0.55."""
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def short_label(name: str, *, lines: int = LABEL_LINES, line_em: float = LINE_EM) -> str:
    """A name as the canvas shows it: in at most ``lines`` balanced lines of at most ``line_em`` ems,
    broken between words where there are spaces (anywhere between CJK characters), cut with "…"
    when it is longer than that."""
    import math

    name = " ".join(name.split())
    # a token: a run of Latin letters (a word), else one character with the brackets and punctuation
    # that must not be parted from it (no line starts with "）" or ends with "（")
    tokens = re.findall(r"[^\s\u2e80-\u9fff\uff00-\uffef“”‘’]+\s*|[（(「“‘《]*\S[）)」”’》、，。：；！？]*\s*", name)
    needed = max(1, min(lines, math.ceil(text_em(name) / line_em)))
    width = min(line_em, text_em(name) / needed)  # the narrowest lines that hold it in as few as it needs
    wrapped = _wrap(tokens, width)
    while len(wrapped) > needed and width < line_em:
        width = min(line_em, width + 0.5)
        wrapped = _wrap(tokens, width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        wrapped[-1] = last[:_fit(last, line_em - 1.0)].rstrip(" ,;:-–(（、，") + "…"
    return "\n".join(wrapped)


def _wrap(tokens: list[str], width: float) -> list[str]:
    """Greedy line filling; a token wider than a line is split where it must be."""
    out: list[str] = []
    line = ""
    for token in tokens:
        if not line or text_em((line + token).rstrip()) <= width:
            line += token
        else:
            out.append(line.rstrip())
            line = token
        while text_em(line.rstrip()) > width and len(line.rstrip()) > 1:
            cut = _fit(line, width)
            out.append(line[:cut].rstrip())
            line = line[cut:]
    if line.strip():
        out.append(line.rstrip())
    return out


def _fit(text: str, em: float) -> int:
    """How many leading characters of ``text`` fit in ``em`` ems (at least one)."""
    for cut in range(len(text), 0, -1):
        if text_em(text[:cut]) <= em:
            return cut
    return 1


def _node_size(degree: int) -> float:
    """A node's radius: bigger for more connections, within 8 to 22 canvas units."""
    return round(min(22.0, 8.0 + 2.2 * degree ** 0.5), 1)


def _place(data: dict[str, Any], degree: int) -> Place:
    """A node's size and labels, without a place (the browser places the nodes an overview leaves out)."""
    labels = {lang: short_label(data[f"label_{lang}"]) for lang in LANGUAGES}
    return Place(0.0, 0.0, _node_size(degree), degree, labels)


def _box(place: Place) -> list[float]:
    """A node's box relative to its centre, as :func:`page_layout` keeps them apart (gaps not included):
    half its width, then its top and bottom edges (its shape, then its label below it)."""
    lines = max(place.labels[lang].count("\n") + 1 for lang in LANGUAGES)
    half = max(max(max(text_em(line) for line in place.labels[lang].split("\n")) for lang in LANGUAGES)
               * LABEL_FONT / 2, place.size)
    return [round(half, 1), -place.size, round(place.size + LABEL_FONT / 2 + 4 + lines * LABEL_FONT, 1)]


def page_layout(
    nxg: nx.MultiDiGraph, *, seed: int = LAYOUT_SEED, degrees: dict[str, int] | None = None
) -> dict[str, Place]:
    """Where each node goes on the page: a seeded spring layout, then pushed apart until no two
    boxes (a node's shape and its label below it, the wider of its zh and en labels) intersect.

    vis-network draws a label ``size + font/2 + 4`` below the node's centre (shapes with the label
    outside); the boxes here are that, plus a gap. The same graph gives the same places.
    ``degrees`` sizes the nodes (default: their degree in ``nxg``; a part of a bigger graph passes the whole's).
    """
    import networkx as nx
    import numpy as np

    nodes = sorted(nxg.nodes)
    if not nodes:
        return {}
    degrees = degrees if degrees is not None else dict(nxg.degree())
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from(sorted((min(s, o), max(s, o)) for s, o in nxg.edges() if s != o))
    places = {}
    for node in nodes:
        data = nxg.nodes[node]
        labels = {lang: short_label(data[f"label_{lang}"]) for lang in LANGUAGES}
        places[node] = Place(0.0, 0.0, _node_size(degrees[node]), degrees[node], labels)
    half_w = np.array([max(max(max(text_em(line) for line in places[n].labels[lang].split("\n"))
                                   for lang in LANGUAGES) * LABEL_FONT / 2, places[n].size) + GAP_X / 2
                       for n in nodes])
    line_count = np.array([max(places[n].labels[lang].count("\n") + 1 for lang in LANGUAGES) for n in nodes])
    sizes = np.array([places[n].size for n in nodes])
    top = -sizes - GAP_Y / 2  # box edges relative to the node's centre
    bottom = sizes + LABEL_FONT / 2 + 4 + line_count * LABEL_FONT + GAP_Y / 2
    if len(nodes) == 1:
        start = {nodes[0]: (0.0, 0.0)}
    elif len(nodes) < 500:
        start = nx.spring_layout(simple, seed=seed, iterations=100)
    else:  # networkx's spring layout needs scipy from 500 nodes on; ForceAtlas2 needs numpy only
        start = nx.forceatlas2_layout(simple, seed=seed, max_iter=100)
    xy = np.array([start[n] for n in nodes], dtype=float)
    # spread the spring layout over about twice the area the boxes need, then push overlapping boxes apart
    need = float(np.sum(2 * half_w * (bottom - top)))
    span = float(np.ptp(xy[:, 0]) * np.ptp(xy[:, 1])) or 1.0
    xy *= (2.0 * need / span) ** 0.5
    xy = _separate(xy, half_w, top, bottom)
    xy -= xy.mean(axis=0)
    for node, (x, y) in zip(nodes, xy):
        places[node].x, places[node].y = round(float(x), 1), round(float(y), 1)
    return places


def _separate(xy, half_w, top, bottom, rounds: int = 2000):
    """Move boxes apart until none intersect: each overlapping pair moves apart, a little more than half
    the overlap each, along the axis where it overlaps least for its boxes' size (so wide, low label
    boxes do not all stack up). After 100 rounds the whole picture also grows a little each round,
    so a jam ends."""
    import numpy as np

    xy = xy.copy()
    n = len(xy)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    span_x = half_w[:, None] + half_w[None, :]
    height = bottom - top
    span_y = (height[:, None] + height[None, :]) / 2
    for round_ in range(rounds):
        dx = xy[None, :, 0] - xy[:, None, 0]  # j relative to i
        dy = xy[None, :, 1] - xy[:, None, 1]
        over_x = span_x - np.abs(dx)
        # j below i: i's bottom against j's top; j above i: j's bottom against i's top
        over_y = np.where(dy >= 0, bottom[:, None] - (dy + top[None, :]), bottom[None, :] + dy - top[:, None])
        hit = (over_x > 0) & (over_y > 0) & upper
        if not hit.any():
            break
        i, j = np.nonzero(hit)
        along_x = over_x[i, j] / span_x[i, j] < over_y[i, j] / span_y[i, j]
        shift = np.zeros((len(i), 2))
        shift[along_x, 0] = np.where(dx[i, j][along_x] >= 0, 1, -1) * (over_x[i, j][along_x] * 0.6 + 0.5)
        shift[~along_x, 1] = np.where(dy[i, j][~along_x] >= 0, 1, -1) * (over_y[i, j][~along_x] * 0.6 + 0.5)
        move = np.zeros_like(xy)
        np.add.at(move, j, shift)
        np.add.at(move, i, -shift)
        xy += move
        if round_ >= 100:
            xy *= 1.002
    return xy


def _darker(color: str) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in _rgb(color)))


def _template():
    """kg's page template; vis-network's files are included from pyvis's package."""
    import pyvis
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader

    pyvis_templates = Path(pyvis.__file__).resolve().parent / "templates"
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(TEMPLATES_DIR), FileSystemLoader(pyvis_templates)]),
        autoescape=False,
    )
    # tojson still escapes <, >, & and ' (safe inside <script>); Chinese stays readable
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    return env.get_template("graph.html")


def write_page(
    graph: Graph,
    path: str | Path,
    *,
    lang: str = "zh",
    classes: Iterable[str] | None = None,
    subgraph: Graph | None = None,
) -> nx.MultiDiGraph:
    """Draw the graph (or the part of it a CONSTRUCT query returned) into an HTML file, atomically."""
    from kg.files import write_atomic

    nxg = to_networkx(graph, subgraph=subgraph, classes=classes)
    write_atomic(path, page_html(nxg, lang=lang).encode("utf-8"))
    return nxg


def iframe(page: str, height: int = 650) -> str:
    """A page inside an iframe's srcdoc, to show it inline in a notebook without a server."""
    import html

    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" '
            f'style="width: 100%; height: {height}px; border: 1px solid #d9e2ec" loading="lazy"></iframe>')
