"""The review's decisions: ``KB.review.jsonl`` beside the KB, one JSON line per decision, only
ever appended.

A line is ``{"id", "time", "decision", "claim", "doc_id", ...}`` with ``decision`` one of
``accept``, ``reject``, ``correct``, ``add`` or ``undo``. The first four also hold the claim as it
was judged (``type``, ``start``, ``end``, ``text``, ``rule``, ``sentence``), its reviewed
``values`` with the corrections applied, the corrected ``fields`` alone, and the ``digest`` of the
KB's claim at the time (none for ``add``). An ``undo`` names the decision it takes back
(``undoes``); the claim's decision is then whichever of its earlier ones still stands. For each
claim, the last decision in file order that is not undone stands, so two tabs never overwrite
each other: both append, and the later one wins.

Appends must survive a killed server: each line is one ``os.write`` on an ``O_APPEND`` descriptor
followed by ``fsync``, so the file holds whole lines and at most a partial last one, which reading
ignores and the next writer cuts off before appending. One server writes a file at a time (an
exclusive ``flock``), so its in-memory state is the file's.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from extract.kb.records import claim_id
from extract.tools.review.fields import record_digest, values

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one server per file is then the user's to keep
    fcntl = None  # type: ignore[assignment]

DECISIONS = ("accept", "reject", "correct", "add", "undo")


def review_path(kb: str | os.PathLike) -> Path:
    """The decisions file beside a KB: kb.jsonl gives kb.review.jsonl."""
    return Path(os.fspath(kb).removesuffix(".jsonl") + ".review.jsonl")


def _new_line(decision: str, claim: str, doc_id: str, **fields: Any) -> dict[str, Any]:
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {
        "id": f"d_{secrets.token_hex(6)}",
        "time": now,
        "decision": decision,
        "claim": claim,
        "doc_id": doc_id,
        **fields,
    }


def judgement(decision: str, record: Mapping[str, Any], corrected: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """An accept, reject or correct line for a KB record, holding the claim as judged."""
    judged = {**values(record), **(corrected or {})}
    return _new_line(
        decision,
        record["id"],
        record["doc_id"],
        type=record["type"],
        start=record["start"],
        end=record["end"],
        text=record["text"],
        rule=record.get("rule"),
        sentence=record.get("sentence"),
        values=judged,
        fields=dict(corrected or {}),
        digest=record_digest(record),
    )


def addition(
    doc_id: str,
    kind: str,
    start: int,
    end: int,
    text: str,
    claim_values: Mapping[str, Any],
    typed: Mapping[str, Any],
) -> dict[str, Any]:
    """An add line: a claim the run missed, with the id the run would give it (so a later run that
    finds it shows it as this claim); ``typed`` are the values the reviewer gave, ``claim_values`` all of them."""
    return _new_line(
        "add",
        claim_id(doc_id, kind, start, end),
        doc_id,
        type=kind,
        start=start,
        end=end,
        text=text,
        rule=None,
        sentence=None,
        values=dict(claim_values),
        fields=dict(typed),
        digest=None,
    )


def undoing(line: Mapping[str, Any]) -> dict[str, Any]:
    return _new_line("undo", line["claim"], line["doc_id"], undoes=line["id"])


class Review:
    """Decision lines in file order, folded into the decision that stands for each claim."""

    def __init__(self, lines: Iterable[dict[str, Any]] = ()) -> None:
        self.lines: list[dict[str, Any]] = []
        self._standing: dict[str, list[dict[str, Any]]] = {}
        for line in lines:
            self.add(line)

    def add(self, line: dict[str, Any]) -> None:
        self.lines.append(line)
        stack = self._standing.setdefault(line["claim"], [])
        if line["decision"] == "undo":
            stack[:] = [d for d in stack if d["id"] != line.get("undoes")]
        else:
            stack.append(line)

    def stack(self, claim: str) -> list[dict[str, Any]]:
        """The claim's decisions not undone, oldest first: the last one stands."""
        return list(self._standing.get(claim, ()))

    def standing(self, claim: str) -> dict[str, Any] | None:
        stack = self._standing.get(claim)
        return stack[-1] if stack else None

    def is_standing(self, decision_id: str, claim: str) -> bool:
        return any(d["id"] == decision_id for d in self._standing.get(claim, ()))

    def current(self) -> dict[str, dict[str, Any]]:
        """claim id -> the decision that stands, for every claim with one, in file order of the claims."""
        return {claim: stack[-1] for claim, stack in self._standing.items() if stack}

    def reviewed_documents(self) -> set[str]:
        """Documents with at least one standing decision: the ones the review covers."""
        return {line["doc_id"] for line in self.current().values()}

    def stale(self, records: Mapping[str, Mapping[str, Any]]) -> tuple[list[dict], list[dict]]:
        """(gone, changed): standing decisions whose claim is no longer in the KB, and those whose
        claim is there with another text or other reviewed values than when it was decided."""
        gone, changed = [], []
        for claim, line in self.current().items():
            if line["decision"] == "add":
                continue
            record = records.get(claim)
            if record is None:
                gone.append(line)
            elif record_digest(record) != line["digest"]:
                changed.append(line)
        return gone, changed


def _parse(data: bytes, path: Path) -> list[dict[str, Any]]:
    """The whole lines of a decisions file; a partial last line (a write cut short) is ignored."""
    complete = data[: data.rfind(b"\n") + 1]
    lines = []
    for number, raw in enumerate(complete.split(b"\n")[:-1], 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise ValueError(f"{path}:{number}: not a JSON line ({err}): is this a review file?") from None
        if not (isinstance(line, dict) and line.get("decision") in DECISIONS and isinstance(line.get("claim"), str)):
            raise ValueError(f"{path}:{number}: not a review decision: is this a review file?")
        lines.append(line)
    return lines


def read_review(path: str | os.PathLike) -> Review:
    """The decisions of a review file (none when it does not exist yet)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Review()
    return Review(_parse(data, path))


class DecisionLog:
    """The one writer of a review file while ``extract review`` runs: appends lines durably and
    keeps the folded ``review`` in step with the file."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        created = not self.path.exists()
        self._fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise ValueError(
                        f"{self.path} is being written by another `extract review`: stop that one first"
                    ) from None
            data = self.path.read_bytes()
            self.review = Review(_parse(data, self.path))
            whole = data.rfind(b"\n") + 1
            if whole != len(data):  # a line cut short by a crash: it never counted, and must not prefix the next
                os.ftruncate(self._fd, whole)
                os.fsync(self._fd)
            if created:
                _sync_folder(self.path.parent)
        except BaseException:
            os.close(self._fd)
            raise

    def append(self, line: dict[str, Any]) -> dict[str, Any]:
        """Write one decision line (one write, then fsync) and fold it in; the line is returned."""
        data = (json.dumps(line, ensure_ascii=False, separators=(", ", ": ")) + "\n").encode()
        before = os.fstat(self._fd).st_size
        try:
            written = os.write(self._fd, data)
            if written != len(data):
                raise OSError(f"{self.path}: only {written} of {len(data)} bytes written (disk full?)")
            os.fsync(self._fd)
        except OSError:
            os.ftruncate(self._fd, before)  # the file keeps whole lines only
            raise
        self.review.add(line)
        return line

    def close(self) -> None:
        os.close(self._fd)


def _sync_folder(folder: Path) -> None:
    """Make a new file's name durable too (a crash right after creating it keeps the file)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
