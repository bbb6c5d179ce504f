"""Quote recall and speakers on the constructions unseen political news uses most, on short texts
of our own: one section per error class, each with the cases the rule must leave alone.

Each case gives the text and every quote record (content, kind, speaker, cue) it must give, in
text order; ``[]``: no quote at all.
"""

from __future__ import annotations

import pytest

from .tables import Q, params, quote_tuples

CASES: list[tuple[str, str, list[Q]]] = [
    # --- any noun that says quoted words speaks, however the word lists miss it (as written) ----
    (
        "noun-said-after",
        "“Nobody warned us about the flood,” the fisherman said.",
        [("Nobody warned us about the flood", "direct", "the fisherman", "said")],
    ),
    (
        "document-says-after",
        "“The fees were hidden from every buyer,” the complaint says.",
        [("The fees were hidden from every buyer", "direct", "the complaint", "says")],
    ),
    (
        "asked-inverted-noun",
        "“When will the bus come?” asked the little boy.",
        [("When will the bus come?", "direct", "the little boy", "asked")],
    ),
    (
        "noun-said-mixed",
        "The pastry chef said the flour was “far too expensive this year.”",
        [("the flour was “far too expensive this year.”", "mixed", "the pastry chef", "said")],
    ),
    # a quoted term defined by a clause about somebody telling something is no quote
    ("term-defined-by-telling", "A “walkout” is when the crew tells the captain they will not sail.", []),
    # reported speech without quote marks keeps to the word lists
    ("unquoted-noun-said", "The fisherman said the catch was poor.", []),
    (
        "noun-told-short-quote-inside",
        'The trader told investigators that he picked the accounts of "wealthy people," hoping for easy gains.',
        [('he picked the accounts of "wealthy people," hoping for easy gains', "mixed", "the trader", "told")],
    ),
    (
        "mixed-ends-with-closing-mark",
        "Backers of the bill, however, say it would let the agency act as an “umpire.”",
        [("it would let the agency act as an “umpire.”", "mixed", "Backers", "say")],
    ),
    # --- what a sign, a card or a letter reads -------------------------------------------------
    (
        "card-reads-colon",
        "At the bottom, the card reads: “Thank you for your support of the campaign.”",
        [("Thank you for your support of the campaign", "direct", "the card", "reads")],
    ),
    ("read-with-object", "She read the letter twice. “It was a shock,” Jo Roe said.", [("It was a shock", "direct", "Jo Roe", "said")]),
    # --- thanking, defending, likening in quoted words; "as X put it" --------------------------
    (
        "thanked-for-quoted",
        "Jo Roe thanked the volunteers for “giving up their weekends to clear the river.”",
        [("giving up their weekends to clear the river", "direct", "Jo Roe", "thanked")],
    ),
    (
        "defended-as-quoted",
        'Jo Roe defended her deputy as a "thoroughly honest official" at the hearing on Monday.',
        [("thoroughly honest official", "direct", "Jo Roe", "defended")],
    ),
    ("thanked-unquoted", "The mayor thanked the volunteers.", []),
    (
        "as-put-it",
        "As the coach put it, “we were beaten by a better side.”",
        [("we were beaten by a better side", "direct", "the coach", "put")],
    ),
    ("put-it-away", "He put it on the shelf. “It is done,” Tom Hale said.", [("It is done", "direct", "Tom Hale", "said")]),
    # --- an opening mark typed for a closing one ----------------------------------------------
    (
        "left-mark-as-closer",
        "“It is unusual,“ said Tom Hale, an attorney with the group. “It is a hard thing to do.”",
        [("It is unusual", "direct", "Tom Hale", "said"), ("It is a hard thing to do", "direct", "Tom Hale", "said")],
    ),
    # --- a promise, vow or plea in quoted words: the infinitive it governs ---------------------
    (
        "vowed-to-quoted",
        "The governor vowed to “carry our message” to every town in the state.",
        [("to “carry our message” to every town in the state", "mixed", "the governor", "vowed")],
    ),
    (
        "urged-object-to-quoted",
        "Ana Ruiz urged her members to “stand firm” in the talks.",
        [("to “stand firm” in the talks", "mixed", "Ana Ruiz", "urged")],
    ),
    # an intention without quoted words is no report
    ("promised-to-unquoted", "The mayor promised to rebuild the bridge.", []),
    # --- a cue set off by commas inside the clause it reports ---------------------------------
    (
        "parenthetical-mixed",
        'Jo Roe runs a bakery in the town.\n\nThe new rules, she said, will "hurt every small shop" in the county.',
        [('The new rules, she said, will "hurt every small shop" in the county', "mixed", "Jo Roe", "said")],
    ),
    (
        "parenthetical-indirect",
        "Jo Roe runs a bakery in the town.\n\nThe new rules, she said, will hurt every small shop in the county.",
        [("The new rules, she said, will hurt every small shop in the county", "indirect", "Jo Roe", "said")],
    ),
    # a cue between two fragments of a direct quote leaves the fragments
    (
        "interrupted-direct-stays",
        "Jo Roe runs a bakery.\n\n“My hope,” she said, “is that the rules change.”",
        [("My hope", "direct", "Jo Roe", "said"), ("is that the rules change", "direct", "Jo Roe", "said")],
    ),
    # --- the source where the parse loses it -------------------------------------------------
    (
        "appositive-hung-on-another-noun",
        "In a letter to the paper, her chief aide, Tom Hale, said: “The mayor backs the plan fully.”",
        [("The mayor backs the plan fully", "direct", "Tom Hale", "said")],
    ),
    (
        "quoted-as-saying",
        "Jo Roe was quoted as saying “the plan is dead and buried.”",
        [("the plan is dead and buried", "direct", "Jo Roe", "saying")],
    ),
    (
        "heard-telling",
        "Jo Roe was heard telling aides “we will win this fight.”",
        [("we will win this fight", "direct", "Jo Roe", "telling")],
    ),
    (
        "verb-parsed-as-clause-on-noun",
        "When the coach said the team was ready, a heckler yelled “Prove it!”",
        [("the team was ready", "indirect", "the coach", "said"), ("Prove it!", "direct", "a heckler", "yelled")],
    ),
    # a report nested in a reported clause, by the clause's own subject, does not cut it short
    (
        "nested-report-by-clause-subject",
        "Tom Hale runs the mine.\n\nHe noted that, like him, Ms Roe had been attacked for admitting that coal would decline.",
        [
            (
                "like him, Ms Roe had been attacked for admitting that coal would decline",
                "indirect",
                "Tom Hale",
                "noted",
            )
        ],
    ),
    # --- a quote that ends its sentence is not the cue's of the sentence after -------------------
    (
        "full-stop-then-next-sentence-cue",
        "“I cooked everything I could,” Jo Roe says, describing her start. “People now send photos instead.”"
        " She also learned French from an au pair.",
        [
            ("I cooked everything I could", "direct", "Jo Roe", "says"),
            ("People now send photos instead", "direct", "Jo Roe", "says"),
        ],
    ),
]

KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), params(CASES, KNOWN_FAILURES))
def test_quotes_unseen(text: str, expected: list[Q], nlp) -> None:
    assert quote_tuples(text, nlp) == expected
