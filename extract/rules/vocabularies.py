"""Word lists taken from kept libraries, beneath the project's own ``patterns/words/`` lists.

Currencies come from Babel (CLDR data, BSD): every current ISO 4217 code, its English names
(singular and plural), its symbols in English locales, the signs its own countries print and the
territories that use it. Measure units come from pint's default registry (BSD). Reading them
costs every process time (Babel's locales a seventh of a second, every locale for the own signs
a second, pint's registry seconds), so both are written once into files beside this module
(``python -m extract.rules.vocabularies``), which tests check against the installed libraries:
a run reads the files, and neither library is needed to run. The project's own files extend these lists:
they add what the libraries lack (news slang, usual readings of shared signs) and override a value.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

Lists = dict[str, dict[str, str | None]]

MEASURES_FILE = Path(__file__).with_name("measure-units.txt")
CURRENCIES_FILE = Path(__file__).with_name("currency-lists.json")
# pint dimensions that make a number a measurement rather than a count of things.
MEASURE_DIMENSIONS = (
    {"[length]": 1},
    {"[length]": 2},
    {"[length]": 3},
    {"[mass]": 1},
    {"[time]": 1},
    {"[temperature]": 1},
    {"[length]": 1, "[time]": -1},
    {"[mass]": 1, "[length]": 2, "[time]": -3},  # power: "5 MW"
    {"[mass]": 1, "[length]": 2, "[time]": -2},  # energy: "200 kcal"
)
# Prefixes news writes before units ("kilometres", "MB", "microgrammes"), by name and symbol.
PREFIXES = {"kilo": "k", "mega": "M", "giga": "G", "tera": "T", "centi": "c", "milli": "m", "micro": "µ", "nano": "n"}
_ENGLISH_LOCALE = re.compile(r"^en_[A-Z]{2}$")


def _joined(name: str) -> str:
    """A currency name as one list word: "New Zealand dollars" -> "new_zealand_dollars"."""
    return "_".join(name.lower().replace("&", "and").split())


@cache
def currency_lists() -> Lists:
    """The shipped ``CURRENCIES_FILE``, written from ``currency_lists_from_babel``."""
    return json.loads(CURRENCIES_FILE.read_text(encoding="utf-8"))["lists"]


def currency_lists_from_babel() -> Lists:
    """Babel's currencies as word lists: ``currency-codes`` (ISO 4217 codes, as written),
    ``currency-names`` (names and unit words of one currency), ``currency-signs`` (symbols of one
    currency), ``currency-local-signs`` (symbols in letters: "R", "Ksh"), ``currency-shared``
    (unit words and signs several currencies use, the most widely used first) and
    ``currency-places`` (territory names and the nationality words of currency names), and the
    single words of names: ``currency-units`` ("francs") and ``currency-nations`` ("swiss")."""
    from babel import Locale
    from babel.core import get_global
    from babel.localedata import locale_identifiers
    from babel.numbers import get_currency_name

    english = Locale("en")
    users = _users()  # currency -> territories using it now
    current = sorted(users, key=lambda c: (-len(users[c]), c))
    readings: dict[str, list[str]] = defaultdict(list)  # word or sign -> currencies, most used first
    places: dict[str, str] = {}
    units: set[str] = set()  # "francs", "yuan": the last word of a name
    nations: set[str] = set()  # "swiss", "new", "zealand": the words before it
    for code in current:
        for count in (1, 2):
            name = get_currency_name(code, count, "en")
            if name == code:
                continue
            *nation, unit = name.split()
            units.add(unit.lower())
            nations.update(w.lower() for w in nation if w.strip(".").replace("-", "").isalpha())
            for word in dict.fromkeys([_joined(name), unit.lower()]):
                if code not in readings[word]:
                    readings[word].append(code)
            if nation and not _own_dollar(english, code):
                places.setdefault(_joined(" ".join(nation)), code)
    for territory, spans in get_global("territory_currencies").items():
        own = [code for code, _start, end, tender in spans if end is None and tender]
        if own and territory in english.territories and not _own_dollar(english, own[-1]):
            places.setdefault(_joined(english.territories[territory]), own[-1])  # its own currency
    signs: dict[str, list[str]] = defaultdict(list)
    locales = [english] + [Locale.parse(i) for i in locale_identifiers() if _ENGLISH_LOCALE.match(i)]
    for locale in locales:
        codes = current if locale.territory is None else users_of(users, locale.territory)
        for code in codes:
            symbol = locale.currency_symbols.get(code)
            if symbol and symbol != code and not any(c.isspace() for c in symbol) and code not in signs[symbol]:
                signs[symbol].append(code)
    for symbol, codes in own_signs_from_babel().items():
        if symbol.lower() not in {s.lower() for s in signs} and symbol.lower() not in readings:
            signs[symbol] = codes
    for symbol in signs:
        signs[symbol].sort(key=current.index)
    lists: Lists = {
        "currency-codes": {code: code for code in current},
        "currency-places": dict(places),
        "currency-units": dict.fromkeys(sorted(units)),
        "currency-nations": dict.fromkeys(sorted(nations)),
    }
    lists["currency-names"] = {w: codes[0] for w, codes in readings.items() if len(codes) == 1}
    lists["currency-signs"] = {s.lower(): c[0] for s, c in signs.items() if not s.replace(".", "").isalpha()}
    lists["currency-local-signs"] = {s.lower(): c[0] for s, c in signs.items() if s.replace(".", "").isalpha()}
    shared = {**readings, **{s.lower(): c for s, c in signs.items()}}
    lists["currency-shared"] = {w: " ".join(codes) for w, codes in shared.items() if len(codes) > 1}
    return lists


def _users() -> dict[str, list[str]]:
    """The territories that use each currency now, as legal tender."""
    from babel.core import get_global

    users: dict[str, list[str]] = defaultdict(list)
    for territory, spans in get_global("territory_currencies").items():
        for code, _start, end, tender in spans:
            if end is None and tender and len(territory) == 2:
                users[code].append(territory)
    return users


def own_signs_from_babel() -> dict[str, list[str]]:
    """The signs a currency's own countries write that English locales lack, as English news from
    there prints them: "zł", "Kč", "₽", "₺", "RD$". Only signs of one currency, in Latin letters (two or
    more) or a currency symbol: a one-letter sign ("M", "Q") would make names of "M180", and a measure
    unit's letters ("KM", "Ft") would make money of "420 km2"."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    users = _users()
    units = measure_lists()["measure-units"]  # "KM" (Bosnian marks), "Ft" (forints): "420 km2", "30ft"
    found: dict[str, set[str]] = defaultdict(set)
    for identifier in locale_identifiers():
        language, _, territory = identifier.partition("_")
        if not territory.isalpha() or len(territory) != 2 or language == "en":
            continue
        symbols = Locale.parse(identifier).currency_symbols
        for code in users_of(users, territory):
            symbol = symbols.get(code)
            if symbol and symbol != code and _printable_sign(symbol) and symbol.lower() not in units:
                found[symbol].add(code)
    return {symbol: sorted(codes) for symbol, codes in found.items() if len(codes) == 1}


def _printable_sign(symbol: str) -> bool:
    """A sign English text can carry: Latin letters (two or more, a stop allowed), a currency
    symbol, or letters before "$"."""
    body = symbol.removesuffix("$").replace(".", "")
    if not body:
        return len(symbol) == 1 and unicodedata.category(symbol) == "Sc"
    latin = all(unicodedata.name(c, "").startswith("LATIN") for c in body)
    if len(body) == 1 and not symbol.endswith("$"):
        return unicodedata.category(body) == "Sc"
    return latin


def _own_dollar(english, code: str) -> bool:
    """A currency English writes with a dollar sign of its own ("MX$", "NT$"): news about its
    country that writes a bare "$" means US dollars, so its places cast no vote (our
    ``currency-places`` adds those where a bare "$" is the local dollar: Australia, Canada)."""
    symbol = english.currency_symbols.get(code, "")
    return symbol.endswith("$") and symbol != "$"


def currency_signs(words) -> frozenset[str]:
    """Every currency sign of ``words`` (a ``Words``): those before a figure. A letter that is also
    one of our hundredths is both: "P5 billion" (the Philippine peso), "50p" (pence)."""
    return words["currency-signs"] | words["currency-local-signs"]


def users_of(users: dict[str, list[str]], territory: str) -> list[str]:
    """The currencies a territory uses now."""
    return [code for code, territories in users.items() if territory in territories]


def measure_units_from_pint() -> list[str]:
    """pint's units of length, area, volume, mass, time, temperature, speed, data, power and
    energy: names, plurals, symbols and aliases, and the common prefixed forms, lower case."""
    import pint
    from spacy.lang.en.stop_words import STOP_WORDS

    registry = pint.UnitRegistry()
    wanted = [dict(d) for d in MEASURE_DIMENSIONS]
    words: set[str] = set()
    for name, unit in registry._units.items():
        try:
            dimension = dict(registry.get_dimensionality(name))
        except Exception:  # a unit pint cannot reduce is not one of ours
            continue
        if dimension not in wanted and not _data_size(registry, name):
            continue
        # English function words among pint's names ("are", "in") would make every "5 in 10" a measure.
        names = [n for n in (unit.name, *unit.aliases) if (n.isalpha() or "_" in n) and n not in STOP_WORDS]
        symbols = [s for s in (unit.symbol, *unit.aliases) if s and len(s) > 1 and s not in {*names, *STOP_WORDS}]
        metric = _metric(registry, name)
        for word in names:
            words.update({word, f"{word}s"})
            if metric and word.isalpha():
                words.update(f"{prefix}{word}{plural}" for prefix in PREFIXES for plural in ("", "s"))
        words.update(symbols)
        if metric and unit.symbol and unit.symbol.isalpha() and unit.symbol not in STOP_WORDS:
            words.update(f"{prefix}{unit.symbol}" for prefix in PREFIXES.values())
    return sorted({w.lower() for w in words if " " not in w and not w.isdigit()})


def _data_size(registry, name: str) -> bool:
    """Bits and bytes: pint counts information in bits, a dimensionless base unit."""
    return str(registry.get_base_units(name)[1]) == "bit"


def _metric(registry, name: str) -> bool:
    """A unit that takes SI prefixes: a power of ten (or eight, for the byte) of its base units."""
    factor = registry.get_base_units(name)[0]
    for base in (1, 8):
        exponent = math.log10(factor / base) if factor > 0 else 0.5
        if abs(exponent - round(exponent)) < 1e-9:
            return True
    return False


@cache
def measure_lists() -> Lists:
    """The shipped pint words as the ``measure-units`` list."""
    words = [line for line in MEASURES_FILE.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return {"measure-units": dict.fromkeys(words)}


def library_lists() -> Lists:
    """Every list taken from a library, fresh (callers extend it)."""
    return {name: dict(entries) for name, entries in {**currency_lists(), **measure_lists()}.items()}


def write_measure_units(path: Path = MEASURES_FILE) -> None:
    import pint

    header = f"# Measure units from pint {pint.__version__}'s default registry: written by extract.rules.vocabularies\n"
    path.write_text(header + "\n".join(measure_units_from_pint()) + "\n", encoding="utf-8")


def write_currency_lists(path: Path = CURRENCIES_FILE) -> None:
    import babel

    lists = currency_lists_from_babel()
    written = {"written_by": "extract.rules.vocabularies", "babel": babel.__version__, "lists": lists}
    path.write_text(json.dumps(written, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_measure_units(Path(sys.argv[1]) if len(sys.argv) > 1 else MEASURES_FILE)
    write_currency_lists()
