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
LISTS = (
    "currency-signs",
    "currency-local-signs",
    "currency-subunits",
    "currency-codes",
    "figure-suffixes",
    "sign-suffixes",
)
MINUS = "-−"  # hyphen-minus and the minus sign
SAVED_KEYS = {"tokenizer", "words"}  # what ``FigureTokenizer.to_bytes`` writes


def _letter(sign: str) -> str:
    """A sign as a regex: a one-letter sign in capitals only ("R500", "P5bn"; "p151" is a page)."""
    return f"(?-i:{sign.upper()})" if len(sign) == 1 and sign.isalpha() else re.escape(sign)


def _sign_pattern(sign: str, scale: str) -> str:
    """A sign as a regex; a one-letter sign ("R" for rand) only before a figure of three characters
    or more ("R500") or one with a ``scale`` glued on ("R2bn"), so that "R2", "K9" or "P45" stay
    names ("R2 billion", a scale word after it, is read by ``FigureShapes.short_figure``)."""
    if len(sign) > 1 or not sign.isalpha():
        return re.escape(sign)
    return _letter(sign) + rf"(?=\d[\d,.]{{2,}}|\d[\d,.]*{scale})"


class FigureShapes:
    """The shapes of a figure token, from the currency signs and scale suffixes of the lists."""

    def __init__(self, words: Words):
        self.signs = currency_signs(words)
        signs = sorted(self.signs, key=len, reverse=True)
        # Longest first, so "65million" splits as "65" + "million", not "65" + "m" + "illion".
        suffixes = words.union("figure-suffixes", "sign-suffixes")
        self.sign_suffixes = words["sign-suffixes"]
        scale = "(?:" + "|".join(map(re.escape, sorted(suffixes, key=len, reverse=True))) + ")"
        sign = "(?:" + "|".join(_sign_pattern(s, scale) for s in signs) + ")"
        amount = rf"{sign}?{NUMBER}{scale}?"
        self.figure_token = re.compile(rf"{amount}(?:[-–]{amount})?\.?", re.IGNORECASE)
        # "R2" before "billion": any sign, since the scale word says the figure is an amount.
        self.short_figure = re.compile(rf"(?:{'|'.join(map(_letter, signs))}){NUMBER}", re.IGNORECASE)
        self.scale_token = re.compile(rf"{scale}\.?", re.IGNORECASE)
        # "1.5 billion-2 billion", "$1.5 billion-$2 billion": the low end's scale, the dash, the high end;
        # a scale of two letters or more ("90,000 K-1 visas" names a visa).
        words_scale = "|".join(map(re.escape, sorted((s for s in suffixes if len(s) > 1), key=len, reverse=True)))
        self.scale_range = re.compile(rf"(?:{words_scale})[-–]{amount}", re.IGNORECASE)
        self.piece = re.compile(rf"{sign}|{NUMBER}|{scale}|[-–.]", re.IGNORECASE)
        self.loose_piece = re.compile(rf"{'|'.join(map(_letter, signs))}|{NUMBER}", re.IGNORECASE)
        # An ISO code glued to its figure ("USD1.5bn"): only in capitals, as codes are written.
        codes = "|".join(sorted(words.entries("currency-codes"))) or "(?!)"  # none: never
        self.glued_code = re.compile(rf"({codes})(\d.*)")
        # The model was trained on "3.5bn" as one token: give a split-off suffix the norm of the word it
        # abbreviates, so the tagger and parser see "£ 3.5 billion", a shape they know.
        self.scale_norms = {**words.values("figure-suffixes"), **words.values("sign-suffixes")}

    def split_figure(
        self, text: str, after_number: bool, before_scale: bool = False, after_sign: bool = False
    ) -> list[str]:
        """The pieces of one token, or ``[text]`` when it is not a figure to split.

        ``after_number`` allows a bare scale token ("m." after "325") to be split too, and one
        that runs on into a range's high end ("billion-2" after "1.5");
        ``before_scale`` (the next token is a scale word) a one-letter sign before a short figure;
        ``after_sign`` (the token before is a sign or code: "$" + "1.2b") a sign-only suffix.
        """
        if text[:1] in MINUS and len(text) > 1:  # "-$2" of "a loss of -$2m": the minus, then the amount
            rest = self.split_figure(text[1:], False, before_scale, after_sign)
            return [text[0], *rest] if len(rest) > 1 and rest[0].lower() in self.signs else [text]
        code = self.glued_code.fullmatch(text)
        if code is not None:
            rest = self.split_figure(code.group(2), False, after_sign=True)
            return [code.group(1), *rest] if self.figure_token.fullmatch(code.group(2)) else [text]
        after_scale = after_number and (self.scale_token.fullmatch(text) or self.scale_range.fullmatch(text))
        if self.figure_token.fullmatch(text) or after_scale:
            pieces = self.piece.findall(text)
            if "".join(pieces) == text and len(pieces) > 1 and self._suffix_fits(pieces, after_sign):
                return pieces
        if before_scale and self.short_figure.fullmatch(text):
            pieces = self.loose_piece.findall(text)
            if "".join(pieces) == text and len(pieces) == 2:
                return pieces
        return [text]

    def _suffix_fits(self, pieces: list[str], after_sign: bool) -> bool:
        """A sign-only suffix ("b" of "$1.2b") only after a sign: "4b" alone stays whole."""
        return after_sign or pieces[-1].lower() not in self.sign_suffixes or pieces[0].lower() in self.signs

    def is_scale_after(self, doc: Doc, i: int) -> bool:
        """The token at ``i``, after a number, is a scale suffix: a sign-only one ("b", "mm") only when
        a sign is before the number ("$2.5 MM", not "5 mm" of rain)."""
        text = doc[i].lower_
        if text in self.sign_suffixes:
            return i >= 2 and self.is_sign(doc[i - 2].text)
        return text in self.scale_norms

    def is_sign(self, text: str) -> bool:
        """A currency sign or an ISO code (in capitals)."""
        return text.lower() in self.signs or self.glued_code.fullmatch(text + "0") is not None

    def is_scale(self, text: str) -> bool:
        return self.scale_token.fullmatch(text) is not None

    def before_scale(self, doc: Doc, i: int) -> bool:
        """A scale word follows the token at ``i``, or a hyphen and one: "R2 billion", "R5-billion"."""
        after = doc[i + 1 : i + 3]
        if len(after) and after[0].text in {"-", "–"} and not doc[i].whitespace_:
            after = after[1:]
        return len(after) > 0 and self.is_scale(after[0].text)

    def sign_with_stop(self, words: list[str], spaces: list[bool]) -> bool:
        """ "Rs" + "." before a figure: one sign, "Rs." (a sign of the lists that ends in a stop)."""
        return len(words) > 1 and words[-1] == "." and not spaces[-2] and (words[-2] + ".").lower() in self.signs

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
        # A pipeline saved before a list was read here lacks it: that list is empty for it.
        self.words = Words({name: words.lists.get(name, {}) for name in LISTS})
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
            if shapes.sign_with_stop(words, spaces):
                words[-2:] = [words[-2] + words[-1]]
                spaces[-2:] = [spaces[-1]]
                changed = True
            glued = shapes.glued_sign(words[-1], text) if words and not spaces[-1] else None
            if glued is not None:
                words[-1] += glued[0]
                text = glued[1]
                changed = True
            before_scale = shapes.before_scale(doc, token.i)
            after_sign = bool(words) and shapes.is_sign(words[-1])
            pieces = shapes.split_figure(text, after_number, before_scale, after_sign)
            changed |= len(pieces) > 1
            words.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [bool(token.whitespace_)])
        if not changed:
            return doc
        split = Doc(doc.vocab, words=words, spaces=spaces)
        for token in split:
            if token.i and split[token.i - 1].like_num and shapes.is_scale_after(split, token.i):
                token.norm_ = shapes.scale_norms[token.lower_]
        return split

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)
