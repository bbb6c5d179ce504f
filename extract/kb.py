"""The knowledge-base contract: one flat JSON record per claim, every key always present.

Pipeline components append ``Claim`` objects to ``doc._.claims``; ``records`` turns them into
the records documented in ``docs/kb_schema.md`` (and ``extract/kb.schema.json``). Every record
carries every key (null where it does not apply) so that pandas, DuckDB and spreadsheets read
the file as one table.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from spacy.tokens import Doc

from extract.storage import locate, upload

SCHEMA_VERSION = 1
ID_PREFIX = {"quote": "q", "money": "m", "count": "c", "stance": "s"}

COMMON_FIELDS = (
    "schema_version", "id", "type", "doc_id", "doc_title", "doc_date",
    "start", "end", "text", "sentence", "rule", "quote_id",
)
TYPE_FIELDS = {
    "quote": (
        "content", "content_start", "content_end", "quote_kind", "cue", "speaker", "speaker_mention", "speaker_start",
        "speaker_end", "speaker_role", "speaker_org",
    ),
    "money": ("amount", "amount_high", "currency", "period", "purpose"),
    "count": ("value", "value_high", "count_kind", "unit", "total"),
    "shared_figures": ("approx", "comparator"),
    "stance": ("polarity", "holder", "target", "negated", "negation_cue", "hedged", "hedge_cue", "stance_kind"),
}
FIELDS: tuple[str, ...] = COMMON_FIELDS + tuple(
    name for names in TYPE_FIELDS.values() for name in names
)

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@dataclass
class Claim:
    """One extracted claim, with character offsets into the spaCy doc's text."""

    type: str
    start: int
    end: int
    rule: str
    fields: dict[str, Any] = field(default_factory=dict)


def claims_of(doc: Doc) -> list[Claim]:
    """The doc's claim list, created on first use (a shared default list would leak across docs)."""
    if doc._.claims is None:
        doc._.claims = []
    return doc._.claims


def claim_id(doc_id: str, kind: str, start: int, end: int) -> str:
    digest = hashlib.sha1(f"{doc_id}\x1f{kind}\x1f{start}\x1f{end}".encode()).hexdigest()
    return f"{ID_PREFIX[kind]}_{digest[:16]}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def records(
    doc: Doc, text: str, *, doc_id: str, offset: int = 0, title: str | None = None,
    date: str | None = None, keep: Any = None,
) -> list[dict[str, Any]]:
    """KB records for one document, in offset order.

    ``doc`` was made from ``text[offset:]``, so claim offsets are shifted by ``offset``;
    ``keep(start, end)`` (source offsets) may veto claims, e.g. from repeated page lines.
    """
    out = []
    for claim in sorted(claims_of(doc), key=lambda c: (c.start, c.end, c.type, c.rule)):
        start, end = claim.start + offset, claim.end + offset
        if keep is not None and not keep(start, end):
            continue
        record: dict[str, Any] = dict.fromkeys(FIELDS)
        first = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        sents = (first[0].sent, first[-1].sent) if first is not None and len(first) else None
        record.update(
            schema_version=SCHEMA_VERSION,
            id=claim_id(doc_id, claim.type, start, end),
            type=claim.type,
            doc_id=doc_id,
            doc_title=title,
            doc_date=date,
            start=start,
            end=end,
            text=text[start:end],
            sentence=(
                text[sents[0].start_char + offset : sents[1].end_char + offset].strip()
                if sents else None
            ),
            rule=claim.rule,
        )
        for name, value in claim.fields.items():
            if name not in record:
                raise KeyError(f"claim field {name!r} is not in the KB schema")
            record[name] = _jsonable(value)
        for name in ("content_start", "speaker_start"):
            if record[name] is not None:  # offsets of parts of the claim, shifted like the claim
                end_name = name.replace("start", "end")
                record[name] += offset
                record[end_name] += offset
        if record["content_start"] is not None:
            record["content"] = text[record["content_start"] : record["content_end"]]
        if record["speaker_start"] is not None:
            record["speaker_mention"] = text[record["speaker_start"] : record["speaker_end"]]
        out.append(record)
    _link_quotes(out)
    return out


def _link_quotes(recs: list[dict[str, Any]]) -> None:
    """Give figures and stance inside a quote that quote's id (and stance its holder)."""
    quotes = [r for r in recs if r["type"] == "quote"]
    for rec in recs:
        if rec["type"] == "quote":
            continue
        host = next((q for q in quotes if q["start"] <= rec["start"] and rec["end"] <= q["end"]), None)
        if host is not None:
            rec["quote_id"] = host["id"]
            if rec["type"] == "stance" and rec["holder"] is None:
                rec["holder"] = host["speaker"]


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


@contextmanager
def atomic_writer(path: str | os.PathLike) -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path`` and rename it into place only on success.

    An interrupted run (Ctrl-C, kill, full disk) leaves the previous file intact. A URL (see
    ``extract.storage``) is written locally first and uploaded in one put when complete.
    """
    target = locate(path)
    if isinstance(target, str):
        with tempfile.TemporaryDirectory(prefix="extract-") as folder:
            finished = Path(folder) / "upload"
            with atomic_writer(finished) as handle:
                yield handle
            upload(finished, target)
        return
    with replaced_on_success(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def replaced_on_success(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it when the block ends without an error.

    Concurrent writers of one target (cache entries, worker processes) each get their own
    temporary file, named by process and a counter. It is created as a plain write would create
    the target (mode 0o666 less the umask, so an output the user shares stays readable); an
    existing target keeps its mode.
    """
    tmp = _new_temporary(target)
    try:
        yield tmp
        with suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_TEMPORARIES = itertools.count()


def _new_temporary(target: Path) -> Path:
    while True:
        tmp = target.with_name(f".{target.name}.{os.getpid()}-{next(_TEMPORARIES)}.tmp")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:  # left by a process that had this id before
            continue


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
