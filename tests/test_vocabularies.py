"""The word lists taken from kept libraries: Babel's currencies and pint's measure units, written
once into shipped files that must match the installed libraries."""

from __future__ import annotations

import pytest

from extract.rules.vocabularies import (
    MEASURES_FILE,
    currency_lists,
    currency_lists_from_babel,
    measure_units_from_pint,
)
from extract.rules.words import read_word_file, shipped_words


@pytest.mark.parametrize(
    ("name", "word", "value"),
    [
        ("currency-codes", "MYR", "MYR"),
        ("currency-names", "yuan", "CNY"),
        ("currency-names", "swiss_francs", "CHF"),
        ("currency-names", "zlotys", "PLN"),
        ("currency-signs", "nt$", "TWD"),
        ("currency-local-signs", "r", "ZAR"),
        ("currency-local-signs", "zł", "PLN"),  # the sign of its own country
        ("currency-signs", "₽", "RUB"),
        ("currency-places", "south_africa", "ZAR"),
        ("currency-places", "swiss", "CHF"),
    ],
)
def test_babel_gives_the_currency_vocabulary(name, word, value):
    assert currency_lists()[name][word] == value


def test_a_word_several_currencies_use_is_shared():
    assert currency_lists()["currency-shared"]["francs"].split()[:1] == ["XOF"]  # by territories using it
    assert shipped_words().values("currency-shared")["francs"].split()[0] == "CHF"  # our usual reading wins


def test_our_lists_extend_the_library_lists():
    words = shipped_words()
    assert words.values("currency-names")["quid"] == "GBP"  # ours: slang Babel lacks
    assert words.values("currency-names")["yuan"] == "CNY"  # Babel's
    assert {"kilometers", "megabytes", "tablespoons", "microgrammes"} <= words["measure-units"]


def test_the_shipped_measure_units_are_those_of_the_installed_pint():
    pytest.importorskip("pint")
    shipped = [line for line in MEASURES_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert shipped == measure_units_from_pint(), "run: python -m extract.rules.vocabularies"


def test_the_shipped_currency_lists_are_those_of_the_installed_babel():
    pytest.importorskip("babel")
    assert currency_lists() == currency_lists_from_babel(), "run: python -m extract.rules.vocabularies"


def test_a_word_list_is_read_again_once_edited(tmp_path):
    """Lists are read once per process, while their file's time and size stay the same."""
    import os

    path = tmp_path / "roles.txt"
    path.write_text("mayor\n", encoding="utf-8")
    first = read_word_file(path)
    first["changed"] = None  # a caller's copy: the next reader is not affected
    assert read_word_file(path) == {"mayor": None}
    path.write_text("mayor\ngovernor\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert read_word_file(path) == {"mayor": None, "governor": None}
