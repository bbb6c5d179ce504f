"""Numbers as written in news: digits, words, scales, ranges, fractions and money amounts.

No spaCy, no state but the word lists: the extractors find the phrase, and a ``Numbers`` made
from their word lists turns it into a value. All arithmetic is ``Decimal``, so
"£2.01m" is exactly 2010000. The number words, scales, fractions and currencies are word lists
(``patterns/words/``): ``Numbers(shipped_words())`` reads with the shipped ones.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from extract.rules.vocabularies import currency_signs
from extract.rules.words import Words


def _fraction(value: str) -> Decimal:
    part, whole = value.split("/")
    return Decimal(part) / Decimal(whole)


_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_SPLIT = re.compile(r"(\d[\d,]*(?:\.\d+)?|\.\d+)([a-z]+)$")
_PLACES = Decimal("0.0001")


def _words(text: str) -> list[str]:
    text = text.replace("\u00a0", " ").strip().rstrip(".").lower()
    words = []
    for word in re.split(r"[\s-]+", text):
        if not word or word == "and":
            continue
        glued = _SPLIT.match(word)  # "3.5bn", "1.1m"
        words.extend(glued.groups() if glued else [word])
    return words


def _exact(value: Decimal) -> Decimal:
    """Keep terminating decimals exact; round the others (1/3) to four places."""
    value = value.normalize()
    if len(value.as_tuple().digits) > 20:
        value = value.quantize(_PLACES).normalize()
    return value if value != value.to_integral_value() else value.quantize(Decimal(1))


_COMPOUND_WORD = re.compile(
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\s*[-–]\s*(?:one|two|three|four|five|six|seven|eight|nine)",
    re.I,
)

_WORD_HYPHEN = re.compile(r"(?<=[\w])\s*[-–]\s*(?=[a-z])", re.I)

# "and" after a scale in words joins the parts of one number ("one hundred and fifty", "two
# thousand and five"), but for "between": "between one hundred and two hundred" is a range.
_SPELLED_AND = re.compile(r"\b(?:hundred|thousand|million|billion)\s+and\s+(?:a\s+)?[a-z]", re.I)

_HYPHENATED_SCALE = re.compile(r"(\d)[-–](?=(?:thousand|million|billion|trillion|lakh|crore)s?\b)", re.I)


_CENTS = re.compile(r"^\d\d$")
# A comma before one or two digits ending a figure is a decimal comma ("€1,5 milliard", "3,50 €"):
# a comma that groups thousands has three after it.
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(\d+),(\d{1,2})(?![\d,.])")

# Letters, a space and a dollar sign: "US $40m", "HK $3bn" are "US$", "HK$" (when the lists have the sign).
_SPACED_DOLLAR = re.compile(r"\b([A-Z]{2,3})\s+\$")

Name = tuple[int, int, str]  # a currency name among a phrase's words: (start, end, key)


def _minor_words(words: list[str], main: Name | None, minor: Name | None, units: dict[str, int]) -> list[str] | None:
    """The words of the minor units after a main unit: "13 dollars and 45 cents" (up to the minor
    unit's name), or a number under 100 ending the phrase with no name: two digits ("17 USD 25":
    17.25, as price tags write it) or number words (``units``: "two pounds fifty", "a dollar
    ninety-nine"; from ten up, so "a dollar one more time" is no $1.01). None when the phrase has no
    main unit with a figure before it."""
    if main is None or not main[0]:
        return None
    if minor is not None:
        return words[main[1] : minor[0]] if main[1] < minor[0] else None
    rest = words[main[1] :]
    if len(rest) == 1 and _CENTS.match(rest[0]):
        return rest
    spelled = rest and len(rest) <= 2 and all(w.lower() in units and w.lower() not in {"a", "an"} for w in rest)
    return rest if spelled and 10 <= sum(units[w.lower()] for w in rest) < 100 else None


@dataclass(frozen=True)
class MoneyValue:
    amount: Decimal
    amount_high: Decimal | None
    currency: str  # ISO 4217: the marker's own reading ("$" is USD until the document says otherwise)
    marker: str  # the sign, code or word that gave the currency, lower case: "$", "a$", "pounds", "p"
    written: str  # "symbol" or "code" (a code or a currency word)
    minor: bool = False  # read in hundredths after the number ("50p", "99c"): the marker is no sign before one


class Numbers:
    """The parsers, with the number words, scales, fractions and currencies of a set of word lists."""

    def __init__(self, words: Words):
        self.units = {word: int(value) for word, value in words.values("number-words").items()}
        self.scales = {word: int(value) for word, value in words.values("scale-words").items()}
        self.fractions = {word: _fraction(value) for word, value in words.values("fractions").items()}
        # Currency signs, codes and words -> ISO 4217; a shared one reads as its usual currency here.
        shared = {word: value.split()[0] for word, value in words.values("currency-shared").items()}
        self.nations = words["currency-nations"]
        self.codes = frozenset(words.entries("currency-codes"))  # only in capitals: "500 USD", not "all"
        self.glued_code = re.compile(rf"\b({'|'.join(sorted(self.codes))})(?=\d)")  # "USD1.5bn"
        self.currencies = {
            **shared,
            **{s: c for s, c in words.values("currency-local-signs").items() if s in currency_signs(words)},
            **words.values("currency-signs"),
            **words.values("currency-names"),
        }
        # Hundredths of a currency: "50p" is 0.50 GBP, "20 cents" 0.20 USD, "99c" 0.99 USD.
        self.subunits = {**words.values("currency-subunits"), **words.values("currency-glued-minor")}
        # One-character signs of hundredths, glued after the number: "50p", "99¢", and those in small
        # letters only ("99c": "25C" is a temperature).
        glued = "|".join(re.escape(s) for s in sorted(words["currency-subunits"]) if len(s) == 1)
        small = "|".join(re.escape(s) for s in sorted(words["currency-glued-minor"]))
        self.glued_minor = re.compile(rf"(.*\d)((?i:{glued}){'|' + small if small else ''})")
        self.signs = currency_signs(words)
        signs = sorted(self.signs, key=len, reverse=True)
        # A sign in letters ("Sh", "KSh") only counts glued or next to a number: "Sh39", "KSh 40".
        sign = "|".join(
            re.escape(s) if not s.rstrip(".").isalpha() else rf"(?<![a-z]){re.escape(s)}(?=\s?\d)" for s in signs
        )
        self.sign_re = re.compile(rf"(?i)(?:{sign})")

    def parse_number(self, text: str) -> Decimal | None:
        """A number in digits and/or words with an optional scale: "3.5bn", "2,830",
        "twenty-five", "a dozen", "half a million". None when the text is not a number; a bare
        "a" or a bare scale ("m") is not one. Ordinals ("first", "21st") are not numbers."""
        words = _words(text)
        if (
            not words
            or all(w in {"a", "an"} for w in words)
            or (words[0] in self.scales and words[0] not in {"hundred", "thousand", "million", "billion", "trillion"})
        ):
            return None
        if words[0] == "half" and len(words) > 1:  # "half a million", "half million"
            rest = self.parse_number(" ".join(words[2:] if words[1] in {"a", "an"} else words[1:]))
            return None if rest is None else _exact(rest / 2)
        of = words.index("of") if "of" in words[1:-2] else 0
        if of and words[of + 1] in {"a", "an"} and words[of - 1] in self.fractions:  # "three-quarters of a million"
            head = words[: of - 1]
            count = Decimal(1) if head in ([], ["a"], ["an"]) else self.parse_number(" ".join(head))
            rest = self.parse_number(" ".join(words[of + 2 :]))
            return None if count is None or rest is None else _exact(count * self.fractions[words[of - 1]] * rest)
        mixed = self._and_a_fraction(words)
        if mixed is not None:
            return mixed
        total, current, seen, previous = Decimal(0), Decimal(0), False, ""
        for previous, word in zip(["", *words], words, strict=False):
            if _DIGITS.match(word):
                if seen and current:
                    return None
                current += Decimal(word.replace(",", ""))
            elif word in self.units:
                if word == "dozen":
                    current = (current or 1) * 12
                else:
                    current += self.units[word]
            elif word in self.scales:
                scale = self.scales[word]
                if scale == 100:
                    current = (current or 1) * 100
                elif total and not current and previous in self.scales:  # "1.5 lakh crore", "a thousand million"
                    total *= scale
                else:
                    total += (current or 1) * scale
                    current = Decimal(0)
            else:
                return None
            seen = True
        return _exact(total + current)

    def _and_a_fraction(self, words: list[str]) -> Decimal | None:
        """ "one and a half billion" (``words`` without "and"): (1 + 1/2) times the scale after it,
        "two and a quarter" 2.25, "a million and a half" 1,500,000. None for any other words."""
        at = next(
            (i for i in range(1, len(words) - 1) if words[i] in {"a", "an"} and words[i + 1] in self.fractions), None
        )
        if at is None or not all(w in self.scales for w in words[at + 2 :]):
            return None
        whole = self.parse_number(" ".join(words[:at]))
        if whole is None:
            return None
        fraction = self.fractions[words[at + 1]]
        if at + 2 == len(words) and words[at - 1] in self.scales:  # "a million and a half": of the scale
            return _exact(whole + fraction * self.scales[words[at - 1]])
        scale = math.prod((Decimal(self.scales[w]) for w in words[at + 2 :]), start=Decimal(1))
        return _exact((whole + fraction) * scale)

    def parse_fraction(self, text: str) -> Decimal | None:
        """A proportion as a fraction of 1: "half", "a quarter", "two thirds", "one in 20" (0.05),
        "one in a million"."""
        words = _words(text)
        if len(words) >= 3 and words[1] == "in":  # "one in 20", "one in a million"
            part, whole = self.parse_number(words[0]), self.parse_number(" ".join(words[2:]))
            return _exact(part / whole) if part is not None and whole else None
        if not words or words[-1] not in self.fractions:
            return None
        head = words[:-1]
        count = Decimal(1) if head in ([], ["a"], ["an"]) else self.parse_number(" ".join(head))
        if count is None:
            return None
        return _exact(count * self.fractions[words[-1]])

    def parse_range(self, text: str) -> tuple[Decimal, Decimal | None] | None:
        """A number or range: "20-25", "eight or 10", "between 20 and 25", "20-25m" (the high
        end's scale applies to a scale-less low end that is smaller)."""
        cleaned = re.sub(r"^\s*between\s+", "", text.replace("\u00a0", " "), flags=re.I)
        if _COMPOUND_WORD.fullmatch(cleaned.strip()):  # "twenty-five" is one number
            value = self.parse_number(re.sub(r"\s*[-–]\s*", " ", cleaned))
            return None if value is None else (value, None)
        if cleaned == text and _SPELLED_AND.search(cleaned):  # "one hundred and fifty million": one number
            value = self.parse_number(cleaned)
            return None if value is None else (value, None)
        parts = re.split(r"\s*(?:[-–]|\bto\b|\bor\b|\band\b)\s*", cleaned.strip(), maxsplit=1, flags=re.I)
        if len(parts) == 2 and parts[0] and parts[1]:
            low, high = self.parse_number(parts[0]), self.parse_number(parts[1])
            if low is not None and high is not None:
                scale = _words(parts[1])[-1]
                if scale in self.scales and not any(w in self.scales for w in _words(parts[0])):
                    scaled = self.parse_number(f"{parts[0]} {scale}")
                    if scaled is not None and scaled <= high:
                        low = scaled
                return low, high
        value = self.parse_number(cleaned)
        return None if value is None else (value, None)

    def parse_money(self, text: str) -> MoneyValue | None:
        """An amount phrase: "£3.5bn", "US$2bn", "£20m-£25m", "between £20m and £25m", "50p",
        "815m pounds", "pounds 815m", "GBP 30m", "75 USD million", "10 €", "10,000 Swiss francs",
        "a 12-cent", "forty-five dollars", "13 dollars and 45 cents", "17 USD 25". None without a currency."""
        cleaned = _HYPHENATED_SCALE.sub(r"\1 ", text.replace("\u00a0", " ").strip().rstrip("."))
        cleaned = _DECIMAL_COMMA.sub(r"\1.\2", self.glued_code.sub(r"\1 ", cleaned))
        cleaned = _SPACED_DOLLAR.sub(lambda m: m[1] + "$" if f"{m[1]}$".lower() in self.signs else m[0], cleaned)
        marker, written = None, "symbol"
        signs = self.sign_re.findall(cleaned)
        if signs:
            marker = signs[0].lower()
            cleaned = self.sign_re.sub(" ", cleaned)
        # After the signs: the hyphen of "A$1.5bn-A$2bn" joins a range, not words.
        cleaned = _WORD_HYPHEN.sub(" ", cleaned)  # "12-cent", "forty-five": the hyphen joins words
        words = cleaned.split()
        names = self.currency_words(words)
        main = next((n for n in names if n[2] not in self.subunits), None)
        minor = next((n for n in names if n[2] in self.subunits), None)
        glued = self.glued_minor.fullmatch(cleaned.strip())
        divisor = Decimal(1)
        if marker is None and main is not None:  # a sign after the number ("500 zł") is still a sign
            marker, written = main[2], "symbol" if main[2] in self.signs else "code"
        if marker is None and (minor or glued):
            marker, written = (minor[2], "code") if minor else (glued.group(2).lower(), "symbol")  # type: ignore[union-attr]
            divisor = Decimal(100)
            words = [glued.group(1)] if glued and not minor else words
        if marker is None:
            return None
        # A code ("usd") is its own currency.
        currency = (self.currencies.get(marker) or marker.upper()) if divisor == 1 else self.subunits[marker]
        named = {i for start, end, _ in names for i in range(start, end)}
        named.update(i for i, w in enumerate(words) if w.lower() in self.nations)  # "100 U.S. dollars"
        minor_words = _minor_words(words, main, minor, self.units) if divisor == 1 else None
        if minor_words is not None:  # "13 dollars and 45 cents", "17 USD 25", "a dollar fifty"
            head = [w for i, w in enumerate(words[: main[0]]) if i not in named]  # type: ignore[index]
            whole = Decimal(1) if [w.lower() for w in head] in (["a"], ["an"]) else self.parse_number(" ".join(head))
            part = self.parse_number(" ".join(minor_words))
            if whole is None or part is None:
                return None
            return MoneyValue(_exact(whole + part / 100), None, currency, marker, written)
        if main is not None and main[0] and any(w.lower() not in self.scales for w in words[main[1] :]):
            return None  # "a dollar one more time": words after the unit that are no scale nor hundredths
        parsed = self.parse_range(" ".join(w for i, w in enumerate(words) if i not in named))
        if parsed is None:
            return None
        low, high = parsed
        high = None if high is None else _exact(high / divisor)
        return MoneyValue(_exact(low / divisor), high, currency, marker, written, minor=divisor != 1)

    def currency_words(self, words: list[str]) -> list[Name]:
        """The currency names, codes and unit words among ``words``, each as (start, end, key),
        the longest name first at each place: "Swiss francs" is one name ("swiss_francs")."""
        found, i = [], 0
        while i < len(words):
            for end in range(min(len(words), i + 4), i, -1):
                key = "_".join(words[i:end]).lower()
                if key in self.units:
                    continue
                if key in self.currencies or key in self.subunits or (end == i + 1 and words[i] in self.codes):
                    key = key if key in self.currencies or key in self.subunits else words[i].lower()
                    found.append((i, end, key))
                    i = end - 1
                    break
            i += 1
        return found
