"""Who speaks across a knowledge base: one row per speaker, merged over all documents.

The pipeline already resolves every mention ("he", "Mr Hopson") to one canonical ``speaker``
string per document. Across documents the same person may be written "Donald Trump", "Donald J.
Trump", "Mr. Trump" or just "Trump": names with the same first and last word are one row (a
courtesy title or an abbreviated one, "Mr.", "Sen.", does not count; a generational suffix,
"Jr.", keeps a son apart), and a bare surname joins the full name carrying it only when exactly
one does (two Clintons, or Donald Trump and Donald Trump Jr., keep "Clinton" and "Trump" apart).
Nothing fuzzier, which could join two people.

What the pipeline took for a speaker is cleaned with small rules, each a pure function tested on
its own table: headline fragments ("Obama Says", "Trump Warns Clinton") and places are no
speakers; an age ("54") is no role; a title written where the organisation goes ("Sen.",
"Indiana Gov.") is no organisation, and becomes the role when there is none. Role and
organisation vary between articles ("chief executive" here, "chair" there), so a row shows the
one written most often.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import IO, Any

from extract.kb.io import csv_cell, write_jsonl
from extract.kb.names import SUFFIXES, affiliation, clean_role, is_title, name_key, name_words, shipped_name_lists
from extract.rules.words import shipped_words

__all__ = [
    "SPEAKER_FIELDS",
    "affiliation",
    "clean_role",
    "format_table",
    "is_title",
    "name_key",
    "speaker_index",
    "write_csv",
    "write_jsonl",
]

SPEAKER_FIELDS = ("speaker", "role", "org", "quotes", "documents", "first_date", "last_date", "id")
CONNECTORS = {"and", "&", "vs", "vs.", "v", "v.", "versus"}  # between two names in a headline
# Past forms a speech verb's regular rules miss.
IRREGULAR_PAST = {"say": "said", "tell": "told", "write": "wrote", "swear": "swore", "speak": "spoke"}


@dataclass(frozen=True)
class Lexicon:
    """The words the rules read: from the shipped word lists, or a test's own."""

    titles: frozenset[str]  # honorifics and role nouns, casefolded, without a dot
    past: frozenset[str]  # speech verbs in the past ("said", "warned")
    present: frozenset[str]  # speech verbs in the third person ("says", "warns")
    places: frozenset[str] = frozenset()  # countries and cities, "_" for a space ("new_york")


@cache
def shipped_lexicon() -> Lexicon:
    """The shipped lists: titles from honorifics and role nouns, verbs from speech and claim verbs;
    places only if a ``places`` list is shipped (none is yet: currency-places mixes places with
    institutions, the White House and the Pentagon, which do speak)."""
    words = shipped_words()
    past, present = verb_forms(words.union("speech-verbs", "claim-verbs"))
    places = frozenset(words.entries("places")) if "places" in words.lists else frozenset()
    titles = frozenset(w for w in words.union("honorifics", "role-nouns") if w != "the")
    return Lexicon(titles, past, present, places)


def verb_forms(lemmas: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Past and third-person forms of verbs: "warn" gives "warned" and "warns", "deny" "denied"
    and "denies". A form or two too many ("sayed") matches nothing and costs nothing."""
    past: set[str] = set()
    present: set[str] = set()
    for verb in lemmas:
        if verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
            past.add(verb[:-1] + "ied")
            present.add(verb[:-1] + "ies")
        else:
            past.update({verb + "d"} if verb.endswith("e") else {verb + "ed", verb + verb[-1] + "ed"})
            present.add(verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"))
        if verb in IRREGULAR_PAST:
            past.add(IRREGULAR_PAST[verb])
    return frozenset(past), frozenset(present)


def surname_counts(names: Iterable[str]) -> Counter[str]:
    """How many names carry each word as a surname: the last word of a full name (before a
    suffix), or a one-word name. Headline fragments are told by these."""
    counts: Counter[str] = Counter()
    for name in names:
        words = [w.casefold() for w in name_words(name)]
        while len(words) > 1 and words[-1] in SUFFIXES:
            words.pop()
        if words:
            counts[words[-1]] += 1
    return counts


def is_headline_fragment(name: str, surnames: Mapping[str, int], lexicon: Lexicon) -> bool:
    """A headline taken for a name: a speech verb right after the name of another speaker
    ("Clinton Said", "Obama Says"; not "Edward Said" or "United States" unless someone is called
    Edward or United), or two other speakers' names joined by speech verbs or "and", "vs"
    ("Trump Warns Clinton", "Trump vs Clinton"; not "Washington Post-ABC News").
    ``surnames`` are the ``surname_counts`` of all the speakers."""
    words = [w.casefold() for w in name_words(name)]
    own = surname_counts([name])

    def known(word: str) -> bool:
        return surnames.get(word, 0) - own.get(word, 0) > 0

    def verb(word: str) -> bool:
        return word in lexicon.past or word in lexicon.present

    if any(verb(word) and known(before) for before, word in pairwise(words)):
        return True
    joined = all(verb(w) or w in CONNECTORS for w in words[1:-1])
    return len(words) >= 3 and joined and known(words[0]) and known(words[-1]) and words[0] != words[-1]


def is_place(name: str, places: frozenset[str]) -> bool:
    """A speaker that is only a place name ("Washington" said nothing; its officials did)."""
    return "_".join(w.casefold() for w in name_words(name)) in places


def merged_names(counts: Counter[str], titles: frozenset[str] | None = None) -> dict[str, str]:
    """Each speaker name -> the name of its row: the most written full name sharing its key."""
    titles = shipped_lexicon().titles if titles is None else titles
    keys = {name: name_key(name, titles) for name in counts}
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name, key in keys.items():
        if key:
            by_key[key].append(name)
    full = [key for key in by_key if len(key) >= 2]
    for key in [k for k in by_key if len(k) == 1]:
        carriers = [k for k in full if k[1] == key[0]]  # Donald Trump Jr. carries "Trump" too
        if len(carriers) == 1:
            by_key[carriers[0]] += by_key.pop(key)

    def preference(name: str) -> tuple:
        """A full name as written most often, no title in front, then the shortest."""
        untitled = name_words(name)[0].rstrip(".").casefold() not in titles
        return (len(keys[name]) > 1, untitled, counts[name], -len(name))

    merged = {name: max(names, key=preference) for names in by_key.values() for name in names}
    return {name: merged.get(name, name) for name in counts}


def speaker_index(
    records: Iterable[Mapping[str, Any]],
    documents: Mapping[str, Mapping[str, Any]] | None = None,
    lexicon: Lexicon | None = None,
    entities: Iterable[Mapping[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One row per quoted speaker (see ``SPEAKER_FIELDS``), most quoted first, ties by name.

    With the run's ``entities`` (``KB.entities.jsonl``), a row is a corpus entity, found by the
    quotes' ``speaker_id``, with its name, role and organisation; without (a KB written before
    entities were), speakers are merged by name here. A record without ``doc_date`` takes its
    document's date from ``documents`` when given.
    """
    documents = documents or {}
    lexicon = lexicon or shipped_lexicon()
    said = [r for r in records if r["type"] == "quote" and r.get("speaker")]
    known = {e["id"]: e for e in entities or ()}
    quotes: dict[tuple[str, str | None], list[Mapping[str, Any]]] = defaultdict(list)
    if entities is not None:
        for record in said:  # a quote whose speaker is no entity keeps the name it has
            entity = known.get(record.get("speaker_id") or "")
            quotes[(entity["name"], entity["id"]) if entity else (record["speaker"], None)].append(record)
    else:
        names = Counter(r["speaker"] for r in said)
        surnames = surname_counts(names)
        speakers = Counter({name: n for name, n in names.items() if _speaker(name, surnames, lexicon)})
        same = merged_names(speakers, lexicon.titles)
        for record in said:
            if record["speaker"] in same:
                quotes[same[record["speaker"]], None].append(record)
    surnames = surname_counts(name for name, _ in quotes)
    rows = [
        _row(name, known.get(entity_id or ""), recs, documents, lexicon)
        for (name, entity_id), recs in quotes.items()
        if entities is None or _speaker(name, surnames, lexicon)
    ]
    return sorted(rows, key=lambda row: (-row["quotes"], row["speaker"], row["id"] or ""))


def _speaker(name: str, surnames: Mapping[str, int], lexicon: Lexicon) -> bool:
    """Not a headline fragment or a place (``surnames``: every speaker's ``surname_counts``)."""
    return not is_headline_fragment(name, surnames, lexicon) and not is_place(name, lexicon.places)


def _row(
    speaker: str,
    entity: Mapping[str, Any] | None,
    recs: list[Mapping[str, Any]],
    documents: Mapping[str, Mapping[str, Any]],
    lexicon: Lexicon,
) -> dict[str, Any]:
    """A speaker's row: role and organisation those of its entity, else the ones its quotes give
    most often, read only from role and organisation words (``affiliation``)."""
    dates = [d for r in recs if (d := r.get("doc_date") or (documents.get(r["doc_id"]) or {}).get("date"))]
    lists = shipped_name_lists()
    pairs = [affiliation(r.get("speaker_role"), r.get("speaker_org"), lexicon.titles, lists) for r in recs]
    roles = (entity or {}).get("roles") or [role for role, _ in pairs if role]
    orgs = (entity or {}).get("organisations") or [org for _, org in pairs if org]
    return {
        "speaker": speaker,
        "role": _most_common(roles),
        "org": _most_common(orgs),
        "quotes": len(recs),
        "documents": sorted({r["doc_id"] for r in recs}),
        "first_date": min(dates, default=None),  # ISO dates ("2018-01", "2018-01-05") sort as strings
        "last_date": max(dates, default=None),
        "id": entity["id"] if entity else None,
    }


def _most_common(values: list[str]) -> str | None:
    """The most frequent value; ``Counter`` keeps first-seen order among equal counts."""
    return Counter(values).most_common(1)[0][0] if values else None


# The widest each column of ``format_table`` may be, so a row fits 100 characters: the names, roles
# and organisations share what the counts and dates leave; a longer cell ends in "…".
TABLE_CAPS = (22, 16, 15, 6, 9, 10, 10)


def format_table(rows: Iterable[Mapping[str, Any]]) -> str:
    """An aligned plain-text table for the terminal; counts right-aligned, documents as a count."""
    head = ["speaker", "role", "org", "quotes", "documents", "first", "last"]
    body = [
        [
            row["speaker"],
            row["role"] or "",
            row["org"] or "",
            str(row["quotes"]),
            str(len(row["documents"])),
            row["first_date"] or "",
            row["last_date"] or "",
        ]
        for row in rows
    ]
    widths = [min(max(len(cells[i]) for cells in [head, *body]), TABLE_CAPS[i]) for i in range(len(head))]
    right = [False, False, False, True, True, False, False]

    def line(cells: list[str]) -> str:
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)]
        padded = (c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True))
        return "  ".join(padded).rstrip()

    return "\n".join(line(cells) for cells in [head, *body])


def write_csv(rows: Iterable[Mapping[str, Any]], handle: IO[str]) -> int:
    """The rows as CSV with a header; documents joined with ";"; a text a spreadsheet would run
    as a formula starts with a single quote (``csv_cell``). Returns the number of rows."""
    writer = csv.writer(handle, lineterminator="\n")  # "\n": the handle may be a text-mode stdout
    writer.writerow(SPEAKER_FIELDS)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(";".join(row[f]) if f == "documents" else row[f]) for f in SPEAKER_FIELDS])
        count += 1
    return count
