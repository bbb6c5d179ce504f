"""Tokenization of figures: "£3.5bn" as three tokens, so token patterns can describe amounts.

spaCy's English tokenizer keeps "3.5bn" and "20m-£25" whole and reads "325m." as "325" + "m."
(an abbreviation). Token patterns over such tokens would need a regex per shape; splitting
currency signs, numbers and scale suffixes apart lets ``patterns/money.jsonl`` say
``[{"ORTH": "£"}, {"LIKE_NUM": true}, {"LOWER": "bn"}]``. Character offsets are untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.util import registry

from extract.rules.words import shipped_words

_WORDS = shipped_words()
SIGNS = frozenset(_WORDS.entries("currency-signs"))
CURRENCY_SIGN = "(?:" + "|".join(map(re.escape, sorted(SIGNS, key=len, reverse=True))) + ")"
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# Longest first, so "65million" splits as "65" + "million", not "65" + "m" + "illion".
SCALE = "(?:" + "|".join(map(re.escape, sorted(_WORDS.entries("figure-suffixes"), key=len, reverse=True))) + ")"
_AMOUNT = rf"{CURRENCY_SIGN}?{NUMBER}{SCALE}?"
_FIGURE_TOKEN = re.compile(rf"{_AMOUNT}(?:[-–]{_AMOUNT})?\.?", re.IGNORECASE)
_SCALE_TOKEN = re.compile(rf"{SCALE}\.?", re.IGNORECASE)
_PIECE = re.compile(rf"{CURRENCY_SIGN}|{NUMBER}|{SCALE}|[-–.]", re.IGNORECASE)
_SIGN_LETTERS = re.compile(r"([a-z]{1,2})(\d.*)", re.IGNORECASE)  # "NZ19" after "$": the sign "$NZ"
# The model was trained on "3.5bn" as one token: give a split-off suffix the norm of the word it
# abbreviates, so the tagger and parser see "£ 3.5 billion", a shape they know.
SCALE_NORMS = _WORDS.values("figure-suffixes")


def split_figure(text: str, after_number: bool) -> list[str]:
    """The pieces of one token, or ``[text]`` when it is not a figure to split.

    ``after_number`` allows a bare scale token ("m." after "325") to be split too.
    """
    if _FIGURE_TOKEN.fullmatch(text) or (after_number and _SCALE_TOKEN.fullmatch(text)):
        pieces = _PIECE.findall(text)
        if "".join(pieces) == text and len(pieces) > 1:
            return pieces
    return [text]


def glued_sign(before: str, text: str) -> tuple[str, str] | None:
    """ "$" + "NZ19": the letters that finish the sign ("$NZ") and the figure after them."""
    found = _SIGN_LETTERS.fullmatch(text)
    if found is None or (before + found.group(1)).lower() not in SIGNS:
        return None
    return found.group(1), found.group(2)


@registry.tokenizers("extract.cached_docs_only.v1")
def make_cached_docs_only_tokenizer() -> Callable:
    """For rules-only pipelines, whose docs all come from the parse cache: building the English
    tokenizer's rules would cost more than the rest of such a re-run. Splits on whitespace."""

    def create(nlp) -> Callable[[str], Doc]:
        return lambda text: Doc(nlp.vocab, words=text.split())

    return create


FIGURE_TOKENIZER_NAME = "extract.figure_tokenizer.v1"


@registry.tokenizers(FIGURE_TOKENIZER_NAME)
def make_figure_tokenizer() -> Callable:
    """spaCy's own tokenizer, wrapped by ``FigureTokenizer``: named in the pipeline's config, so
    a pipeline saved with ``nlp.to_disk`` tokenizes the same way when ``spacy.load`` reads it."""
    create_base = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def create(nlp) -> FigureTokenizer:
        return FigureTokenizer(create_base(nlp))

    return create


class FigureTokenizer:
    """Wraps a spaCy tokenizer and splits figure tokens into sign, number and scale."""

    def __init__(self, base: Callable[[str], Doc]):
        self.base = base

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        self.base.to_disk(path, **kwargs)  # type: ignore[attr-defined]

    def from_disk(self, path: str | Path, **kwargs: Any) -> FigureTokenizer:
        self.base.from_disk(path, **kwargs)  # type: ignore[attr-defined]
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.base.to_bytes(**kwargs)  # type: ignore[attr-defined]

    def from_bytes(self, data: bytes, **kwargs: Any) -> FigureTokenizer:
        self.base.from_bytes(data, **kwargs)  # type: ignore[attr-defined]
        return self

    def __call__(self, text: str) -> Doc:
        doc = self.base(text)
        words: list[str] = []
        spaces: list[bool] = []
        changed = False
        for token in doc:
            after_number = token.i > 0 and doc[token.i - 1].text[-1:].isdigit()  # "325" or "£20m-£25" + "m."
            text = token.text
            glued = glued_sign(words[-1], text) if words and not spaces[-1] else None
            if glued is not None:
                words[-1] += glued[0]
                text = glued[1]
                changed = True
            pieces = split_figure(text, after_number)
            changed |= len(pieces) > 1
            words.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [bool(token.whitespace_)])
        if not changed:
            return doc
        split = Doc(doc.vocab, words=words, spaces=spaces)
        for token in split:
            if token.i and split[token.i - 1].like_num and token.lower_ in SCALE_NORMS:
                token.norm_ = SCALE_NORMS[token.lower_]
        return split

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)
