"""Tabular exports for everyday use (issue 21): CSV a spreadsheet cannot run, Parquet read back
with DuckDB and pandas, and DuckDB column types for a KB whose columns may be all null."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.kb.io import csv_cell, duckdb_columns, field_types
from extract.kb.records import dumps, record_keys
from extract.tools.export import export

pq = pytest.importorskip("pyarrow.parquet")

FORMULAS = ["=SUM(A1:A9)", "+1 555 0100", "-5 degrees", "@cmd", "\tTAB", "\rCR"]


def _record(i: int, **fields) -> dict:
    record = dict.fromkeys(record_keys())
    record.update(schema_version=1, id=f"m_{i:016x}", type="money", doc_id="a.txt", start=i, end=i + 1, text="x")
    record.update(rule="money-sign", amount=1, currency="GBP", approx=False, comparator="eq")
    record.update(fields)
    return record


@pytest.fixture
def odd_records(small_kb) -> list[dict]:
    """The pipeline's records, plus one whose texts start like formulas and whose numbers are negative."""
    money = next(r for r in small_kb if r["type"] == "money")
    tricky = {**money, "id": "m_00000000000000ff", "text": FORMULAS[0], "sentence": FORMULAS[2], "purpose": "@cmd"}
    return [*small_kb, {**tricky, "amount": -5, "amount_high": -2.5}]


def _kb_file(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "kb.jsonl"
    path.write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --- CSV: no formulas ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, cell",
    [
        *((text, "'" + text) for text in FORMULAS),
        ("Jane Doe", "Jane Doe"),
        ("a=b", "a=b"),  # only the first character counts
        ("", ""),
        (-5, -5),  # numbers stay numbers
        (-2.5, -2.5),
        (None, None),
        (True, True),
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(value, cell):
    assert csv_cell(value) == cell


def test_csv_export_escapes_text_cells_and_keeps_numbers(odd_records, tmp_path: Path):
    kb = _kb_file(tmp_path, odd_records)
    out = tmp_path / "kb.csv"
    result = CliRunner().invoke(main, ["export", str(kb), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        row = list(csv.DictReader(handle))[-1]
    assert (row["text"], row["sentence"], row["purpose"]) == ("'=SUM(A1:A9)", "'-5 degrees", "'@cmd")
    assert (row["amount"], row["amount_high"]) == ("-5", "-2.5")
    assert pd.read_csv(out)["amount"].iloc[-1] == -5


def test_speakers_csv_escapes_text_cells(tmp_path: Path):
    quote = dict.fromkeys(record_keys())
    quote.update(schema_version=1, id="q_0000000000000001", type="quote", doc_id="=doc.txt", start=0, end=1)
    quote.update(text="x", rule="cue-say", speaker='=HYPERLINK("http://x")', speaker_role="+chair")
    result = CliRunner().invoke(main, ["speakers", str(_kb_file(tmp_path, [quote])), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert (row["speaker"], row["role"], row["documents"], row["quotes"]) == (
        '\'=HYPERLINK("http://x")',
        "'+chair",
        "'=doc.txt",
        "1",
    )


# --- Parquet --------------------------------------------------------------------------------------

ARROW = {"integer": "int64", "number": "double", "boolean": "bool", "string": "string"}


def test_parquet_has_typed_columns_and_reads_back_in_duckdb_and_pandas(odd_records, tmp_path: Path):
    kb = _kb_file(tmp_path, odd_records)
    out = tmp_path / "kb.parquet"
    result = CliRunner().invoke(main, ["export", str(kb), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert f"{len(odd_records)} parquet items" in result.stderr
    schema = pq.read_schema(out)
    assert schema.names == list(record_keys())
    assert {name: str(schema.field(name).type) for name in schema.names} == {
        name: ARROW[kind] for name, kind in field_types().items()
    }
    frame = pd.read_parquet(out)
    back = [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]
    assert [r["id"] for r in back] == [r["id"] for r in odd_records]
    for got, want in zip(back, odd_records, strict=True):
        assert {k: v for k, v in got.items() if v is not None} == {k: v for k, v in want.items() if v is not None}
    db = duckdb.sql(
        f"select amount, amount_high, approx, start from read_parquet('{out}') where id = 'm_00000000000000ff'"
    )
    assert db.fetchall() == [(-5.0, -2.5, odd_records[-1]["approx"], odd_records[-1]["start"])]
    assert [str(t) for t in db.types] == ["DOUBLE", "DOUBLE", "BOOLEAN", "BIGINT"]


def test_parquet_is_written_in_batches_and_an_empty_kb_keeps_its_columns(tmp_path: Path):
    from extract.tools.export.tables import write_parquet

    records = [_record(i, amount=i * 1.5) for i in range(5)]
    out = tmp_path / "kb.parquet"
    assert write_parquet(iter(records), out, batch_size=2) == 5
    assert pq.ParquetFile(out).metadata.num_row_groups == 3
    assert pq.read_table(out).column("amount").to_pylist() == [0.0, 1.5, 3.0, 4.5, 6.0]
    assert write_parquet([], out) == 0
    assert pq.read_schema(out).names == list(record_keys())
    assert [p.name for p in tmp_path.iterdir()] == ["kb.parquet"]  # no temporary file left


def test_a_bad_kb_leaves_the_previous_parquet_file(tmp_path: Path):
    kb = _kb_file(tmp_path, [_record(1)])
    with kb.open("a", encoding="utf-8") as handle:
        handle.write("{oops\n")
    out = tmp_path / "kb.parquet"
    out.write_bytes(b"previous")
    result = CliRunner().invoke(main, ["export", str(kb), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"extract: {kb}: line 2 is not JSON")
    assert out.read_bytes() == b"previous" and sorted(p.name for p in tmp_path.iterdir()) == ["kb.jsonl", "kb.parquet"]


def test_without_pyarrow_parquet_says_what_to_install(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # importing it now raises ImportError
    kb = _kb_file(tmp_path, [_record(1)])
    result = CliRunner().invoke(main, ["export", str(kb), "--format", "parquet", "-o", str(tmp_path / "kb.parquet")])
    assert result.exit_code == 2
    assert result.stderr == "extract: --format parquet needs pyarrow: pip install 'extract-claims[parquet]'\n"
    assert not (tmp_path / "kb.parquet").exists()


# --- DuckDB and SQLite --------------------------------------------------------------------------


def test_duckdb_columns_type_a_column_that_is_null_on_every_row(tmp_path: Path):
    kb = _kb_file(tmp_path, [_record(i) for i in range(3)])  # amount_high, value_high... null throughout
    guessed = duckdb.sql(f"select amount_high, negated from read_json_auto('{kb}')").types
    assert [str(t).strip('"') for t in guessed] == ["NULL", "NULL"]  # what the helper is for
    typed = duckdb.sql(
        "select * from read_json($kb, columns = $columns)", params={"kb": str(kb), "columns": duckdb_columns()}
    )
    types = dict(zip(typed.columns, map(str, typed.types), strict=True))
    assert list(types) == list(record_keys())
    assert (types["amount_high"], types["negated"], types["start"], types["speaker"]) == (
        "DOUBLE",
        "BOOLEAN",
        "BIGINT",
        "VARCHAR",
    )
    assert typed.fetchall()[0][typed.columns.index("amount")] == 1.0


def test_sqlite_documents_carry_the_date_basis(tmp_path: Path):
    import sqlite3

    documents = {"a.txt": {"doc_id": "a.txt", "date": "2016-10-02", "date_basis": "path"}}
    out = tmp_path / "kb.sqlite"
    export([_record(1, doc_date="2016-10-02", date_basis="path")], {}, "sqlite", out, documents=documents)
    db = sqlite3.connect(out)
    assert db.execute("select date, date_basis from documents").fetchall() == [("2016-10-02", "path")]
    assert db.execute("select doc_date, date_basis from claims").fetchall() == [("2016-10-02", "path")]
    db.close()
    assert json.loads(json.dumps(field_types()))["date_basis"] == "string"


@pytest.mark.parametrize("fmt", ["csv", "parquet", "sqlite"])
def test_an_export_into_a_missing_folder_names_the_folder(tmp_path: Path, fmt: str):
    kb = _kb_file(tmp_path, [_record(1)])
    out = tmp_path / "gone" / f"kb.{fmt}"
    result = CliRunner().invoke(main, ["export", str(kb), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"extract: cannot write {out}: folder {out.parent} does not exist; create it first\n"
