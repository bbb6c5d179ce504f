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


def mentions_of(records: list[dict], doc_id: str) -> dict[tuple[int, int], list[str]]:
    """(speaker_start, speaker_end) -> the ids of the document's quotes attributed through that mention."""
    found: dict[tuple[int, int], list[str]] = {}
    for r in records:
        if r["doc_id"] == doc_id and r["type"] == "quote" and r["speaker_start"] is not None:
            found.setdefault((r["speaker_start"], r["speaker_end"]), []).append(r["id"])
    return found


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
        claims = [span for span in task["spans"] if span["label"] != "SPEAKER"]
        assert len(claims) == sum(r["doc_id"] == task["meta"]["doc_id"] for r in small_kb)
        for span in task["spans"]:
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
            assert span["text"] == task["text"][span["start"] : span["end"]]
        for span in claims:
            record = by_id[span["id"]]
            assert span["label"] == record["type"].upper()
            assert span["start"] <= record["start"] and span["end"] >= record["end"]
            assert record["text"] in span["text"]


def test_prodigy_relations_join_each_quote_to_its_speaker_as_rel_manual_reads_them(small_kb, tmp_path: Path):
    """rel.manual's head and child are the last token of each span; head_span/child_span spell the spans out."""
    out = tmp_path / "tasks.jsonl"
    export(small_kb, SMALL_TEXTS, "prodigy", out)
    for task in map(json.loads, out.read_text(encoding="utf-8").splitlines()):
        mentions = mentions_of(small_kb, task["meta"]["doc_id"])
        speakers = [span for span in task["spans"] if span["label"] == "SPEAKER"]
        assert sorted((s["start"], s["end"]) for s in speakers) == sorted(mentions)  # one span per mention
        by_end = {}
        for span in task["spans"]:
            by_end.setdefault(span["token_end"], []).append(span)
        said = [(rel["head_span"], rel["child_span"]) for rel in task["relations"]]
        assert {rel["label"] for rel in task["relations"]} == {"SAID_BY"}
        for rel, (head, child) in zip(task["relations"], said, strict=True):
            assert rel["head"] == head["token_end"] and rel["child"] == child["token_end"]
            assert head["label"] == "QUOTE" and child["label"] == "SPEAKER"
            assert any(s["id"].startswith("q_") and s["start"] == head["start"] for s in by_end[rel["head"]])
        pairs = {(h["start"], c["start"], c["end"]) for h, c in said}
        expected = {
            (next(s["start"] for s in task["spans"] if s["id"] == q), *mention)
            for mention, quotes in mentions.items()
            for q in quotes
        }
        assert pairs == expected and len(said) == sum(map(len, mentions.values()))
    assert any(mentions_of(small_kb, d) for d in SMALL_TEXTS)


def test_doccano_entities_are_utf16_and_relations_name_them(small_kb, tmp_path: Path):
    out = tmp_path / "doccano.jsonl"
    assert export(small_kb, SMALL_TEXTS, "doccano", out) == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        assert {"text", "entities", "relations"} <= set(line)
        mine = [r for r in small_kb if r["doc_id"] == line["doc_id"]]
        entities = {e["id"]: e for e in line["entities"]}
        assert len(entities) == len(line["entities"])  # ids are unique in the line
        claims = [e for e in line["entities"] if e["label"] != "SPEAKER"]
        assert [utf16(line["text"], e["start_offset"], e["end_offset"]) for e in claims] == [r["text"] for r in mine]
        assert [e["label"] for e in claims] == [r["type"].upper() for r in mine]
        mentions = mentions_of(small_kb, line["doc_id"])
        speakers = [e for e in line["entities"] if e["label"] == "SPEAKER"]
        assert len(speakers) == len(mentions)
        assert {utf16(line["text"], e["start_offset"], e["end_offset"]) for e in speakers} == {
            r["speaker_mention"] for r in mine if r["type"] == "quote" and r["speaker_start"] is not None
        }
        assert len(line["relations"]) == sum(map(len, mentions.values()))
        for relation in line["relations"]:
            assert relation["type"] == "SAID_BY"
            assert entities[relation["from_id"]]["label"] == "QUOTE"
            assert entities[relation["to_id"]]["label"] == "SPEAKER"
    first = next(r for r in small_kb if r["doc_id"] == "a.txt")
    assert lines[0]["entities"][0]["start_offset"] == first["start"] + 1  # after the emoji


def test_label_studio_predictions_use_utf16_offsets_and_relations(small_kb, tmp_path: Path):
    out = tmp_path / "tasks.json"
    assert export(small_kb, SMALL_TEXTS, "label-studio", out) == 2
    tasks = json.loads(out.read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in small_kb}
    results = [(task["data"]["text"], res) for task in tasks for pred in task["predictions"] for res in pred["result"]]
    regions = [(text, res) for text, res in results if res["type"] == "labels"]
    relations = [res for _, res in results if res["type"] == "relation"]
    assert sorted(res["id"] for _, res in regions if res["id"] in by_id) == sorted(by_id)
    region_ids = {res["id"]: res for _, res in regions}
    assert len(region_ids) == len(regions)
    for text, res in regions:
        value = res["value"]
        assert (res["from_name"], res["to_name"]) == ("label", "text")
        assert utf16(text, value["start"], value["end"]) == value["text"]
        if res["id"] in by_id:
            record = by_id[res["id"]]
            assert value["text"] == record["text"] and value["labels"] == [record["type"].upper()]
        else:
            quote = by_id[res["id"].removesuffix("-speaker")]
            assert value["labels"] == ["SPEAKER"] and value["text"] == quote["speaker_mention"]
    quotes = [r for r in small_kb if r["type"] == "quote" and r["speaker_start"] is not None]
    assert len(relations) == len(quotes)
    for relation in relations:
        assert set(relation) == {"from_id", "to_id", "type", "direction", "labels"}
        assert (relation["direction"], relation["labels"]) == ("right", ["SAID_BY"])
        quote, speaker = by_id[relation["from_id"]], region_ids[relation["to_id"]]
        assert speaker["value"]["text"] == quote["speaker_mention"]
    assert tasks[0]["data"]["doc_id"] == "a.txt"


def test_quotes_sharing_a_mention_share_one_speaker_span(small_kb, tmp_path: Path):
    quote = next(r for r in small_kb if r["type"] == "quote" and r["speaker_start"] is not None)
    text = SMALL_TEXTS[quote["doc_id"]]
    twin = {**quote, "id": "q_twin", "start": 0, "end": 5, "text": text[:5]}
    records = [r for r in small_kb if r["doc_id"] == quote["doc_id"]] + [twin]
    out = tmp_path / "doccano.jsonl"
    export(records, {quote["doc_id"]: text}, "doccano", out)
    line = json.loads(out.read_text(encoding="utf-8"))
    at = len(text[: quote["speaker_start"]].encode("utf-16-le")) // 2
    shared = [e for e in line["entities"] if (e["label"], e["start_offset"]) == ("SPEAKER", at)]
    assert len(shared) == 1
    assert sum(rel["to_id"] == shared[0]["id"] for rel in line["relations"]) >= 2


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


def test_load_texts_finds_relative_paths_beside_the_documents_list(tmp_path: Path, monkeypatch):
    """A KB moved with its articles, exported from another folder, still finds them."""
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "a.txt").write_text(SMALL_TEXTS["a.txt"], encoding="utf-8", newline="")
    monkeypatch.chdir(tmp_path)
    documents = {"a.txt": {"doc_id": "a.txt", "path": "a.txt", "error": None}}
    assert load_texts(documents, tmp_path / "kb") == {"a.txt": SMALL_TEXTS["a.txt"]}


def test_load_texts_rereads_the_sources_and_skips_failed_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text(SMALL_TEXTS["a.txt"], encoding="utf-8", newline="")
    documents = {
        "a.txt": {"doc_id": "a.txt", "path": str(tmp_path / "a.txt"), "error": None},
        "bad.txt": {"doc_id": "bad.txt", "path": str(tmp_path / "bad.txt"), "error": "empty file"},
    }
    assert load_texts(documents) == {"a.txt": SMALL_TEXTS["a.txt"]}
    documents["gone.txt"] = {"doc_id": "gone.txt", "path": str(tmp_path / "gone.txt"), "error": None}
    with pytest.raises(ValueError, match=r"gone\.txt.*from the folder it ran in"):
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
