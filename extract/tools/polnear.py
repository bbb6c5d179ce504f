"""PolNeAR's brat layout and the development sets' protocol for scoring quotes on it.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in US political news as
brat standoff. A compartment folder (``polnear/data/dev``) holds ``text/<article>.txt`` and
``attributions/<article>_<annotator>.ann``: ``T`` lines are spans (``T3<TAB>Content 115 290;300
310<TAB>text``, Python string offsets into the text read with universal newlines, a
discontinuous span's fragments separated by ``;``), ``E`` lines tie a Source, a Cue and Content
spans into one attribution (``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``; a role may
carry a number, ``Content2``). A few articles were annotated by several annotators: the first
file in name order is read, as the protocol says to use one file per article.

The protocol (the development README; the figures agree with its reference scorer):

- gold: the attributions whose content holds a double quote mark (direct and mixed quotes);
- recall: a gold quote is found when one predicted quote covers at least 30% of its content
  characters (each fragment of an interrupted quote may be predicted separately; the best one
  counts, the first in KB order among equals). Matching is not one to one: one prediction may
  find several gold quotes;
- precision: a predicted quote is right when at least half of its characters lie inside gold
  attribution contents (any attribution: PolNeAR also annotates indirect speech). As in the
  reference, the characters are counted content span by content span, so a character inside
  two nested contents counts twice;
- speaker: for each found quote whose attribution has a source, the best prediction's speaker
  mention (``speaker_start``/``speaker_end``) overlaps the gold Source span.

Predictions are the KB's quote records, matched to articles by the stem of their ``doc_id``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from extract.tools.evaluate import fmt, span_problem

Span = tuple[int, int]

FOUND = 0.3  # share of a gold quote's content one prediction must cover
INSIDE = 0.5  # share of a prediction that must lie inside gold contents
QUOTE_MARKS = re.compile('["\u201c\u201d]')
_SPAN_LINE = re.compile(r"T\d*\t")
_EVENT_LINE = re.compile(r"E\d*\t")
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")  # "<article>_4e07.ann"
_ROLE_NUMBER = re.compile(r"\d+$")


@dataclass(frozen=True)
class Attribution:
    """One attribution, each role's spans flattened (a role's several spans and fragments)."""

    id: str
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True)
class BratDoc:
    doc_id: str  # the article's name: its text file's stem, what a KB record's doc_id stem must be
    text: str
    attributions: tuple[Attribution, ...]


# --- reading ------------------------------------------------------------------------------------


def is_brat_folder(path: str | os.PathLike) -> bool:
    """A compartment in brat layout: ``text/`` and ``attributions/`` side by side."""
    return (Path(path) / "text").is_dir() and (Path(path) / "attributions").is_dir()


def brat_folders_below(path: str | os.PathLike) -> list[str]:
    """Brat compartments one or two levels below ``path`` (``polnear/`` holds ``data/dev``), for a hint."""
    root = Path(path)
    found = [p for pattern in ("*", "*/*") for p in root.glob(pattern) if is_brat_folder(p)]
    return sorted(str(p) for p in found)


def read_brat(folder: str | os.PathLike) -> list[BratDoc]:
    """Every annotated article of a compartment, one annotator's file per article, in name order.

    Articles in ``text/`` without a ``.ann`` file are not annotated, so they are not scored.
    Raises ValueError naming the file when the layout or a line is wrong.
    """
    folder = Path(folder)
    if not is_brat_folder(folder):
        raise ValueError(f"{folder}: not a brat folder (needs text/ and attributions/ in it)")
    docs, seen = [], set()
    anns = sorted((p for p in (folder / "attributions").glob("*.ann") if not p.name.startswith(".")), key=str)
    for ann in anns:
        article = article_of(ann.stem)
        if article in seen:
            continue
        seen.add(article)
        text_path = folder / "text" / f"{article}.txt"
        if not text_path.is_file():
            raise ValueError(f"{ann}: no text file {text_path}; put the article's text there or remove the .ann")
        text = _read(text_path)
        attributions = parse_ann(_read(ann), len(text), str(ann))
        docs.append(BratDoc(article, text, attributions))
    if not docs:
        raise ValueError(f"{folder / 'attributions'}: no .ann files; is this the compartment PolNeAR annotated?")
    return docs


def _read(path: Path) -> str:
    """A brat file's text (universal newlines, as the offsets count them), or a ValueError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: not UTF-8 ({err.reason} at byte {err.start}); brat files are UTF-8") from None


def article_of(ann_stem: str) -> str:
    """The article an annotation file is for: its stem without the annotator's suffix."""
    return _ANNOTATOR.sub("", ann_stem)


def parse_ann(content: str, length: int, where: str = "<ann>") -> tuple[Attribution, ...]:
    """The attributions of one ``.ann`` file's content, for a text of ``length`` characters.

    Only span (T) and event (E) lines are read; notes, relations and the continuation lines of a
    span text holding a line break are skipped. Errors are ValueErrors starting ``where:line:``.
    """
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[tuple[int, str, dict[str, list[str]]]] = []
    for lineno, line in enumerate(content.split("\n"), 1):
        try:
            if _SPAN_LINE.match(line):
                tid, found = _span_line(line, length)
                spans[tid] = found
            elif _EVENT_LINE.match(line):
                events.append((lineno, *_event_line(line)))
        except ValueError as err:
            raise ValueError(f"{where}:{lineno}: {err}") from None
    out = []
    for lineno, eid, roles in events:
        missing = sorted(t for ts in roles.values() for t in ts if t not in spans)
        if missing:
            raise ValueError(f"{where}:{lineno}: event {eid} refers to {missing[0]}, a span the file does not define")
        source, cue, content = (_role_spans(roles, spans, role) for role in ("Source", "Cue", "Content"))
        out.append(Attribution(eid, source, cue, content))
    return tuple(out)


def _role_spans(roles: dict[str, list[str]], spans: dict[str, tuple[Span, ...]], role: str) -> tuple[Span, ...]:
    """Every span of one role's arguments, fragments flattened, in argument order."""
    return tuple(se for tid in roles.get(role, []) for se in spans[tid])


def _span_line(line: str, length: int) -> tuple[str, tuple[Span, ...]]:
    """``T3<TAB>Content 115 290;300 310<TAB>text`` -> ("T3", ((115, 290), (300, 310)))."""
    parts = line.split("\t", 2)
    label_offsets = parts[1].split(" ", 1) if len(parts) == 3 else []
    if len(label_offsets) != 2:
        raise ValueError("a span line is ID<TAB>LABEL START END[;START END...]<TAB>TEXT")
    found = []
    for fragment in label_offsets[1].split(";"):
        numbers = fragment.split()
        if len(numbers) != 2 or not all(n.isdigit() for n in numbers):
            raise ValueError(f"span offsets {fragment!r} are not START END")
        start, end = int(numbers[0]), int(numbers[1])
        if not start <= end <= length:
            raise ValueError(f"span {start}-{end} is outside the {length}-character text; is it the article's .ann?")
        found.append((start, end))
    return parts[0], tuple(found)


def _event_line(line: str) -> tuple[str, dict[str, list[str]]]:
    """``E1<TAB>Attribution:T4 Content:T3 Content2:T7`` -> ("E1", {"Attribution": ["T4"], "Content": ["T3", "T7"]})."""
    eid, _, args = line.partition("\t")
    roles: dict[str, list[str]] = {}
    for arg in args.split():
        role, colon, tid = arg.partition(":")
        if not colon or not tid:
            raise ValueError(f"event argument {arg!r} is not ROLE:ID")
        roles.setdefault(_ROLE_NUMBER.sub("", role), []).append(tid)
    return eid, roles


# --- the protocol -------------------------------------------------------------------------------


def covered(spans: Iterable[Span], start: int, end: int) -> int:
    """Characters of ``start``-``end`` inside ``spans``, counted span by span (as the reference does)."""
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


def is_quote(text: str, attribution: Attribution) -> bool:
    """A direct or mixed quote: its content holds a double quote mark."""
    return any(QUOTE_MARKS.search(text[s:e]) for s, e in attribution.content)


def _joined(text: str, spans: Sequence[Span]) -> str:
    """A discontinuous span's text as brat writes it: fragments joined by one space."""
    return " ".join(text[s:e] for s, e in spans)


def _where(doc: BratDoc, spans: Sequence[Span]) -> dict[str, Any]:
    return {
        "doc": doc.doc_id,
        "start": min(s for s, _ in spans),
        "end": max(e for _, e in spans),
        "text": _joined(doc.text, spans),
    }


def _best(content: Sequence[Span], preds: Sequence[dict]) -> tuple[float, dict | None]:
    """The prediction covering the largest share of a gold content; the first among equals."""
    length = max(1, sum(e - s for s, e in content))
    best, best_pred = 0.0, None
    for p in preds:
        share = covered(content, p["start"], p["end"]) / length
        if share > best:
            best, best_pred = share, p
    return best, best_pred


def _speaker_right(source: Sequence[Span], p: dict) -> bool:
    start, end = p.get("speaker_start"), p.get("speaker_end")
    return isinstance(start, int) and isinstance(end, int) and covered(source, start, end) > 0


def _speaker_error(doc: BratDoc, a: Attribution, p: dict) -> dict[str, Any]:
    """A found quote whose predicted speaker mention misses the gold source: both sides."""
    return {
        **_where(doc, a.content),
        "predicted_start": p["start"],
        "predicted_end": p["end"],
        "gold_speaker": _joined(doc.text, a.source),
        "gold_speaker_start": min(s for s, _ in a.source),
        "gold_speaker_end": max(e for _, e in a.source),
        "predicted_speaker": p.get("speaker_mention"),
        "predicted_speaker_start": p.get("speaker_start"),
        "predicted_speaker_end": p.get("speaker_end"),
        "predicted_speaker_name": p.get("speaker"),
    }


# The lists scoring an article gives: predictions right and wrong, gold quotes, found and missed,
# and the speakers of found quotes, right and wrong.
OUTCOMES = ("right", "false_positives", "gold", "found", "misses", "speaker_right", "speaker_errors")


def score_document(doc: BratDoc, preds: Sequence[dict]) -> dict[str, list]:
    """One article's outcomes: the lists whose lengths the protocol's figures are made of."""
    contents = [se for a in doc.attributions for se in a.content]
    out: dict[str, list] = {key: [] for key in OUTCOMES}
    for p in preds:
        inside = covered(contents, p["start"], p["end"]) / (p["end"] - p["start"])
        where = {"doc": doc.doc_id, "start": p["start"], "end": p["end"], "text": doc.text[p["start"] : p["end"]]}
        (out["right"] if inside >= INSIDE else out["false_positives"]).append({**where, "inside": round(inside, 3)})
    for a in (a for a in doc.attributions if is_quote(doc.text, a)):
        out["gold"].append(a.id)
        share, p = _best(a.content, preds)
        if p is None or share < FOUND:
            out["misses"].append({**_where(doc, a.content), "covered": round(share, 3)})
            continue
        out["found"].append(a.id)
        if not a.source:
            continue
        if _speaker_right(a.source, p):
            out["speaker_right"].append(a.id)
        else:
            out["speaker_errors"].append(_speaker_error(doc, a, p))
    return out


def quote_predictions(docs: Sequence[BratDoc], records: Iterable[dict]) -> tuple[dict[str, list[dict]], list[str]]:
    """The KB's quote records by article (KB order), and the records that cannot be scored.

    A record belongs to the article its ``doc_id``'s stem names (the KB of ``extract run
    polnear/data/dev/text`` has ``<article>.txt``); records of other articles are ignored.
    """
    lengths = {doc.doc_id: len(doc.text) for doc in docs}
    preds: dict[str, list[dict]] = {doc_id: [] for doc_id in lengths}
    errors = []
    for index, record in enumerate(records):
        doc_id = record.get("doc_id")
        if record.get("type") != "quote" or not isinstance(doc_id, str):
            continue
        article = PurePath(doc_id).stem
        if article not in preds:
            continue
        problem = span_problem(record, lengths[article])
        if problem is None:
            preds[article].append(record)
        else:
            errors.append(f"{doc_id}: record {record.get('id', index)}: {problem}")
    return preds, errors


def score_polnear(docs: Sequence[BratDoc], records: Iterable[dict]) -> dict[str, Any]:
    """The protocol's report: counts, P/R/F1, speaker accuracy and every miss and error."""
    preds, errors = quote_predictions(docs, records)
    totals: dict[str, list] = {key: [] for key in OUTCOMES}
    for doc in docs:
        for key, items in score_document(doc, preds[doc.doc_id]).items():
            totals[key] += items
    n_pred = len(totals["right"]) + len(totals["false_positives"])
    precision = len(totals["right"]) / n_pred if n_pred else 0.0
    recall = len(totals["found"]) / len(totals["gold"]) if totals["gold"] else 0.0
    speaker_n = len(totals["speaker_right"]) + len(totals["speaker_errors"])
    quote = {
        "gold": len(totals["gold"]),
        "predicted": n_pred,
        "found": len(totals["found"]),
        "right": len(totals["right"]),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "speaker_n": speaker_n,
        "speaker_right": len(totals["speaker_right"]),
        "speaker_accuracy": len(totals["speaker_right"]) / speaker_n if speaker_n else None,
        "misses": totals["misses"],
        "false_positives": totals["false_positives"],
        "speaker_errors": totals["speaker_errors"],
    }
    return {"protocol": "polnear", "types": {"quote": quote}, "documents": len(docs), "errors": errors}


def format_polnear(report: dict[str, Any]) -> str:
    """The protocol's figures as a small table for the terminal."""
    q = report["types"]["quote"]
    speaker = f"{fmt(q['speaker_accuracy'])} ({q['speaker_right']} of {q['speaker_n']})"
    rows = [
        ["type", "gold", "pred", "found", "right", "P", "R", "F1", "speaker"],
        [
            "quote",
            *(str(q[k]) for k in ("gold", "predicted", "found", "right")),
            *(fmt(q[k]) for k in ("precision", "recall", "f1")),
            speaker,
        ],
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["PolNeAR protocol: direct and mixed quotes; found when >= 30% covered, right when >= 50% inside"]
    lines += ["  ".join([r[0].ljust(widths[0]), *map(str.rjust, r[1:-1], widths[1:]), r[-1]]) for r in rows]
    lines.append(f"documents: {report['documents']}")
    lines.append(f"speaker errors: {len(q['speaker_errors'])} (listed with --json)")
    if report["errors"]:
        lines.append(f"errors ({len(report['errors'])}):")
        lines += [f"  {e}" for e in report["errors"]]
    return "\n".join(lines)
