"""Entity resolution across articles: one node per real-world entity.

Two entities of different articles are one when they have the same id (curated
ids are reused across articles; the annotator reuses the gazetteer's), or when a
name of theirs is a name of a known entity of the same category in
``ontology/registry.ttl`` (places) or ``ontology/aliases.ttl`` (firms,
programmes): 青海 = 青海省, 中能建 = 中国能源建设集团. The resolved IRI depends only
on the entity and these fixed tables, never on which other articles are in the
corpus, so adding or removing an article never changes the IRI of one that stays.

When several articles describe one entity, the description comes from the
curated one with the smallest article id (auto drafts only when nothing curated
describes it); every other name becomes a ``skos:altLabel``.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.errors import AnnotationError
from kg.ontology import ONTOLOGY_DIR, ontology
from kg.terms import read_turtle

REGISTRY_FILE = ONTOLOGY_DIR / "registry.ttl"
ALIASES_FILE = ONTOLOGY_DIR / "aliases.ttl"
#: The BCP 47 language tag of a name romanised in Hanyu Pinyin.
PINYIN = "zh-Latn-pinyin"


@dataclass(frozen=True)
class Known:
    """An entity of the registry or the alias table."""

    id: str
    type: str
    label_zh: str
    label_en: str
    names: tuple[str, ...]


def normalize(name: str) -> str:
    """A name as compared: NFKC (full-width brackets, digits), no spaces or quotes, lower-case Latin."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "“”\"'‘’「」").lower()


def name_files() -> tuple[Path, ...]:
    """The files of known names: kg's registry and alias table, then the workspace's own (``names/*.ttl``).

    Looked up once per current folder in a process; :func:`reload_names` looks again (a notebook
    that added a names file)."""
    return _name_files(os.getcwd())


def reload_names() -> None:
    """Forget which names files the workspace has, and what they held."""
    _name_files.cache_clear()
    _known_entities.cache_clear()
    _index_names.cache_clear()


@cache
def _name_files(cwd: str) -> tuple[Path, ...]:
    from kg.workspace import load

    return (REGISTRY_FILE, ALIASES_FILE, *(path.absolute() for path in load(cwd).names))


def known_entities() -> dict[str, Known]:
    """The registry, the alias table and the workspace's names, by id (a later file adds to an earlier one)."""
    return _known_entities(name_files())


@cache
def _known_entities(paths: tuple[Path, ...]) -> dict[str, Known]:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.errors import OntologyError
    from kg.vocab import KG, KGR

    classes = {str(KG[name]) for name in ontology().entity_types}
    known: dict[str, Known] = {}
    for path in paths:
        graph = read_turtle(path)
        for node, cls in sorted(graph.subject_objects(RDF.type)):
            if not (isinstance(node, URIRef) and str(node).startswith(str(KGR))) or str(cls) not in classes:
                raise OntologyError(f"{path}: {node.n3()} must be a kgr: entity of a kg class, not a {cls.n3()}")
            labels = {lbl.language: str(lbl) for lbl in graph.objects(node, RDFS.label) if isinstance(lbl, Literal)}
            if "zh" not in labels or "en" not in labels:
                raise OntologyError(f"{path}: {node.n3()} needs an rdfs:label in Chinese (@zh) and in English (@en)")
            names = [labels["zh"], labels["en"], *sorted(str(a) for a in graph.objects(node, SKOS.altLabel))]
            entity_id = str(node)[len(str(KGR)):]
            earlier = known.get(entity_id)
            if earlier is not None:  # the workspace adds names to an entity kg knows
                names = [*earlier.names, *(n for n in names if n not in earlier.names)]
            known[entity_id] = Known(entity_id, str(cls)[len(str(KG._NS)):], labels["zh"], labels["en"], tuple(names))
    return known


@cache
def category(type_name: str) -> str:
    """The category (Region, Firm, ...) of an ontology class name."""
    onto = ontology()
    return str(onto.category(onto.entity_types[type_name])).rsplit("#", 1)[-1]


def _name_index() -> dict[tuple[str, str], str]:
    return _index_names(name_files())


@cache
def _index_names(paths: tuple[Path, ...]) -> dict[tuple[str, str], str]:
    index: dict[tuple[str, str], str] = {}
    for entity in _known_entities(paths).values():
        for name in entity.names:
            index.setdefault((category(entity.type), normalize(name)), entity.id)
    return index


def canonical_id(entity_id: str, type_name: str, names: list[str]) -> str:
    """The id an entity resolves to: a known entity's if one of its names is known, else its own."""
    if entity_id in known_entities():
        return entity_id
    index = _name_index()
    kind = category(type_name)
    for name in names:
        found = index.get((kind, normalize(name)))
        if found:
            return found
    return entity_id


@dataclass(frozen=True)
class EntityRecord:
    """How one article describes an entity (after resolution)."""

    id: str
    type: str
    label_zh: str
    label_en: str | None
    label_pinyin: str | None  # the romanisation (zh-Latn-pinyin), where no English name is known
    aliases: tuple[tuple[str, str], ...]  # (text, lang)
    source: str
    article_id: str
    where: str  # file and item, for error messages


@dataclass
class Description:
    """The one description of an entity that the graph holds."""

    id: str
    type: str
    label_zh: str
    label_en: str | None
    label_pinyin: str | None = None  # zh-Latn-pinyin
    alt_labels: list[tuple[str, str]] = field(default_factory=list)


def merge(records: list[EntityRecord]) -> list[Description]:
    """One description per entity id, from the records of every article."""
    by_id: dict[str, list[EntityRecord]] = {}
    for record in records:
        by_id.setdefault(record.id, []).append(record)
    descriptions = []
    for entity_id in sorted(by_id):
        group = sorted(by_id[entity_id], key=lambda r: (r.source != "curated", r.article_id, r.where))
        primary = group[0]
        kinds = {category(r.type) for r in group}
        if len(kinds) > 1:
            other = next(r for r in group if category(r.type) != category(primary.type))
            raise AnnotationError(
                f"{other.where} ({entity_id!r}): type {other.type} is not a kind of {category(primary.type)}, "
                f"as {primary.where} has it ({primary.type})"
            )
        label_zh, label_en, label_pinyin = primary.label_zh, primary.label_en, primary.label_pinyin
        known = known_entities().get(entity_id)
        if primary.source != "curated" and known is not None:
            label_zh, label_en, label_pinyin = known.label_zh, known.label_en, None
        names = {(label_zh, "zh"), (label_en, "en"), (label_pinyin, PINYIN)}
        alt = []
        for record in group:
            for text, lang in ((record.label_zh, "zh"), (record.label_en, "en"), (record.label_pinyin, PINYIN),
                               *record.aliases):
                if text is not None and (text, lang) not in names:
                    names.add((text, lang))
                    alt.append((text, lang))
        descriptions.append(Description(entity_id, primary.type, label_zh, label_en, label_pinyin, sorted(alt)))
    return descriptions
