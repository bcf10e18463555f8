"""`kg review`: a local page to review an annotation draft, and the function that applies a review.

A review is what a person decided about each item of an annotation file: accept it,
reject it, or edit it (an entity's type, id, label or mention boundaries; a relation's
subject, predicate or object; a figure's measure, value, unit, comparator or date; an
attribute's property or value), plus items they added. :func:`apply_review` turns a
review into new :class:`kg.annotations.Annotations`, and is pure:

- accepted, edited and added items become ``source: curated`` with the reviewer as
  ``curator`` and the time as ``reviewed``, their ``confidence`` dropped;
- rejected items are removed; rejecting an entity also removes the relations,
  figures and attributes that refer to it and that the review left untouched (and
  ``article.creator`` if it is that entity); one the review accepted or edited is a
  contradiction, refused with a :class:`ReviewError` naming both;
- items the review does not mention stay exactly as they were (an entity's new id
  is carried into the items that refer to it).

Items are named by section and index in the file as loaded (``entities/3``); edits
and additions name entities by their ids after the review.

The page (``GET /``, template ``kg/templates/review.html``) reads the article and the
annotations from ``GET /api/state`` and sends the review to ``POST /api/save``, which
refuses (409) to overwrite a file that changed on disk since it was loaded (by the
SHA-256 of its bytes), and (422) to write annotations that would not load again.
``POST /api/reload`` reads the file from disk again; ``POST /api/suggest`` proposes
an id and a romanisation for a new entity's name. The server listens on 127.0.0.1
only, answers only requests addressed to a local host name, and takes JSON bodies of
at most :data:`kg.limits.MAX_REVIEW_BODY_BYTES`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.annotations import (
    Annotations,
    Attribute,
    Entity,
    Figure,
    Relation,
    Slug,
    Span,
)
from kg.article import Article
from kg.errors import AnnotationError, KgError
from kg.files import one_line, shown
from kg.limits import MAX_NESTING, MAX_REQUEST_HEAD_BYTES, MAX_REVIEW_BODY_BYTES

SECTIONS = ("entities", "relations", "figures", "attributes")
#: Host names the review server answers to (a page elsewhere cannot reach it through DNS rebinding).
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ReviewError(AnnotationError):
    """A review that cannot be applied or saved: an unknown item, a contradiction, a result that would not load."""


class StaleFileError(ReviewError):
    """The annotation file changed on disk since the page loaded it."""


# --- the review, as the page sends it ---------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Offsets(_Model):
    """A stretch of the article's clean text; its words are taken from the article."""

    start: int = Field(ge=0, le=2**31)
    end: int = Field(gt=0, le=2**31)


class LabelEdit(_Model):
    """New names for an entity; an empty en or zh-Latn-pinyin removes that name."""

    zh: str | None = None
    en: str | None = None
    pinyin: str | None = Field(None, alias="zh-Latn-pinyin")


ENTITY_FIELDS = frozenset({"id", "type", "label", "mentions"})
FACT_FIELDS = {
    "relations": frozenset({"subject", "predicate", "object", "evidence"}),
    "figures": frozenset({"subject", "measure", "value", "unit", "comparator", "date", "date_basis", "evidence"}),
    "attributes": frozenset({"subject", "property", "value", "evidence"}),
}


class Decision(_Model):
    """What the reviewer decided about one item; ``edit`` accepts it with the fields given changed."""

    item: str = Field(pattern=r"^(entities|relations|figures|attributes)/\d{1,9}$")
    action: Literal["accept", "reject", "edit"]
    id: Slug | None = None
    type: str | None = None
    label: LabelEdit | None = None
    mentions: list[Offsets] | None = Field(None, min_length=1)
    subject: Slug | None = None
    predicate: str | None = None
    object: Slug | None = None
    measure: str | None = None
    value: Any = None
    unit: str | None = None
    comparator: str | None = None
    date: str | None = None
    date_basis: Literal["stated", "context"] | None = None
    evidence: Offsets | None = None
    note: str | None = None

    def edits(self) -> dict[str, Any]:
        """The fields this decision changes (note included)."""
        return {name: getattr(self, name) for name in self.model_fields_set if name not in ("item", "action")}


class NewEntity(_Model):
    id: Slug | None = Field(None, description="Derived from the name when not given.")
    type: str
    label: LabelEdit | None = None
    mentions: list[Offsets] = Field(min_length=1)
    note: str | None = None


class NewRelation(_Model):
    subject: Slug
    predicate: str
    object: Slug
    evidence: Offsets
    note: str | None = None


class NewFigure(_Model):
    id: Slug | None = None
    subject: Slug
    measure: str
    value: Any
    unit: str
    comparator: str = "eq"
    date: str
    date_basis: Literal["stated", "context"] = "stated"
    evidence: Offsets
    note: str | None = None


class NewAttribute(_Model):
    subject: Slug
    property: str
    value: Any
    evidence: Offsets
    note: str | None = None


class Additions(_Model):
    entities: list[NewEntity] = Field(default_factory=list)
    relations: list[NewRelation] = Field(default_factory=list)
    figures: list[NewFigure] = Field(default_factory=list)
    attributes: list[NewAttribute] = Field(default_factory=list)


class Review(_Model):
    """A review of one annotation file: decisions about its items, and new items."""

    base: str | None = Field(None, description="SHA-256 of the annotation file's bytes the review was made on.")
    decisions: list[Decision] = Field(default_factory=list)
    additions: Additions = Field(default_factory=Additions)


# --- applying a review ------------------------------------------------------------------


def apply_review(annotations: Annotations, review: Review, text: str, *, curator: str, when: str) -> Annotations:
    """The annotations once ``review`` is applied (see the module's docstring); ``text`` is the article's
    clean text, ``curator`` a slug, ``when`` an ISO 8601 time. ReviewError names the first problem."""
    if not SLUG.match(curator or ""):
        raise ReviewError(f"curator {curator!r}: not a slug (lower-case words joined by hyphens)")
    decided = _index_decisions(annotations, review.decisions)
    stamp = {"source": "curated", "curator": curator, "reviewed": when, "confidence": None}

    entities, rejected, renamed = [], set(), {}
    for index, entity in enumerate(annotations.entities):
        decision = decided.get(("entities", index))
        if decision is None:
            entities.append(entity)
        elif decision.action == "reject":
            rejected.add(entity.id)
        else:
            new = _edit_entity(entity, decision, text, stamp) if decision.action == "edit" else _stamped(entity, stamp)
            if new.id != entity.id:
                renamed[entity.id] = new.id
            entities.append(new)

    twice = sorted(i for i, n in Counter(e.id for e in entities).items() if n > 1)
    if twice:
        raise ReviewError(f"entities: two entities would have the id {twice[0]!r}; give one another id")

    def rename(ref: str) -> str:
        return renamed.get(ref, ref)

    facts: dict[str, list] = {}
    for section in SECTIONS[1:]:
        kept = []
        for index, item in enumerate(getattr(annotations, section)):
            decision = decided.get((section, index))
            if decision is not None and decision.action == "reject":
                continue
            given = decision.edits() if decision is not None and decision.action == "edit" else {}
            roles = [r for r in ("subject", "object") if hasattr(item, r) and r not in given]
            gone = [r for r in roles if getattr(item, r) in rejected]
            if gone and decision is None:
                continue  # it goes with the entity it is about
            if gone:
                role = gone[0]
                raise ReviewError(
                    f"{section}[{index}] ({_describe(item)}): {'accepted' if decision.action == 'accept' else 'edited'}, "
                    f"but its {role} {getattr(item, role)!r} is rejected; reject this item too, or keep the entity"
                )
            refs = {r: rename(getattr(item, r)) for r in roles}
            if decision is None:
                kept.append(item.model_copy(update=refs) if any(refs[r] != getattr(item, r) for r in roles) else item)
            else:
                kept.append(_edit_fact(section, index, item, {**refs, **given}, text, stamp))
        facts[section] = kept

    article = annotations.article
    if article.creator in rejected:
        article = article.model_copy(update={"creator": None})
    elif article.creator in renamed:
        article = article.model_copy(update={"creator": renamed[article.creator]})

    _add(review.additions, entities, facts, text, stamp)
    return annotations.model_copy(update={"article": article, "entities": entities, **facts})


def _index_decisions(annotations: Annotations, decisions: list[Decision]) -> dict[tuple[str, int], Decision]:
    decided: dict[tuple[str, int], Decision] = {}
    for decision in decisions:
        section, number = decision.item.split("/")
        index = int(number)
        items = getattr(annotations, section)
        if index >= len(items):
            raise ReviewError(f"{decision.item}: no such item (the file has {len(items)} {section})")
        if (section, index) in decided:
            raise ReviewError(f"{decision.item}: decided twice")
        if decision.action != "edit" and decision.edits():
            raise ReviewError(f"{decision.item}: only an edit changes fields ({decision.action} with "
                              f"{', '.join(sorted(decision.edits()))})")
        allowed = (ENTITY_FIELDS if section == "entities" else FACT_FIELDS[section]) | {"note"}
        stray = sorted(set(decision.edits()) - allowed)
        if stray:
            raise ReviewError(f"{decision.item}: {', '.join(stray)} do not apply to {section}")
        decided[(section, index)] = decision
    return decided


def _stamped(item, stamp: dict[str, Any]):
    return item.model_copy(update=stamp)


def _describe(item) -> str:
    if isinstance(item, Relation):
        return f"{item.subject} {item.predicate} {item.object}"
    if isinstance(item, Figure):
        return item.id
    if isinstance(item, Attribute):
        return f"{item.subject} {item.property}"
    return getattr(item, "id", "?")


def _span(text: str, offsets: Offsets, where: str) -> Span:
    if not offsets.start < offsets.end <= len(text):
        raise ReviewError(f"{where}: span {offsets.start}-{offsets.end} is not inside the article "
                          f"(0-{len(text)})")
    return Span(start=offsets.start, end=offsets.end, text=text[offsets.start:offsets.end])


def _validated(model: type, data: dict[str, Any], where: str):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        place = ".".join(str(p) for p in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        raise ReviewError(one_line(f"{where}: {place + ': ' if place else ''}{message}")) from None


def _label(old: dict[str, Any], edit: LabelEdit | None) -> dict[str, Any]:
    label = dict(old)
    if edit is None:
        return label
    for name, key in (("zh", "zh"), ("en", "en"), ("pinyin", "zh-Latn-pinyin")):
        if name in edit.model_fields_set:
            value = (getattr(edit, name) or "").strip()
            if value:
                label[key] = value
            else:
                label.pop(key, None)
    return label


def _edit_entity(entity: Entity, decision: Decision, text: str, stamp: dict[str, Any]) -> Entity:
    where = f"{decision.item} ({entity.id})"
    data = entity.model_dump(by_alias=True, exclude_none=True)
    data.update({k: v for k, v in stamp.items() if v is not None})
    data.pop("confidence", None)
    for name in ("id", "type", "note"):
        if name in decision.model_fields_set:
            data[name] = getattr(decision, name)
    label = _label(data["label"], decision.label)
    if decision.mentions is not None:
        mentions = [_span(text, m, f"{where}: mentions[{i}]") for i, m in enumerate(decision.mentions)]
        old_texts = [m.text for m in entity.mentions]
        new_texts = [m.text for m in mentions]
        follows = decision.label is None or "zh" not in decision.label.model_fields_set
        if follows and entity.label.zh in old_texts and entity.label.zh not in new_texts:
            # the label spelled a mention whose boundary moved: it follows the mention
            position = old_texts.index(entity.label.zh)
            label["zh"] = new_texts[min(position, len(new_texts) - 1)]
        data["mentions"] = [m.model_dump() for m in mentions]
    data["label"] = label
    return _validated(Entity, data, where)


def _edit_fact(section: str, index: int, item, changes: dict[str, Any], text: str, stamp: dict[str, Any]):
    where = f"{section}/{index} ({_describe(item)})"
    data = item.model_dump(by_alias=True, exclude_none=True)
    data.pop("confidence", None)
    data.update({k: v for k, v in stamp.items() if v is not None})
    for name, value in changes.items():
        if name == "evidence":
            value = _span(text, value, f"{where}: evidence").model_dump()
        elif isinstance(value, BaseModel):
            value = value.model_dump()
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    model = {"relations": Relation, "figures": Figure, "attributes": Attribute}[section]
    return _validated(model, data, where)


def _add(additions: Additions, entities: list[Entity], facts: dict[str, list], text: str,
         stamp: dict[str, Any]) -> None:
    curated = {k: v for k, v in stamp.items() if v is not None}
    taken = {e.id for e in entities}
    for index, new in enumerate(additions.entities):
        where = f"additions.entities[{index}]"
        mentions = [_span(text, m, f"{where}: mentions[{i}]") for i, m in enumerate(new.mentions)]
        label = _label({"zh": mentions[0].text}, new.label)
        if "en" not in label and "zh-Latn-pinyin" not in label:
            label["zh-Latn-pinyin"] = suggest(label["zh"])["pinyin"]
        entity_id = new.id or suggest(label["zh"], taken)["id"]
        if entity_id in taken:
            raise ReviewError(f"{where}: the id {entity_id!r} is taken by another entity")
        taken.add(entity_id)
        data = {"id": entity_id, "type": new.type, "label": label,
                "mentions": [m.model_dump() for m in mentions], **curated}
        if new.note:
            data["note"] = new.note
        entities.append(_validated(Entity, data, f"{where} ({entity_id})"))
    figure_ids = {f.id for f in facts["figures"]}
    for section, model in (("relations", Relation), ("figures", Figure), ("attributes", Attribute)):
        for index, new in enumerate(getattr(additions, section)):
            where = f"additions.{section}[{index}]"
            data = new.model_dump(exclude_none=True, exclude={"evidence"})
            data["evidence"] = _span(text, new.evidence, f"{where}: evidence").model_dump()
            if section == "figures" and not data.get("id"):
                base = f"{new.subject}-{re.sub(r'(?<!^)(?=[A-Z])', '-', new.measure).lower()}"
                data["id"] = _unique(re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "figure", figure_ids)
            if section == "figures":
                figure_ids.add(data["id"])
            facts[section].append(_validated(model, {**data, **curated}, where))


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def suggest(name: str, taken: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """An id (pinyin syllables joined by hyphens, not taken) and a Hanyu Pinyin romanisation for a name."""
    from pypinyin import lazy_pinyin

    name = name.strip()
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(name)).lower()).strip("-")[:80].strip("-") or "entity"
    parts = re.findall(r"[\u3400-\u9fff]+|[A-Za-z0-9.\-]+", name)
    pinyin = " ".join("".join(lazy_pinyin(p)).capitalize() if re.match(r"[\u3400-\u9fff]", p) else p for p in parts)
    return {"id": _unique(slug, set(taken)), "pinyin": pinyin or name or "?"}


# --- a review session: the files, loading and saving ------------------------------------


@dataclass
class ReviewSession:
    """What the review server holds: the article, the annotations shown, and the file they go to."""

    article: Article
    path: Path  # where the annotations are saved
    annotations: Annotations
    sha256: str | None  # of the file's bytes when loaded; None: no file yet (a fresh draft)
    curator: str
    draft: bool = False


def open_session(article_path: str | Path, annotations_path: str | Path | None = None, *,
                 curator: str | None = None) -> ReviewSession:
    """Load an article and its annotations for review, every check done (ReviewError, ArticleError).

    Without ``annotations_path`` the annotations are the article's sibling file; if there is
    none (or the path given does not exist yet), a fresh ``kg annotate`` draft, saved there on
    the first save. The reviewer is ``curator``, else the file's own curator.
    """
    from kg.annotations import SUFFIXES, annotation_file_for
    from kg.article import load_article

    article_path = Path(article_path)
    article = load_article(article_path)
    if annotations_path is None:
        found = annotation_file_for(article_path)
        path = found or article_path.with_name(article_path.name.split(".")[0] + SUFFIXES[0])
    else:
        path = Path(annotations_path)
        if path.suffix not in (".json", ".yaml", ".yml"):
            raise ReviewError(f"{shown(path)}: an annotation file ends in .json, .yaml or .yml")
        if path.exists() and not path.is_file():
            raise ReviewError(f"{shown(path)}: not an annotation file")
    if path.exists():
        annotations, digest = _load(path, article)
        draft = False
    else:
        annotations, digest, draft = _draft(article, path), None, True
    chosen = curator or annotations.curator
    if chosen is None:
        raise ReviewError("who reviews? give --curator SLUG (the annotation file names no curator)")
    if not SLUG.match(chosen):
        raise ReviewError(f"--curator {chosen!r}: not a slug (lower-case ASCII words joined by hyphens, "
                          f"such as wang-hai-yan)")
    return ReviewSession(article, path, annotations, digest, chosen, draft)


def _load(path: Path, article: Article) -> tuple[Annotations, str]:
    """The annotations in ``path``, checked against ``article``, and the SHA-256 of the bytes read."""
    from kg.annotations import check_annotations, check_article_iris, read_bytes
    from kg.ontology import ontology

    data = read_bytes(path)
    annotations = _parse(path, data)
    if annotations.article.sha256 and annotations.article.sha256 != article.sha256:
        raise ReviewError(
            f"{shown(path)}: annotates another article, or another version of {shown(article.path.name)} "
            f"(its article.sha256 is {annotations.article.sha256[:12]}..., the article's {article.sha256[:12]}...)"
        )
    if not annotations.article.sha256:
        named = (path.parent / annotations.article.file).resolve()
        if named != article.path.resolve():
            raise ReviewError(f"{shown(path)}: annotates {shown(annotations.article.file)}, "
                              f"not {shown(article.path.name)}")
    problems = check_article_iris(article) + check_annotations(annotations, article, ontology())
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise ReviewError(one_line(f"{shown(path)}: {problems[0]}{more}"))
    return annotations, hashlib.sha256(data).hexdigest()


def _parse(path: Path, data: bytes) -> Annotations:
    """Annotations from a file's bytes, exactly as kg.annotations.read_annotations reads a file."""
    from kg.annotations import _describe_validation_error, _nesting_error, parse_data

    value = parse_data(path, data)
    try:
        return Annotations.model_validate(value)
    except ValidationError as exc:
        raise ReviewError(one_line(f"{shown(path)}: {_describe_validation_error(exc, value)}")) from None
    except RecursionError:
        raise _nesting_error(path) from None


def _draft(article: Article, path: Path) -> Annotations:
    from kg.annotate import annotate

    draft = annotate(article)
    relative = os.path.relpath(article.path.resolve(), path.resolve().parent)
    return draft.model_copy(update={"article": draft.article.model_copy(update={"file": Path(relative).as_posix()})})


def review_time() -> str:
    """Now, to the second, in UTC (``SOURCE_DATE_EPOCH`` when set, as for drafts)."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return when.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, None if there is no file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ReviewError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None


def save(session: ReviewSession, review: Review, when: str | None = None) -> Annotations:
    """Apply a review and write the result to the session's file, atomically.

    StaleFileError if the file is not what the page was given (changed, created or removed
    on disk since); ReviewError if the review cannot be applied or its result would not load.
    On success the session holds the new annotations and the new file's SHA-256.
    """
    from kg.annotate import annotations_text
    from kg.annotations import check_annotations, check_article_iris
    from kg.files import write_atomic
    from kg.ontology import ontology

    if review.base != session.sha256:
        raise StaleFileError(f"{shown(session.path)}: this review was made on another version of the file; "
                             f"reload it")
    on_disk = file_sha256(session.path)
    if on_disk != session.sha256:
        what = "was removed" if on_disk is None else ("was created" if session.sha256 is None else "changed")
        raise StaleFileError(f"{shown(session.path)}: {what} on disk since this page loaded it; reload it "
                             f"(the decisions made here are lost) or save elsewhere")
    result = apply_review(session.annotations, review, session.article.text, curator=session.curator,
                          when=when or review_time())
    data = annotations_text(result, session.path).encode("utf-8")
    reread = _parse(session.path, data)  # the load path, on the bytes about to be written
    problems = check_article_iris(session.article) + check_annotations(reread, session.article, ontology())
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise ReviewError(one_line(f"not saved, the result would not load: {problems[0]}{more}"))
    write_atomic(session.path, data)
    session.annotations, session.sha256, session.draft = reread, hashlib.sha256(data).hexdigest(), False
    return reread


def reload(session: ReviewSession) -> None:
    """Read the session's file from disk again (ReviewError if it no longer loads)."""
    if not session.path.exists():
        if session.draft:
            return
        raise ReviewError(f"{shown(session.path)}: no longer exists")
    session.annotations, session.sha256 = _load(session.path, session.article)
    session.draft = False


def state(session: ReviewSession) -> dict[str, Any]:
    """What the page shows: the article, the annotations, the file and the ontology's names."""
    article = session.article
    return {
        "article": {
            "id": article.id, "file": str(article.path), "title": article.title, "text": article.text,
            "blocks": [[b.start, b.end, b.kind] for b in article.blocks],
            "sentences": [[s.start, s.end] for s in article.sentences],
        },
        "annotations": session.annotations.model_dump(mode="json", by_alias=True, exclude_none=True),
        "base": session.sha256,
        "path": str(session.path),
        "draft": session.draft,
        "curator": session.curator,
        "ontology": ontology_names(),
    }


def ontology_names() -> dict[str, Any]:
    """The ontology's names the page offers, with their labels: entity classes (with their category),
    relations, attributes (with their kind), measures, units, comparators."""
    from kg.ontology import ontology

    onto = ontology()

    def named(table: dict) -> list[dict[str, str]]:
        return [{"name": name, "zh": onto.label(iri, "zh") or name, "en": onto.label(iri, "en") or name}
                for name, iri in table.items()]

    types = named(onto.entity_types)
    for entry in types:
        entry["category"] = str(onto.category(onto.entity_types[entry["name"]])).rsplit("#", 1)[-1]
    attributes = named(onto.attributes)
    for entry in attributes:
        entry["kind"] = onto.attribute_kind(entry["name"])
    return {"types": types, "relations": named(onto.relations), "attributes": attributes,
            "measures": named(onto.measures), "units": named(onto.units), "comparators": named(onto.comparators)}


# --- the server --------------------------------------------------------------------------


def page() -> str:
    """The review page (kg/templates/review.html)."""
    from kg.paths import TEMPLATES_DIR

    return (TEMPLATES_DIR / "review.html").read_text(encoding="utf-8")


CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
       "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def create_app(session: ReviewSession, *, now=None):
    """The Starlette application for a review session (``now``: a function giving the review time)."""
    import asyncio

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    lock = asyncio.Lock()
    html = page()
    now = now or review_time

    def answer(data: Any, status: int = 200) -> Response:
        return JSONResponse(data, status_code=status, headers={"Cache-Control": "no-store"})

    def refuse(message: str, status: int) -> Response:
        return answer({"error": message}, status)

    async def read_json(request: Request) -> Any:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return refuse("send the request body as application/json", 415)
        too_big = f"request body over {MAX_REVIEW_BODY_BYTES:,} bytes (kg.limits.MAX_REVIEW_BODY_BYTES)"
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_REVIEW_BODY_BYTES:
            return refuse(too_big, 413)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_REVIEW_BODY_BYTES:
                return refuse(too_big, 413)
        from kg.annotations import json_depth

        try:
            text = body.decode("utf-8")
            if json_depth(text) > MAX_NESTING:
                return refuse(f"JSON nested more than {MAX_NESTING} deep", 400)
            return json.loads(text)
        except (UnicodeDecodeError, ValueError) as exc:
            return refuse(one_line(f"the request body is not JSON: {exc}"), 400)

    async def home(request: Request) -> Response:
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store",
                                           "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"})

    async def get_state(request: Request) -> Response:
        return answer(state(session))

    async def post_save(request: Request) -> Response:
        data = await read_json(request)
        if isinstance(data, Response):
            return data
        try:
            review = Review.model_validate(data)
        except ValidationError as exc:
            error = exc.errors()[0]
            place = ".".join(str(p) for p in error["loc"])
            return refuse(one_line(f"not a review: {place + ': ' if place else ''}{error['msg']}"), 422)
        async with lock:
            try:
                save(session, review, now())
            except StaleFileError as exc:
                return refuse(str(exc), 409)
            except KgError as exc:
                return refuse(one_line(str(exc)), 422)
            return answer({"saved": str(session.path), **state(session)})

    async def post_reload(request: Request) -> Response:
        async with lock:
            try:
                reload(session)
            except KgError as exc:
                return refuse(one_line(str(exc)), 422)
            return answer(state(session))

    async def post_suggest(request: Request) -> Response:
        data = await read_json(request)
        if isinstance(data, Response):
            return data
        name = data.get("text") if isinstance(data, dict) else None
        if not isinstance(name, str) or not name.strip() or len(name) > 1000:
            return refuse("give {\"text\": NAME} (1 to 1,000 characters)", 422)
        return answer(suggest(name, {e.id for e in session.annotations.entities}))

    return Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/api/state", get_state, methods=["GET"]),
            Route("/api/save", post_save, methods=["POST"]),
            Route("/api/reload", post_reload, methods=["POST"]),
            Route("/api/suggest", post_suggest, methods=["POST"]),
        ],
        middleware=[_local_only()],
    )


def _local_only():
    """Middleware: requests addressed to this machine only, and no cross-site writes."""
    from starlette.middleware import Middleware

    return Middleware(_LocalOnly)


class _LocalOnly:
    """ASGI middleware: 403 unless the Host is a local name (DNS rebinding) and a POST's Origin, if any, is local."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            problem = None
            if _host_name(headers.get("host", "")) not in LOCAL_HOSTS:
                problem = "this review server answers requests to 127.0.0.1 or localhost only"
            elif scope["method"] != "GET" and "origin" in headers:
                origin = headers["origin"]
                if _host_name(origin.split("://", 1)[-1]) not in LOCAL_HOSTS:
                    problem = "cross-site requests are refused"
            if problem:
                from starlette.responses import JSONResponse

                await JSONResponse({"error": problem}, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def listen(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1:port (0: any free port), or ServeError naming the address."""
    from kg.serve import ServeError, bind

    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise ServeError(f"--port {port}: not a port number (0 to 65535)")
    sock = bind("127.0.0.1", port)
    try:
        sock.listen(128)  # connections wait in the backlog until the server takes them: the URL works at once
    except OSError as exc:
        sock.close()
        raise ServeError(f"127.0.0.1:{port}: cannot listen: {exc.strerror or exc}") from None
    return sock


def url(sock: socket.socket) -> str:
    return f"http://127.0.0.1:{sock.getsockname()[1]}/"


def server(session: ReviewSession, **options: Any):
    """The uvicorn server of a session (run it with ``.run(sockets=[sock])``; ``should_exit`` stops it)."""
    import uvicorn

    return uvicorn.Server(uvicorn.Config(
        create_app(session, **options), log_level="warning", access_log=False, lifespan="off",
        h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES,
    ))


def run(session: ReviewSession, sock: socket.socket, announce=None) -> None:
    """Serve the review page on ``sock`` until interrupted (KeyboardInterrupt on Ctrl-C).

    ``announce(url)`` is called once the application is built, before the first request is answered.
    """
    try:
        review_server = server(session)
        if announce is not None:
            announce(url(sock))
        review_server.run(sockets=[sock])
    finally:
        sock.close()


def open_in_browser(address: str) -> bool:
    """Open the page in the desktop's browser, if there is a desktop (never a text browser in this terminal)."""
    import sys
    import threading
    import webbrowser

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
    return True
