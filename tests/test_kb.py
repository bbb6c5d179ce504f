"""The knowledge-base contract: what other tools and our evaluation rely on."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from extract.io.atomic import atomic_writer
from extract.kb.records import claim_id, record_keys

SCHEMA = json.loads((resources.files("extract.kb") / "schema.json").read_text(encoding="utf-8"))


def all_records(corpus_records):
    return [r for _, recs in corpus_records.values() for r in recs]


def test_schema_lists_exactly_the_fields_records_carry():
    assert list(SCHEMA["properties"]) == list(record_keys())


def test_every_corpus_record_validates(corpus_records):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    records = all_records(corpus_records)
    assert {r["type"] for r in records} == {"quote", "money", "count", "stance"}
    for record in records:
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, f"{record['id']}: {errors[0].message}"


def test_text_is_the_source_slice_and_parts_point_into_the_source(corpus_records):
    for text, records in corpus_records.values():
        for r in records:
            assert text[r["start"] : r["end"]] == r["text"]
            if r["type"] == "quote":
                assert text[r["content_start"] : r["content_end"]] == r["content"]
                assert r["start"] <= r["content_start"] <= r["content_end"] <= r["end"]
                if r["speaker_start"] is not None:
                    assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker_mention"]
            if r["sentence"] is not None:
                assert r["text"].strip()[:20] in r["sentence"] or r["sentence"] in r["text"]


def test_records_are_in_offset_order_with_stable_unique_ids(corpus_records):
    for doc_id, (_, records) in corpus_records.items():
        keys = [(r["start"], r["end"]) for r in records]
        assert keys == sorted(keys)
        ids = [r["id"] for r in records]
        assert len(ids) == len(set(ids))
        assert all(r["id"] == claim_id(doc_id, r["type"], r["start"], r["end"]) for r in records)


def test_claims_inside_a_quote_point_to_it(corpus_records):
    for _, records in corpus_records.values():
        quotes = {r["id"]: r for r in records if r["type"] == "quote"}
        for r in records:
            if r["quote_id"] is not None:
                host = quotes[r["quote_id"]]
                assert host["start"] <= r["start"] and r["end"] <= host["end"]


def test_atomic_writer_keeps_the_old_file_when_interrupted(tmp_path):
    target = tmp_path / "kb.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("half a new fi")
        raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kb.jsonl"]


@pytest.fixture(scope="module")
def kb_file(tmp_path_factory, corpus_records):
    from extract.kb.records import dumps

    path = tmp_path_factory.mktemp("kb") / "kb.jsonl"
    path.write_text("".join(dumps(r) + "\n" for r in all_records(corpus_records)), encoding="utf-8")
    return path


def test_loads_in_pandas_as_one_table(kb_file):
    import pandas as pd

    frame = pd.read_json(kb_file, lines=True, dtype={"id": str, "quote_id": str})
    assert list(frame.columns) == list(record_keys())
    assert frame["id"].str.match(r"^[qmcs]_[0-9a-f]{16}$").all()
    assert frame["start"].dtype.kind == "i"
    assert frame.loc[frame["type"] == "money", "amount"].notna().all()


def test_loads_in_duckdb_as_one_table(kb_file):
    import duckdb

    con = duckdb.connect()
    rel = con.sql(f"select * from read_json_auto('{kb_file}', format='newline_delimited')")
    assert rel.columns == list(record_keys())
    types = dict(zip(rel.columns, [str(t) for t in rel.types], strict=True))
    assert types["id"] == "VARCHAR" and types["start"] in {"BIGINT", "INTEGER"}
    assert types["amount"] in {"DOUBLE", "BIGINT", "DECIMAL(18,3)"} or types["amount"].startswith("DECIMAL")
    count = con.sql(f"select count(*) from read_json_auto('{kb_file}') where type = 'quote'").fetchall()[0][0]
    assert count > 50


def test_ids_are_unique_when_two_cues_introduce_one_block(nlp):
    """ "Responding to X, Y said:" has two cues before the same quoted paragraphs: one record each."""
    import extract

    text = (
        "Responding to the report the union leader Amy Pike said:\n"
        "“We welcome the extra money for schools across the whole of the county this winter.\n"
        "“It will help pupils across the region who have waited far too long for new classrooms.”\n"
    )
    quotes = [r for r in extract.claims(text, nlp) if r["type"] == "quote"]
    assert len(quotes) == 2 and len({q["id"] for q in quotes}) == 2
    assert {q["speaker"] for q in quotes} == {"Amy Pike"}
