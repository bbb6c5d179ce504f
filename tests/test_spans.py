"""Claims where spaCy users look: one span group per claim type, each span with its fields, its
parts and its exact offsets, shown by displaCy; the KB records are made from the same spans."""

from __future__ import annotations

from decimal import Decimal

import pytest
from spacy import displacy

import extract

TEXT = (
    "“The plan is a disaster,” said Jane Smith, the union's leader. "
    "The council will spend £3m on roads, and 40 teachers lost their jobs.\n"
)


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def test_each_claim_type_has_its_span_group(doc):
    assert {"quote", "money", "count", "stance"} <= set(doc.spans)
    assert [span.text for span in doc.spans["money"]] == ["£3m"]
    assert [span.text for span in doc.spans["count"]] == ["40 teachers"]


def test_a_quote_span_carries_its_rule_fields_and_parts(doc):
    (quote,) = doc.spans["quote"]
    assert quote.text == "“The plan is a disaster,”"
    assert quote.label_ == "cue-say"  # the rule that made it
    fields = quote._.claim_fields
    assert fields.speaker == "Jane Smith" and fields.quote_kind == "direct"
    parts = quote._.claim_parts
    assert parts["content"].text == "The plan is a disaster"
    assert parts["speaker"].text == "Jane Smith"
    assert parts["cue"].text == "said"
    assert quote._.claim_offsets == (quote.start_char, quote.end_char)


def test_money_and_stance_spans_carry_their_parts(doc):
    (money,) = doc.spans["money"]
    assert money._.claim_fields.amount == Decimal(3000000) and money._.claim_fields.currency == "GBP"
    assert money._.claim_parts["amount"].text == "£3m"
    stance = next(span for span in doc.spans["stance"] if span.text == "disaster")
    assert stance._.claim_fields.polarity == "negative"
    assert stance._.claim_parts["target"].text == "plan"


def test_the_records_are_the_span_groups(doc, nlp):
    recs = extract.claims(TEXT, nlp)
    spans = {(kind, *span._.claim_offsets, span.label_) for kind in doc.spans for span in doc.spans[kind]}
    assert {(r["type"], r["start"], r["end"], r["rule"]) for r in recs} == spans
    assert [(c.type, c.start, c.end) for c in doc._.claims] == [
        (kind, *span._.claim_offsets) for kind in ("quote", "money", "count", "stance") for span in doc.spans[kind]
    ]


def test_a_claim_inside_a_token_keeps_its_exact_offsets(nlp):
    from extract.stages.base import Claim, add_claim
    from extract.stages.money import MoneyFields

    doc = nlp.make_doc("It cost £3m today.")
    fields = MoneyFields(Decimal(3), None, "GBP", "symbol", None, None, False, "eq")
    span = add_claim(doc, Claim("money", 13, 15, "a-rule", fields))  # "to", inside the token "today"
    assert span.text == "today" and span.label_ == "a-rule"
    assert span._.claim_offsets == (13, 15)


def test_displacy_shows_the_quotes(doc):
    html = displacy.render(doc, style="span", options={"spans_key": "quote"})
    assert "disaster" in html and "Jane Smith" in html
