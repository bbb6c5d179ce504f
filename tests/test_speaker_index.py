"""The speaker index: one row per speaker across documents, and reading a KB back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from extract.kb.io import read_documents, read_kb
from extract.kb.records import dumps, record_keys
from extract.tools.speaker_index import (
    SPEAKER_FIELDS,
    format_table,
    speaker_index,
    write_csv,
    write_jsonl,
)


def quote(speaker: str | None, doc_id: str = "a.txt", date: str | None = None, **fields) -> dict:
    record = dict.fromkeys(record_keys())
    record.update(type="quote", id=f"q_{len(fields)}", doc_id=doc_id, doc_date=date, speaker=speaker, **fields)
    return record


def test_one_speaker_is_merged_across_documents_with_dates(small_kb):
    rows = speaker_index(small_kb)
    assert [row["speaker"] for row in rows] == ["Jane Doe", "Tom Lee"]
    assert rows[0] == {
        "speaker": "Jane Doe",
        "role": "leader",
        "org": None,
        "quotes": 3,
        "documents": ["a.txt", "b.txt"],
        "first_date": "2024-03-03",
        "last_date": "2024-05-12",
    }
    assert rows[1]["org"] == "Acme" and rows[1]["role"] == "chief executive"
    assert tuple(rows[0]) == SPEAKER_FIELDS


def test_role_is_the_most_frequent_then_the_first_seen():
    records = [
        quote("Ann", speaker_role="chair"),
        quote("Ann", speaker_role="chief executive"),
        quote("Ann", speaker_role="chief executive"),
        quote("Ann", speaker_role=None, speaker_org="Acme"),
        quote("Bo", speaker_org="Beta"),
        quote("Bo", speaker_org="Acme"),
    ]
    ann, bo = speaker_index(records)
    assert (ann["role"], ann["org"], ann["quotes"]) == ("chief executive", "Acme", 4)
    assert (bo["role"], bo["org"]) == (None, "Beta")


def test_only_quotes_with_a_speaker_count_ties_sort_by_name_and_dates_fall_back_to_the_documents_list():
    stance = {**quote("Cy"), "type": "stance"}
    records = [quote("Cy", "b.txt"), quote("Bo", "a.txt", "2019-05"), quote(None), stance]
    documents = {"b.txt": {"doc_id": "b.txt", "date": "2020-01-02"}}
    rows = speaker_index(records, documents)
    assert [(r["speaker"], r["quotes"], r["first_date"]) for r in rows] == [
        ("Bo", 1, "2019-05"),
        ("Cy", 1, "2020-01-02"),
    ]
    assert speaker_index([quote("Cy")])[0]["first_date"] is None


def test_table_columns_line_up(small_kb):
    lines = format_table(speaker_index(small_kb)).splitlines()
    assert lines[0].split() == ["speaker", "role", "org", "quotes", "documents", "first", "last"]
    assert lines[1].startswith("Jane Doe ") and lines[2].startswith("Tom Lee ")
    assert len({line.index("2024-") for line in lines[1:]}) == 1
    assert lines[0].index("quotes") + len("quotes") == lines[1].index("3") + 1  # counts right-aligned
    assert format_table([]).split() == lines[0].split()


def test_csv_and_jsonl_round_trip(small_kb):
    rows = speaker_index(small_kb)
    handle = io.StringIO()
    assert write_csv(rows, handle) == 2
    got = list(csv.DictReader(io.StringIO(handle.getvalue())))
    assert got[0]["documents"].split(";") == ["a.txt", "b.txt"]
    assert got[0]["org"] == "" and int(got[0]["quotes"]) == 3
    handle = io.StringIO()
    assert write_jsonl(rows, handle) == 2
    assert [json.loads(line) for line in handle.getvalue().splitlines()] == rows


def test_kb_and_documents_list_read_back(small_kb, tmp_path: Path):
    path = tmp_path / "kb.jsonl"
    path.write_text("".join(dumps(r) + "\n" for r in small_kb) + "\n", encoding="utf-8")
    assert read_kb(path) == small_kb
    docs = tmp_path / "kb.documents.jsonl"
    docs.write_text('{"doc_id": "a.txt", "date": null}\n', encoding="utf-8")
    assert read_documents(docs) == {"a.txt": {"doc_id": "a.txt", "date": None}}


@pytest.mark.parametrize("line, problem", [("{oops", "line 2 is not JSON"), ('{"text": "x"}', "line 2 has no id")])
def test_a_file_that_is_not_a_kb_is_refused_with_its_line(tmp_path: Path, line: str, problem: str):
    path = tmp_path / "kb.jsonl"
    path.write_text(dumps(quote("Ann")) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        read_kb(path)


@pytest.mark.parametrize(
    ("names", "rows"),
    [
        ({"Donald Trump": 5, "Donald J. Trump": 2, "Trump": 3}, {"Donald Trump": 10}),
        ({"Donald Trump": 2, "Donald Trump Jr.": 1}, {"Donald Trump": 2, "Donald Trump Jr.": 1}),
        (
            {"Hillary Clinton": 4, "Bill Clinton": 1, "Clinton": 2},
            {"Hillary Clinton": 4, "Bill Clinton": 1, "Clinton": 2},
        ),
        ({"Mary Beard": 1, "Beard": 1, "CIPFA": 3}, {"Mary Beard": 2, "CIPFA": 3}),
    ],
)
def test_names_of_one_person_are_one_row(names, rows):
    from collections import Counter

    from extract.tools.speaker_index import merged_names

    merged = merged_names(Counter(names))
    totals: Counter[str] = Counter()
    for name, n in names.items():
        totals[merged[name]] += n
    assert dict(totals) == rows
