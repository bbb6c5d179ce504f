"""Quote shapes unseen news writes that the finder used to miss, on short texts of our own: one
section per error class, each with the cases the rule must leave alone.

Each case gives the text and every quote record (content, kind, speaker, cue) it must give, in
text order; ``[]``: no quote at all.
"""

from __future__ import annotations

import pytest

from extract.stages.quotes.marks import find_quotations

from .tables import Q, params, quote_records, quote_tuples

CASES: list[tuple[str, str, list[Q]]] = [
    # --- "said if ..., ...": a claim with a condition, not a yes/no question -----------------------
    (
        "said-if-condition-mixed",
        "The analyst said if the council wins, it would face a “very long summer” if the strikes go ahead.",
        [
            (
                "if the council wins, it would face a “very long summer” if the strikes go ahead",
                "mixed",
                "the analyst",
                "said",
            )
        ],
    ),
    (
        "said-if-condition-mixed-end",
        "The senator said if the bill passes, farmers will “pay the price for years.”",
        [("if the bill passes, farmers will “pay the price for years.”", "mixed", "the senator", "said")],
    ),
    # "asked if ...": the question is no claim; the quoted words stay a quote of their own
    (
        "asked-if-question",
        'The mayor asked if the plan would "cost more than promised."',
        [
            ("cost more than promised", "direct", "the mayor", "asked"),
        ],
    ),
    # --- ", telling the crowd, “…”": the participle's speaker is the sentence's subject, not a word
    # of the quote the parser hung the participle on ----------------------------------------------
    (
        "telling-after-adjunct",
        "Roe was in high spirits at the fair in Derby, telling the crowd, “Nobody here has ever seen rain "
        "like this, am I right?”",
        [("Nobody here has ever seen rain like this, am I right?", "direct", "Roe", "telling")],
    ),
    (
        "telling-after-negated",
        "The coach did not seem pleased with the ruling on Friday, telling reporters, “Plenty of people said "
        "the referee should resign.”",
        [("Plenty of people said the referee should resign", "direct", "the coach", "telling")],
    ),
    (
        "writing-after-adjunct",
        'The novelist offered a sharp reply on her website, writing to the fans, "you are not just critics, '
        'you are part of the story."',
        [("you are not just critics, you are part of the story", "direct", "the novelist", "writing")],
    ),
    # a quotation whose only subjects are its own words has no source outside them
    (
        "quoted-aside-no-source",
        "He gets to keep his personal jokes (”Fear is a vector, hope is a scalar”) but must stop announcing "
        "deals on social media.",
        [],
    ),
    # the clause before a cue that tells of its own quote is no report of that cue
    (
        "scolded-colon-then-said",
        "Senator Jo Roe scolded him: “The evidence is against you on every one of the products you called "
        "‘cures,’” she said.",
        [
            (
                "The evidence is against you on every one of the products you called ‘cures,’",
                "direct",
                "Jo Roe",
                "scolded",
            )
        ],
    ),
    # --- a name in apposition to a word of the quote the parse took for the subject ---------------
    (
        "appositive-after-quote",
        "“Very good reporter,” Roe, the front-runner, said at the rally.",
        [("Very good reporter", "direct", "Roe", "said")],
    ),
    # --- verbs of speaking in a manner ------------------------------------------------------------
    (
        "barked-after",
        "“Get out of my office,” the manager barked.",
        [("Get out of my office", "direct", "the manager", "barked")],
    ),
    (
        "groused-after",
        "“Nobody reads the small print,” Roe groused to a crowd in Hull.",
        [("Nobody reads the small print", "direct", "Roe", "groused")],
    ),
    # --- newspapers, magazines and lawsuits speak -------------------------------------------
    (
        "according-to-newspaper-direct",
        "According to the newspaper, “Most of the roads in the county have not been repaired in a decade. "
        "Very few of them are safe.”",
        [
            (
                "Most of the roads in the county have not been repaired in a decade. Very few of them are safe",
                "direct",
                "the newspaper",
                "according to",
            )
        ],
    ),
    (
        "magazine-arguing-mixed",
        'The magazine has opposed the mayor for months, arguing he is "a showman with no plan for the city."',
        [('he is "a showman with no plan for the city."', "mixed", "the magazine", "arguing")],
    ),
    (
        "outlet-reported",
        "The outlet reported that the bridge would close.",
        [
            ("the bridge would close", "indirect", "the outlet", "reported"),
        ],
    ),
    # a mixed quote that opens with quoted words keeps their opening mark
    (
        "lawsuit-contends-mixed-opening-mark",
        'The lawsuit contends that "the failures of the landlord caused the flooding" of the flats.',
        [('"the failures of the landlord caused the flooding" of the flats', "mixed", None, "contends")],
    ),
    # --- what a badge or a message "that said" reads: its words are a quote ------------------------
    (
        "badges-that-said",
        "The volunteers handed out badges that said, “The river belongs to all of us.”",
        [("The river belongs to all of us", "direct", None, "said")],
    ),
    ("committee-that-said-unquoted", "The committee that said the plan was sound has resigned.", []),
    # --- "according to" after a verb of speaking: the verb reports the clause ----------------------
    (
        "according-to-after-said",
        "The plan will cost more than expected, the minister said, according to two people at the meeting.",
        [("The plan will cost more than expected", "indirect", "the minister", "said")],
    ),
    (
        "according-to-over-passive-claim-verb",
        "According to doctors, such outbreaks have been expected for a while.",
        [("such outbreaks have been expected for a while", "indirect", "doctors", "according to")],
    ),
    # --- one quoted word that ends a sentence between two names is no nickname --------------------
    (
        "called-word-before-title",
        "Jo Roe called Lee “reckless.” Sen. Ann Ford called the plan “a gift to landlords.”",
        [("reckless", "direct", "Jo Roe", "called"), ("a gift to landlords", "direct", "Ann Ford", "called")],
    ),
    (
        "nickname-initials",
        "Dana “D.J.” Whitlock said the season was over.",
        [
            ("the season was over", "indirect", "Dana Whitlock", "said"),
        ],
    ),
    # --- a year written with a left single mark opens no quote ------------------------------------
    (
        "elided-year-left-mark",
        "Jane Roe said in ‘09 that the vote was close. “It is a long road,” she said. “We took the ‘slow lane’ and it worked.”",
        [
            ("the vote was close", "indirect", "Jane Roe", "said"),
            ("It is a long road", "direct", "Jane Roe", "said"),
            ("We took the ‘slow lane’ and it worked", "direct", "Jane Roe", "said"),
        ],
    ),
    # --- a mixed quote runs to the closing mark of the quotation the parse cut short ---------------
    (
        "mixed-runs-to-closing-mark",
        'Roe stepped up her attacks on the mayor, saying he is "slow on housing, you know that. Slow on everything."',
        [
            (
                'he is "slow on housing, you know that. Slow on everything."',
                "mixed",
                "Roe",
                "saying",
            )
        ],
    ),
    # --- a cue set off by commas before an opening quote mark reports the whole clause -------------
    (
        "parenthetical-before-opening-mark",
        'The new rules, the lawyers said, "will hurt every shop in town" and must go.',
        [('The new rules, the lawyers said, "will hurt every shop in town" and must go', "mixed", "lawyers", "said")],
    ),
    # --- a report goes on past the parser's first clause: a second complement, a conjunct ---------
    (
        "second-complement",
        "Mara Olsen says she sold the boat, moved inland and never went back to sea.",
        [("she sold the boat, moved inland and never went back to sea", "indirect", "Mara Olsen", "says")],
    ),
    (
        "conjunct-own-subject",
        "The growers' association says apple prices have doubled, and many orchards are closing early.",
        [
            (
                "apple prices have doubled, and many orchards are closing early",
                "indirect",
                "the growers' association",
                "says",
            )
        ],
    ),
    (
        "conjunct-own-that",
        "Tom Reyes told reporters that the bridge was safe, but that it would close in May.",
        [("the bridge was safe, but that it would close in May", "indirect", "Tom Reyes", "told")],
    ),
    # a conjunct telling of a person, in another tense, or after a finding, is the writer's
    (
        "conjunct-back-in-the-present",
        "The bakers' union said flour prices would rise, but there is hope for a good harvest.",
        [("flour prices would rise", "indirect", "the bakers' union", "said")],
    ),
    (
        "second-complement-in-another-tense",
        "Mina Cole said the office would close at noon, however this year the hours have grown longer.",
        [("the office would close at noon", "indirect", "Mina Cole", "said")],
    ),
    (
        "conjunct-present-after-past-cue",
        "The tenants' union said the rents would rise, and the landlords have refused to talk.",
        [("the rents would rise", "indirect", "the tenants' union", "said")],
    ),
    (
        "conjunct-with-quote-of-its-own",
        "Mina Cole said the fund had grown, but the board calls it “a small miracle” now.",
        [("the fund had grown", "indirect", "Mina Cole", "said"), ("a small miracle", "direct", "the board", "calls")],
    ),
    (
        "conjunct-about-speaker",
        "Lena Fisk said the vote was fair, but she refused to name her sources.",
        [("the vote was fair", "indirect", "Lena Fisk", "said")],
    ),
    (
        "conjunct-named-person",
        "Lena Fisk said the vote was fair, but Omar Haddad disagreed.",
        [("the vote was fair", "indirect", "Lena Fisk", "said")],
    ),
    (
        "conjunct-after-finding",
        "A survey showed the park was popular, but the city has no money to expand it.",
        [("the park was popular", "indirect", None, "showed")],
    ),
    # --- carrying on doing something is no report; carrying on speaking is ------------------------
    ("continued-to-infinitive", "The bakery stayed shut all week as its owners continued to search for a buyer.", []),
    ("continued-after-quote", "“We are not done,” she continued.", [("We are not done", "direct", None, "continued")]),
    (
        "continued-to-name",
        "Ana Ruiz continued to call the plan “a costly mistake.”",
        [("to call the plan “a costly mistake.”", "mixed", "Ana Ruiz", "continued")],
    ),
    # --- two events joined by "and" report nothing ------------------------------------------------
    ("and-shouted-at", "The dog barked all night and the neighbours shouted at the owner.", []),
    ("and-complained-to", "The engine sputtered all night and the neighbours complained to the owner.", []),
    ("and-laughed-at", "The dog ran all night and the neighbours laughed at the owner.", []),
    # --- an embedded post without quote marks, signed "— Name (@handle) Date": the signer's words -----
    (
        "signed-post",
        "Crews worked all night.\n\nOur crews are out across the valley. Most homes should have power back "
        "by Sunday. #ValleyStorm pic.twitter.com/Ab12Cd — Valley Power (@valleypower) March 3, 2020",
        [
            (
                "Our crews are out across the valley. Most homes should have power back by Sunday",
                "indirect",
                "Valley Power",
                "—",
            )
        ],
    ),
    # left alone: a dash glued to a link, a few words, a dash that signs no post
    (
        "signed-post-glued-dash",
        "Our crews are out across the valley tonight. pic.twitter.com/Ab12Cd— Valley Power (@valleypower) "
        "March 3, 2020",
        [],
    ),
    ("signed-post-short", "Stay safe, everyone. — Valley Power (@valleypower) March 3, 2020", []),
    ("dash-no-post", "The river rose again last night — Mill Lane (the old road) was shut by noon.", []),
    # --- "called the plan a costly mistake": what a naming verb calls its object is a claim ---------
    (
        "called-object-claim",
        "The union called the new rota a recipe for burnout.",
        [("a recipe for burnout", "indirect", "the union", "called")],
    ),
    (
        "calls-it-claim",
        "Nora Dale now calls it the worst decision of her career.",
        [("the worst decision of her career", "indirect", "Nora Dale", "calls")],
    ),
    # left alone: the writer's own words, oneself, a proper name, and quoted words (the direct quote)
    ("call-it-imperative", "Call it beginner's luck.", []),
    ("calls-himself", "The baker, who calls himself a realist, opened at dawn.", []),
    ("called-the-dog-name", "The children called the puppy Biscuit.", []),
    (
        "called-quoted-words",
        "The mayor called the ruling a “slap in the face.”",
        [("slap in the face", "direct", "the mayor", "called")],
    ),
]

KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), params(CASES, KNOWN_FAILURES))
def test_quotes_recall(text: str, expected: list[Q], nlp) -> None:
    assert quote_tuples(text, nlp) == expected


MARKS: list[tuple[str, list[str]]] = [
    # the values of markup left in the text are no quotations; the quotes beside them are
    ('<post author="@janeroe" time="0915">We open today.</post> She said "yes" at once.', ['"yes"']),
    ('He said "a=b" is "fine" today.', ['"a=b"', '"fine"']),
]


@pytest.mark.parametrize(("text", "expected"), MARKS)
def test_markup_attributes_are_no_quotations(text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotations(text)] == expected


# A sign that decorates a line (an emoji, a star) is no part of the quote after it, which the
# parser may hang on the clause the cue reports; currency signs are read.
SIGNS: list[tuple[str, str]] = [
    ("😀 “We will win,” said Ann Lee, the coach of the town team.", "“We will win,”"),
    ("★ “We will win,” said Ann Lee, the coach of the town team.", "“We will win,”"),
    ("The week began well. 👍🏽 “We will win,” said Ann Lee, the coach.", "“We will win,”"),
    ("Ann Lee said $5m would go to the new ground.", "$5m would go to the new ground"),
]


@pytest.mark.parametrize(("text", "quoted"), SIGNS)
def test_a_sign_before_a_quote_is_not_quoted(text: str, quoted: str, nlp) -> None:
    assert [r["text"] for r in quote_records(text, nlp)] == [quoted]
