"""Reading and writing KB files: JSON Lines, one record a line; the KB's column types for other tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import IO, Any, get_args, get_type_hints

from extract.kb.records import dumps, record_keys
from extract.stages.registry import claim_types

# KB schema types -> DuckDB column types, for ``read_json(..., columns=duckdb_columns())``.
_DUCKDB_TYPES = {"integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "string": "VARCHAR"}
# What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_jsonl(lines: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    count = 0
    for record in lines:
        handle.write(dumps(record) + "\n")
        count += 1
    return count


def _iter_jsonl(path: Path, required: Sequence[str], what: str) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file one by one, or a ValueError naming the first bad line."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"line {number} is not JSON ({err.msg}): is this {what}?") from err
            if not isinstance(obj, dict) or any(key not in obj for key in required):
                raise ValueError(f"line {number} has no {' or '.join(required)}: is this {what}?")
            yield obj


_KB = ("id", "type", "doc_id"), "a knowledge base written by `extract run`"


def iter_kb(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a KB file one at a time: a KB of millions of claims need not fit in memory."""
    return _iter_jsonl(path, *_KB)


def read_kb(path: Path) -> list[dict[str, Any]]:
    """The records of a KB file written by ``extract run``, in file order."""
    return list(iter_kb(path))


def read_documents(path: Path) -> dict[str, dict[str, Any]]:
    """A documents list written by ``extract run``, by doc id."""
    entries = _iter_jsonl(path, ("doc_id",), "a documents list written by `extract run`")
    return {entry["doc_id"]: entry for entry in entries}


def entities_beside(kb: str | Path) -> Path:
    """The entities file ``extract run`` writes beside a KB: kb.jsonl gives kb.entities.jsonl."""
    return Path(str(kb).removesuffix(".jsonl") + ".entities.jsonl")


def read_entities(path: Path) -> list[dict[str, Any]]:
    """A run's entities file (``KB.entities.jsonl``), in file order."""
    return list(_iter_jsonl(path, ("id", "name", "mentions"), "an entities file written by `extract run`"))


@cache
def _schema() -> dict[str, Any]:
    return json.loads(files("extract.kb").joinpath("schema.json").read_text(encoding="utf-8"))


def field_types() -> dict[str, str]:
    """Each record key's JSON Schema type ("integer", "number", "boolean" or "string"), in file order.

    Taken from the KB's JSON Schema; a field of a claim type the schema does not know yet comes
    from its fields dataclass. Tools need it because a column that is null on every row of a KB
    says nothing of its type.
    """
    properties = _schema()["properties"]
    annotated = {name: kind for claim in claim_types() for name, kind in _json_types(claim.fields).items()}
    types = {}
    for name in record_keys():
        spec = properties.get(name, {"type": annotated.get(name, "string")})
        kinds = spec.get("type", "string" if "enum" in spec else "integer")  # only schema_version has neither
        types[name] = next(k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null")
    return types


def _json_types(fields_class: type) -> dict[str, str]:
    """A fields dataclass's fields as JSON Schema types."""
    hints = get_type_hints(fields_class)
    names = {bool: "boolean", int: "integer", Decimal: "number", float: "number"}
    return {
        name: next((names[t] for t in get_args(hint) or (hint,) if t in names), "string")
        for name, hint in hints.items()
    }


def duckdb_columns() -> dict[str, str]:
    """The ``columns`` of DuckDB's ``read_json`` for a KB: every column typed even where all its
    values are null (which DuckDB's guess would type ``NULL``)::

        duckdb.sql("select * from read_json('kb.jsonl', columns=$c)", params={"c": duckdb_columns()})
    """
    return {name: _DUCKDB_TYPES[kind] for name, kind in field_types().items()}


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell a spreadsheet shows and never runs: a string starting like a formula
    gets a single quote in front, as OWASP recommends against CSV injection. Numbers stay numbers
    (-5 is not a formula)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
