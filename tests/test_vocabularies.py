"""The word lists taken from kept libraries: Babel's currencies at load time, pint's measure units
written once into a shipped file that must match the installed pint."""

from __future__ import annotations

import pytest

from extract.rules.vocabularies import (
    MEASURES_FILE,
    OWN_SIGNS_FILE,
    currency_lists,
    measure_units_from_pint,
    own_signs_from_babel,
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


def test_the_shipped_own_signs_are_those_of_the_installed_babel():
    shipped = [line for line in OWN_SIGNS_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert shipped == sorted(f"{s}\t{c[0]}" for s, c in own_signs_from_babel().items()), (
        "run: python -m extract.rules.vocabularies"
    )


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
