"""Reading and writing KB files: JSON Lines, one record a line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from extract.kb.records import dumps


def write_jsonl(lines: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    count = 0
    for record in lines:
        handle.write(dumps(record) + "\n")
        count += 1
    return count


def _read_jsonl(path: Path, required: Sequence[str], what: str) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file, or a ValueError naming the first bad line."""
    out = []
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
            out.append(obj)
    return out


def read_kb(path: Path) -> list[dict[str, Any]]:
    """The records of a KB file written by ``extract run``, in file order."""
    return _read_jsonl(path, ("id", "type", "doc_id"), "a knowledge base written by `extract run`")


def read_documents(path: Path) -> dict[str, dict[str, Any]]:
    """A documents list written by ``extract run``, by doc id."""
    entries = _read_jsonl(path, ("doc_id",), "a documents list written by `extract run`")
    return {entry["doc_id"]: entry for entry in entries}
