"""The scorer behind ``extract eval``: gold location, one-to-one matching and the scores."""

from __future__ import annotations

import json
import re

import pytest

from extract.tools.evaluate import evaluate, format_report, load_gold

from .conftest import CORPUS, GOLD

DOC = "doc.txt"


def gold_doc(quotes=(), money=(), counts=(), stance=()) -> dict:
    lists = {"quotes": quotes, "money": money, "counts": counts, "stance": stance}
    return {"doc": DOC, **{key: list(items) for key, items in lists.items()}}


def quote(content: str, speaker: str | None = "Ann Lee") -> dict:
    return {"speaker": speaker, "content": content, "kind": "direct", "cue": "said"}


def money(text: str, amount, amount_high=None, currency="GBP") -> dict:
    return {"text": text, "amount": amount, "amount_high": amount_high, "currency": currency}


def count(text: str, value) -> dict:
    return {"text": text, "value": value, "kind": "count", "unit": None, "total": None}


def stance(text: str, polarity="negative", holder=None) -> dict:
    return {"text": text, "polarity": polarity, "holder": holder}


def rec(kind: str, text: str, sub: str, nth: int = 0, **fields) -> dict:
    """A record spanning the nth occurrence of ``sub`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    span = {"start": start, "end": start + len(sub)}
    return {"type": kind, "doc_id": DOC, **span, "id": f"r{start}", **fields}


def run(text: str, gold: dict, records: list[dict]) -> dict:
    return evaluate({DOC: gold}, records, {DOC: text})


# --- locating the gold -------------------------------------------------------------------------

MONEY_TEXT = "Pay £5m now and £5m later, then £7m."


@pytest.mark.parametrize(
    "predicted, tp, missed_starts",
    [
        ([0, 1], 2, []),
        ([1], 1, [MONEY_TEXT.index("£5m")]),
        ([0], 1, [MONEY_TEXT.rindex("£5m")]),
        ([], 0, [MONEY_TEXT.index("£5m"), MONEY_TEXT.rindex("£5m")]),
    ],
)
def test_the_kth_gold_item_with_a_text_takes_the_kth_occurrence(predicted, tp, missed_starts):
    gold = gold_doc(money=[money("£5m", 5e6), money("£5m", 5e6), money("£7m", 7e6)])
    records = [rec("money", MONEY_TEXT, "£5m", n, amount=5e6, currency="GBP") for n in predicted]
    records.append(rec("money", MONEY_TEXT, "£7m", amount=7e6, currency="GBP"))
    scores = run(MONEY_TEXT, gold, records)["types"]["money"]
    assert (scores["tp"], scores["fp"]) == (tp + 1, 0)
    assert [m["start"] for m in scores["misses"]] == missed_starts
    assert all(m["text"] == "£5m" for m in scores["misses"])


@pytest.mark.parametrize(
    "gold, message",
    [
        (gold_doc(money=[money("£9m", 9e6)]), "doc.txt: gold money '£9m' (occurrence 1) is not"),
        (gold_doc(money=[money("£7m", 7e6)] * 2), "gold money '£7m' (occurrence 2) is not"),
        (gold_doc(quotes=[quote("nowhere")]), "doc.txt: gold quote 'nowhere' (occurrence 1)"),
    ],
)
def test_gold_that_is_not_in_its_document_is_an_error(gold, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        run(MONEY_TEXT, gold, [])


def test_a_gold_document_without_text_is_an_error_and_other_documents_are_ignored():
    with pytest.raises(ValueError, match=r"doc\.txt: gold document has no text"):
        evaluate({DOC: gold_doc()}, [], {"other.txt": "x"})
    stray = {**rec("money", MONEY_TEXT, "£7m"), "doc_id": "other.txt", "type": "nonsense"}
    report = evaluate({DOC: gold_doc()}, [stray], {DOC: MONEY_TEXT, "other.txt": MONEY_TEXT})
    assert report["errors"] == [] and report["types"]["money"]["fp"] == 0


# --- nested quotes -----------------------------------------------------------------------------

NESTED = 'Lee believed STPs were the "right direction" and said "it is late".'
CLAUSE = 'STPs were the "right direction"'


@pytest.mark.parametrize(
    "gold_quotes, predicted, tp, fp, fn",
    [
        # Gold with both layers counts once, whichever layer (or both) the system gives.
        ([CLAUSE, "right direction"], [CLAUSE], 1, 0, 0),
        ([CLAUSE, "right direction"], ['"right direction"'], 1, 0, 0),
        ([CLAUSE, "right direction"], [CLAUSE, "right direction"], 1, 0, 0),
        ([CLAUSE, "right direction"], [], 0, 0, 1),
        # A predicted fragment inside a predicted clause is not a second prediction.
        (["right direction"], [CLAUSE, '"right direction"'], 1, 0, 0),
        ([CLAUSE], ["right direction", "direction"], 1, 0, 0),
        # Duplicate predictions of one span are one prediction.
        (["it is late"], ['"it is late"', '"it is late"'], 1, 0, 0),
        # Quotes that are not nested stay separate.
        ([CLAUSE, "it is late"], ['"right direction"'], 1, 0, 1),
        ([CLAUSE], [CLAUSE, '"it is late"'], 1, 1, 0),
    ],
)
def test_nested_quotes_count_as_one(gold_quotes, predicted, tp, fp, fn):
    gold = gold_doc(quotes=[quote(c) for c in gold_quotes])
    records = [rec("quote", NESTED, p, content=p.strip('"'), speaker="Ann Lee") for p in predicted]
    scores = run(NESTED, gold, records)["types"]["quote"]
    assert (scores["tp"], scores["fp"], scores["fn"]) == (tp, fp, fn)


CLOSING = "They said it was ‘not ready,’ with many calling it ‘late.’"


@pytest.mark.parametrize(
    "content_span, marks_span, fp",
    [
        # The word closing a longer quote is placed by its content, inside the longer quote.
        ("late", "‘late.’", 0),
        # A record without a content span is placed by its own span, and then sticks out.
        (None, "‘late.’", 1),
    ],
)
def test_a_quote_is_placed_by_its_content_as_the_gold_is(content_span, marks_span, fp):
    """The gold stores a quote's words without its marks; so predictions are compared by theirs."""
    longer = "it was ‘not ready,’ with many calling it ‘late"
    gold = gold_doc(quotes=[quote(longer), quote("late")])
    outer = rec("quote", CLOSING, longer, content=longer, speaker="Ann Lee")
    outer.update(content_start=outer["start"], content_end=outer["end"])
    inner = rec("quote", CLOSING, marks_span, content="late", speaker="Ann Lee")
    if content_span:
        inner.update(content_start=CLOSING.index(content_span), content_end=CLOSING.index(content_span) + 4)
    scores = run(CLOSING, gold, [outer, inner])["types"]["quote"]
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, fp, 0)


def test_the_outermost_gold_quote_is_kept_and_reported():
    gold = gold_doc(quotes=[quote("right direction"), quote(CLAUSE)])
    misses = run(NESTED, gold, [])["types"]["quote"]["misses"]
    assert [m["text"] for m in misses] == [CLAUSE]


# --- one-to-one matching -----------------------------------------------------------------------

PAIR = "Costs rose to £3bn and £4bn in total."


@pytest.mark.parametrize(
    "gold_texts, predicted, matched_gold, fp, fn",
    [
        # One prediction over two gold items matches only one of them: the larger overlap.
        (["£3bn", "£4bn"], ["£3bn and £4"], ["£3bn"], 0, 1),
        (["£3bn", "£4bn"], ["bn and £4bn"], ["£4bn"], 0, 1),
        # Equal overlaps: the earlier gold item wins, so the result does not depend on order.
        (["£3bn", "£4bn"], ["bn and £4"], ["£3bn"], 0, 1),
        # Two predictions over one gold item: one matches, the other is a false positive.
        (["£3bn"], ["£3", "3bn"], ["£3bn"], 1, 0),
        # Touching is not overlapping.
        (["£3bn"], [" and"], [], 1, 1),
    ],
)
def test_gold_and_predictions_match_one_to_one(gold_texts, predicted, matched_gold, fp, fn):
    gold = gold_doc(money=[money(t, 1) for t in gold_texts])
    records = [rec("money", PAIR, p, amount=1, currency="GBP") for p in predicted]
    scores = run(PAIR, gold, records)["types"]["money"]
    assert (scores["tp"], scores["fp"], scores["fn"]) == (len(matched_gold), fp, fn)
    missed = {m["text"] for m in scores["misses"]}
    assert missed == set(gold_texts) - set(matched_gold)


def test_the_result_does_not_depend_on_record_order():
    gold = gold_doc(money=[money("£3bn", 1), money("£4bn", 1)])
    spans = ["£3bn and", "and £4bn", "bn and £4"]
    records = [rec("money", PAIR, p, amount=1, currency="GBP") for p in spans]
    assert run(PAIR, gold, records) == run(PAIR, gold, records[::-1])


# --- attributes of matched pairs ---------------------------------------------------------------

SAID = "Lee said the plan is fine."


@pytest.mark.parametrize(
    "gold_speaker, predicted_speaker, right",
    [
        ("Richard Humphries", "Richard Humphries", True),
        ("Richard Humphries", "richard  HUMPHRIES", True),
        ("Richard\xa0Humphries", " Richard Humphries\n", True),
        (None, None, True),
        (None, "", True),
        (None, "Richard Humphries", False),
        ("Richard Humphries", None, False),
        ("Richard Humphries", "Humphries", False),
    ],
)
def test_speakers_agree_after_normalising_case_and_space(gold_speaker, predicted_speaker, right):
    gold = gold_doc(quotes=[quote("the plan is fine", gold_speaker)])
    records = [rec("quote", SAID, "the plan is fine", speaker=predicted_speaker)]
    scores = run(SAID, gold, records)["types"]["quote"]
    assert scores["f1"] == 1.0
    assert scores["speaker_accuracy"] == (1.0 if right else 0.0)
    prf = dict.fromkeys(("precision", "recall", "f1"), float(right))
    assert scores["e2e"] == {"tp": int(right), **prf}


@pytest.mark.parametrize(
    "alternative, predicted_speaker, right",
    [
        ("Ipsos MORI", "Ipsos MORI", True),
        ("Ipsos MORI", "ipsos  mori", True),
        ("Ipsos MORI", "Nurses", True),
        ("Ipsos MORI", "Someone", False),
        (["Ipsos MORI", "The Guardian"], "The Guardian", True),
        ([], "Ipsos MORI", False),
        (None, "Ipsos MORI", False),
    ],
)
def test_speaker_alt_is_a_further_accepted_speaker(alternative, predicted_speaker, right):
    gold = gold_doc(quotes=[{**quote("the plan is fine", "Nurses"), "speaker_alt": alternative}])
    records = [rec("quote", SAID, "the plan is fine", speaker=predicted_speaker)]
    scores = run(SAID, gold, records)["types"]["quote"]
    assert scores["speaker_accuracy"] == float(right) and scores["e2e"]["tp"] == int(right)
    assert len(scores["speaker_errors"]) == int(not right)


def test_each_failed_accuracy_is_listed_with_both_sides():
    gold = gold_doc(quotes=[{**quote("the plan is fine", "Ann Lee"), "speaker_alt": "Lee"}])
    records = [{**rec("quote", SAID, "plan is fine"), "speaker": "Bob Roe"}]
    scores = run(SAID, gold, records)["types"]["quote"]
    start = SAID.index("the plan")
    assert scores["speaker_errors"] == [
        {
            "doc": DOC,
            "start": start,
            "end": start + 16,
            "text": "the plan is fine",
            "predicted_start": start + 4,
            "predicted_end": start + 16,
            "gold_speaker": "Ann Lee",
            "gold_speaker_alt": "Lee",
            "predicted_speaker": "Bob Roe",
        }
    ]


@pytest.mark.parametrize(
    "kind, gold, record, errors",
    [
        ("money", gold_doc(money=[money("£2.01m", 2010000)]), {"amount": 2e6, "currency": "GBP"}, "value_errors"),
        ("stance", gold_doc(stance=[stance("£2.01m", "negative", "Lee")]), {"polarity": "positive"}, "polarity_errors"),
    ],
)
def test_every_accuracy_has_its_error_list(kind, gold, record, errors):
    scores = run("It cost £2.01m.", gold, [rec(kind, "It cost £2.01m.", "£2.01m", **record)])["types"][kind]
    assert len(scores[errors]) == 1
    failed = scores[errors][0]
    assert failed["text"] == "£2.01m" and all(f"predicted_{field}" in failed for field in record)


COST = "It cost £2.01m."


@pytest.mark.parametrize(
    "gold_fields, predicted_fields, right",
    [
        ((2010000, None, "GBP"), (2010000.0, None, "GBP"), True),
        ((2010000.0, None, "GBP"), (2.01e6, None, "GBP"), True),
        ((2010000, None, "GBP"), (2009999.9999999998, None, "GBP"), False),
        ((2010000, None, "GBP"), (2010000, 2010000, "GBP"), False),
        ((2010000, 3000000, "GBP"), (2010000, 3e6, "GBP"), True),
        ((2010000, None, "GBP"), (2010000, None, "USD"), False),
        ((2010000, None, "GBP"), (None, None, "GBP"), False),
    ],
)
def test_money_values_must_agree_exactly(gold_fields, predicted_fields, right):
    gold = gold_doc(money=[money("£2.01m", *gold_fields)])
    amount, amount_high, currency = predicted_fields
    fields = {"amount": amount, "amount_high": amount_high, "currency": currency}
    records = [rec("money", COST, "£2.01m", **fields)]
    scores = run(COST, gold, records)["types"]["money"]
    assert (scores["tp"], scores["value_accuracy"]) == (1, float(right))
    assert scores["e2e"]["f1"] == float(right)


HALF = "Over half of 55 respondents agreed."


@pytest.mark.parametrize(
    "text, gold_value, predicted_value, right",
    [
        ("Over half", 0.5, 0.50, True),
        ("55 respondents", 55, 55.0, True),
        ("55 respondents", 55, 56, False),
        ("55 respondents", 55, None, False),
    ],
)
def test_count_values_compare_as_decimals(text, gold_value, predicted_value, right):
    gold = gold_doc(counts=[count(text, gold_value)])
    records = [rec("count", HALF, text, value=predicted_value, count_kind="count")]
    scores = run(HALF, gold, records)["types"]["count"]
    assert (scores["tp"], scores["value_accuracy"]) == (1, float(right))
    assert scores["e2e"]["tp"] == int(right)


def test_stance_reports_polarity_and_holder_accuracy():
    text = "Lee said STPs are flawed but hopeful."
    gold = gold_doc(stance=[stance("flawed", "negative", "Ann Lee"), stance("hopeful", "positive", None)])
    records = [
        rec("stance", text, "flawed", polarity="negative", holder="ann lee"),
        rec("stance", text, "hopeful", polarity="negative", holder=None),
    ]
    scores = run(text, gold, records)["types"]["stance"]
    assert (scores["tp"], scores["polarity_accuracy"], scores["holder_accuracy"]) == (2, 0.5, 1.0)


# --- whole reports -----------------------------------------------------------------------------

FULL = 'Lee said "the £5m plan is fine" and 55 staff agreed it was fine.'
FULL_GOLD = gold_doc(
    quotes=[quote("the £5m plan is fine", "Lee")],
    money=[money("£5m", 5000000.0)],
    counts=[count("55 staff", 55)],
    stance=[stance("fine", "positive", "Ann Lee"), stance("fine", "positive", None)],
)
FULL_RECORDS = [
    rec("quote", FULL, '"the £5m plan is fine"', content="the £5m plan is fine", speaker="Lee"),
    rec("money", FULL, "£5m", amount=5000000, amount_high=None, currency="GBP"),
    rec("count", FULL, "55 staff", value=55, value_high=None, count_kind="count", unit="staff"),
    rec("stance", FULL, "fine", 0, polarity="positive", holder="Ann Lee"),
    rec("stance", FULL, "fine", 1, polarity="positive", holder=None),
]


def test_perfect_predictions_score_one_everywhere():
    report = run(FULL, FULL_GOLD, FULL_RECORDS)
    assert (report["protocol"], report["documents"], report["errors"]) == ("gold", 1, [])
    for kind, scores in report["types"].items():
        assert (scores["fp"], scores["fn"]) == (0, 0), kind
        assert scores["misses"] == scores["false_positives"] == [], kind
        values = [scores[k] for k in ("precision", "recall", "f1")]
        values += [v for k, v in scores.items() if k.endswith("_accuracy")]
        values += [scores["e2e"][k] for k in ("precision", "recall", "f1") if "e2e" in scores]
        assert values and all(v == 1.0 for v in values), kind


def test_empty_predictions_score_zero_recall_and_list_every_miss():
    report = run(FULL, FULL_GOLD, [])
    for kind, scores in report["types"].items():
        assert (scores["tp"], scores["recall"]) == (0, 0.0), kind
        assert scores["precision"] == scores["f1"] == 0.0, kind
        assert all(v is None for k, v in scores.items() if k.endswith("_accuracy"))
    assert [m["text"] for m in report["types"]["stance"]["misses"]] == ["fine", "fine"]
    miss = {"doc": DOC, "start": 36, "end": 44, "text": "55 staff"}
    assert report["types"]["count"]["misses"] == [miss]


@pytest.mark.parametrize(
    "record, problem",
    [
        ({"type": "claim"}, "unknown type 'claim'"),
        ({"start": None}, "start and end must be integers"),
        ({"end": 10_000}, "is not a non-empty span"),
        ({"start": 5, "end": 5}, "is not a non-empty span"),
    ],
)
def test_records_that_cannot_be_scored_are_errors_not_false_positives(record, problem):
    bad = {**FULL_RECORDS[1], **record, "id": "m_bad"}
    report = run(FULL, FULL_GOLD, [*FULL_RECORDS, bad])
    assert len(report["errors"]) == 1 and report["errors"][0].startswith("doc.txt: record m_bad: ")
    assert problem in report["errors"][0]
    assert all(scores["fp"] == 0 for scores in report["types"].values())


def test_the_report_is_json_and_the_table_is_aligned():
    wrong_holder = {**FULL_RECORDS[3], "holder": "Someone"}
    unmatched_count = {**FULL_RECORDS[2], "start": 0, "end": 3}
    records = [*FULL_RECORDS[:2], wrong_holder, unmatched_count]
    report = run(FULL, FULL_GOLD, records)
    assert json.loads(json.dumps(report)) == report
    lines = format_report(report).splitlines()
    assert lines[0].split()[:4] == ["type", "tp", "fp", "fn"]
    rows = {line.split()[0]: line for line in lines[1:5]}
    assert set(rows) == {"quote", "money", "count", "stance"}
    assert rows["quote"].split()[1:7] == ["1", "0", "0", "1.000", "1.000", "1.000"]
    assert "speaker 1.000" in rows["quote"] and "polarity 1.000  holder 0.000" in rows["stance"]
    assert rows["count"].split()[1:4] == ["0", "1", "1"] and "value -" in rows["count"]
    f1_end = lines[0].index(" F1") + 3
    assert all(line[f1_end - 5 : f1_end].strip().replace(".", "").isdigit() for line in lines[1:5])
    assert lines[5] == "documents: 1"
    assert lines[6] == "accuracy errors: stance holder 1 (listed with --json)"


# --- reading the gold --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, problem",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"quotes": []}', "missing 'doc'"),
        ('{"doc": "a.txt", "quote": []}', "unknown key 'quote'"),
        ('{"doc": "a.txt", "money": {}}', "'money' must be a list"),
        ('{"doc": "a.txt", "counts": [1]}', "counts item 1 is not an object"),
        ('{"doc": "a.txt", "quotes": [{"speaker": null}]}', "quotes item 1: missing 'content'"),
        ('{"doc": "a.txt", "stance": [{"text": ""}]}', "stance item 1: missing 'text'"),
        ('{"doc": "a.txt", "money": [{"text": "£1", "amount": "1"}]}', "'amount' must be a number"),
        ('{"doc": "000.txt"}', "duplicate doc '000.txt'"),
        ('{"doc": "a.txt", "quotes": [{"content": "x", "speaker_alt": 3}]}', "'speaker_alt' must be a string, a list"),
        ('{"doc": "a.txt", "quotes": [{"content": "x", "speaker_alt": ["A", null]}]}', "quotes item 1: 'speaker_alt'"),
    ],
)
def test_a_malformed_gold_line_names_file_line_and_problem(tmp_path, line, problem):
    path = tmp_path / "gold.jsonl"
    first = '{"doc": "000.txt", "quotes": [], "money": [], "counts": [], "stance": []}'
    path.write_text(f"{first}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_gold(path)
    assert str(err.value).startswith(f"{path}:3: ")
    assert problem in str(err.value)


def test_the_project_gold_loads_and_every_item_is_found_in_the_corpus():
    gold = load_gold(GOLD)
    texts = {doc: (CORPUS / doc).read_text(encoding="utf-8") for doc in gold}
    report = evaluate(gold, [], texts)
    assert report["documents"] == len(gold) > 0
    n_gold = sum(len(obj[key]) for obj in gold.values() for key in ("money", "counts", "stance"))
    assert sum(report["types"][kind]["fn"] for kind in ("money", "count", "stance")) == n_gold


def test_gold_may_carry_other_keys(tmp_path):
    gold = tmp_path / "gold.jsonl"
    line = {"doc": "a.txt", "url": "https://example.org/a", "quotes": [{"content": "x", "speaker_alt": "Y"}]}
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert load_gold(gold)["a.txt"]["url"] == "https://example.org/a"


def test_eval_json_lists_speaker_errors_for_a_gold_jsonl(tmp_path):
    from click.testing import CliRunner

    from extract.cli import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / DOC).write_text(SAID, encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold_doc(quotes=[quote("the plan is fine", "Ann Lee")])) + "\n")
    record = rec("quote", SAID, "the plan is fine", speaker="Lee")
    (tmp_path / "kb.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    args = ["eval", str(tmp_path / "gold.jsonl"), str(tmp_path / "docs"), "--kb", str(tmp_path / "kb.jsonl")]
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0, table.stderr
    assert "accuracy errors: quote speaker 1 (listed with --json)" in table.stdout
    report = json.loads(CliRunner().invoke(main, [*args, "--json"]).stdout)
    failed = report["types"]["quote"]["speaker_errors"]
    assert [(e["doc"], e["text"], e["gold_speaker"], e["predicted_speaker"]) for e in failed] == [
        (DOC, "the plan is fine", "Ann Lee", "Lee")
    ]
