"""Lines of page text and what their shape says: prose, a short sentence, a list or table row.

These signals are structural (length, stop-word share, how a line ends, a bullet in front), so
they hold for any site. Stop words come from the page's own language: of a few languages spaCy
ships stop lists for, the one whose list covers most of the page's long lines.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

MIN_PROSE_WORDS = 8
MIN_RUN_ON_WORDS = 30  # a paragraph this long is prose even when it does not end like one (a signature)
MIN_STOPWORD_SHARE = 0.15
MIN_PAGE_STOPWORD_SHARE = 0.1  # a page whose language has a stop list here has far more than this
MAX_DATA_WORDS = 15  # a row of a table ("June 9 – Riverside Arena, Springfield") or a list item
MAX_ITEM_WORDS = 8  # a bulleted item without a figure
# Languages whose stop lists import cheaply (French builds its tokenizer exceptions on import).
STOP_LANGUAGES = ("en", "de", "es", "pt", "it", "nl", "id", "ru", "pl")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_IDEOGRAPHS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")  # kana and CJK: no spaces
_CHARS_PER_IDEOGRAPH_WORD = 2
_SENTENCE_END = re.compile(r"[.!?:;”’\"')\]。！？]\s*$")
_INNER_STOP = re.compile(r"[.!?。！？][”’\"')]*\s")
_FIGURE = re.compile(r"\d")
_BULLET = re.compile(r"\s*[•·*+▪►◦‣o–—-](?:\s|$)")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @cached_property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)

    @cached_property
    def size(self) -> int:
        """Words, counting two kana or CJK characters as one (those scripts put no spaces between words)."""
        ideographs = len(_IDEOGRAPHS.findall(self.text))
        spaced = _WORD.findall(_IDEOGRAPHS.sub(" ", self.text))
        return len(spaced) + ideographs // _CHARS_PER_IDEOGRAPH_WORD

    @cached_property
    def key(self) -> str:
        """The text with white space folded, to compare lines."""
        return " ".join(self.text.split())


def split_lines(text: str) -> list[Line]:
    """Lines with something visible on them, with their offsets (any of \\n, \\r\\n, \\r ends a
    line); a line of spaces and zero-width characters is blank."""
    return [Line(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\r\n]+", text) if is_visible(m.group())]


def is_visible(text: str) -> bool:
    return any(ch.isprintable() and not ch.isspace() for ch in text)


def ends_sentence(line: Line) -> bool:
    return bool(_SENTENCE_END.search(line.text))


def runs_on(line: Line) -> bool:
    """A long paragraph with sentences inside it, whatever its last word."""
    return line.size >= MIN_RUN_ON_WORDS and bool(_INNER_STOP.search(line.text))


def has_bullet(line: Line) -> bool:
    """A list marker in front: "* item", "+ item", "o item" (nested lists, as text converters write them)."""
    return bool(_BULLET.match(line.text))


def unbulleted(line: Line) -> str:
    """The line's text without its list marker and surrounding space: "* Share on X" -> "Share on X"."""
    marker = _BULLET.match(line.text)
    return line.text[marker.end() if marker else 0 :].strip()


def stop_share(line: Line, stops: frozenset[str] | None) -> float:
    """The share of the line's words that are stop words (1 when the page's language has no list)."""
    words = line.words
    if stops is None:
        return 1.0
    return sum(w.lower() in stops for w in words) / len(words) if words else 0.0


def is_prose(line: Line, stops: frozenset[str] | None) -> bool:
    """A paragraph: enough words, enough stop words, and ending like a sentence.

    Text in a language without a stop list here (Korean, Japanese) has no stop words to count;
    its length and its sentence end speak for it.
    """
    if line.size < MIN_PROSE_WORDS or not (ends_sentence(line) or runs_on(line)):
        return False
    return stop_share(line, stops) >= MIN_STOPWORD_SHARE


def is_data_line(line: Line) -> bool:
    """A short line of a table or list: "Per week $4.9 million", "• 12 wards will close"."""
    size = line.size
    if _FIGURE.search(line.text):
        return 0 < size <= MAX_DATA_WORDS
    return has_bullet(line) and 2 <= size <= MAX_ITEM_WORDS


def page_stop_words(lines: Sequence[Line]) -> frozenset[str] | None:
    """The stop list of the page's language: the one that covers most words of its long lines;
    None when none covers enough of them to tell prose (a language without a list here)."""
    words = Counter(w.lower() for line in lines if len(line.words) >= MIN_PROSE_WORDS for w in line.words)

    def covered(stops: frozenset[str]) -> int:
        return sum(n for word, n in words.items() if word in stops)

    best = max((stop_words(lang) for lang in STOP_LANGUAGES), key=covered)
    return best if covered(best) >= MIN_PAGE_STOPWORD_SHARE * words.total() else None


@lru_cache(maxsize=len(STOP_LANGUAGES))
def stop_words(lang: str) -> frozenset[str]:
    return frozenset(importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)
