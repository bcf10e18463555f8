"""Articles: raw newspaper text in, clean text with an offset map out.

A newspaper dump breaks lines inside words and columns inside sentences, and
mixes the headline and byline in with the body. :func:`load_article` turns it
into clean text that annotations point into, without dropping or inventing a
single character of the article:

- every character of the clean text is a character of the raw file
  (``article.text[i] == article.raw[article.raw_offsets[i]]``);
- every non-whitespace character of the raw file is in the clean text, in order.

Rules, in the order they apply:

- A line that starts with whitespace is display text (the headline if it comes
  first, a pull-quote or kicker otherwise) and forms a block of its own.
- A short line that starts with a byline cue (本报记者, 记者, 通讯员) is the byline.
- A line of punctuation only (……) is a block of its own.
- A blank line ends a paragraph only when the paragraph so far ends a sentence
  (。！？；…, possibly followed by a closing quote); otherwise it is a column
  break inside a sentence and the text runs on.
- Inside a block, whitespace is dropped (Chinese needs none), except that a run
  holding a space between two ASCII letters or digits becomes one space.
- Blocks are joined by one newline (the raw file's own line break).
- Sentences end after 。！？!? or …, with any closing quotes that follow; they
  never cross a block.

Offsets are Python string indices (Unicode code points), as W3C Web Annotation
text selectors count them.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.errors import ArticleError

TERMINALS = "。！？；…!?;"
CLOSERS = "”’」』）)》\"'"
SENTENCE_END = re.compile(r"(?:[。！？!?]+|…+)[" + re.escape(CLOSERS) + r"]*")
BYLINE = re.compile(r"^(本报记者|本报通讯员|记者|通讯员)")
BYLINE_MAX_CHARS = 24
HORIZONTAL_SPACE = " \t\u3000\u00a0"


@dataclass(frozen=True)
class Span:
    """A stretch of clean text, ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block(Span):
    """A headline, byline, display line or paragraph."""

    kind: str = "paragraph"


@dataclass(frozen=True)
class Article:
    """A normalised article: clean text, its map back to the raw file, its sentences."""

    id: str
    path: Path
    raw: str
    text: str
    raw_offsets: tuple[int, ...]
    blocks: tuple[Block, ...]
    sentences: tuple[Span, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    @property
    def title(self) -> str | None:
        """The headline, if the article starts with one."""
        first = self.blocks[0] if self.blocks else None
        return first.text if first is not None and first.kind == "title" else None

    @property
    def byline(self) -> str | None:
        return next((b.text for b in self.blocks if b.kind == "byline"), None)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-file offsets ``(start, end)`` that a clean-text span covers."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}-{end} is outside the article (0-{len(self.text)})")
        return self.raw_offsets[start], self.raw_offsets[end - 1] + 1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentences_overlapping(self, start: int, end: int) -> list[Span]:
        """The sentences that share at least one character with ``text[start:end]``."""
        first = max(bisect_right(self._sentence_starts, start) - 1, 0)
        found = []
        for sentence in self.sentences[first:]:
            if sentence.start >= end:
                break
            if sentence.end > start:
                found.append(sentence)
        return found

    def find(self, needle: str) -> list[int]:
        """Every offset at which ``needle`` starts in the clean text."""
        return [m.start() for m in re.finditer(re.escape(needle), self.text)] if needle else []


def load_article(path: str | Path) -> Article:
    """Read an article file (UTF-8 text) and normalise it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: article file not found") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read article: {exc.strerror}") from exc
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from exc
    return parse_article(raw, article_id=article_id_for(path), path=path)


def article_id_for(path: str | Path) -> str:
    """The article id a file gets: its name without the extension."""
    return Path(path).name.split(".")[0]


def parse_article(raw: str, article_id: str = "article", path: str | Path = "") -> Article:
    """Normalise raw article text (see the module docstring for the rules)."""
    if raw.startswith("\ufeff"):
        raw_body_start = 1
    else:
        raw_body_start = 0
    blocks_raw = _split_blocks(raw, raw_body_start)
    if not blocks_raw:
        raise ArticleError(f"{path or article_id}: the article has no text")
    text_chars: list[str] = []
    offsets: list[int] = []
    blocks: list[Block] = []
    for index, (kind, positions, newline_at) in enumerate(blocks_raw):
        if index:
            text_chars.append("\n")
            offsets.append(newline_at)
        start = len(text_chars)
        for pos in _block_positions(raw, positions):
            text_chars.append(raw[pos])
            offsets.append(pos)
        text = "".join(text_chars)
        blocks.append(Block(start, len(text), text[start:], kind))
    text = "".join(text_chars)
    sentences = tuple(s for block in blocks for s in _split_sentences(block))
    return Article(
        id=article_id,
        path=Path(path),
        raw=raw,
        text=text,
        raw_offsets=tuple(offsets),
        blocks=tuple(blocks),
        sentences=sentences,
    )


def _lines(raw: str, start: int) -> list[tuple[int, str]]:
    """The raw lines with their start offsets, line breaks excluded (\\r included)."""
    lines = []
    pos = start
    for line in raw[start:].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    return lines


def _split_blocks(raw: str, start: int) -> list[tuple[str, list[int], int]]:
    """Group raw lines into blocks: (kind, raw positions of its lines' characters, line break offset)."""
    blocks: list[tuple[str, list[int], int]] = []
    current: list[int] = []

    def flush() -> None:
        if current:
            blocks.append(("paragraph", list(current), _line_break_before(raw, current)))
            current.clear()

    for line_start, line in _lines(raw, start):
        content = line.strip()
        positions = list(range(line_start, line_start + len(line)))
        if not content:
            if current and _ends_sentence(raw, current):
                flush()
            continue
        standalone_kind = _standalone_kind(line, content, first=not blocks and not current)
        if standalone_kind:
            flush()
            blocks.append((standalone_kind, positions, _line_break_before(raw, positions)))
        else:
            current.extend(positions)
    flush()
    return blocks


def _standalone_kind(line: str, content: str, first: bool) -> str | None:
    if line[:1].isspace():
        return "title" if first else "display"
    if BYLINE.match(content) and len(content) <= BYLINE_MAX_CHARS:
        return "byline"
    if all(not ch.isalnum() for ch in content):
        return "paragraph"
    return None


def _line_break_before(raw: str, positions: list[int]) -> int:
    """The offset of the line break that ends the text before ``positions`` (or 0)."""
    newline = raw.rfind("\n", 0, positions[0])
    return max(newline, 0)


def _ends_sentence(raw: str, positions: list[int]) -> bool:
    for pos in reversed(positions):
        ch = raw[pos]
        if ch.isspace() or ch in CLOSERS:
            continue
        return ch in TERMINALS
    return False


def _block_positions(raw: str, positions: list[int]) -> list[int]:
    """The raw positions a block keeps: whitespace dropped but between ASCII words."""
    kept: list[int] = []
    run: list[int] = []
    for pos in positions:
        ch = raw[pos]
        if ch.isspace() or ch == "\r":
            run.append(pos)
            continue
        if run and kept and _keeps_space(raw, kept[-1], pos, run):
            kept.append(next(p for p in run if raw[p] in HORIZONTAL_SPACE))
        run = []
        kept.append(pos)
    return kept


def _keeps_space(raw: str, before: int, after: int, run: list[int]) -> bool:
    return (
        _is_ascii_word(raw[before])
        and _is_ascii_word(raw[after])
        and any(raw[p] in HORIZONTAL_SPACE for p in run)
    )


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _split_sentences(block: Block) -> list[Span]:
    sentences = []
    pos = 0
    for match in SENTENCE_END.finditer(block.text):
        end = match.end()
        if end > pos:
            sentences.append(_sub_span(block, pos, end))
        pos = end
    if pos < len(block.text):
        sentences.append(_sub_span(block, pos, len(block.text)))
    return sentences


def _sub_span(block: Block, start: int, end: int) -> Span:
    return Span(block.start + start, block.start + end, block.text[start:end])
