"""Accuracy on the corpus gold. These floors only ever go up."""

from __future__ import annotations

from extract.tools.evaluate import evaluate, load_gold

from .conftest import GOLD

MIN_F1 = {"quote": 0.979, "money": 1.0, "count": 1.0, "stance": 0.76}
MIN_QUOTE_SPEAKER_ACCURACY = 1.0
MIN_QUOTE_E2E_F1 = 0.979
MIN_VALUE_ACCURACY = {"money": 1.0, "count": 1.0}
MIN_STANCE_POLARITY_ACCURACY = 0.97
MIN_STANCE_HOLDER_ACCURACY = 0.97


def test_corpus_gold_floors(corpus_records):
    texts = {doc_id: text for doc_id, (text, _) in corpus_records.items()}
    records = [r for _, recs in corpus_records.values() for r in recs]
    report = evaluate(load_gold(GOLD), records, texts)["types"]
    for kind, floor in MIN_F1.items():
        assert report[kind]["f1"] >= floor, f"{kind} F1 {report[kind]['f1']:.3f} < {floor}"
    assert report["quote"]["speaker_accuracy"] >= MIN_QUOTE_SPEAKER_ACCURACY
    assert report["quote"]["e2e"]["f1"] >= MIN_QUOTE_E2E_F1
    for kind, floor in MIN_VALUE_ACCURACY.items():
        assert report[kind]["value_accuracy"] >= floor
    assert report["stance"]["polarity_accuracy"] >= MIN_STANCE_POLARITY_ACCURACY
    assert report["stance"]["holder_accuracy"] >= MIN_STANCE_HOLDER_ACCURACY


def test_no_claim_comes_from_page_furniture(corpus_records):
    """Teasers, calendars and subscription boxes sit outside the body; nothing is taken from them."""
    furniture = ["Did you enjoy this article?", "Top Image:", "Want news like this", "What do you think?", "Join MiP"]
    for text, records in corpus_records.values():
        cut = min((text.find(m) for m in furniture if m in text), default=len(text))
        assert all(r["end"] <= cut for r in records)
