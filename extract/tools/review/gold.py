"""Reviewed claims as gold annotations that ``extract eval`` reads, and rejected claims as
counterexamples for the rules that produced them.

Only documents with at least one standing decision are reviewed, so only they become gold. In
them, accepted and corrected claims are gold with the values the reviewer saw (corrections
applied), added claims are gold, rejected claims are not, and undecided claims are dropped (the
default: the reviewer did not vouch for them) or kept as the KB has them (``undecided="accept"``).
Decided claims come from the decisions alone, so the gold does not move when a re-run changes the
KB: that is what lets ``extract eval`` measure the re-run against the review.

The gold format locates an item by its string, the k-th item with a string taking the k-th
occurrence (``extract.tools.evaluate``). A claim whose string also occurs earlier, where nothing of
its type is gold, would be placed there, so its string is lengthened with the characters that
follow it until it is found at its own place; scoring matches by overlap, so the item still
matches the claim.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from extract.tools.review.decisions import Review
from extract.tools.review.fields import fields_of, values
from extract.tools.scoring import scored

UNDECIDED = ("drop", "accept")


@dataclass
class GoldSummary:
    """What the conversion did, for the command's report."""

    documents: int = 0
    items: Counter = field(default_factory=Counter)  # claim type -> gold items
    undecided: int = 0  # undecided claims in reviewed documents (dropped or kept, as asked)
    problems: list[str] = field(default_factory=list)  # decided claims that no longer fit their article


@dataclass(frozen=True)
class _Judged:
    """A claim as it goes into the gold: its span and reviewed values."""

    type: str
    start: int
    end: int
    text: str
    values: Mapping[str, Any]


def gold_lines(
    records: Iterable[Mapping[str, Any]],
    review: Review,
    text_of: Callable[[str], str | None],
    undecided: str = "drop",
) -> tuple[list[dict[str, Any]], GoldSummary]:
    """One gold object per reviewed document (sorted by doc id), and the summary.

    ``text_of(doc_id)`` gives the article; a reviewed document without one is a ValueError, since
    its gold could not be located.
    """
    if undecided not in UNDECIDED:
        raise ValueError(f"undecided claims are either {' or '.join(UNDECIDED)}, not {undecided!r}")
    summary = GoldSummary()
    reviewed = review.reviewed_documents()
    judged: dict[str, list[_Judged]] = {doc: [] for doc in reviewed}
    in_kb = set()
    for record in records:
        in_kb.add(record["id"])
        if record["doc_id"] not in reviewed:
            continue
        line = review.standing(record["id"])
        if line is None:
            summary.undecided += 1
            if undecided == "accept":
                judged[record["doc_id"]].append(
                    _Judged(record["type"], record["start"], record["end"], record["text"], values(record))
                )
        elif line["decision"] != "reject":
            judged[record["doc_id"]].append(_from_line(line))
    for claim, line in review.current().items():  # decided claims the KB does not hold (gone, or added)
        if claim not in in_kb and line["decision"] != "reject":
            judged[line["doc_id"]].append(_from_line(line))
    lines = []
    for doc in sorted(judged):
        text = text_of(doc)
        if text is None:
            raise ValueError(f"{doc}: reviewed, but its article cannot be read, so its gold cannot be placed")
        lines.append(_gold_document(doc, text, judged[doc], summary))
    summary.documents = len(lines)
    return lines, summary


def _from_line(line: Mapping[str, Any]) -> _Judged:
    return _Judged(line["type"], line["start"], line["end"], line["text"], line["values"])


def _gold_document(doc: str, text: str, claims: list[_Judged], summary: GoldSummary) -> dict[str, Any]:
    obj: dict[str, Any] = {"doc": doc}
    for kind, scoring in scored().items():
        key, located = scoring.gold_list, scoring.gold_text
        items = []
        last: dict[str, int] = {}  # string -> where its last item was placed, as extract eval places them
        for claim in sorted((c for c in claims if c.type == kind), key=lambda c: (c.start, c.end)):
            if text[claim.start : claim.end] != claim.text:
                summary.problems.append(
                    f"{doc}: {claim.type} {claim.text!r} is no longer at {claim.start}-{claim.end} (the article "
                    "changed since the review); left out"
                )
                continue
            start, end = _gold_span(text, claim, located)
            item = {located: _placeable(text, start, end, last)}
            for f in fields_of(kind):
                if f.name != located:
                    item[f.gold or f.name] = claim.values.get(f.name)
            items.append(item)
        obj[key] = items
        summary.items[kind] += len(items)
    return obj


def _gold_span(text: str, claim: _Judged, located: str) -> tuple[int, int]:
    """The span the gold string covers: a reviewed field inside the claim (a quote's content), else the claim."""
    inner = claim.values.get(located)
    if isinstance(inner, str) and inner:
        at = text.find(inner, claim.start, claim.end)
        if at >= 0:
            return at, at + len(inner)
    return claim.start, claim.end


def _placeable(text: str, start: int, end: int, last: dict[str, int]) -> str:
    """``text[start:end]``, lengthened to the right until ``extract eval`` would place it at ``start``."""
    for stop in range(end, len(text) + 1):
        string = text[start:stop]
        if text.find(string, last.get(string, -1) + 1) == start:
            last[string] = start
            return string
    raise ValueError(f"{text[start:end]!r} at {start} cannot be told apart from an earlier occurrence in gold")


def counterexamples(review: Review) -> list[dict[str, Any]]:
    """For each rule with rejected claims, the sentences they came from (in file order, once each),
    ready for the rule's ``counterexamples``; one object per rule, sorted by rule id."""
    sentences: dict[str, list[str]] = {}
    for line in review.current().values():
        if line["decision"] == "reject" and line.get("rule"):
            found = sentences.setdefault(line["rule"], [])
            sentence = " ".join((line.get("sentence") or line["text"]).split())
            if sentence not in found:
                found.append(sentence)
    return [{"rule": rule, "counterexamples": sentences[rule]} for rule in sorted(sentences)]
