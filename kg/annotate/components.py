"""spaCy components of the annotator, registered by name (see config.cfg).

The pipeline runs on ``spacy.blank("zh")`` with the character segmenter, so any
character offset is a token boundary. Components pass their findings along in
``doc.user_data["kg"]``: candidate mentions, then resolved mentions, figures,
relations and attributes.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.annotate import extract
from kg.annotate.extract import Mention, Sentence


def _state(doc: Doc) -> dict:
    return doc.user_data.setdefault("kg", {"candidates": [], "sentences": None})


def _sentences(doc: Doc) -> list[Sentence]:
    state = _state(doc)
    if state["sentences"] is None:
        from kg.article import parse_article

        art = parse_article(doc.text)
        state["sentences"] = [(s.start, s.end) for s in art.sentences] if art.text == doc.text else [(0, len(doc.text))]
    return [Sentence(s, e, doc.text[s:e]) for s, e in state["sentences"]]


class Gazetteer:
    """Names of known entities (registry and curated annotations), matched anywhere, nested ones too."""

    def __init__(self, nlp: Language, name: str, path: str | None, confidence: float) -> None:
        from kg.annotate.gazetteer import GAZETTEER_FILE, load_gazetteer

        self.entries = {e["id"]: e for e in load_gazetteer(path or GAZETTEER_FILE)}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.confidence = confidence
        for entity_id, entry in self.entries.items():
            self.matcher.add(entity_id, [nlp.make_doc(n) for n in entry["names"]])

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        for match_id, start, end in self.matcher(doc):
            entity_id = doc.vocab.strings[match_id]
            entry = self.entries[entity_id]
            span = doc[start:end]
            state["candidates"].append(Mention(span.start_char, span.end_char, span.text, entry["type"], "gazetteer",
                                               self.confidence, entity_id, entry["label_en"]))
        return doc


class Patterns:
    """Names by their shape: 《titles》, name suffixes, enumerations of firms, people by their cues."""

    def __call__(self, doc: Doc) -> Doc:
        _state(doc)["candidates"].extend(extract.pattern_mentions(doc.text))
        return doc


class Resolver:
    """One mention per stretch of text; mentions grouped into sentences."""

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        mentions = extract.resolve(state["candidates"], doc.text, category_of)
        sentences = _sentences(doc)
        for sentence in sentences:
            sentence.mentions = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        state["mentions"] = mentions
        state["sentence_objects"] = sentences
        doc.spans["kg_mentions"] = [
            span for m in mentions if (span := doc.char_span(m.start, m.end, label=m.type)) is not None
        ]
        return doc


class Figures:
    """Numbers with units, each tied to the entity it measures in its sentence."""

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        figures = []
        for sentence in state["sentence_objects"]:
            for figure in extract.find_figures(sentence, doc.text):
                figure.subject = _subject_for(figure, sentence, state)
                if figure.subject is not None:
                    figures.append(figure)
        state["figures"] = figures
        return doc


def _subject_for(figure, sentence: Sentence, state: dict) -> Mention | None:
    from kg.annotate.rules import MEASURE_SUBJECTS

    wanted = MEASURE_SUBJECTS[figure.measure]
    holding = [m for m in sentence.mentions if m.start <= figure.start and figure.end <= m.end
               and category_of(m.type) in wanted]
    if holding:  # 第二届 inside the name of the conference
        return max(holding, key=lambda m: m.end - m.start)
    anaphor = _anaphor(figure, sentence, state)
    if anaphor is not None and category_of(anaphor.type) in wanted:
        return anaphor
    before = [m for m in sentence.mentions if m.end <= figure.start]
    for category in wanted:
        matches = [m for m in before if category_of(m.type) == category]
        if matches:
            return max(matches, key=lambda m: (m.end, m.end - m.start))
    earlier = [s for s in state["sentence_objects"] if s.end <= sentence.start]
    for previous in reversed(earlier[-2:]):
        for category in wanted:
            matches = [m for m in previous.mentions if category_of(m.type) == category]
            if matches:
                return matches[-1]
    return None


FACILITY_WORDS = ("基地", "集群", "园区", "产业园")


def _anaphor(figure, sentence: Sentence, state: dict) -> Mention | None:
    """A bare 基地 (集群, 园区, ...) before the figure in its sentence stands for the nearest facility so named."""
    import re

    text = sentence.text[: figure.start - sentence.start]
    inside = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
    # this clause and the one before it: a Chinese topic runs on across a comma (基地采用……，年均PUE……)
    cut = [i for i, ch in enumerate(text) if ch in "，；：“"]
    clause = cut[-2] + 1 if len(cut) >= 2 else 0
    for word in FACILITY_WORDS:
        for match in re.finditer(word, text[clause:]):
            match_start, match_end = clause + match.start(), clause + match.end()
            if any(s <= match_start and match_end <= e for s, e in inside):
                continue  # part of a name, not a bare word
            candidates = [m for s in state["sentence_objects"] for m in s.mentions
                          if m.text.endswith(word) and category_of(m.type) == "Facility"]
            if candidates:
                return min(candidates, key=lambda m: abs(m.start - figure.start))
    return None


class Relations:
    """Relations and attributes by sentence-level rules over the mentions."""

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        relations, attributes = [], []
        for sentence in state["sentence_objects"]:
            relations += extract.find_relations(sentence, doc.text, category_of)
            attributes += extract.find_attributes(sentence, doc.text, category_of)
        state["relations"] = relations
        state["attributes"] = attributes
        return doc


def category_of(type_name: str) -> str:
    """The reader-facing category of an ontology class name (Firm, Region, ...)."""
    from kg.ontology import ontology

    onto = ontology()
    cls = onto.entity_types.get(type_name)
    if cls is None:
        return {"EconomicRegion": "Region"}.get(type_name, type_name)
    return str(onto.category(cls)).rsplit("#", 1)[-1]


@Language.factory("kg_gazetteer", default_config={"path": None, "confidence": 0.95})
def make_gazetteer(nlp: Language, name: str, path: str | None, confidence: float) -> Gazetteer:
    return Gazetteer(nlp, name, path, confidence)


@Language.factory("kg_patterns")
def make_patterns(nlp: Language, name: str) -> Patterns:
    return Patterns()


@Language.factory("kg_resolver")
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver()


@Language.factory("kg_figures")
def make_figures(nlp: Language, name: str) -> Figures:
    return Figures()


@Language.factory("kg_relations")
def make_relations(nlp: Language, name: str) -> Relations:
    return Relations()
