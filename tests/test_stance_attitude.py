"""Stance, round 3: attitudes with their holders, gating from the parse, polarity by scope, and
idioms of evaluation. Our own sentences; a case gives the key words the phrase must hold, its
polarity, its kind and (where given) its holder."""

from __future__ import annotations

from typing import Any

import pytest

import extract


def _stance(text: str, nlp: Any) -> list[dict[str, Any]]:
    return [r for r in extract.claims(text, nlp) if r["type"] == "stance"]


ATTITUDES = [
    # verb: holder is the subject, the phrase runs on to what the attitude is about
    ("The rail union condemned the timetable changes.", "condemned the timetable changes", "negative", "rail union"),
    ("Shopkeepers welcomed the new parking rules.", "welcomed the new parking rules", "positive", "Shopkeepers"),
    ("Parents fear the closure of the village school.", "fear the closure", "negative", "Parents"),
    # passive: the agent holds it; with no agent nobody named does
    ("The merger was applauded by investors.", "applauded by investors", "positive", "investors"),
    ("The decision was criticised.", "criticised", "negative", None),
    # control and coordination: the subject of the verb above
    ("The board voted to reject the takeover bid.", "reject the takeover bid", "negative", "board"),
    ("The mayor visited the depot and praised the drivers.", "praised the drivers", "positive", "mayor"),
    # adjective said of its subject, with its complement
    ("Farmers are furious about the import deal.", "furious about the import deal", "negative", "Farmers"),
    ("Teachers were delighted with the exam results.", "delighted with the exam results", "positive", "Teachers"),
    # "I"/"we" hold it as the quote's speaker
    ("“We are worried about the cuts,” said Mary Quill.", "worried about the cuts", "negative", "Mary Quill"),
    # a verb that causes a feeling: its object (or passive subject) feels it
    ("The late trains infuriated commuters.", "infuriated commuters", "negative", "commuters"),
    ("The board was impressed by the new figures.", "impressed by the new figures", "positive", "board"),
    # the complement's own negation does not flip the attitude
    ("Growers criticised the ministry for not paying the grants.", "criticised the ministry", "negative", "Growers"),
]


@pytest.mark.parametrize(("text", "key", "polarity", "holder"), ATTITUDES)
def test_an_attitude_is_held_by_its_subject(text: str, key: str, polarity: str, holder: str | None, nlp: Any) -> None:
    (record,) = [r for r in _stance(text, nlp) if key in r["text"]]
    assert (record["polarity"], record["stance_kind"], record["holder"]) == (polarity, "attitude", holder)


@pytest.mark.parametrize(
    "text",
    [
        "The grant will be used to support small shops.",  # an infinitive of purpose: help, not approval
        "Let's hope not.",  # about nothing
        "The chairman sounded optimistic.",  # a person's mood, about nothing named
    ],
)
def test_no_attitude_without_a_holder_taking_one(text: str, nlp: Any) -> None:
    assert [r for r in _stance(text, nlp) if r["stance_kind"] == "attitude"] == []


GATED = [
    # a positive adjective on a particular thing takes a position...
    ("The forecast gives the firm a strong outlook.", "strong outlook", "positive"),
    ("This is good news for commuters.", "good news", "positive"),
    # ...before a noun of a kind or an aim, or as a classifier, it does not
    ("The index stayed in negative territory all week.", None, None),
    ("Pupils get healthy meals at lunch.", None, None),
    ("The plan aims to ensure the efficient use of beds.", None, None),
    ("The council hired a cheerful spokesman.", None, None),
    # "the X crisis" names a known situation; "a X crisis" asserts one
    ("Ministers met to talk about the energy crisis.", None, None),
    ("The region faces a water crisis.", "crisis", "negative"),
    # said of a thing, a feeling word judges it
    ("The sales forecasts are far too optimistic.", "optimistic", "negative"),
    # after an empty "it", the judgement runs on to the clause it judges
    ("It is alarming that the inspectors found no records.", "inspectors found no records", "negative"),
]


@pytest.mark.parametrize(("text", "key", "polarity"), GATED)
def test_a_lexicon_word_takes_a_position_only_where_the_parse_says(
    text: str, key: str | None, polarity: str | None, nlp: Any
) -> None:
    records = _stance(text, nlp)
    if key is None:
        assert records == []
    else:
        (record,) = [r for r in records if key in r["text"]]
        assert record["polarity"] == polarity


POLARITY = [
    ("Voters think the country is heading in the wrong direction.", "wrong direction", "negative", False),
    ("Fair or not, the levy is unpopular.", "unpopular", "negative", False),  # "or not" negates nothing
    ("The sequel failed to become a success.", "success", "negative", True),
]


@pytest.mark.parametrize(("text", "key", "polarity", "negated"), POLARITY)
def test_polarity_follows_scope_and_composition(text: str, key: str, polarity: str, negated: bool, nlp: Any) -> None:
    (record,) = [r for r in _stance(text, nlp) if key in r["text"]]
    assert (record["polarity"], record["negated"]) == (polarity, negated)


IDIOMS = [
    ("The new library sets a high bar for other towns.", "sets a high bar", "positive"),
    ("The academy set an example for other schools.", "set an example", "positive"),
    ("Small farms paid the highest price for the drought.", "paid the highest price", "negative"),
    ("The extra funding is a drop in the ocean.", "drop in the ocean", "negative"),
    ("Hospitals are at breaking point.", "breaking point", "negative"),
    ("Ministers are largely to blame for the delays.", "to blame", "negative"),
    ("Tenants face soaring heating bills.", "soaring heating bills", "negative"),
    ("The new coach faces a daunting task this season.", "faces a daunting task", "negative"),
    ("Urgent action is needed on housing.", "action is needed", "negative"),
    ("Council leaders said it would be carnage for libraries.", "carnage", "negative"),
]


@pytest.mark.parametrize(("text", "key", "polarity"), IDIOMS)
def test_idioms_of_evaluation(text: str, key: str, polarity: str, nlp: Any) -> None:
    (record,) = [r for r in _stance(text, nlp) if key in r["text"]]
    assert record["polarity"] == polarity
