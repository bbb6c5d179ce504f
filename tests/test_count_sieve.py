"""Each step of the count sieve alone, on sentences of our own: what a number is when it is not a count."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from extract.rules.words import shipped_words
from extract.stages.count_sieve import CountSieve, an_age, in_a_name, list_number, year_phone_or_date
from extract.stages.numbers import Numbers


@pytest.fixture(scope="module")
def sieve() -> CountSieve:
    words = shipped_words()
    return CountSieve(words, Numbers(words).fractions)


def _number(nlp, text: str, number: str):
    return next(t for t in nlp(text) if t.text == number)


@pytest.mark.parametrize(
    ("step", "text", "number", "claimed"),
    [
        (year_phone_or_date, "The plant opened in 1998.", "1998", True),
        (year_phone_or_date, "The plant hired 350 workers.", "350", False),
        (an_age, "A boy aged 12 was hurt.", "12", True),
        (an_age, "Some 12 boys were hurt.", "12", False),
    ],
)
def test_a_step_on_a_number(nlp, step, text, number, claimed):
    assert step(_number(nlp, text, number)) is claimed


def test_a_number_written_after_a_word_and_a_hyphen_is_part_of_a_name(nlp):
    words = ["The", "Foo", "-", "7", "probe", "took", "3", "-", "7", "days"]
    doc = Doc(nlp.vocab, words=words, spaces=[True, False, False, True, True, True, False, False, True, False])
    assert in_a_name(doc[3]) and not in_a_name(doc[8])  # "3-7" is a range


def test_a_compound_modifier_is_not_a_count_but_a_fraction_is(nlp, sieve):
    assert sieve.compound_modifier(_number(nlp, "They work a four-day week.", "four"))
    assert not sieve.compound_modifier(_number(nlp, "Two-thirds of them agreed.", "Two"))


def test_list_numbering_at_the_start_of_a_line(nlp):
    doc = nlp("Our aims:\n1. Build homes.")
    one = next(t for t in doc if t.text == "1")
    assert list_number(doc[one.i : one.i + 1])


def test_a_time_unit_after_the_number_makes_a_duration(nlp, sieve):
    doc = nlp("The trial ran for three weeks.")
    three = next(t for t in doc if t.text == "three")
    assert sieve.duration_or_measure(doc[three.i : three.i + 2])
    assert sieve.is_count(nlp("Three nurses left.")[0:2])
