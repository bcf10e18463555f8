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
import operator
import re
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation
from itertools import accumulate, count
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator,
)

from kg.article import Article, load_article
from kg import files
from kg.errors import AnnotationError, ArticleError
from kg.files import decode_utf8, one_line
from kg.terms import iri_problem
from kg.limits import (
    MAX_ANNOTATION_BYTES, MAX_FIGURE_DIGITS, MAX_FIGURE_EXPONENT, MAX_NESTING, MAX_YAML_NODES,
)
from kg.ontology import Ontology, ontology

FORMAT = "kg-annotations/1"
SUFFIXES = (".annotations.json", ".annotations.yaml", ".annotations.yml")
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "corpus" / "annotations.schema.json"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_OFFSET = 2**63 - 1  # a character offset beyond any article (and beyond what pydantic should turn into an int)

# BCP 47 (RFC 5646, section 2.1) language tags: well-formedness, not registry validity.
_ALNUM = "[A-Za-z0-9]"
_LANGTAG = (
    "(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"  # language (with extlangs)
    "(?:-[A-Za-z]{4})?"  # script
    "(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    f"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    f"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    f"(?:-[Xx](?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_GRANDFATHERED = (
    "en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|"
    "i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|"
    "zh-min-nan|zh-xiang"
)
LANGUAGE_TAG = re.compile(f"(?:{_LANGTAG}|[Xx](?:-{_ALNUM}{{1,8}})+|{_GRANDFATHERED})", re.IGNORECASE | re.ASCII)
SHA256_PATTERN = re.compile(r"[0-9a-f]{64}", re.ASCII)


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a well-formed BCP 47 language tag (RFC 5646 syntax; zh, en-GB, zh-Hans-CN)."""
    return isinstance(tag, str) and LANGUAGE_TAG.fullmatch(tag) is not None


def clip(value: Any, size: int = 60) -> str:
    """A value for a one-line message: its repr, shortened when long."""
    text = repr(value) if not isinstance(value, Decimal) else str(value)
    return text if len(text) <= size else f"{text[:size - 15]}...({len(text):,} characters)"

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
DateTimeText = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$"),
    Field(description="An ISO 8601 date and time with its offset, e.g. 2026-12-01T06:50:00Z."),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(_Model):
    """Where the evidence is: offsets into the clean text, and the words found there."""

    start: int = Field(ge=0, description="Offset of the first character (code points, from 0).")
    end: int = Field(gt=0, description="Offset just after the last character.")
    text: str = Field(min_length=1, description="The article's words at start:end, exactly.")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _offset_in_range(cls, value: Any) -> Any:
        # an int field turns Decimal('1E+999999999') into a billion-digit number first: refuse it before
        if isinstance(value, Decimal):  # no arithmetic on it: abs() of 1E+999999999 overflows
            too_big = value.is_finite() and not value.is_zero() and value.adjusted() >= 19
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            too_big = abs(value) > MAX_OFFSET  # NaN is not: pydantic says it is not a number
        else:
            too_big = False
        if too_big:
            raise ValueError(f"offset {clip(value, 40)} is out of range")
        return value

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


class Label(_Model):
    """An entity's name: the article's words, an English name, and a romanisation where no English is known."""

    zh: str = Field(min_length=1)
    en: str | None = Field(None, min_length=1, description="An English name (a translation, never bare pinyin).")
    pinyin: str | None = Field(
        None, alias="zh-Latn-pinyin", min_length=1,
        description="The name romanised in Hanyu Pinyin (BCP 47 zh-Latn-pinyin), where no English name is known.",
    )

    @model_validator(mode="after")
    def _has_a_latin_name(self) -> Label:
        if self.en is None and self.pinyin is None:
            raise ValueError("a label needs an English name (en) or a romanisation (zh-Latn-pinyin)")
        return self

    @property
    def latin(self) -> str:
        """The English name, else the romanisation: for texts that need one Latin-script name."""
        return self.en or self.pinyin or self.zh


class Aliases(_Model):
    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class _Item(_Model):
    note: str | None = Field(None, description="Why the annotator decided as they did.")
    source: Literal["curated", "auto"] = Field("curated", description="Who made the item.")
    confidence: float | None = Field(None, ge=0, le=1, description="For auto items: how sure.")
    curator: Slug | None = Field(
        None, description="Who wrote or reviewed a curated item (defaults to the file's curator)."
    )
    reviewed: DateTimeText | None = Field(None, description="When a curated item was reviewed (ISO 8601, UTC).")


class Entity(_Item):
    """A named region, facility, organisation, policy, person or event."""

    id: Slug
    type: str = Field(description="A class of the ontology below kg:Entity, e.g. Province, Firm.")
    label: Label = Field(
        description="zh: the article's words for it; en: an English name; zh-Latn-pinyin: a romanisation."
    )
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

    @field_validator("value", mode="before")
    @classmethod
    def _value_in_range(cls, value: Any) -> Any:
        check_figure_value(value)
        return value


def check_figure_value(value: Any) -> None:
    """Refuse a figure value kg cannot write exactly and quickly (see kg.limits), before anything formats it."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return  # pydantic says what is wrong with it
    if isinstance(value, str):
        if len(value) > 10_000:  # far more than MAX_FIGURE_DIGITS: not converted at all
            raise ValueError(f"{clip(value, 40)} has more than {MAX_FIGURE_DIGITS} significant digits, "
                             f"the limit (kg.limits.MAX_FIGURE_DIGITS)")
        try:
            number = Decimal(value.strip())
        except (InvalidOperation, ValueError):
            return  # not a number: pydantic says so
    elif isinstance(value, float):
        number = Decimal(repr(value))  # repr: 1.5, nan, inf
    else:
        number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{clip(number, 40)} is not a finite number")
    if number.is_zero():
        return
    magnitude = number.adjusted()  # the power of ten of the first digit: 1 for 12.3, -2 for 0.0123
    if abs(magnitude) > MAX_FIGURE_EXPONENT:
        raise ValueError(
            f"{clip(number, 40)} is of the order of 1e{magnitude}, beyond the limit of 1e-{MAX_FIGURE_EXPONENT} "
            f"to 1e{MAX_FIGURE_EXPONENT} (kg.limits.MAX_FIGURE_EXPONENT)"
        )
    try:  # Inexact: rounding to MAX_FIGURE_DIGITS would lose a digit that is not a trailing zero
        Context(prec=MAX_FIGURE_DIGITS, traps=[Inexact]).plus(number)
    except Inexact:
        raise ValueError(
            f"{clip(number, 40)} has more than {MAX_FIGURE_DIGITS} significant digits, the limit "
            f"(kg.limits.MAX_FIGURE_DIGITS)"
        ) from None


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
    title: Label
    creator: Slug | None = Field(None, description="Entity id of the author.")
    language: str = "zh"
    temporal: DateText | None = Field(None, description="The period the article covers.")

    @field_validator("file")
    @classmethod
    def _file_is_a_name(cls, value: str) -> str:
        if "\x00" in value or not value.strip():
            raise ValueError(f"{clip(value)} is not a file name")
        return value

    @field_validator("sha256")
    @classmethod
    def _sha256_is_hex(cls, value: str | None) -> str | None:
        if value is not None and SHA256_PATTERN.fullmatch(value) is None:
            raise ValueError(f"{clip(value)} is not a SHA-256 digest (64 lower-case hex digits)")
        return value

    @field_validator("language")
    @classmethod
    def _language_is_a_tag(cls, value: str) -> str:
        if not is_language_tag(value):
            raise ValueError(f"{clip(value)} is not a well-formed BCP 47 language tag (such as zh, en or zh-Hans)")
        return value


class Generator(_Model):
    """The automatic annotation run that made a draft: a prov:Activity of a prov:SoftwareAgent."""

    agent: str = Field(min_length=1, description="The software, e.g. kg annotate.")
    version: str = Field(min_length=1, description="Its version.")
    time: DateTimeText = Field(description="When it ran (ISO 8601, UTC).")


class Annotations(_Model):
    """The content of one annotation file."""

    schema_: str | None = Field(None, alias="$schema")
    format: Literal["kg-annotations/1"]
    article: ArticleInfo
    curator: Slug | None = Field(None, description="Who curated the file's curated items, unless an item says.")
    generated_by: Generator | None = Field(
        None, description="The automatic annotation run that made the file's auto items."
    )
    entities: list[Entity]  # may be empty: the draft of an article that names no entity
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
        raise AnnotationError(one_line(f"{path}: article.file: {exc}")) from exc
    except ValueError as exc:  # a path the system refuses
        raise AnnotationError(one_line(f"{path}: article.file: {article_path}: {exc}")) from None
    problems = check_article_iris(article)
    problems += check_annotations(annotations, article, ontology())
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise AnnotationError(one_line(f"{path}: {problems[0]}{more}"))
    return AnnotatedArticle(article, annotations, path)


def check_article_iris(article: Article) -> list[str]:
    """The article's id (its file name up to the first dot) becomes part of IRIs: it must make well-formed ones."""
    from kg.vocab import ARTICLE, GRAPH

    name = article.path.name if article.path else article.id
    if not article.id:
        return [f"article.file: the article id (the file name {name!r} up to its first dot) is empty"]
    if _IRI_UNSAFE.search(article.id) or not all(is_iri(str(ns[article.id])) for ns in (ARTICLE, GRAPH)):
        return [f"article.file: the article id {clip(article.id)} (the file name up to its first dot) cannot be "
                f"part of an IRI (no spaces, control characters or any of <>\"{{}}|\\^`#?%)"]
    return []


_IRI_UNSAFE = re.compile(r'[\s<>"{}|\\^`#?%\x00-\x1f\x7f-\x9f]')


def is_iri(text: str) -> bool:
    """Whether ``text`` is a well-formed absolute IRI (RFC 3987), as a strict RDF parser checks it."""
    return iri_problem(text) is None


def read_annotations(path: str | Path) -> Annotations:
    """Parse an annotation file (JSON or YAML) and check its structure."""
    path = Path(path)
    data = read_data(path)
    try:
        return Annotations.model_validate(data)
    except ValidationError as exc:
        raise AnnotationError(one_line(f"{path}: {_describe_validation_error(exc, data)}")) from None
    except RecursionError:  # a cycle pydantic did not catch: refused, not a traceback
        raise _nesting_error(path) from None


def read_data(path: Path) -> Any:
    """The content of an annotation (or prediction) file, parsed within kg's limits (see :mod:`kg.limits`)."""
    return parse_data(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """The bytes of an annotation file, its size checked before it is read."""
    return files.read_bytes(path, what="annotation", limit=MAX_ANNOTATION_BYTES, limit_name="MAX_ANNOTATION_BYTES",
                            error=AnnotationError)


def parse_data(path: Path, data: bytes) -> Any:
    """Annotation data from the bytes of a file: UTF-8 JSON or YAML, nesting, size and numbers bounded."""
    text = decode_utf8(path, data, AnnotationError).removeprefix("\ufeff")
    if path.suffix == ".json":
        value = _parse_json(path, text)
        if _ESCAPED_SURROGATE.search(text):
            _check_strings(path, value)
        return value
    if path.suffix in (".yaml", ".yml"):
        value = _parse_yaml(path, text)
        _check_strings(path, value)
        return value
    raise AnnotationError(f"{path}: unknown annotation file type (expected .json, .yaml or .yml)")


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEPS = str.maketrans({"[": "\x02", "{": "\x02", "]": "\x00", "}": "\x00"})


def json_depth(text: str) -> int:
    """The deepest nesting of lists and objects in JSON text, found without parsing it (no recursion).

    Linear and in C but for a max() over its brackets; anything beyond MAX_NESTING may be reported as
    MAX_NESTING + 1.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if not brackets:
        return 0
    steps = brackets.translate(_BRACKET_STEPS).encode("ascii")  # 2 for an opening bracket, 0 for a closing one
    if b"\x02" * (MAX_NESTING + 1) in steps:  # the usual bomb, [[[[..., found at once
        return MAX_NESTING + 1
    # after the i-th bracket (from 1): 2 * opened - i = opened - closed, the depth there
    return max(map(operator.sub, accumulate(steps), count(1)))


def _nesting_error(path: Path) -> AnnotationError:
    return AnnotationError(f"{path}: lists and objects nested more than {MAX_NESTING} deep "
                           f"(kg.limits.MAX_NESTING)")


class _NumberOutOfRange(ValueError):
    pass


def _parse_float(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent beyond what Decimal holds
        raise _NumberOutOfRange(text) from None


def _parse_int(text: str) -> int | Decimal:
    # Python refuses to turn more than 4,300 digits into an int; a Decimal is checked where it is used
    return int(text) if len(text) <= 1000 else Decimal(text)


def _parse_json(path: Path, text: str) -> Any:
    if json_depth(text) > MAX_NESTING:
        raise _nesting_error(path)
    try:
        return json.loads(text, parse_float=_parse_float, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise AnnotationError(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except _NumberOutOfRange as exc:
        number = clip(str(exc), 40)
        raise AnnotationError(one_line(f"{path}: invalid JSON: the number {number} is out of range")) from None
    except RecursionError:
        raise _nesting_error(path) from None


def _parse_yaml(path: Path, text: str) -> Any:
    """YAML, composed first so that aliases are counted as expanded before anything is built from them."""
    import yaml

    loader = None
    try:
        loader = _yaml_loader()(text)  # reading checks the characters: a NUL is a YAMLError already
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise _nesting_error(path) from None
        if node is None:
            return None
        _check_yaml_nodes(path, node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        raise AnnotationError(one_line(f"{path}: invalid YAML{where}: {exc.problem or exc.context}")) from None
    except yaml.reader.ReaderError as exc:
        raise AnnotationError(
            f"{path}: invalid YAML: character #x{exc.character:04x} at offset {exc.position} is not allowed"
        ) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else repr(exc)
        raise AnnotationError(one_line(f"{path}: invalid YAML: {first}")) from None
    finally:
        if loader is not None:
            loader.dispose()


_LOADER: list[type] = []


def _yaml_loader() -> type:
    """yaml.SafeLoader, with a value it cannot make (2024-02-30, 5,000 digits) a marked error, not a crash."""
    if _LOADER:
        return _LOADER[0]
    import yaml

    class Loader(yaml.SafeLoader):
        def construct_yaml_int(self, node):
            if isinstance(node.value, str) and len(node.value) > 1000:  # Python refuses 4,300 digits: say why
                raise yaml.constructor.ConstructorError(
                    None, None, f"a number of {len(node.value):,} characters, too long to be read", node.start_mark
                )
            return super().construct_yaml_int(node)

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, OverflowError, ArithmeticError) as exc:
                value = node.value if isinstance(node.value, str) else ""
                reason = str(exc) if len(str(exc)) <= 100 else str(exc)[:100] + "..."
                raise yaml.constructor.ConstructorError(
                    None, None, f"cannot read the value {clip(value, 40)}: {reason}", node.start_mark
                ) from None

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    _LOADER.append(Loader)
    return Loader


def _check_yaml_nodes(path: Path, root: Any) -> None:
    """Count the nodes a YAML document expands to (an alias counts its whole anchor), memoised on the node graph."""
    import yaml

    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (nodes once expanded, nesting height)
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        if finished:
            total = 1 + sum(sizes[id(child)][0] for child in children)
            height = 0 if isinstance(node, yaml.ScalarNode) else 1 + max(
                (sizes[id(child)][1] for child in children), default=0)
            open_nodes.discard(key)
            sizes[key] = (total, height)
            if total > MAX_YAML_NODES:
                mark = node.start_mark
                raise AnnotationError(
                    f"{path}: the YAML at line {mark.line + 1} column {mark.column + 1} expands to more than "
                    f"{MAX_YAML_NODES:,} nodes through its aliases (kg.limits.MAX_YAML_NODES)"
                )
            if height > MAX_NESTING:
                raise _nesting_error(path)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            mark = node.start_mark
            raise AnnotationError(f"{path}: invalid YAML at line {mark.line + 1} column {mark.column + 1}: "
                                  f"an alias refers to the node it is in")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _check_strings(path: Path, data: Any) -> None:
    """Refuse text that cannot be written as UTF-8 (a lone surrogate, from an escape such as \\ud800)."""
    stack: list[tuple[Any, str]] = [(data, "")]
    seen: set[int] = set()
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                place = f"{where}: " if where else ""
                raise AnnotationError(one_line(
                    f"{path}: {place}text with a lone surrogate ({value[exc.start]!r}), which is not a character"
                )) from None
        elif isinstance(value, (dict, list)) and id(value) not in seen:
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                label = f"{where}[{key}]" if isinstance(key, int) else (f"{where}.{key}" if where else str(key))
                stack.append((key, label))
                stack.append((item, label))


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
        part = part if isinstance(part, int) else _name(part)  # a key the annotator made up may be long
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _item_id(data: Any, loc: tuple[Any, ...]) -> str | None:
    """The id of the list item an error is in, to name it in the message."""
    if len(loc) >= 2 and isinstance(data, dict) and isinstance(loc[1], int):
        items = data.get(loc[0])
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            item = items[loc[1]]
            if "id" in item:
                return clip(item["id"])
            if "subject" in item:
                return " ".join(
                    _name(item.get(k, "?")) for k in ("subject", "predicate", "property", "object") if k in item
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
    if ann.article.temporal:
        try:
            parse_date(ann.article.temporal)
        except ValueError:
            problems.append(f"article.temporal: {ann.article.temporal!r} is not a real date")
    if ann.article.creator and ann.article.creator not in entity_ids:
        problems.append(f"article.creator: unknown entity id {ann.article.creator!r}")
    for index, rel in enumerate(ann.relations):
        where = f"relations[{index}] ({rel.subject} {_name(rel.predicate)} {rel.object})"
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
        where = f"attributes[{index}] ({attr.subject} {_name(attr.property)})"
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


def _name(value: Any) -> str:
    """A name the annotator wrote, for a message: as it is, or shortened when long."""
    text = str(value)
    return text if len(text) <= 60 else f"{text[:45]}...({len(text):,} characters)"


def _check_unique(where: str, section: str, item_id: str, index: int, seen: dict[str, int], problems: list[str]) -> None:
    if item_id in seen:
        problems.append(f"{where}: duplicate id {item_id!r} (first at {section}[{seen[item_id]}])")
    else:
        seen[item_id] = index


def _check_known(where: str, field: str, name: str, known: dict[str, Any], problems: list[str]) -> bool:
    if name in known:
        return True
    problems.append(f"{where}: unknown {field} {clip(name)}; expected one of: {', '.join(known)}")
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

