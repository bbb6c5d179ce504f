"""Tokenization of figures: "£3.5bn" as three tokens, so token patterns can describe amounts.

spaCy's English tokenizer keeps "3.5bn" and "20m-£25" whole and reads "325m." as "325" + "m."
(an abbreviation). Token patterns over such tokens would need a regex per shape; splitting
currency signs, numbers and scale suffixes apart lets ``patterns/money.jsonl`` say
``[{"ORTH": "£"}, {"LIKE_NUM": true}, {"LOWER": "bn"}]``. Character offsets are untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import srsly
from spacy.tokens import Doc
from spacy.util import registry

from extract.rules.folders import default_patterns_dir
from extract.rules.vocabularies import currency_signs
from extract.rules.words import Words, load_words

NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGIT = re.compile(r"\d")  # every figure and glued sign holds one
_SIGN_LETTERS = re.compile(r"([a-z]{1,2})(\d.*)", re.IGNORECASE)  # "NZ19" after "$": the sign "$NZ"
# The word lists the tokenizer reads, saved with it.
LISTS = ("currency-signs", "currency-local-signs", "currency-subunits", "figure-suffixes")
SAVED_KEYS = {"tokenizer", "words"}  # what ``FigureTokenizer.to_bytes`` writes


def _sign_pattern(sign: str) -> str:
    """A sign as a regex; a one-letter sign ("R" for rand) only before a figure of three characters
    or more ("R500", "R1.5bn"), so that "R2", "K9" or "P45" stay names."""
    return re.escape(sign) + (r"(?=\d[\d,.]{2,})" if len(sign) == 1 and sign.isalpha() else "")


class FigureShapes:
    """The shapes of a figure token, from the currency signs and scale suffixes of the lists."""

    def __init__(self, words: Words):
        self.signs = currency_signs(words)
        sign = "(?:" + "|".join(map(_sign_pattern, sorted(self.signs, key=len, reverse=True))) + ")"
        # Longest first, so "65million" splits as "65" + "million", not "65" + "m" + "illion".
        scale = "(?:" + "|".join(map(re.escape, sorted(words.entries("figure-suffixes"), key=len, reverse=True))) + ")"
        amount = rf"{sign}?{NUMBER}{scale}?"
        self.figure_token = re.compile(rf"{amount}(?:[-–]{amount})?\.?", re.IGNORECASE)
        self.scale_token = re.compile(rf"{scale}\.?", re.IGNORECASE)
        self.piece = re.compile(rf"{sign}|{NUMBER}|{scale}|[-–.]", re.IGNORECASE)
        # The model was trained on "3.5bn" as one token: give a split-off suffix the norm of the word it
        # abbreviates, so the tagger and parser see "£ 3.5 billion", a shape they know.
        self.scale_norms = words.values("figure-suffixes")

    def split_figure(self, text: str, after_number: bool) -> list[str]:
        """The pieces of one token, or ``[text]`` when it is not a figure to split.

        ``after_number`` allows a bare scale token ("m." after "325") to be split too.
        """
        if self.figure_token.fullmatch(text) or (after_number and self.scale_token.fullmatch(text)):
            pieces = self.piece.findall(text)
            if "".join(pieces) == text and len(pieces) > 1:
                return pieces
        return [text]

    def glued_sign(self, before: str, text: str) -> tuple[str, str] | None:
        """ "$" + "NZ19": the letters that finish the sign ("$NZ") and the figure after them."""
        found = _SIGN_LETTERS.fullmatch(text)
        if found is None or (before + found.group(1)).lower() not in self.signs:
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
def make_figure_tokenizer(patterns: Sequence[str] = ()) -> Callable:
    """spaCy's own tokenizer, wrapped by ``FigureTokenizer``: named in the pipeline's config, so
    a pipeline saved with ``nlp.to_disk`` tokenizes the same way when ``spacy.load`` reads it.

    Its word lists (``LISTS``) are the shipped ones extended by those of its ``patterns`` folders,
    and are saved with it."""
    create_base = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def create(nlp) -> FigureTokenizer:
        return FigureTokenizer(create_base(nlp), load_words([default_patterns_dir(), *map(Path, patterns)]))

    return create


class FigureTokenizer:
    """Wraps a spaCy tokenizer and splits figure tokens into sign, number and scale."""

    def __init__(self, base: Callable[[str], Doc], words: Words):
        self.base = base
        self.use_words(words)

    def use_words(self, words: Words) -> None:
        self.words = Words({name: words.entries(name) for name in LISTS})
        self.shapes = FigureShapes(self.words)

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).write_bytes(self.to_bytes(**kwargs))

    def from_disk(self, path: str | Path, **kwargs: Any) -> FigureTokenizer:
        return self.from_bytes(Path(path).read_bytes(), **kwargs)

    def to_bytes(self, **kwargs: Any) -> bytes:
        """spaCy's tokenizer and the word lists, so a saved pipeline splits figures the same anywhere."""
        base = self.base.to_bytes(**kwargs)  # type: ignore[attr-defined]
        return srsly.msgpack_dumps({"tokenizer": base, "words": self.words.lists})

    def from_bytes(self, data: bytes, **kwargs: Any) -> FigureTokenizer:
        """What ``to_bytes`` saved, or a model's own tokenizer (read when a model is loaded with this
        tokenizer in its place): then the lists stay those of the settings."""
        saved = srsly.msgpack_loads(data)
        if SAVED_KEYS.issubset(saved):
            self.base.from_bytes(saved["tokenizer"], **kwargs)  # type: ignore[attr-defined]
            self.use_words(Words(saved["words"]))
        else:
            self.base.from_bytes(data, **kwargs)  # type: ignore[attr-defined]
        return self

    def __call__(self, text: str) -> Doc:
        doc = self.base(text)
        shapes = self.shapes
        words: list[str] = []
        spaces: list[bool] = []
        changed = False
        before = ""
        for token in doc:
            text = token.text
            after_number = before[-1:].isdigit()  # "325" or "£20m-£25" + "m."
            before = text
            if not after_number and _DIGIT.search(text) is None:  # no figure, no glued sign: as it is
                words.append(text)
                spaces.append(bool(token.whitespace_))
                continue
            glued = shapes.glued_sign(words[-1], text) if words and not spaces[-1] else None
            if glued is not None:
                words[-1] += glued[0]
                text = glued[1]
                changed = True
            pieces = shapes.split_figure(text, after_number)
            changed |= len(pieces) > 1
            words.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [bool(token.whitespace_)])
        if not changed:
            return doc
        split = Doc(doc.vocab, words=words, spaces=spaces)
        for token in split:
            if token.i and split[token.i - 1].like_num and token.lower_ in shapes.scale_norms:
                token.norm_ = shapes.scale_norms[token.lower_]
        return split

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)
