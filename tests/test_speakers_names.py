"""Who said it, as users read the speaker field: the right person's full name or none.

End-to-end cases on invented snippets (content, speaker), as in ``test_speakers_table.py``, for
pronouns that must pick the nearest compatible person (gender from first names, a chain of
"he"/"she" subjects, never a name inside the quotation), a person separated from the clauses
written about them, and acronyms spelled out with commas; then the pure helpers that keep values
that are not names out of the field, and short forms joined to the long form the document gives.
"""

from __future__ import annotations

import pytest
import spacy

from extract.rules.words import shipped_words
from extract.stages.speakers.acronyms import acronyms_in
from extract.stages.speakers.forms import joined_forms, longer_form
from extract.stages.speakers.names import NameBook, Speaker, clean_name, clean_org, first_name_gender

from .tables import params, quote_records

S = tuple[str, str | None]

CASES: list[tuple[str, str, list[S]]] = [
    (
        "she-skips-a-man-by-first-name",
        "Megan Fairclough runs a bakery in Leeds.\n\n“Flour has doubled in price,” Fairclough said.\n\n"
        "Her neighbour Martin Osei opened a café last spring.\n\n“We share the same supplier,” she said.",
        [("Flour has doubled in price", "Megan Fairclough"), ("We share the same supplier", "Megan Fairclough")],
    ),
    (
        "he-follows-a-chain-of-he-subjects",
        "“It is a fair verdict,” said Robert Mensah, a lawyer for the family.\n\n"
        "Ian Calloway also cheered with the crowd outside the court. He had waited outside since dawn. "
        "“They should have acted years ago,” he said.",
        [("It is a fair verdict", "Robert Mensah"), ("They should have acted years ago", "Ian Calloway")],
    ),
    (
        "name-inside-the-quotation-is-not-the-speaker",
        "Joan Pike leads the nurses' union in Bristol.\n\n“Laura Baines has ignored every warning,” she said.",
        [("Laura Baines has ignored every warning", "Joan Pike")],
    ),
    (
        "surname-before-said-after-a-quote",
        "Coach Peter Vandenberg said the win mattered.\n\n"
        "“You can see what it means to the players,” Vandenberg said of the young defenceman.",
        [("the win mattered", "Peter Vandenberg"), ("You can see what it means to the players", "Peter Vandenberg")],
    ),
    (
        "organisation-shaped-like-a-name-is-no-he",
        "“The line will reopen in spring,” said Daniel Roy, a former rail executive.\n\n"
        "Canada is short of ferries. Marine Canada said in March that ferries would run.\n\n"
        "“Nobody believes that timetable,” he said.",
        [
            ("The line will reopen in spring", "Daniel Roy"),
            ("ferries would run", "Marine Canada"),
            ("Nobody believes that timetable", "Daniel Roy"),
        ],
    ),
    (
        "group-counted-with-a-fraction",
        "A third of dairy farmers told the inquiry they would sell their herds.",
        [("they would sell their herds", "dairy farmers")],
    ),
    (
        "group-counted-in-per-cent",
        "More than a quarter (27 per cent) of midwives say they have skipped breaks every shift.",
        [("they have skipped breaks every shift", "midwives")],
    ),
    (
        "counted-role-noun-is-a-group-not-the-organisation-before",
        "The Courier revealed the cuts last week.\n\n"
        "Seven in 10 school leaders said the extra costs had forced them to cut staff.",
        [("the extra costs had forced them to cut staff", "school leaders")],
    ),
    (
        "one-of-a-group-is-not-the-group",
        "One of the nurses said the ward had been short-staffed for months.",
        [("the ward had been short-staffed for months", None)],
    ),
    (
        "according-to-role-and-organisation-before-the-name",
        "The tax would raise very little, according to former Bank of Ghana governor Kwame Asante.",
        [("The tax would raise very little", "Kwame Asante")],
    ),
    (
        "analysis-by-a-person-with-a-clause-about-them",
        "The plan would cost more than it saves, according to an analysis by Lily Ward, a former tax aide "
        "now teaching at Leeds University, whose conclusions were backed by the Fiscal Institute.",
        [("The plan would cost more than it saves", "Lily Ward")],
    ),
]

KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), params(CASES, KNOWN_FAILURES))
def test_speakers(text: str, expected: list[S], nlp) -> None:
    assert [(r["content"], r["speaker"]) for r in quote_records(text, nlp)] == expected


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Okafor Says", "Okafor"),  # a headline's verb after the name
        ("Ada Okafor Warns", "Ada Okafor"),
        ("Mr. King", "King"),  # a surname that is also a title word stays
        ("Dr Dean", "Dean"),
        ("Ada Okafor", "Ada Okafor"),
        ("Tom Sayers", "Tom Sayers"),  # not a verb
        (">Nadia Roe", "Nadia Roe"),  # markup left before a name
    ],
)
def test_clean_name(written: str, name: str) -> None:
    assert clean_name(written, shipped_words()) == name


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("firm Acme Research & Consulting Inc.", "Acme Research & Consulting Inc."),
        ("independent Harbour Polling Centre", "Harbour Polling Centre"),
        ("the National Union of Bakers (NUB)", "National Union of Bakers"),
        ("his office", "his office"),
    ],
)
def test_clean_org(written: str, name: str) -> None:
    assert clean_org(written) == name


@pytest.mark.parametrize(
    ("name", "gender"),
    [("Megan Fairclough", "f"), ("Martin Osei", "m"), ("Fairclough", None), ("Zzyqx Roe", None)],
)
def test_first_name_gender(name: str, gender: str | None) -> None:
    assert first_name_gender(name, shipped_words()) == gender


def test_acronym_of_a_name_with_commas() -> None:
    text = "A letter came from Fisheries, Oceans and Coastguard Canada last week. FOCC said the rules applied."
    assert acronyms_in(text)["FOCC"] == "Fisheries, Oceans and Coastguard Canada"


@pytest.mark.parametrize(
    ("short", "names", "long"),
    [
        ("Okafor", {"Ada Okafor", "Lagos State"}, "Ada Okafor"),
        ("Times", {"Harbour Times", "Ada Okafor"}, "Harbour Times"),
        ("Okafor", {"Ada Okafor", "Ben Okafor"}, None),  # two people of that surname: neither
        ("Okafor", {"Okafor Holdings"}, None),  # a short form ends the long one
    ],
)
def test_longer_form(short: str, names: set[str], long: str | None) -> None:
    assert longer_form(short, names) == long


def test_a_title_of_another_gender_keeps_the_surname_apart() -> None:
    doc = spacy.blank("en")("Mrs. Roe said no. Mr. Roe said yes.")
    book = NameBook(shipped_words())
    book.person("Tom Roe")
    assert joined_forms(book, [Speaker("Roe", doc[1:2])]) == {}
    assert joined_forms(book, [Speaker("Roe", doc[6:7])]) == {"Roe": "Tom Roe"}
