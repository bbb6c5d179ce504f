"""Exports round-trip: every format read back with the tool's own conventions gives the KB's claims."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from extract.kb.records import record_keys
from extract.tools.export import FORMATS, claim_columns, export, load_texts

from .conftest import SMALL_TEXTS

SCHEMA = json.loads((Path(__file__).parent.parent / "extract" / "kb" / "schema.json").read_text(encoding="utf-8"))
BOOLEANS = {name for name, spec in SCHEMA["properties"].items() if "boolean" in spec.get("type", ())}


@pytest.fixture
def records(small_kb) -> list[dict]:
    """The pipeline's records plus one with a multi-line, quote-laden sentence and an inexact float amount."""
    money = next(r for r in small_kb if r["type"] == "money")
    odd = {**money, "id": "m_0000000000000000", "sentence": 'One, “two”\n"three"\r\nfour', "amount": 0.1 + 0.2}
    return [*small_kb, odd]


def utf16(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) gives."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def typed(name: str, cell: str):
    """A CSV cell back as the KB value: empty is null, numbers by the schema."""
    kind = claim_columns()[name].split()[0]
    if cell == "":
        return None
    if name in BOOLEANS:
        return {"True": True, "False": False}[cell]
    if kind == "INTEGER":
        return int(cell)
    if kind == "NUMERIC":
        return float(cell) if any(c in cell for c in ".eE") else int(cell)
    return cell


def test_csv_reads_back_with_csv_and_pandas(records, tmp_path: Path):
    out = tmp_path / "kb.csv"
    assert export(records, {}, "csv", out) == len(records)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(record_keys())
    assert [{name: typed(name, cell) for name, cell in row.items()} for row in rows] == records
    assert rows[-1]["amount"] == repr(0.1 + 0.2)
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert frame.to_dict("records") == rows


def test_prodigy_spans_sit_on_tokens_with_an_inclusive_token_end(small_kb, tmp_path: Path):
    out = tmp_path / "tasks.jsonl"
    assert export(small_kb, SMALL_TEXTS, "prodigy", out) == 2
    tasks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in small_kb}
    assert [t["meta"]["doc_id"] for t in tasks] == ["a.txt", "b.txt"]
    assert tasks[0]["meta"]["date"] == "2024-03-03"
    for task in tasks:
        tokens = task["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        assert all(task["text"][t["start"] : t["end"]] == t["text"] for t in tokens)
        assert len(task["spans"]) == sum(r["doc_id"] == task["meta"]["doc_id"] for r in small_kb)
        for span in task["spans"]:
            record = by_id[span["id"]]
            assert span["label"] == record["type"].upper()
            assert tokens[span["token_start"]]["start"] == span["start"] <= record["start"]
            assert tokens[span["token_end"]]["end"] == span["end"] >= record["end"]
            covered = task["text"][span["start"] : span["end"]]
            assert span["text"] == covered and record["text"] in covered


def test_doccano_offsets_are_utf16(small_kb, tmp_path: Path):
    out = tmp_path / "doccano.jsonl"
    assert export(small_kb, SMALL_TEXTS, "doccano", out) == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        mine = [r for r in small_kb if r["doc_id"] == line["doc_id"]]
        assert [utf16(line["text"], s, e) for s, e, _ in line["label"]] == [r["text"] for r in mine]
        assert [label for _, _, label in line["label"]] == [r["type"].upper() for r in mine]
    first = next(r for r in small_kb if r["doc_id"] == "a.txt")
    assert lines[0]["label"][0][0] == first["start"] + 1  # after the emoji


def test_label_studio_predictions_use_utf16_offsets(small_kb, tmp_path: Path):
    out = tmp_path / "tasks.json"
    assert export(small_kb, SMALL_TEXTS, "label-studio", out) == 2
    tasks = json.loads(out.read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in small_kb}
    results = [(task["data"]["text"], res) for task in tasks for pred in task["predictions"] for res in pred["result"]]
    assert sorted(res["id"] for _, res in results) == sorted(by_id)
    for text, res in results:
        record, value = by_id[res["id"]], res["value"]
        assert (res["from_name"], res["to_name"], res["type"]) == ("label", "text", "labels")
        assert utf16(text, value["start"], value["end"]) == value["text"] == record["text"]
        assert value["labels"] == [record["type"].upper()]
    assert tasks[0]["data"]["doc_id"] == "a.txt"


def test_sqlite_has_typed_indexed_tables_whose_claims_are_the_records(records, tmp_path: Path):
    out = tmp_path / "kb.sqlite"
    documents = {"a.txt": {"doc_id": "a.txt", "path": "a.txt", "title": "Union claims victory", "chars": 9}}
    assert export(records, {}, "sqlite", out, documents=documents) == len(records)
    db = sqlite3.connect(out)
    db.row_factory = sqlite3.Row
    tables = {r["name"] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    indexes = {r["sql"] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    assert tables == {"documents", "claims", "speakers"}
    assert {f"CREATE INDEX claims_{c} ON claims({c})" for c in ("doc_id", "type", "speaker")} <= indexes
    claims = [dict(row) for row in db.execute("SELECT * FROM claims ORDER BY rowid")]
    for row in claims:
        row.update({name: bool(row[name]) for name in BOOLEANS if row[name] is not None})
    assert claims == records
    types = db.execute(
        "SELECT typeof(start), typeof(end), typeof(amount) FROM claims WHERE id = ?", (records[-1]["id"],)
    )
    assert tuple(types.fetchone()) == ("integer", "integer", "real")
    docs = [dict(row) for row in db.execute("SELECT doc_id, title, chars, claims_quote FROM documents ORDER BY doc_id")]
    assert docs == [
        {"doc_id": "a.txt", "title": "Union claims victory", "chars": 9, "claims_quote": 2},
        {"doc_id": "b.txt", "title": "Talks go on", "chars": None, "claims_quote": 2},
    ]
    jane = dict(db.execute("SELECT * FROM speakers WHERE speaker = 'Jane Doe'").fetchone())
    assert json.loads(jane["documents"]) == ["a.txt", "b.txt"] and jane["quotes"] == 3
    db.close()


def test_load_texts_rereads_the_sources_and_skips_failed_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text(SMALL_TEXTS["a.txt"], encoding="utf-8", newline="")
    documents = {
        "a.txt": {"doc_id": "a.txt", "path": str(tmp_path / "a.txt"), "error": None},
        "bad.txt": {"doc_id": "bad.txt", "path": str(tmp_path / "bad.txt"), "error": "empty file"},
    }
    assert load_texts(documents) == {"a.txt": SMALL_TEXTS["a.txt"]}
    documents["gone.txt"] = {"doc_id": "gone.txt", "path": str(tmp_path / "gone.txt"), "error": None}
    with pytest.raises(ValueError, match=r"gone\.txt.*folder `extract run` ran in"):
        load_texts(documents)


@pytest.mark.parametrize(
    "fmt, texts, message",
    [
        ("xml", SMALL_TEXTS, "unknown export format 'xml': choose one of csv, prodigy"),
        ("doccano", {"a.txt": SMALL_TEXTS["a.txt"]}, "no source text for document b.txt: give the documents list"),
        ("prodigy", {**SMALL_TEXTS, "b.txt": "changed"}, "b.txt changed since the run"),
    ],
)
def test_errors_say_what_to_do_and_leave_no_file(small_kb, tmp_path: Path, fmt, texts, message):
    out = tmp_path / "out"
    with pytest.raises(ValueError, match=message):
        export(small_kb, texts, fmt, out)
    assert list(tmp_path.iterdir()) == []


def test_every_format_replaces_the_previous_file(small_kb, tmp_path: Path):
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        out.write_text("previous", encoding="utf-8")
        export(small_kb, SMALL_TEXTS, fmt, out)
        assert out.read_bytes() != b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"out.{fmt}" for fmt in FORMATS)


def test_a_failed_sqlite_export_leaves_the_previous_file(small_kb, tmp_path: Path):
    out = tmp_path / "kb.sqlite"
    out.write_text("previous", encoding="utf-8")
    with pytest.raises(ValueError, match="the KB holds a claim or document twice"):
        export([*small_kb, small_kb[0]], {}, "sqlite", out)
    assert list(tmp_path.iterdir()) == [out] and out.read_text(encoding="utf-8") == "previous"
