"""No input breaks the pipeline: random text, random bytes, random pattern files."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract
from extract.io.reader import InputError, decode
from extract.rules.schema import PatternError, parse_rule

NEWSY = st.lists(
    st.sampled_from(
        [*"abcdefgh XYZ.,:;!?\n“”‘’\"'«»£$€%-–0123456789", "said ", "told ", "bn", "m ", "per cent ", "not ", "Mr Lee "]
    ),
    max_size=80,
).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=NEWSY | st.text(max_size=200))
def test_any_text_gives_valid_offsets(nlp, text):
    for record in extract.claims(text, nlp):
        assert text[record["start"] : record["end"]] == record["text"]
        if record["content_start"] is not None:
            assert text[record["content_start"] : record["content_end"]] == record["content"]


@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_decode_or_fail_with_one_line(nlp, data):
    try:
        text = decode(data).text
    except InputError as err:
        assert "\n" not in str(err) and str(err)
        return
    for record in extract.claims(text, nlp):
        assert text[record["start"] : record["end"]] == record["text"]


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(
    obj=JSONISH
    | st.fixed_dictionaries(
        {
            "id": st.text(max_size=5),
            "label": st.sampled_from(["MONEY", "STANCE", "QUOTE_CUE"]),
            "pattern": JSONISH,
            "examples": JSONISH,
        }
    )
)
def test_any_pattern_line_is_accepted_or_rejected_with_a_located_message(obj):
    try:
        parse_rule(json.loads(json.dumps(obj)), "x.jsonl:1")
    except PatternError as err:
        assert str(err).startswith("x.jsonl:1: ")
