"""Who speaks when the parse hides the subject or the text describes the speaker instead of naming
them: a subject set off from its cue by a parenthesis, a passive subject shared by a conjunct cue,
a relative named in a list, and an epithet ("the rookie winger") for the person just named.
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
        "Governor Tom Hale, exasperated, famously responded: “What difference does it make?”",
        [("What difference does it make?", "Tom Hale")],
    ),
    (
        "set-off-by-participle-after-but",
        "But Senator Ann Price (D-Minn.), noting the turnout in the north, said, “Let me tell you, she has a "
        "heck of a list.”",
        [("Let me tell you, she has a heck of a list", "Ann Price")],
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
        "“We lost to a better side,” said retired coach Ben Carlson.",
        [("We lost to a better side", "Ben Carlson")],
    ),
    # --- an unnamed role is written without the clause about it ----------------------------------
    (
        "unnamed-role-without-its-relative-clause",
        "A city hall official who spoke anonymously to discuss the talks said Wednesday, “There are "
        "discussions between the two offices.”",
        [("There are discussions between the two offices", "A city hall official")],
    ),
    # --- a hyphen inside a party and state is no dateline dash ------------------------------------
    (
        "party-state-hyphen-not-a-dash",
        "Speaking later on the same show, Senator Rita Vance (D-Ohio), who has endorsed Tom Morales, said "
        "Morales had pushed the party to be “bolder” on trade.",
        [("Morales had pushed the party to be “bolder” on trade", "Rita Vance")],
    ),
    # --- a conjunct cue shares its first verb's passive subject -----------------------------------
    (
        "conjunct-shares-passive-subject",
        "As the crowd cheered, Paula Grant was joined on stage by Mayor Tom Reyes and joked, “You are all "
        "being ridiculous.”",
        [("You are all being ridiculous", "Paula Grant")],
    ),
    # --- relatives listed after a kinship noun and a colon do not take the shared surname ---------
    (
        "kin-listed-after-colon",
        "Tom Baker and his wife run a farm near Ames with two of their sons: Josh Baker, 4, and Eli Baker, 9. "
        "Baker and the boys survived the storm.\n\nBaker said he was able to see the funnel cloud from the barn.",
        [("he was able to see the funnel cloud from the barn", "Tom Baker")],
    ),
    # --- an epithet nobody holds as a role is the person who is the subject just before ----------
    (
        "epithet-sports-position",
        "The Flames scored twice in the third period. Calgary tied it when Luke Ferris recorded his first "
        "career goal.\n\n“I will smile about it in a few days,” said the rookie winger.",
        [("I will smile about it in a few days", "Luke Ferris")],
    ),
    (
        "epithet-state-and-office",
        "Ida Crane toured the battery plant on Friday.\n\n“We need these jobs in the north,” the Nevada "
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
]

KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), params(CASES, KNOWN_FAILURES))
def test_speakers_described(text: str, expected: list[S], nlp) -> None:
    assert [(r["content"], r["speaker"]) for r in quote_records(text, nlp)] == expected
