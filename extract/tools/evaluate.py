"""Scoring knowledge-base records against the gold annotations (the ``extract eval`` command).

The gold (``tests/gold/GUIDELINES.md``; each claim type's gold list and accuracies are in its
``extract.tools.scoring`` entry) stores each claim as a string, not as offsets, so that
annotators never count characters. Scoring therefore first locates every gold item in its
document: the k-th gold item of a type with a given string takes the k-th occurrence of that
string (``str.find``). Predictions carry offsets (``start``/``end``, end exclusive; a direct
quote may include its quote marks), and gold and predictions are matched one to one by character
overlap, per document and type, greedily by largest overlap first (ties: gold start, then
prediction start), so the same input always gives the same report.

Nested quotes count as one. The gold may hold a reported clause and the quoted fragment inside
it as two entries, and a system may give either or both; both readings are right, so among the
gold quotes of a document only the outermost ones are kept (a span lying inside another gold
quote's span is dropped), and likewise among the predicted quotes (a predicted fragment inside a
predicted clause is not a separate prediction). A system that finds the clause, the fragment or
both then scores one true positive, never a false positive or a miss for the other layer.

A gold item may accept more than one value for a compared field: ``<field>_alt`` holds a
second accepted value or a list of them (``speaker_alt``, GUIDELINES: the organisation that ran
a survey as well as the respondent group). Every matched pair that fails an accuracy is listed
under ``<accuracy>_errors`` (``speaker_errors``: gold and predicted speaker, the gold span and
the prediction's), so that a low accuracy can be read case by case.

Only documents in the gold are scored; records for other documents are ignored. Records that
cannot be scored (unknown type, missing or out-of-range offsets) are listed under ``errors``
rather than counted, so that a broken record shows up as a bug and not as a low precision.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import get_close_matches
from typing import Any

from extract.tools.scoring import SCORING, scored


def _gold_keys() -> dict[str, tuple[str, str]]:
    """Record type -> (gold list key, gold field holding the string to locate), for each scored type."""
    return {name: (scoring.gold_list, scoring.gold_text) for name, scoring in scored().items()}


@dataclass(frozen=True)
class _Item:
    """A gold item or prediction located in its document."""

    start: int
    end: int
    index: int  # position in input order, the last tie-breaker
    data: dict[str, Any]


def load_gold(path: str | os.PathLike) -> dict[str, dict]:
    """Read ``gold.jsonl`` into doc id -> gold object.

    Every problem is a ValueError starting ``file:line:`` so that the annotator can go straight
    to the line; a key that looks like a misspelt list ("quote" for "quotes") is refused, as it
    would otherwise silently score as an empty gold; other keys ("url", notes) are ignored.
    """
    gold: dict[str, dict] = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{where}: not valid JSON ({err.msg})") from None
            problem = _gold_problem(obj)
            if problem is None and obj["doc"] in gold:
                problem = f"duplicate doc {obj['doc']!r}"
            if problem is not None:
                raise ValueError(f"{where}: {problem}")
            gold[obj["doc"]] = obj
    return gold


def _gold_problem(obj: Any) -> str | None:
    """What is wrong with one parsed gold line, or None."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    if not isinstance(obj.get("doc"), str) or not obj["doc"]:
        return "missing 'doc' (a non-empty string)"
    lists = {key: field for key, field in _gold_keys().values()}
    numbers = {scoring.gold_list: scoring.gold_numbers for scoring in scored().values()}
    misspelt = [key for key in sorted(set(obj) - {"doc", *lists}) if get_close_matches(key, lists, n=1, cutoff=0.75)]
    if misspelt:  # "quote" for "quotes" would score as an empty gold; other keys ("url") are notes
        return f"unknown key {misspelt[0]!r} (expected doc, {', '.join(lists)})"
    for key, field in lists.items():
        items = obj.get(key, [])
        if not isinstance(items, list):
            return f"'{key}' must be a list"
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict):
                return f"{key} item {n} is not an object"
            if not isinstance(item.get(field), str) or not item[field]:
                return f"{key} item {n}: missing '{field}' (a non-empty string)"
            for name in numbers[key]:
                value = item.get(name)
                if value is not None and not _is_number(value):
                    return f"{key} item {n}: '{name}' must be a number or null"
            for name in sorted(k for k in item if k.endswith(ALT)):
                if _alternatives(item[name]) is None:
                    return f"{key} item {n}: '{name}' must be a string, a list of strings or null"
    return None


def evaluate(gold: dict[str, dict], records: Iterable[dict], texts: dict[str, str]) -> dict:
    """Score ``records`` against ``gold``; ``texts`` holds each gold document's text.

    Raises ValueError when a gold document has no text or a gold string is not in its document:
    both mean the gold and the corpus disagree, and no score would be meaningful.
    """
    for doc in gold:
        if doc not in texts:
            raise ValueError(f"{doc}: gold document has no text")
    golds = {(doc, kind): _locate(doc, kind, gold[doc], texts[doc]) for doc in gold for kind in _gold_keys()}
    preds, errors = _predictions(records, golds.keys(), texts)
    types = {}
    for kind in _gold_keys():
        matched: list[tuple[str, _Item, _Item]] = []
        misses, false_positives = [], []
        for doc in gold:
            g_items, p_items = golds[doc, kind], preds[doc, kind]
            if kind == "quote":
                g_items, p_items = _outermost(g_items), _outermost(p_items)
            pairs = _match(g_items, p_items)
            matched += [(doc, g, p) for g, p in pairs]
            used = {id(item) for pair in pairs for item in pair}
            misses += [_where(doc, texts[doc], g) for g in g_items if id(g) not in used]
            false_positives += [_where(doc, texts[doc], p) for p in p_items if id(p) not in used]
        types[kind] = _score(kind, [(g.data, p.data) for _, g, p in matched], fn=len(misses), fp=len(false_positives))
        types[kind].update(misses=misses, false_positives=false_positives)
        types[kind].update(_accuracy_errors(kind, matched, texts))
    return {"protocol": "gold", "types": types, "documents": len(gold), "errors": errors}


def coverage(report: dict, gold: Collection[str], covered: set[str]) -> str | None:
    """Record in ``report`` how many of the ``gold`` documents are among the ``covered`` ones (a
    KB's) and which are not; the warning to print when some are not, else None."""
    missing = sorted(doc for doc in gold if doc not in covered)
    report["covered"] = len(gold) - len(missing)
    report["missing"] = missing
    if not missing:
        return None
    shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
    return (
        f"warning: the KB covers {report['covered']} of {len(gold)} gold documents; {len(missing)} missing "
        f"(their gold claims count as misses): {shown}"
    )


def _accuracy_errors(kind: str, matched: list[tuple[str, _Item, _Item]], texts: dict[str, str]) -> dict[str, list]:
    """``<accuracy>_errors``: each matched pair failing that accuracy, with both sides' values."""
    out = {}
    for name, checks in SCORING[kind].accuracies.items():
        out[f"{name}_errors"] = [
            {
                **_where(doc, texts[doc], g),
                "predicted_start": p.start,
                "predicted_end": p.end,
                **{f"gold_{field}": g.data.get(field) for field, _ in checks},
                **{f"gold_{field}{ALT}": g.data[field + ALT] for field, _ in checks if field + ALT in g.data},
                **{f"predicted_{field}": p.data.get(field) for field, _ in checks},
            }
            for doc, g, p in matched
            if not _passes(g.data, p.data, checks)
        ]
    return out


def _predictions(
    records: Iterable[dict], keys: Iterable[tuple[str, str]], texts: dict[str, str]
) -> tuple[dict[tuple[str, str], list[_Item]], list[str]]:
    """The scorable records of gold documents by (doc, type) in offset order, and the errors."""
    preds: dict[tuple[str, str], list[_Item]] = {key: [] for key in keys}
    docs = {doc for doc, _ in preds}
    errors = []
    for index, record in enumerate(records):
        doc = record.get("doc_id")
        if doc not in docs:
            continue
        problem = _record_problem(record, len(texts[doc]))
        if problem is None:
            preds[doc, record["type"]].append(_Item(*_scored_span(record), index, record))
        else:
            errors.append(f"{doc}: record {record.get('id', index)}: {problem}")
    return {key: sorted(items, key=_order) for key, items in preds.items()}, errors


def _locate(doc: str, kind: str, obj: dict, text: str) -> list[_Item]:
    """Give each gold item of one type its span, in offset order.

    The k-th item with a given string takes the k-th occurrence of the string.
    """
    key, field = _gold_keys()[kind]
    found: dict[str, list[int]] = {}
    items = []
    for index, item in enumerate(obj.get(key, [])):
        s = item[field]
        starts = found.setdefault(s, [])
        start = text.find(s, starts[-1] + 1 if starts else 0)
        if start < 0:
            nth = len(starts) + 1
            raise ValueError(f"{doc}: gold {kind} {s!r} (occurrence {nth}) is not in the document")
        starts.append(start)
        items.append(_Item(start, start + len(s), index, item))
    return sorted(items, key=_order)


def _scored_span(record: dict) -> tuple[int, int]:
    """The span compared with the gold: a quote's content where the record has one, else the record.

    The gold stores a quote's words without its marks, so a prediction is placed by its content
    too; by its marks, a quoted word closing a longer quote ("...to be 'limited.'") would stick out
    past the longer quote's content and count as a second quote.
    """
    start, end = record.get("content_start"), record.get("content_end")
    if _is_int(start) and _is_int(end) and record["start"] <= start < end <= record["end"]:
        return start, end
    return record["start"], record["end"]


def _record_problem(record: dict, length: int) -> str | None:
    """Why a record for a gold document cannot be scored, or None."""
    if record.get("type") not in _gold_keys():
        return f"unknown type {record.get('type')!r}"
    return span_problem(record, length)


def span_problem(record: dict, length: int) -> str | None:
    """Why a record's ``start``/``end`` are not a span of its ``length``-character text, or None."""
    start, end = record.get("start"), record.get("end")
    if not (_is_int(start) and _is_int(end)):
        return "start and end must be integers"
    if not 0 <= start < end <= length:
        return f"span {start}-{end} is not a non-empty span of the {length}-character text"
    return None


def _order(item: _Item) -> tuple[int, int, int]:
    return item.start, -item.end, item.index


def _outermost(items: list[_Item]) -> list[_Item]:
    """Drop every item whose span lies inside another's (of equal spans the first is kept).

    In (start, longest first) order an item lies inside an earlier one exactly when its end does
    not pass the furthest end seen so far.
    """
    kept: list[_Item] = []
    furthest = -1
    for item in sorted(items, key=_order):
        if item.end > furthest:
            kept.append(item)
            furthest = item.end
    return kept


def _match(golds: list[_Item], preds: list[_Item]) -> list[tuple[_Item, _Item]]:
    """Pair gold and predictions one to one, largest character overlap first."""
    candidates = []
    for g in golds:
        for p in preds:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                key = (-overlap, g.start, p.start, g.end, p.end, g.index, p.index)
                candidates.append((key, g, p))
    candidates.sort(key=lambda c: c[0])
    pairs = []
    used: set[int] = set()
    for _, g, p in candidates:
        if id(g) not in used and id(p) not in used:
            used.update((id(g), id(p)))
            pairs.append((g, p))
    return pairs


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _where(doc: str, text: str, item: _Item) -> dict[str, Any]:
    return {"doc": doc, "start": item.start, "end": item.end, "text": text[item.start : item.end]}


def _same_number(a: Any, b: Any) -> bool:
    """Exact numeric equality via the shortest decimal form.

    2010000 == 2010000.0 and 0.5 == 0.50, but a float that is merely close (2009999.9999999998,
    the trace of a float computation) is a wrong value, not a rounding difference.
    """
    if a is None or b is None:
        return a is None and b is None
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except InvalidOperation:
        return False


def _name(name: Any) -> str | None:
    """A speaker or holder as compared: whitespace (incl. no-break space) collapsed, casefolded."""
    if not isinstance(name, str):
        return None
    return " ".join(name.split()).casefold() or None


# How one field of a gold item and of a prediction are compared (``Scoring.accuracies``).
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "exact": lambda a, b: a == b,
    "number": lambda a, b: _same_number(a, b),
    "name": lambda a, b: _name(a) == _name(b),
}


ALT = "_alt"  # a gold field ``<field>_alt`` holds further accepted values of ``<field>``


def _alternatives(value: Any) -> list[str] | None:
    """The accepted alternatives a ``<field>_alt`` value lists, or None when it is malformed."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _passes(g: dict, p: dict, checks: tuple[tuple[str, str], ...]) -> bool:
    """Every checked field agrees with the gold value or with one of its alternatives."""
    return all(any(_COMPARE[how](value, p.get(name)) for value in _accepted(g, name)) for name, how in checks)


def _accepted(g: dict, name: str) -> list[Any]:
    """The gold value of a field and its alternatives."""
    return [g.get(name), *(_alternatives(g.get(name + ALT)) or [])]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _score(kind: str, matched: list[tuple[dict, dict]], *, fn: int, fp: int) -> dict[str, Any]:
    """Counts, P/R/F1, the type's accuracies on matched pairs and, where defined, end-to-end."""
    tp = len(matched)
    scores: dict[str, Any] = {"tp": tp, "fp": fp, "fn": fn, **_prf(tp, fp, fn)}
    scoring = SCORING[kind]
    right = {name: sum(_passes(g, p, checks) for g, p in matched) for name, checks in scoring.accuracies.items()}
    for name, n in right.items():
        scores[f"{name}_accuracy"] = n / tp if tp else None
    if scoring.end_to_end is not None:
        e2e_tp = right[scoring.end_to_end]
        scores["e2e"] = {"tp": e2e_tp, **_prf(e2e_tp, fp + tp - e2e_tp, fn + tp - e2e_tp)}
    return scores


def format_report(report: dict) -> str:
    """The report as an aligned plain-text table, one row per type, for the terminal."""
    header = ["type", "tp", "fp", "fn", "P", "R", "F1", "e2e P", "e2e R", "e2e F1", "accuracy"]
    rows = [header]
    for kind, s in report["types"].items():
        e2e = s.get("e2e")
        accuracy = "  ".join(
            f"{key.removesuffix('_accuracy')} {fmt(value)}" for key, value in s.items() if key.endswith("_accuracy")
        )
        rows.append(
            [
                kind,
                *(str(s[k]) for k in ("tp", "fp", "fn")),
                *(fmt(s[k]) for k in ("precision", "recall", "f1")),
                *(fmt(e2e[k]) if e2e else "-" for k in ("precision", "recall", "f1")),
                accuracy,
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = []
    for first, *numbers, accuracy in rows:
        cells = [first.ljust(widths[0]), *map(str.rjust, numbers, widths[1:]), accuracy]
        lines.append("  ".join(cells).rstrip())
    lines.append(f"documents: {report['documents']}")
    failed = [
        f"{kind} {key.removesuffix('_errors')} {len(value)}"
        for kind, s in report["types"].items()
        for key, value in s.items()
        if key.endswith("_errors") and value
    ]
    if failed:
        lines.append(f"accuracy errors: {', '.join(failed)} (listed with --json)")
    if report["errors"]:
        lines.append(f"errors ({len(report['errors'])}):")
        lines += [f"  {e}" for e in report["errors"]]
    return "\n".join(lines)


def fmt(value: float | None) -> str:
    """A score as printed: three decimals, or "-" when undefined."""
    return "-" if value is None else f"{value:.3f}"
