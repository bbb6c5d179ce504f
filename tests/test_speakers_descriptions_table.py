"""Who speaks when the parse hides the subject or the text describes the speaker instead of naming
them: a subject set off from its cue by a parenthesis, a passive subject shared by a conjunct cue,
a relative named in a list, an epithet ("the rookie winger") for the person just named, and a
group the text never names ("Some local farmers").
Invented snippets, one error class each; cases as in ``test_speakers_table`` ((content, speaker)
in text order)."""

from __future__ import annotations

import pytest

from .tables import params, quote_records

S = tuple[str, str | None]  # content, speaker

CASES: list[tuple[str, str, list[S]]] = [
    # --- a subject set off from its cue by a parenthesis the parser took for the main clause -----
    (
        "set-off-by-adjective",
        "Senator Ruth Lamb, astonished, simply replied: “Ask me again next week.”",
        [("Ask me again next week", "Ruth Lamb")],
    ),
    (
        "set-off-by-participle-after-but",
        "But Senator Carl Ode (R-Utah), citing the weak harvest, said, “Believe me, the farmers have had a "
        "hard year.”",
        [("Believe me, the farmers have had a hard year", "Carl Ode")],
    ),
    (
        "set-off-by-relative-clause",
        "Hilda Brandt chairs the county board. Owen Pike, meanwhile, who has no such backing, said on Monday "
        "that “the numbers speak for themselves.”",
        [("the numbers speak for themselves", "Owen Pike")],
    ),
    # --- a subject written after its verb keeps a participle that describes it ------------------
    (
        "inverted-subject-after-participle-adjective",
        "“We lost to a better side,” said retired referee Mia Lund.",
        [("We lost to a better side", "Mia Lund")],
    ),
    # --- an unnamed role is written without the clause about it ----------------------------------
    (
        "unnamed-role-without-its-relative-clause",
        "A hospital manager who asked not to be named because the review is private said on Tuesday, “The "
        "wards are full every night.”",
        [("The wards are full every night", "A hospital manager")],
    ),
    # --- a hyphen inside a party and state is no dateline dash ------------------------------------
    (
        "party-state-hyphen-not-a-dash",
        "After the hearing, Representative Omar Bell (R-Texas), who backs Lena Ortiz, said Ortiz had been “far "
        "too slow” to act.",
        [("Ortiz had been “far too slow” to act", "Omar Bell")],
    ),
    # --- a conjunct cue shares its first verb's passive subject -----------------------------------
    (
        "conjunct-shares-passive-subject",
        "As the band played, Nina Holt was joined on the podium by Coach Ray Mills and joked, “Nobody "
        "expected us to get this far.”",
        [("Nobody expected us to get this far", "Nina Holt")],
    ),
    # --- relatives listed after a kinship noun and a colon do not take the shared surname ---------
    (
        "kin-listed-after-colon",
        "Ruth Lamb drove the van north with her two sons: Sam Lamb, 12, and Leo Lamb, 15. Lamb and the boys "
        "reached the shelter before dark.\n\nLamb said she could barely make out the road through the snow.",
        [("she could barely make out the road through the snow", "Ruth Lamb")],
    ),
    # --- an epithet nobody holds as a role is the person who is the subject just before ----------
    (
        "epithet-sports-position",
        "The visitors led until the final minute, when Omar Diaz headed in a corner kick.\n\n“I still "
        "cannot quite believe it,” said the young striker.",
        [("I still cannot quite believe it", "Omar Diaz")],
    ),
    (
        "epithet-state-and-office",
        "Ida Crane toured the battery plant on Friday.\n\n“We need these jobs in the north,” the Oregon "
        "senator said.",
        [("We need these jobs in the north", "Ida Crane")],
    ),
    # --- but not a bare role, one tied to another person, or a nationality -------------------------
    (
        "bare-role-stays-as-written",
        "Jo Roe criticised the plan on Monday.\n\n“It is a fine plan,” the mayor said.",
        [("It is a fine plan", "the mayor")],
    ),
    (
        "role-tied-to-another-person",
        "Senator Ted Marsh spoke in Reno on Friday.\n\n“He is a practical man,” said the senior Marsh adviser.",
        [("He is a practical man", "the senior Marsh adviser")],
    ),
    (
        "role-of-a-nationality",
        "Ambassador Lee Park met the minister in Seoul on Monday.\n\n“The talks went well,” the British envoy said.",
        [("The talks went well", "the British envoy")],
    ),
    # --- a group or person the text never names speaks as written, without a clause about it -----
    (
        "unnamed-group-with-quantifier",
        "Some local farmers said the river had dropped a metre since June.",
        [("the river had dropped a metre since June", "Some local farmers")],
    ),
    (
        "unnamed-definite-with-possessive",
        "The town's youngest voters said the runway was too short for the new jets.",
        [("the runway was too short for the new jets", "the town's youngest voters")],
    ),
    # a group described, never named, is nobody a later quote is inherited from
    (
        "unnamed-group-not-inherited",
        "Jo Pratt opened the meeting. Some local farmers said the river had dropped a metre.\n"
        "“We have never seen it so low.”",
        [("the river had dropped a metre", "Some local farmers"), ("We have never seen it so low", None)],
    ),
    # one of many, never named, stays nobody (as "a witness")
    (
        "unnamed-one-of-many",
        "A retired farmer from the valley said the river had dropped a metre.",
        [("the river had dropped a metre", None)],
    ),
    (
        "unnamed-group-with-participle",
        "Residents evacuated on Tuesday said the water came up within minutes.",
        [("the water came up within minutes", "Residents evacuated on Tuesday")],
    ),
]

KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), params(CASES, KNOWN_FAILURES))
def test_speakers_described(text: str, expected: list[S], nlp) -> None:
    assert [(r["content"], r["speaker"]) for r in quote_records(text, nlp)] == expected
