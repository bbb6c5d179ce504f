"""Quoted words that are no quote, and quote marks that are no marks, on short texts of our own.

Each case gives the text and the quote records (content, kind, speaker, cue) it must give, in text
order; ``[]``: no quote at all. The classes: an apostrophe for a left-out century ('80s, ’19), a
closing mark typed for an opening one, the title of a show or a work, a quoted noun modifying a
noun, a short quoted phrase in a cue's subject, described by the cue's clause or object of a verb
joined to the cue, a quoted term in the narration after a quote, and a pull quote. Beside each, a case the rule must leave alone.
"""

from __future__ import annotations

import pytest

from extract.stages.quotes.marks import find_quotations

from .tables import Q, params, quote_tuples

CASES: list[tuple[str, str, list[Q]]] = [
    # --- titles of shows and works ------------------------------------------------------------
    (
        "title-after-possessive",
        "“We will stand,” Ruth Kane told BBC’s “Breakfast Live” show on Monday.",
        [("We will stand", "direct", "Ruth Kane", "told")],
    ),
    (
        "title-after-on",
        'Ruth Kane said on "Sunday Politics" that the bill was dead.',
        [("the bill was dead", "indirect", "Ruth Kane", "said")],
    ),
    (
        "slogan-after-of-stays",
        "Ruth Kane proclaimed a goal of “Homes For Everyone.”",
        [("Homes For Everyone", "direct", "Ruth Kane", "proclaimed")],
    ),
    # --- quoted nouns modifying a noun -------------------------------------------------------
    (
        "noun-modifier",
        "Ruth Kane, a fan of the “slow food” movement, said the plan was fine.",
        [("the plan was fine", "indirect", "Ruth Kane", "said")],
    ),
    (
        "adjective-modifier-stays",
        "Ruth Kane called for a “full and fair” inquiry.",
        [("full and fair", "direct", "Ruth Kane", "called")],
    ),
    # --- a short quoted phrase the cue does not report ---------------------------------------
    (
        "in-the-cue-subject",
        "Critics of the so-called “safety net” argue it could bind the town for years.",
        # the group speaks as written, its phrase cut short by the mark kept to its head
        [("it could bind the town for years", "indirect", "Critics", "argue")],
    ),
    (
        "described-by-the-cue-clause",
        'This year\'s list included "fudge," "gumption," and "quibble," which does not describe a sweet.',
        [],
    ),
    (
        "object-of-a-verb-joined-to-the-cue",
        'The word does not describe a sweet but means "a small objection."',
        [],
    ),
    (
        "cue-after-stays",
        "These workers were “well paid,” Ruth Kane explained.",
        [("These workers were “well paid,”", "mixed", "Ruth Kane", "explained")],
    ),
    # --- a quoted term in the narration after a quote is no more of that quote ---------------
    (
        "term-after-quote",
        "“We will appeal,” Ruth Kane said. The board was deemed “independent” by the court.",
        [("We will appeal", "direct", "Ruth Kane", "said")],
    ),
    (
        "word-after-cue-stays",
        "“We will appeal the ruling,” Ruth Kane said, “quickly.”",
        [("We will appeal the ruling", "direct", "Ruth Kane", "said"), ("quickly", "direct", "Ruth Kane", "said")],
    ),
    (
        "stammer-stays",
        "“The plan is fair,” Ruth Kane said. “I … I …” she began, then stopped.",
        [("The plan is fair", "direct", "Ruth Kane", "said"), ("I … I …", "direct", "Ruth Kane", "said")],
    ),
    # --- a pull quote: the author's own sentence printed again in quote marks ---------------
    (
        "pull-quote",
        "Ruth Kane ran the bakery for years. Most of the bread she sold went to the schools and the hospital in"
        " town, and none of it was wasted. She retired in May.\n\n“Most of the bread she sold went to the schools"
        " and the hospital in town, and none of it was wasted.”",
        [],
    ),
    (
        "crosshead-then-quote-stays",
        "We will rebuild the pier before the summer season starts again.\n\nThe storm hit on Monday. “It was the"
        " worst I have seen,” Ruth Kane said.\n\n“We will rebuild the pier before the summer season starts again.”",
        [
            ("It was the worst I have seen", "direct", "Ruth Kane", "said"),
            ("We will rebuild the pier before the summer season starts again", "direct", "Ruth Kane", "said"),
        ],
    ),
    # --- marks that are no marks -------------------------------------------------------------
    ("elided-decade", "In the '80s, Ruth Kane ran a small bakery near the docks. She sold it in 1991.", []),
]

# id -> what the tool does wrong; strict: a fix makes the test pass and the suite says so.
KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), params(CASES, KNOWN_FAILURES))
def test_quotes(text: str, expected: list[Q], nlp) -> None:
    assert quote_tuples(text, nlp) == expected


MARKS = [
    ("in the '80s and ’90s, prices rose", []),
    ("2017 2018 ‘19 SOURCE: the agency", []),
    ("‘20 people were hurt,’ he said.", ["‘20 people were hurt,’"]),
    ("He said ‘it was ’90s music’ and left.", ["‘it was ’90s music’"]),
    (
        "the appraisal of Ann Roe (”They are landing rockets. Who else is?”) and away",
        [
            "”They are landing rockets. Who else is?”",
        ],
    ),
    ("Prices ” fell", ["Prices ”"]),  # a stray closing mark before a space still closes
]


@pytest.mark.parametrize(("text", "quoted"), MARKS)
def test_quote_marks(text: str, quoted: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotations(text)] == quoted
