"""Who a pronoun, a surname, "it" or a document stands for: the nearest antecedent that fits,
never a person named only as someone's relative or inside a clause about something else, and
the organisation a generic noun describes. Invented snippets, one error class each; cases as in
``test_speakers_table`` ((content, speaker) in text order)."""

from __future__ import annotations

import pytest

from .tables import params, quote_records

S = tuple[str, str | None]  # content, speaker

CASES: list[tuple[str, str, list[S]]] = [
    # --- a relative with the same surname does not take it ---------------------------------------
    (
        "surname-not-the-relative",
        "Marta Kowalczyk runs a bakery in Gdansk with her husband Piotr Kowalczyk.\n\n"
        "“We bake before dawn,” says Kowalczyk.",
        [("We bake before dawn", "Marta Kowalczyk")],
    ),
    (
        "surname-not-the-spouse-mentioned-once",
        "Senator Paul Marsh said on Monday that the governor had insulted his wife, Janet Marsh, at a rally.\n\n"
        "Marsh called the governor a “bully” and said he would not endorse him.\n\n"
        "“I don't make a habit of supporting people who attack my family,” Marsh said.",
        [
            ("the governor had insulted his wife, Janet Marsh, at a rally", "Paul Marsh"),
            ("bully", "Paul Marsh"),
            ("he would not endorse him", "Paul Marsh"),
            ("I don't make a habit of supporting people who attack my family", "Paul Marsh"),
        ],
    ),
    (
        "surname-not-the-relative-appositive",
        "Former mayor Tom Ashby spoke at a rally in Leeds for his wife, Helen Ashby.\n\n"
        "At the rally, the former mayor said the budget plan was broken.\n\n“It makes no sense,” Ashby said.",
        [("the budget plan was broken", "Tom Ashby"), ("It makes no sense", "Tom Ashby")],
    ),
    # --- "which" is never a person; the subject after the last speaker is nearer ------------------
    (
        "which-not-a-person",
        "“Rents will keep rising,” said Victor Pruitt, a housing analyst.\n\n"
        "Marco Bellini also cited a plan from Omar Haddad, an economist at the city university, which "
        "suggests building more flats. This would ease the shortage.\n\n"
        "“People at the bottom suffer most,” he said.",
        [("Rents will keep rising", "Victor Pruitt"), ("People at the bottom suffer most", "Marco Bellini")],
    ),
    # --- "which" after a name and its appositive is the name -----------------------------------------
    (
        "which-after-appositive",
        "The minister spoke a day after a protest by the Union of Rural Councils, the body bringing together "
        "village heads, which said clinics would close by Friday.",
        [("clinics would close by Friday", "Union of Rural Councils")],
    ),
    # --- a description by party is the person who was the subject just before -----------------------
    (
        "party-description-is-the-subject",
        "Senator Ruth Calloway blamed the press for the row on Monday.\n\n"
        "“They took ten seconds of video and built a story on it,” the Ohio Democrat said.",
        [("They took ten seconds of video and built a story on it", "Ruth Calloway")],
    ),
    # --- a name written alone is a first name with its gender: "he" is not Brianna (none over wrong) --
    (
        "lone-first-name-has-a-gender",
        "Marcus and Brianna met at the county fair.\n\nBrianna waved at the crowd from the stage.\n\n"
        "“I came here to win,” he said.",
        [("I came here to win", None)],
    ),
    # --- a quote after narration about another person on its line is that person's ------------------
    (
        "narration-names-the-next-speaker",
        "Helga Brandt asked Tomas Okoye to return to the festival. “He deserved a second season,” says Brandt. "
        "Okoye did not need to be asked twice. “I am grateful for the invitation and for the dancers.”",
        [
            ("He deserved a second season", "Helga Brandt"),
            ("I am grateful for the invitation and for the dancers", "Tomas Okoye"),
        ],
    ),
    (
        "narration-clause-about-another-keeps-the-speaker",
        "“The budget is fair,” Helga Brandt said after Tomas Okoye left the hall. “It pays for the schools.”",
        [("The budget is fair", "Helga Brandt"), ("It pays for the schools", "Helga Brandt")],
    ),
    # --- a quote's own speech verb names its speaker ("stuttered" as "stammered") -------------------
    ("own-speech-verb", "The crowd went quiet. Amir blushed and stuttered, “I … I …”", [("I … I …", "Amir")]),
    # --- "according to X" makes X the last speaker for a "he said" after it -----------------------
    (
        "according-to-then-pronoun",
        "“Build more roads,” said Franklin Moss in 1933.\n\n"
        "The plan was sold badly, according to former central bank governor Alan Firth.\n\n"
        "“Politicians love the word stimulus,” he said.",
        [
            ("Build more roads", "Franklin Moss"),
            ("The plan was sold badly", "Alan Firth"),
            ("Politicians love the word stimulus", "Alan Firth"),
        ],
    ),
    # --- "it said": not a place named beside it ----------------------------------------------------
    (
        "it-not-a-place",
        "Coastal Power said in a statement that 40,000 homes were without power.\n\n"
        "The storm hit hardest in the hills.\n\n"
        "Fallen trees mean crews cannot yet reach the villages around Lake Mara, it said.",
        [
            ("40,000 homes were without power", "Coastal Power"),
            ("Fallen trees mean crews cannot yet reach the villages around Lake Mara", "Coastal Power"),
        ],
    ),
    # --- a document by "the railway company": the railway the article names -----------------------
    (
        "report-by-the-described-company",
        "Three workers with Great Lakes Railway were hurt in the crash, the Ridge Valley Courier reported.\n\n"
        "A report by the railway company explains how cold weather affects brakes.\n\n"
        "“Winter is a hard test for any railway,” says the report.",
        [
            ("Three workers with Great Lakes Railway were hurt in the crash", "Ridge Valley Courier"),
            ("Winter is a hard test for any railway", "Great Lakes Railway"),
        ],
    ),
    (
        "report-by-an-unnamed-group",
        "Acme Foods sells bread. A study by a group of researchers found that Acme Foods pays little tax.\n\n"
        "“The gap is enormous,” the study says.",
        [("Acme Foods pays little tax", "a group of researchers"), ("The gap is enormous", "a group of researchers")],
    ),
]

KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), params(CASES, KNOWN_FAILURES))
def test_antecedents(text: str, expected: list[S], nlp) -> None:
    assert [(r["content"], r["speaker"]) for r in quote_records(text, nlp)] == expected
