"""Standoff annotation files: their format, loading and checking.

An annotation file sits next to its article (``ARTICLE.annotations.json`` or
``.yaml``) and lists what the article says: entities with every mention,
relations, figures and attributes, each pointing at its evidence by character
offsets into the article's clean text and the exact words found there.

The pydantic models below are the format's definition; ``corpus/annotations.schema.json``
is generated from them (``make docs``) for editors. Names of
types, relations, measures and units are checked against the ontology, and
every span against the article, when a file is loaded.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from kg.article import Article, load_article
from kg.errors import AnnotationError, ArticleError
from kg.ontology import Ontology, ontology

FORMAT = "kg-annotations/1"
SUFFIXES = (".annotations.json", ".annotations.yaml", ".annotations.yml")
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "corpus" / "annotations.schema.json"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    Field(description="A stable id: lower-case ASCII words joined by hyphens."),
]
DateText = Annotated[
    str,
    StringConstraints(pattern=DATE_PATTERN),
    Field(description="An ISO date (YYYY-MM-DD), month (YYYY-MM) or year (YYYY)."),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(_Model):
    """Where the evidence is: offsets into the clean text, and the words found there."""

    start: int = Field(ge=0, description="Offset of the first character (code points, from 0).")
    end: int = Field(gt=0, description="Offset just after the last character.")
    text: str = Field(min_length=1, description="The article's words at start:end, exactly.")

    @model_validator(mode="after")
    def _length_matches(self) -> Span:
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"span {self.start}-{self.end} is {self.end - self.start} characters "
                f"but its text has {len(self.text)}"
            )
        return self


class Bilingual(_Model):
    """A text in Chinese and in English."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Aliases(_Model):
    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class _Item(_Model):
    note: str | None = Field(None, description="Why the annotator decided as they did.")
    source: Literal["curated", "auto"] = Field("curated", description="Who made the item.")
    confidence: float | None = Field(None, ge=0, le=1, description="For auto items: how sure.")


class Entity(_Item):
    """A named region, facility, organisation, policy, person or event."""

    id: Slug
    type: str = Field(description="A class of the ontology below kg:Entity, e.g. Province, Firm.")
    label: Bilingual = Field(description="zh: the article's words for it; en: a curated English name.")
    aliases: Aliases = Field(default_factory=Aliases)
    mentions: list[Span] = Field(min_length=1, description="Every place the article names it.")


class Relation(_Item):
    """A relation the article states between two entities."""

    subject: Slug
    predicate: str = Field(description="A sub-property of kg:relatedTo, e.g. locatedIn.")
    object: Slug
    evidence: Span


class Figure(_Item):
    """A number the article gives about an entity."""

    id: Slug
    subject: Slug
    measure: str = Field(description="A kg:Measure notation, e.g. computingPower.")
    value: Decimal
    unit: str = Field(description="A kg:Unit notation, e.g. PFlops.")
    comparator: str = Field("eq", description="eq, lt, le, gt, ge or approx.")
    date: DateText = Field(description="The date or year the figure holds for.")
    date_basis: Literal["stated", "context"] = Field(
        "stated", description="stated: the date is in the text; context: the article's time frame."
    )
    evidence: Span


class Attribute(_Item):
    """A date or a text the article gives about an entity."""

    subject: Slug
    property: str = Field(description="A sub-property of kg:attribute, e.g. effectiveDate.")
    value: DateText | Bilingual
    evidence: Span


class ArticleInfo(_Model):
    """The annotated article and what is known of it."""

    id: str = Field(min_length=1)
    file: str = Field(description="The article file, relative to the annotation file.")
    sha256: str | None = Field(None, description="SHA-256 of the raw article file when annotated.")
    title: Bilingual
    creator: Slug | None = Field(None, description="Entity id of the author.")
    language: str = "zh"
    temporal: DateText | None = Field(None, description="The period the article covers.")


class Annotations(_Model):
    """The content of one annotation file."""

    schema_: str | None = Field(None, alias="$schema")
    format: Literal["kg-annotations/1"]
    article: ArticleInfo
    entities: list[Entity] = Field(min_length=1)
    relations: list[Relation] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    attributes: list[Attribute] = Field(default_factory=list)


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article together with its checked annotations."""

    article: Article
    annotations: Annotations
    path: Path


def load_annotated(path: str | Path) -> AnnotatedArticle:
    """Load an annotation file and its article, and check one against the other."""
    path = Path(path)
    annotations = read_annotations(path)
    article_path = path.parent / annotations.article.file
    try:
        article = load_article(article_path)
    except ArticleError as exc:
        raise AnnotationError(f"{path}: article.file: {exc}") from exc
    problems = check_annotations(annotations, article, ontology())
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise AnnotationError(f"{path}: {problems[0]}{more}")
    return AnnotatedArticle(article, annotations, path)


def read_annotations(path: str | Path) -> Annotations:
    """Parse an annotation file (JSON or YAML) and check its structure."""
    path = Path(path)
    data = _read_data(path)
    try:
        return Annotations.model_validate(data)
    except ValidationError as exc:
        raise AnnotationError(f"{path}: {_describe_validation_error(exc, data)}") from None


def _read_data(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnnotationError(f"{path}: annotation file not found") from None
    except UnicodeDecodeError as exc:
        raise AnnotationError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise AnnotationError(f"{path}: cannot read annotation file: {exc.strerror}") from None
    if path.suffix == ".json":
        try:
            return json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise AnnotationError(
                f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            ) from None
    if path.suffix in (".yaml", ".yml"):
        import yaml

        try:
            return yaml.safe_load(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
            raise AnnotationError(f"{path}: invalid YAML{where}: {exc.problem}") from None
        except yaml.YAMLError as exc:
            raise AnnotationError(f"{path}: invalid YAML: {exc}") from None
    raise AnnotationError(f"{path}: unknown annotation file type (expected .json, .yaml or .yml)")


def _describe_validation_error(exc: ValidationError, data: Any) -> str:
    error = exc.errors()[0]
    loc = error["loc"]
    item_id = _item_id(data, loc)
    if item_id:
        rest = _format_loc(loc[2:])
        label = f"{loc[0]}[{loc[1]}] ({item_id})" + (f".{rest}" if rest else "")
    else:
        label = _format_loc(loc)
    message = error["msg"].removeprefix("Value error, ")
    more = exc.error_count() - 1
    suffix = f" (and {more} more problems)" if more else ""
    return f"{label}: {message}{suffix}" if label else f"{message}{suffix}"


def _format_loc(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _item_id(data: Any, loc: tuple[Any, ...]) -> str | None:
    """The id of the list item an error is in, to name it in the message."""
    if len(loc) >= 2 and isinstance(data, dict) and isinstance(loc[1], int):
        items = data.get(loc[0])
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            item = items[loc[1]]
            if "id" in item:
                return repr(item["id"])
            if "subject" in item:
                return " ".join(
                    str(item.get(k, "?")) for k in ("subject", "predicate", "property", "object") if k in item
                )
    return None


def check_annotations(ann: Annotations, article: Article, onto: Ontology) -> list[str]:
    """Every way the annotations disagree with the article or the ontology, one line each."""
    problems: list[str] = []
    if ann.article.sha256 and ann.article.sha256 != article.sha256:
        problems.append(
            f"article.sha256: the article file {article.path.name} has changed since it was "
            f"annotated (sha256 {article.sha256[:12]}..., annotation says {ann.article.sha256[:12]}...)"
        )
    entity_ids = _check_entities(ann, article, onto, problems)
    if ann.article.creator and ann.article.creator not in entity_ids:
        problems.append(f"article.creator: unknown entity id {ann.article.creator!r}")
    for index, rel in enumerate(ann.relations):
        where = f"relations[{index}] ({rel.subject} {rel.predicate} {rel.object})"
        _check_known(where, "predicate", rel.predicate, onto.relations, problems)
        for role in ("subject", "object"):
            _check_entity_ref(where, role, getattr(rel, role), entity_ids, problems)
        _check_span(where, "evidence", rel.evidence, article, problems)
    figure_ids: dict[str, int] = {}
    for index, fig in enumerate(ann.figures):
        where = f"figures[{index}] ({fig.id!r})"
        _check_unique(where, "figures", fig.id, index, figure_ids, problems)
        _check_entity_ref(where, "subject", fig.subject, entity_ids, problems)
        _check_known(where, "measure", fig.measure, onto.measures, problems)
        _check_known(where, "unit", fig.unit, onto.units, problems)
        _check_known(where, "comparator", fig.comparator, onto.comparators, problems)
        _check_date(where, "date", fig.date, problems)
        _check_span(where, "evidence", fig.evidence, article, problems)
    for index, attr in enumerate(ann.attributes):
        where = f"attributes[{index}] ({attr.subject} {attr.property})"
        _check_entity_ref(where, "subject", attr.subject, entity_ids, problems)
        if _check_known(where, "property", attr.property, onto.attributes, problems):
            _check_attribute_value(where, attr, onto.attribute_kind(attr.property), problems)
        _check_span(where, "evidence", attr.evidence, article, problems)
    return problems


def _check_entities(ann: Annotations, article: Article, onto: Ontology, problems: list[str]) -> dict[str, int]:
    entity_ids: dict[str, int] = {}
    for index, entity in enumerate(ann.entities):
        where = f"entities[{index}] ({entity.id!r})"
        _check_unique(where, "entities", entity.id, index, entity_ids, problems)
        _check_known(where, "type", entity.type, onto.entity_types, problems)
        for m_index, mention in enumerate(entity.mentions):
            _check_span(where, f"mentions[{m_index}]", mention, article, problems)
    return entity_ids


def _check_unique(where: str, section: str, item_id: str, index: int, seen: dict[str, int], problems: list[str]) -> None:
    if item_id in seen:
        problems.append(f"{where}: duplicate id {item_id!r} (first at {section}[{seen[item_id]}])")
    else:
        seen[item_id] = index


def _check_known(where: str, field: str, name: str, known: dict[str, Any], problems: list[str]) -> bool:
    if name in known:
        return True
    problems.append(f"{where}: unknown {field} {name!r}; expected one of: {', '.join(known)}")
    return False


def _check_entity_ref(where: str, role: str, ref: str, entity_ids: dict[str, int], problems: list[str]) -> None:
    if ref not in entity_ids:
        problems.append(f"{where}: {role}: unknown entity id {ref!r}")


def _check_span(where: str, field: str, span: Span, article: Article, problems: list[str]) -> None:
    size = len(article.text)
    if span.end > size:
        problems.append(
            f"{where}: {field}: span {span.start}-{span.end} is outside the article "
            f"({article.path.name} has {size} characters of clean text)"
        )
        return
    found = article.text[span.start : span.end]
    if found != span.text:
        problems.append(
            f"{where}: {field}: text {span.text!r} does not match the article at "
            f"{span.start}-{span.end} ({found!r})"
        )


def _check_date(where: str, field: str, value: str, problems: list[str]) -> None:
    try:
        parse_date(value)
    except ValueError:
        problems.append(f"{where}: {field}: {value!r} is not a real date")


def _check_attribute_value(where: str, attr: Attribute, kind: str, problems: list[str]) -> None:
    if kind == "date" and not isinstance(attr.value, str):
        problems.append(f"{where}: value: {attr.property} takes a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    elif kind == "date":
        _check_date(where, "value", attr.value, problems)
    elif kind == "text" and not isinstance(attr.value, Bilingual):
        problems.append(f"{where}: value: {attr.property} takes a text: {{\"zh\": ..., \"en\": ...}}")


def parse_date(value: str) -> dt.date:
    """Check an ISO date, month or year for real (2024-02-30 is refused)."""
    if not re.match(DATE_PATTERN, value):
        raise ValueError(value)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def annotation_file_for(article_path: str | Path) -> Path | None:
    """The annotation file that sits next to an article, if there is one."""
    article_path = Path(article_path)
    stem = article_path.name.split(".")[0]
    for suffix in SUFFIXES:
        candidate = article_path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def find_annotation_files(paths: list[str | Path]) -> list[Path]:
    """Annotation files named by paths: the files themselves, an article's sibling, or a folder's."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            in_dir = sorted(p for p in path.iterdir() if p.name.endswith(SUFFIXES))
            if not in_dir:
                raise AnnotationError(f"{path}: no annotation files (*.annotations.json) in this folder")
            found.extend(in_dir)
        elif path.name.endswith(SUFFIXES):
            found.append(path)
        elif path.suffix == ".txt":
            sibling = annotation_file_for(path)
            if sibling is None:
                raise AnnotationError(
                    f"{path}: no annotation file next to this article "
                    f"(expected {path.with_name(path.name.split('.')[0] + SUFFIXES[0]).name})"
                )
            found.append(sibling)
        elif not path.exists():
            raise AnnotationError(f"{path}: no such file or folder")
        else:
            raise AnnotationError(f"{path}: not an annotation file, an article (.txt) or a folder")
    return list(dict.fromkeys(found))


def dump_json(data: dict[str, Any]) -> str:
    """Annotation data as JSON text; small flat objects and lists stay on one line."""
    return _format_json(json.loads(json.dumps(data, default=_json_default), parse_float=Decimal), "") + "\n"


def _format_json(value: Any, indent: str) -> str:
    compact = json.dumps(value, ensure_ascii=False, default=_json_default)
    flat = not any(isinstance(v, (dict, list)) for v in _children(value))
    if not isinstance(value, (dict, list)) or (flat and len(compact) + len(indent) <= 100):
        return compact
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_format_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    items = [f"{inner}{_format_json(v, inner)}" for v in value]
    return "[\n" + ",\n".join(items) + f"\n{indent}]"


def _children(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    return list(value) if isinstance(value, list) else []


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the annotation format."""
    schema = Annotations.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://w3id.org/qhkg/schema/annotations-1.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"

