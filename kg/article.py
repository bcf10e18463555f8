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
- A first line that does not start with whitespace is the headline too when it is
  short (:data:`HEADLINE_MAX_CHARS`), does not end a sentence with 。；…, and is
  followed by a byline (with or without a blank line between), or by a blank line
  and it holds no punctuation of running text (，、；。). Otherwise it is text: a
  line break there may be one inside a word, a blank line a column break.
- A short line that starts with a byline cue (本报记者, 新华社记者, 经济日报记者, 通讯员) is the byline.
- A line of punctuation only (……) is a block of its own.
- A blank line ends a paragraph only when the paragraph so far ends a sentence
  (。！？；…, possibly followed by a closing quote); otherwise it is a column
  break inside a sentence and the text runs on.
- Inside a block, whitespace is dropped (Chinese needs none), except that a run
  holding a space between two ASCII letters or digits becomes one space.
- Blocks are joined by one newline (the raw file's own line break).
- Sentences end after 。！？!? or …, with any closing quotes that follow; they
  never cross a block.

A byte order mark at the start of the file is not text. Offsets are Python
string indices (Unicode code points), as W3C Web Annotation text selectors count
them. Loading takes time and memory in proportion to the article's size; a file
over :data:`kg.limits.MAX_ARTICLE_BYTES` is refused before it is read.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.errors import ArticleError
from kg.files import decode_utf8, read_bytes, shown
from kg import limits

TERMINALS = "。！？；…!?;"
CLOSERS = "”’」』）)》\"'"
SENTENCE_END = re.compile(r"(?:[。！？!?]+|…+)[" + re.escape(CLOSERS) + r"]*")
#: A byline: the paper's or agency's reporter or correspondent (本报记者, 新华社记者, 经济日报记者, 本报特约记者).
BYLINE = re.compile(r"^[\u4e00-\u9fff]{0,8}?(记者|通讯员|特约撰稿人)(?![\u4e00-\u9fff]{0,2}(表示|介绍|了解|获悉|采访|看到|注意到|说))")
BYLINE_MAX_CHARS = 24
#: The longest first line read as a headline when it does not start with whitespace.
HEADLINE_MAX_CHARS = 40
#: Punctuation of running text: a first line holding one is a headline only if a byline follows it.
RUNNING_TEXT = re.compile(r"[，、；;。,]")
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

    @cached_property
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
    """Read an article file (UTF-8 text, at most :data:`kg.limits.MAX_ARTICLE_BYTES`) and normalise it."""
    path = Path(path)
    data = read_bytes(path, what="article", limit=limits.MAX_ARTICLE_BYTES, limit_name="MAX_ARTICLE_BYTES",
                      error=ArticleError)
    raw = decode_utf8(path, data, ArticleError)
    return parse_article(raw, article_id=article_id_for(path), path=path)


def article_id_for(path: str | Path) -> str:
    """The article id a file gets: its name without the extension."""
    return Path(path).name.split(".")[0]


def parse_article(raw: str, article_id: str = "article", path: str | Path = "") -> Article:
    """Normalise raw article text (see the module docstring for the rules).

    Time and memory are linear in the size of the text: each block's text is built
    from lists joined once, and the article's text is its blocks joined once.
    """
    raw_body_start = 1 if raw.startswith("\ufeff") else 0
    blocks_raw = _split_blocks(raw, raw_body_start)
    if not blocks_raw:
        raise ArticleError(f"{shown(path or article_id)}: the article has no text")
    texts: list[str] = []
    offsets: list[int] = []
    blocks: list[Block] = []
    start = 0
    for index, (kind, lines) in enumerate(blocks_raw):
        if index:
            offsets.append(max(raw.rfind("\n", 0, lines[0][0]), 0))  # the line break before the block
            start += 1
        pieces = _block_text(raw, lines, offsets)
        text = "".join(pieces)
        texts.append(text)
        blocks.append(Block(start, start + len(text), text, kind))
        start += len(text)
    text = "\n".join(texts)
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


Line = tuple[int, str]  # (offset of its first character in the raw text, the line without its line break)


def _lines(raw: str, start: int) -> list[Line]:
    """The raw lines with their start offsets, line breaks excluded (\\r included)."""
    lines = []
    pos = start
    for line in raw[start:].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    return lines


def _split_blocks(raw: str, start: int) -> list[tuple[str, list[Line]]]:
    """Group raw lines into blocks: (kind, its lines)."""
    blocks: list[tuple[str, list[Line]]] = []
    current: list[Line] = []
    ends_sentence = False  # the paragraph read so far ends a sentence

    lines = _lines(raw, start)
    headline = _headline(lines)
    for index, line in enumerate(lines):
        content = line[1].strip()
        if not content:
            if current and ends_sentence:
                blocks.append(("paragraph", current))
                current, ends_sentence = [], False
            continue
        standalone_kind = "title" if index == headline else _standalone_kind(
            line[1], content, first=not blocks and not current)
        if standalone_kind:
            if current:
                blocks.append(("paragraph", current))
                current, ends_sentence = [], False
            blocks.append((standalone_kind, [line]))
        else:
            current.append(line)
            last = _last_sentence_char(line[1])
            if last is not None:
                ends_sentence = last in TERMINALS
    if current:
        blocks.append(("paragraph", current))
    return blocks


def _headline(lines: list[Line]) -> int | None:
    """The index of the first line if it is a headline that does not start with whitespace (see the module's
    rules); None otherwise (an indented headline is found by :func:`_standalone_kind`)."""
    filled = [i for i, (_, line) in enumerate(lines[:512]) if line.strip()][:2]
    if len(filled) < 2:
        return None  # a text of one line is text
    first, following = filled
    line = lines[first][1]
    content, after = line.strip(), lines[following][1].strip()
    if line[:1].isspace() or len(content) > HEADLINE_MAX_CHARS or _standalone_kind(line, content, first=True):
        return None
    last = _last_sentence_char(content)
    if last is None or last in "。；;…":
        return None
    if len(after) <= BYLINE_MAX_CHARS and BYLINE.match(after):
        return first
    return first if following > first + 1 and not RUNNING_TEXT.search(content) else None


def _standalone_kind(line: str, content: str, first: bool) -> str | None:
    if line[:1].isspace():
        return "title" if first else "display"
    if len(content) <= BYLINE_MAX_CHARS and BYLINE.match(content):
        return "byline"
    if all(not ch.isalnum() for ch in content):
        return "paragraph"
    return None


def _last_sentence_char(line: str) -> str | None:
    """The last character of a line that is neither whitespace nor a closing quote (None: there is none)."""
    index = len(line) - 1
    while index >= 0 and (line[index].isspace() or line[index] in CLOSERS):
        index -= 1
    return line[index] if index >= 0 else None


#: A run of characters that are not whitespace (``\\s`` is exactly :meth:`str.isspace`).
NON_SPACE = re.compile(r"\S+")
HORIZONTAL = re.compile("[" + HORIZONTAL_SPACE + "]")


def _block_text(raw: str, lines: list[Line], offsets: list[int]) -> list[str]:
    """The pieces of a block's clean text; their raw offsets are appended to ``offsets``.

    Whitespace is dropped, but a run of it between two ASCII letters or digits that
    holds a horizontal space keeps its first horizontal space.
    """
    pieces: list[str] = []
    last = ""  # the last character kept
    space = -1  # raw offset of the first horizontal space since then, or -1
    for line_start, line in lines:
        pos = 0
        for match in NON_SPACE.finditer(line):
            begin, end = match.span()
            if begin > pos and space < 0:
                found = HORIZONTAL.search(line, pos, begin)
                if found:
                    space = line_start + found.start()
            if space >= 0 and _is_ascii_word(last) and _is_ascii_word(line[begin]):
                pieces.append(raw[space])
                offsets.append(space)
            pieces.append(line[begin:end])
            offsets.extend(range(line_start + begin, line_start + end))
            last, space, pos = line[end - 1], -1, end
        if pos < len(line) and space < 0:
            found = HORIZONTAL.search(line, pos)
            if found:
                space = line_start + found.start()
    return pieces


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
