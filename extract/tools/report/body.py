"""Where the article body is in a text, as the documents list records it, for the pages to show.

The run keeps the article's paragraphs (``body_spans``: [start, end] character ranges; ``body_start``
and ``body_end`` are their outer bounds) and leaves out page furniture inside them where it stands
(``skipped``: ranges with a reason, "repeated line", "caption", ...). Claims come from the kept
text only, so the pages show the rest greyed, each piece with why it was left out, and a line per
document saying how much was kept. Documents lists written before ``body_spans`` have only the
outer bounds (then that one range is the body), or nothing (then the whole text is).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

BEFORE = "before the article body"
AFTER = "after the article body"
BETWEEN = "left out of the article body"
SKIPPED = "skipped as page furniture"


# How text left out of the body looks, on the report and the review page alike: greyed, and read
# out as "Left out, <reason>: … End of left-out text." (generated content: not copied, not searched,
# not counted in selection offsets).
OUT_STYLES = """.text .out { color: var(--muted); background: var(--out); }
.text .out::before, .text .out::after { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
.text .out::before { content: "Left out, " attr(data-why) ": "; }
.text .out::after { content: " End of left-out text."; }
.text .out mark.hl[class*=" on-"] { color: var(--ink); }"""


@dataclass(frozen=True)
class Body:
    """The kept and left-out parts of one text, every range inside ``[0, length]``."""

    length: int
    known: bool  # whether the documents list says where the body is (else all of the text is kept)
    kept: list[tuple[int, int]]
    left_out: list[tuple[int, int, str]]  # (start, end, why), sorted and apart: the complement of ``kept``
    skipped: list[tuple[int, int, str]] | None  # the list's skipped ranges (reason as given); None: not recorded

    @property
    def kept_chars(self) -> int:
        return sum(end - start for start, end in self.kept)

    def why_left_out(self, start: int, end: int) -> str | None:
        """Why ``start``-``end`` is not (all) body text: the first left-out piece it overlaps, or None."""
        return next((why for a, b, why in self.left_out if a < end and start < b), None)

    def note(self) -> str | None:
        """The line under a document's title: the ranges skipped inside the body and the characters kept."""
        if not self.known:
            return None
        kept = f"{self.kept_chars:,} of {self.length:,} characters kept as the article body"
        if self.skipped is None:
            return kept
        if not self.skipped:
            return f"Nothing skipped inside the body · {kept}"
        reasons = Counter(reason or "no reason given" for _, _, reason in self.skipped)
        listed = ", ".join(f"{reason} ×{n}" if n > 1 else reason for reason, n in reasons.most_common())
        ranges = "range" if len(self.skipped) == 1 else "ranges"
        return f"{len(self.skipped)} {ranges} skipped ({listed}) · {kept}"


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clip(start: int, end: int, length: int) -> tuple[int, int] | None:
    start, end = max(0, start), min(end, length)
    return (start, end) if start < end else None


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _body_ranges(entry: Mapping[str, Any], length: int) -> list[tuple[int, int]] | None:
    """The body as ranges: ``body_spans``, else the outer bounds, else None (not recorded)."""
    spans = entry.get("body_spans")
    if isinstance(spans, list):
        pairs = [s for s in spans if isinstance(s, (list, tuple)) and len(s) == 2 and all(map(_int, s))]
        return _merged(r for a, b in pairs if (r := _clip(a, b, length)))
    start, end = entry.get("body_start"), entry.get("body_end")
    if _int(start) or _int(end):
        clipped = _clip(start if _int(start) else 0, end if _int(end) else length, length)
        return [clipped] if clipped else []
    return None


def _skipped(entry: Mapping[str, Any], length: int) -> list[tuple[int, int, str]] | None:
    items = entry.get("skipped")
    if not isinstance(items, list):
        return None
    out = []
    for item in items:
        valid = isinstance(item, Mapping) and _int(item.get("start")) and _int(item.get("end"))
        if valid and (clipped := _clip(item["start"], item["end"], length)):
            reason = item.get("reason")
            out.append((*clipped, reason.strip() if isinstance(reason, str) else ""))
    return sorted(out)


def _starting_by(ranges: list[tuple[int, int, str]], first: int, at: int) -> Iterable[tuple[int, int, str]]:
    """``ranges[first:]`` (sorted) up to the last that starts at or before ``at``."""
    for r in ranges[first:]:
        if r[0] > at:
            return
        yield r


def body_of(entry: Mapping[str, Any] | None, length: int) -> Body:
    """The body of a text of ``length`` characters as ``entry`` (its documents-list entry) records it.

    Kept is the body less the skipped ranges. Everything else is left out, each piece with why:
    the skipped range's reason, or that it lies before, after or between the body's ranges.
    """
    entry = entry or {}
    body = _body_ranges(entry, length)
    skipped = _skipped(entry, length)
    if body is None and skipped is None:
        return Body(length, False, [(0, length)] if length else [], [], None)
    if body is None:
        body = [(0, length)] if length else []
    cuts = sorted({0, length} | {x for r in body for x in r} | {x for s in skipped or () for x in s[:2]})
    low, high = (body[0][0], body[-1][1]) if body else (length, length)
    pieces: list[tuple[int, int, str | None]] = []
    left = skipped or []
    b = s = 0
    for start, end in pairwise(cuts):
        while b < len(body) and body[b][1] <= start:
            b += 1
        while s < len(left) and left[s][1] <= start:
            s += 1
        reason = next((r[2] for r in _starting_by(left, s, start) if start < r[1]), None)
        if reason is not None:
            why: str | None = f"{SKIPPED}: {reason}" if reason else SKIPPED
        elif b < len(body) and body[b][0] <= start:
            why = None
        else:
            why = BEFORE if end <= low else AFTER if start >= high else BETWEEN
        if pieces and pieces[-1][1] == start and pieces[-1][2] == why:
            pieces[-1] = (pieces[-1][0], end, why)
        else:
            pieces.append((start, end, why))
    kept = [(a, z) for a, z, why in pieces if why is None]
    left_out = [(a, z, why) for a, z, why in pieces if why is not None]
    return Body(length, True, kept, left_out, skipped)
