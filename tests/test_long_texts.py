"""A text longer than the model reads at once is read in pieces cut at paragraph breaks, with
offsets exact in the whole text and the claims a whole-text run gives away from the cuts."""

from __future__ import annotations

import pytest

from extract.run import extraction
from extract.run.extraction import extract_many, pieces

# (body, limit, the pieces' texts)
PIECES = [
    ("One short paragraph.", 100, ["One short paragraph."]),
    ("First line.\nSecond line.\nThird line.", 26, ["First line.\nSecond line.\n", "Third line."]),
    ("First line.\nSecond line.\nThird line.", 13, ["First line.\n", "Second line.\n", "Third line."]),
    # a paragraph longer than a piece: at its last sentence end in reach
    ("One sentence. Another one. A third.", 28, ["One sentence. Another one. ", "A third."]),
    ("“Yes,” she said. “No.” Then left.", 24, ["“Yes,” she said. “No.” ", "Then left."]),
    # no sentence end in reach: at a space, never inside a word
    ("words without any full stop at all", 12, ["words ", "without any ", "full stop ", "at all"]),
    # one word longer than a piece: at the limit, the only cut left
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
]


@pytest.mark.parametrize(("body", "limit", "expected"), PIECES)
def test_pieces_are_cut_at_paragraph_then_sentence_then_word_breaks(body, limit, expected):
    found = pieces(body, limit)
    assert [text for _, text in found] == expected
    assert all(body[at : at + len(text)] == text for at, text in found)  # offsets into the body
    assert all(len(text) <= limit for _, text in found)


PARAGRAPHS = [
    "“We will open ward {n} in the spring,” said Jane Roe, the chief executive of the trust.",
    "The trust will spend £{n}.5m on the building, and {n}20 nurses will work there.",
    "“Nobody should wait {n} days for a bed,” Dr Sam Patel told reporters on Monday.",
    "Officials said that {n}0% of the beds were taken by patients who could go home.",
    "The council's leader, Mary Jones, said plan {n} was “a welcome step for the town”.",
]


def article(times: int) -> str:
    """Paragraphs that stand alone, none repeated (a repeated line is skipped as page furniture)."""
    return "\n\n".join(p.format(n=n) for n in range(1, times + 1) for p in PARAGRAPHS)


def test_a_long_text_in_pieces_gives_the_claims_of_a_whole_text_run(nlp, monkeypatch):
    text = "Hospital plans\n\n" + article(6) + "\n"
    whole = next(extract_many(nlp, [("long.txt", text)]))[3]
    monkeypatch.setattr(extraction, "PIECE_CHARS", 400)
    assert len(pieces(extraction.model_text(text), 400)) > 5
    cut = next(extract_many(nlp, [("long.txt", text)]))[3]
    assert [r["type"] for r in whole].count("quote") >= 12
    assert all(text[r["start"] : r["end"]] == r["text"] for r in cut)  # offsets exact in the whole text
    assert {r["id"] for r in cut} == {r["id"] for r in whole}
    assert [(r["speaker"], r.get("amount"), r.get("value")) for r in cut] == [
        (r["speaker"], r.get("amount"), r.get("value")) for r in whole
    ]


def test_pieces_of_one_text_do_not_end_its_neighbours_batch(nlp, monkeypatch):
    """A long text between two short ones: each comes out once, in order, with its own claims."""
    monkeypatch.setattr(extraction, "PIECE_CHARS", 500)
    short = PARAGRAPHS[0].format(n=1)
    items = [("a.txt", short), ("long.txt", article(3)), ("b.txt", short)]
    out = list(extract_many(nlp, items, batch_size=2))
    assert [doc_id for doc_id, *_ in out] == ["a.txt", "long.txt", "b.txt"]
    assert out[0][3] and [r["text"] for r in out[0][3]] == [r["text"] for r in out[2][3]]
    assert len([r for r in out[1][3] if r["type"] == "quote"]) >= 6
