"""The knowledge base: records (one flat JSON object per claim), their schema, reading and writing."""

from extract.kb.io import read_documents, read_kb, write_jsonl
from extract.kb.records import SCHEMA_VERSION, claim_id, dumps, record_keys, records

__all__ = ["SCHEMA_VERSION", "claim_id", "dumps", "read_documents", "read_kb", "record_keys", "records", "write_jsonl"]
