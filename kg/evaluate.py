"""Scoring a predicted annotation against a gold one: precision, recall and F1.

- Entities are scored mention by mention, per class (the ontology's categories:
  Region, Facility, Firm, Organization, Policy, Person, Event) and overall. A
  mention matches *exactly* when its span and category are the gold's; it matches
  by *overlap* when its span overlaps a gold mention of the same category (each
  gold mention matched once).
- Relations are triples over entities. Predicted entities are first aligned to
  gold ones by their mentions (exact spans for the exact score, overlapping spans
  for the overlap score); a relation matches when subject, predicate and object do.
- Figures match on value and unit, and on their evidence span (exact or
  overlapping); a stricter row also asks for the same measure and aligned subject.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.annotations import Annotations, clip, read_annotations
from kg.errors import AnnotationError

CATEGORIES = ("Region", "Facility", "Firm", "Organization", "Policy", "Person", "Event")


@dataclass
class Score:
    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}

    def __add__(self, other: Score) -> Score:
        return Score(self.gold + other.gold, self.predicted + other.predicted, self.matched + other.matched)


@dataclass
class Evaluation:
    """Scores by row (a class, "entities", "relations", "figures", "figures+subject") and mode (exact, overlap)."""

    rows: dict[str, dict[str, Score]]

    def as_dict(self) -> dict:
        return {row: {mode: score.as_dict() for mode, score in modes.items()} for row, modes in self.rows.items()}

    def __add__(self, other: Evaluation) -> Evaluation:
        rows = {}
        for row in dict.fromkeys([*self.rows, *other.rows]):
            mine, theirs = self.rows.get(row, {}), other.rows.get(row, {})
            rows[row] = {mode: mine.get(mode, Score(0, 0, 0)) + theirs.get(mode, Score(0, 0, 0))
                         for mode in dict.fromkeys([*mine, *theirs])}
        return Evaluation(rows)


@cache
def category_of(type_name: str) -> str:
    """The reader-facing category of a class name (asked once per name: the ontology walk is slow)."""
    from kg.ontology import ontology

    onto = ontology()
    return str(onto.category(onto.entity_types[type_name])).rsplit("#", 1)[-1]


def evaluate_corpus(gold_paths: list[str | Path], pred_paths: list[str | Path] | None = None) -> dict[str, Evaluation]:
    """Scores per article id, in the order given: each gold file against its prediction file, or, with no
    prediction files, against a draft ``kg annotate`` makes of the gold's article (in memory, nothing written).

    A folder among ``gold_paths`` stands for the annotation files in it.
    """
    golds = _files(gold_paths)
    if pred_paths is None:
        from kg.annotate import annotate
        from kg.annotations import load_annotated

        results = {}
        for path in golds:
            doc = load_annotated(path)
            check_types(doc.annotations, path)
            results[doc.article.id] = evaluate(doc.annotations, annotate(doc.article))
        return results
    preds = _files(pred_paths)
    if len(golds) != len(preds):
        raise AnnotationError(f"--gold gives {len(golds)} files and --pred {len(preds)}; give them in pairs")
    results = {}
    for gold_path, pred_path in zip(golds, preds):
        gold, pred = _read_pair(gold_path, pred_path)
        result, article_id = evaluate(gold, pred), gold.article.id
        results[article_id] = results[article_id] + result if article_id in results else result
    return results


def _files(paths: list[str | Path]) -> list[Path]:
    """The annotation files named: each file as given (repeats kept, to pair with predictions), a folder's in order."""
    from kg.annotations import find_annotation_files

    found: list[Path] = []
    for path in map(Path, paths):
        found.extend(find_annotation_files([path]) if path.is_dir() else [path])
    return found


def total(results: dict[str, Evaluation]) -> Evaluation:
    """The scores of several articles together (micro-averaged: counts are summed)."""
    summed = Evaluation({})
    for result in results.values():
        summed = summed + result
    return summed


def evaluate_files(gold_path: str | Path, pred_path: str | Path) -> Evaluation:
    """Score the prediction file against the gold file, once both are read and shown to be of one article."""
    return evaluate(*_read_pair(gold_path, pred_path))


def _read_pair(gold_path: str | Path, pred_path: str | Path) -> tuple[Annotations, Annotations]:
    """The gold and predicted annotations, read once and shown to be of one article with known types."""
    gold_path, pred_path = Path(gold_path), Path(pred_path)
    gold, pred = read_annotations(gold_path), read_annotations(pred_path)
    check_same_article(gold, gold_path, pred, pred_path)
    for checked, path in ((gold, gold_path), (pred, pred_path)):
        check_types(checked, path)
    return gold, pred


def check_same_article(gold: Annotations, gold_path: Path, pred: Annotations, pred_path: Path) -> None:
    """A prediction is scored against the gold of its own article: same article id, same text when both say."""
    if gold.article.id != pred.article.id:
        raise AnnotationError(
            f"{pred_path}: annotates article {clip(pred.article.id)}, but the gold {gold_path} annotates "
            f"{clip(gold.article.id)}: give --gold and --pred of the same article, in the same order"
        )
    if gold.article.sha256 and pred.article.sha256 and gold.article.sha256 != pred.article.sha256:
        raise AnnotationError(
            f"{pred_path}: annotates another text of article {clip(pred.article.id)} than the gold {gold_path} "
            f"(article.sha256 {pred.article.sha256[:12]}..., the gold's {gold.article.sha256[:12]}...)"
        )


def check_types(annotations: Annotations, path: Path) -> None:
    """Every entity's type is a class of the ontology (scores are kept per category)."""
    from kg.ontology import ontology

    known = ontology().entity_types
    for index, entity in enumerate(annotations.entities):
        if entity.type not in known:
            raise AnnotationError(
                f"{path}: entities[{index}] ({entity.id!r}): unknown type {clip(entity.type)}; "
                f"expected one of: {', '.join(known)}"
            )


def evaluate(gold: Annotations, pred: Annotations) -> Evaluation:
    """Score ``pred`` against ``gold`` (both annotations of the same article)."""
    rows: dict[str, dict[str, Score]] = {}
    gold_mentions = _mentions(gold)
    pred_mentions = _mentions(pred)
    for mode in ("exact", "overlap"):
        matched = _match_mentions(gold_mentions, pred_mentions, mode)
        for category in CATEGORIES:
            g = [m for m in gold_mentions if m[2] == category]
            p = [m for m in pred_mentions if m[2] == category]
            rows.setdefault(category, {})[mode] = Score(len(g), len(p), sum(1 for m in matched if m[2] == category))
        rows.setdefault("entities", {})[mode] = Score(len(gold_mentions), len(pred_mentions), len(matched))
        alignment = _align(gold, pred, mode)
        gold_rel = {(r.subject, r.predicate, r.object) for r in gold.relations}
        pred_rel = {(alignment.get(r.subject), r.predicate, alignment.get(r.object)) for r in pred.relations}
        rows.setdefault("relations", {})[mode] = Score(len(gold_rel), len(pred_rel), len(gold_rel & pred_rel))
        rows.setdefault("figures", {})[mode] = _figure_score(gold, pred, mode, None)
        rows.setdefault("figures+subject", {})[mode] = _figure_score(gold, pred, mode, alignment)
    return Evaluation(rows)


def _mentions(ann: Annotations) -> list[tuple[int, int, str, str]]:
    return sorted({(m.start, m.end, category_of(e.type), e.id) for e in ann.entities for m in e.mentions})


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match_mentions(gold, pred, mode: str) -> list:
    """The gold mentions matched by a predicted one (each at most once)."""
    if mode == "exact":
        gold_keys = {(s, e, c) for s, e, c, _ in gold}
        return [g for g in {(s, e, c) for s, e, c, _ in pred} if g in gold_keys]
    free = sorted({(s, e, c) for s, e, c, _ in gold})
    matched = []
    for s, e, c in sorted({(s, e, c) for s, e, c, _ in pred}):
        best = [g for g in free if g[2] == c and _overlaps((s, e), (g[0], g[1]))]
        if best:
            pick = max(best, key=lambda g: min(e, g[1]) - max(s, g[0]))
            free.remove(pick)
            matched.append(pick)
    return matched


def _align(gold: Annotations, pred: Annotations, mode: str) -> dict[str, str]:
    """Each predicted entity id -> the gold entity whose mentions it shares most."""
    alignment = {}
    for entity in pred.entities:
        # exact shared spans count most; overlapping ones (overlap mode) only break ties
        votes: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        category = category_of(entity.type)
        for m in entity.mentions:
            for g in gold.entities:
                if category_of(g.type) != category:
                    continue
                for gm in g.mentions:
                    if (gm.start, gm.end) == (m.start, m.end):
                        exact, near = votes[g.id]
                        votes[g.id] = (exact + 1, near)
                    elif mode == "overlap" and _overlaps((gm.start, gm.end), (m.start, m.end)):
                        exact, near = votes[g.id]
                        votes[g.id] = (exact, near + 1)
        if votes:  # an entity that shares no mention with a gold one is aligned to none
            alignment[entity.id] = max(sorted(votes), key=lambda k: votes[k])
    return alignment


def _figure_score(gold: Annotations, pred: Annotations, mode: str, alignment: dict[str, str] | None) -> Score:
    free = list(gold.figures)
    matched = 0
    for f in pred.figures:
        for g in free:
            same_span = (g.evidence.start, g.evidence.end) == (f.evidence.start, f.evidence.end)
            near = same_span or (mode == "overlap" and _overlaps((g.evidence.start, g.evidence.end), (f.evidence.start, f.evidence.end)))
            if not near or g.value != f.value or g.unit != f.unit:
                continue
            if alignment is not None and (g.measure != f.measure or alignment.get(f.subject) != g.subject):
                continue
            free.remove(g)
            matched += 1
            break
    return Score(len(gold.figures), len(pred.figures), matched)
