"""The totals a reviewer looks at first: claims per document and type, the top speakers, and the
money mentioned per document, with amounts that are rates or repeats left out of the sums."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from extract.rules.words import shipped_words
from extract.stages.registry import claim_types
from extract.tools.report.escape import esc
from extract.tools.report.page import Document

TOP_SPEAKERS = 10
TOTAL_ROWS = 30  # sums (currency and purpose) the all-documents row lists; it says how many more there are


def top_speakers(records: Iterable[Mapping[str, Any]], n: int = TOP_SPEAKERS) -> list[tuple[str, int, int]]:
    """(speaker, quotes, documents) for the n speakers with most quotes; ties by name so the page is stable."""
    quotes: Counter[str] = Counter()
    docs: defaultdict[str, set[str]] = defaultdict(set)
    for record in records:
        if record["type"] == "quote" and record.get("speaker"):
            quotes[record["speaker"]] += 1
            docs[record["speaker"]].add(record["doc_id"])
    ranked = sorted(quotes.items(), key=lambda item: (-item[1], item[0]))[:n]
    return [(name, count, len(docs[name])) for name, count in ranked]


Measure = tuple[str, str]  # (currency, purpose): what a sum adds up


@dataclass
class MoneyTotals:
    """Money mentioned, per document, currency and purpose, and what was left out of the sums and why.

    A sum adds up amounts that measure the same thing: one currency and one purpose (the
    record's ``purpose``, as written, in lower case): "a funding gap of £20m", "savings of £5m"
    and "a deficit of £3m" are three sums. An amount whose purpose the text does not say is
    shown alone, never added to another (``alone``): two figures of unknown purpose ("$1,805",
    "$100m") may measure anything. A range counts its low end. Left out: an amount per unit or
    an exchange rate ("$100 per barrel", "Rs 9,000 per acre", "$1.10 to the euro"), a price,
    not money spent or saved; a figure repeated in one document ("£33m" in the story and again
    in a quote), one figure, so each normalised value counts once per document (where it says
    its purpose, if it does once); an amount inside another ("$185m, including a record $100m",
    "of which $74m"), already in it; and the earlier level or the size of a change ("fell from
    $135m to $100m": only the level it came to, $100m, counts).
    """

    sums: dict[str, dict[Measure, Decimal]]  # doc id -> (currency, purpose) -> sum
    alone: dict[str, dict[str, list[Decimal]]]  # doc id -> currency -> amounts whose purpose is not said
    left_out: dict[str, Counter]  # doc id -> "rate" / "repeat" / "part" / "change" -> how many amounts

    def totals(self) -> dict[Measure, Decimal]:
        """Per currency and purpose over all documents (a figure in two documents counts in both)."""
        out: defaultdict[Measure, Decimal] = defaultdict(Decimal)
        for per in self.sums.values():
            for measure, amount in per.items():
                out[measure] += amount
        return dict(sorted(out.items()))


def measure_of(record: Mapping[str, Any]) -> tuple[str, str | None]:
    """What a money record measures: its currency and its purpose in lower case (None: not said)."""
    purpose = record.get("purpose")
    return record.get("currency") or "?", " ".join(purpose.lower().split()) if purpose else None


_YEAR_WORDS = {"year", "years", "annum", "yr"}  # "£3bn a year" is a budget, summed like the others
_PER_UNIT_NOUNS = {"barrel", "share", "head", "person", "capita", "unit", "pupil", "patient", "household", "piece"}


@cache
def _rate_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What follows and what precedes an amount that is a rate, from the shipped word lists."""
    words = shipped_words()
    measures = words["measure-units"] - words["not-measure-units"]
    units = (measures | words["time-units"] | _PER_UNIT_NOUNS) - _YEAR_WORDS
    names = {w for w in words.union("currency-names", "currency-units", "currency-shared") if w.isalpha()}
    currencies = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    unit_words = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    years = "|".join(_YEAR_WORDS)
    after = re.compile(
        rf"\s*(?:(?:per|each|every)\s+(?!(?:{years})\b)\w|/\s*\w|each\b|apiece\b"
        rf"|an?\s+(?:{unit_words})s?\b|(?:to|against|per|=)\s+(?:the\s+|one\s+|a\s+|an\s+|1\s+)?(?:us\s+)?(?:{currencies})\b)",
        re.IGNORECASE,
    )
    before = re.compile(r"(?:\bper\s+(?!(?:" + years + r")\b)\w+\s*[:\-–]?|exchange\s+rate\s+(?:of\s+)?|=)\s*$", re.I)
    return after, before


def is_rate(record: Mapping[str, Any], text: str | None) -> bool:
    """Whether a money record is a price per unit or an exchange rate, from the words around it in
    ``text`` (the source) or, without it, in the record's sentence."""
    after, before = _rate_patterns()
    if text is not None and text[record["start"] : record["end"]] == record["text"]:
        return bool(after.match(text, record["end"])) or bool(
            before.search(text[max(0, record["start"] - 40) : record["start"]])
        )
    sentence = record.get("sentence") or ""
    at = sentence.find(record["text"])
    if at < 0:
        return False
    return bool(after.match(sentence, at + len(record["text"]))) or bool(before.search(sentence[max(0, at - 40) : at]))


# Words that put the amount after them inside one said before: "including a record $100m", "of which $74m".
_PART_OF = re.compile(r"\b(?:including|includes|included|of which|of that|within that)\b[^.;:()$£€¥]{0,30}$", re.I)


def is_part(record: Mapping[str, Any], text: str | None) -> bool:
    """Whether a money record is a part of an amount said before it, from the words before it in
    ``text`` or, without it, in its sentence."""
    if text is not None and text[record["start"] : record["end"]] == record["text"]:
        return bool(_PART_OF.search(text[max(0, record["start"] - 50) : record["start"]]))
    sentence = record.get("sentence") or ""
    at = sentence.find(record["text"])
    return at > 0 and bool(_PART_OF.search(sentence[max(0, at - 50) : at]))


def money_by_document(
    records: Iterable[Mapping[str, Any]], text_of: Callable[[str], str | None] = lambda doc_id: None
) -> MoneyTotals:
    """The money sums of each document, currency and purpose, exact with Decimal (see
    ``MoneyTotals``); ``text_of`` gives a document's source, to read the words around an amount."""
    counted: dict[tuple, str | None] = {}  # each figure once per document: its purpose, once one is said
    left_out: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        if record["type"] != "money" or record.get("amount") is None:
            continue
        doc, (currency, purpose) = record["doc_id"], measure_of(record)
        high = record.get("amount_high")
        key = (doc, currency, Decimal(str(record["amount"])), None if high is None else Decimal(str(high)))
        if is_rate(record, text_of(doc)):
            left_out[doc]["rate"] += 1
        elif is_part(record, text_of(doc)):
            left_out[doc]["part"] += 1
        elif record.get("change_role") in {"from", "by"}:
            left_out[doc]["change"] += 1
        elif key in counted:
            left_out[doc]["repeat"] += 1
            counted[key] = counted[key] or purpose
        else:
            counted[key] = purpose
    sums: dict[str, dict[Measure, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    alone: dict[str, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for (doc, currency, amount, _), purpose in counted.items():
        if purpose is None:
            alone[doc][currency].append(amount)
        else:
            sums[doc][currency, purpose] += amount
    docs = sorted(set(sums) | set(alone) | set(left_out))
    return MoneyTotals(
        {d: dict(sorted(sums[d].items())) for d in docs},
        {d: {c: sorted(a, reverse=True) for c, a in sorted(alone[d].items())} for d in docs},
        {d: left_out[d] for d in docs},
    )


def _table(head: list[str], rows: list[list[str]], foot: list[str] | None = None) -> str:
    """An HTML table from cells that are already escaped; every column after the first is right-aligned."""

    def row(cells: list[str], tag: str) -> str:
        return (
            "<tr>"
            + "".join(f"<{tag}{' class=num' if i else ''}>{cell}</{tag}>" for i, cell in enumerate(cells))
            + "</tr>"
        )

    tfoot = f"<tfoot>{row(foot, 'td')}</tfoot>" if foot else ""
    return f"<table><thead>{row(head, 'th')}</thead><tbody>{''.join(row(r, 'td') for r in rows)}</tbody>{tfoot}</table>"


def _left_out(counts: Counter) -> str:
    parts = {
        "rate": "rate or per-unit",
        "repeat": "repeated",
        "part": "part of another",
        "change": "earlier level or size of a change",
        "alone": "purpose not said (shown alone)",
    }
    return ", ".join(f"{n} {parts[why]}" for why, n in sorted(counts.items()) if n)


def totals_html(records: list[dict], docs: list[Document], text_of: Callable[[str], str | None]) -> str:
    """The first section: claims per document and type, top speakers, money per document and currency."""
    counts = {d.doc_id: Counter(r["type"] for r in d.records) for d in docs}
    names = [kind.name for kind in claim_types()]
    claims_table = _table(
        ["Document", *names, "all"],
        [[d.link(), *(str(counts[d.doc_id][t]) for t in names), str(len(d.records))] for d in docs],
        ["All documents", *(str(sum(c[t] for c in counts.values())) for t in names), str(len(records))],
    )
    speakers_table = _table(
        ["Speaker", "quotes", "documents"], [[esc(name), str(n), str(k)] for name, n, k in top_speakers(records)]
    )
    by_doc = {d.doc_id: d for d in docs}
    money = money_by_document(records, text_of)

    def sums(per: Mapping[Measure, Decimal], alone: Mapping[str, list[Decimal]], most: int | None = None) -> str:
        rows = [f"{esc(code)} {total:,} <span class=n>{esc(what)}</span>" for (code, what), total in per.items()]
        rows += [
            f"{esc(currency)} {' · '.join(f'{amount:,}' for amount in amounts)} <span class=n>purpose not said,"
            f" {'each alone' if len(amounts) > 1 else 'alone'}</span>"
            for currency, amounts in alone.items()
        ]
        more = f"<br><span class=n>and {len(rows) - most} more</span>" if most is not None and len(rows) > most else ""
        return "<br>".join(rows[:most]) + more

    def unsaid(alone: Mapping[str, list[Decimal]]) -> Counter:
        return Counter(alone=sum(len(amounts) for amounts in alone.values()))

    money_rows = [
        [
            by_doc[doc_id].link(),
            sums(per, money.alone[doc_id]),
            esc(_left_out(money.left_out[doc_id] + unsaid(money.alone[doc_id]))),
        ]
        for doc_id, per in money.sums.items()
    ]
    all_left_out = sum((c for c in money.left_out.values()), Counter())
    all_left_out += sum((unsaid(alone) for alone in money.alone.values()), Counter())
    money_table = (
        _table(
            ["Document", "sum", "not added"],
            money_rows,
            ["All documents", sums(money.totals(), {}, TOTAL_ROWS), _left_out(all_left_out)],
        )
        if money_rows
        else "<p>No money claims.</p>"
    )
    return (
        '<section class="totals" id="totals" aria-labelledby="totals-h"><h2 class="wide" id="totals-h">Totals</h2>'
        f'<div class="wide"><h3>Claims per document and type</h3>{claims_table}</div>'
        f"<div><h3>Top speakers (quotes)</h3>{speakers_table}</div>"
        '<div class="wide"><h3>Money mentioned per document</h3><p class="n">Sums of one currency and one purpose'
        " (what the money is: \u201cdeficit\u201d, \u201csavings\u201d), each figure once per document; an amount"
        " whose purpose is not said is shown alone, never added;"
        " prices per unit, exchange rates, parts of an amount (\u201cincluding\u2026\u201d) and the earlier"
        " level of a change (\u201cfrom $3m to $5m\u201d) are not added.</p>"
        f"{money_table}</div></section>"
    )
