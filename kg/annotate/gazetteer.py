"""The annotator's gazetteer: names of known entities, from the registry and curated annotations.

``kg/annotate/gazetteer.jsonl`` is generated (``make docs``) from general
knowledge, ``ontology/registry.ttl`` (places) and ``ontology/aliases.ttl``
(national bodies, firms, economic regions), and from the annotation files in
:data:`SOURCES` — the seed article's alone, so that the articles the annotator
is scored on (``corpus/1*``, ``corpus/heldout/``) never feed it. A test checks that the file is what these sources generate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.paths import ONTOLOGY_DIR, PROJECT_ROOT

GAZETTEER_FILE = Path(__file__).resolve().parent / "gazetteer.jsonl"
REGISTRY_FILE = ONTOLOGY_DIR / "registry.ttl"
ALIASES_FILE = ONTOLOGY_DIR / "aliases.ttl"
#: General knowledge the gazetteer reads, before the curated annotations.
KNOWLEDGE = (REGISTRY_FILE, ALIASES_FILE)
#: Curated annotations the gazetteer learns names from (relative to the project).
SOURCES = ("corpus/000_fcbe63b8009f4bc7.annotations.json",)


def gazetteer_entries(sources: tuple[str, ...] = SOURCES) -> list[dict[str, Any]]:
    """Entries {id, type, label_zh, label_en, names}: registry first, curated annotations over it."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.annotations import read_annotations
    from kg.vocab import KG, KGR

    entries: dict[str, dict[str, Any]] = {}
    registry = Graph()
    for path in KNOWLEDGE:
        registry.parse(path, format="turtle")
    for node, cls in sorted(registry.subject_objects(RDF.type)):
        labels = {lbl.language: str(lbl) for lbl in registry.objects(node, RDFS.label) if isinstance(lbl, Literal)}
        names = [labels["zh"], *sorted(str(a) for a in registry.objects(node, SKOS.altLabel))]
        # “东数西算”工程 is the name 东数西算 in quotes with its kind: annotated as 东数西算, matched as that
        names = [n for n in names if not any(o != n and o in n and not n.replace(o, "").strip("“”工程") for o in names)]
        entries[str(node)[len(str(KGR)):]] = {
            "type": str(cls)[len(str(KG._NS)):], "label_zh": labels["zh"], "label_en": labels["en"], "names": names,
        }
    for source in sources:
        annotations = read_annotations(PROJECT_ROOT / source)
        for entity in annotations.entities:
            names = [entity.label.zh, *entity.aliases.zh, *(m.text for m in entity.mentions)]
            known = entries.get(entity.id, {}).get("names", [])  # general knowledge keeps its names (阿里云)
            entries[entity.id] = {
                "type": entity.type, "label_zh": entity.label.zh, "label_en": entity.label.en,
                "names": list(dict.fromkeys(names + known)),
            }
    return [{"id": key, **value} for key, value in sorted(entries.items())]


def gazetteer_text(sources: tuple[str, ...] = SOURCES) -> str:
    header = {"generated_from": [f"ontology/{path.name}" for path in KNOWLEDGE] + list(sources)}
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps(entry, ensure_ascii=False, sort_keys=True) for entry in gazetteer_entries(sources)]
    return "\n".join(lines) + "\n"


def load_gazetteer(path: str | Path = GAZETTEER_FILE) -> list[dict[str, Any]]:
    """The entries of a gazetteer file (its first line says where it came from)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[1:] if line.strip()]
