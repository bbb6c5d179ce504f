"""Reported speech: the clause a cue verb reports (said that ..., according to X, ...), and
lists and blocks introduced by a cue and a colon.

Each function reads one document through its ``QuoteFinder`` (its cues, lines, speakers).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from extract.model.entities import entity_at
from extract.stages.quotes.marks import TRAILING
from extract.stages.quotes.quote import Quote

if TYPE_CHECKING:
    from extract.stages.quotes.finder import QuoteFinder

COVERED = 0.9  # share of a reported clause inside quote marks that makes it a direct quote
BULLET = re.compile(r"^\s*(?:[•\-*–·▪●]|\(?\d{1,2}[.)]?(?=\s))\s*")
FIRST_PERSON_WORDS = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
CLAUSE_DEPS = {"ccomp", "parataxis"}


def reported_speech(finder: QuoteFinder, direct: list[Quote]) -> list[Quote]:
    found: list[Quote] = []
    for cue in finder.cues:
        if finder.in_direct(cue.start_char) or finder.naming(cue):
            continue
        clause = reported_clause(finder, cue)
        if clause is None:
            taken = {(q.start, q.end) for q in found}  # two cues of one line ("Responding ..., X said:")
            found.extend(q for q in block_after(finder, cue, direct) if (q.start, q.end) not in taken)
            continue
        start, end = clause
        inside = [d for d in direct if d.start < end and start < d.end]
        end = max([end] + [d.end for d in inside if d.cue == cue])  # "X said she recalled thinking, “…”" whole
        if any(d.own_cue and (min(end, d.end) - max(start, d.start)) >= COVERED * (end - start) for d in inside):
            continue  # the quote marks cover the reported clause: it is a direct quote
        speaker = finder.speaker_of(cue)
        if speaker is None:
            continue
        if any(
            d.own_cue
            and d.cue is not None
            and start <= d.cue.start_char < end
            and d.speaker is not None
            and d.speaker.name != speaker.name
            for d in inside
        ):
            continue  # the clause relays somebody else's quote
        kind = "mixed" if inside else "indirect"
        quote = Quote(
            start, end, start, end, kind, cue.label_, cue, finder.cue_text(cue), speaker, line=finder.line_of(start)
        )
        for d in inside:  # the fragments are part of the mixed quote now
            if d.cue is None or d.cue == cue or not d.own_cue:
                direct.remove(d)
        found.append(quote)
    # nested reported speech ("It showed 55 of 56 respondents said ...") belongs to the outer one
    outer = [q for q in found if not any(o is not q and o.start <= q.cue.start_char < o.end for o in found)]
    return outer


def reported_clause(finder: QuoteFinder, cue: Span) -> tuple[int, int] | None:
    rule = finder.rules[cue.label_]
    if rule.fields["speaker"] == "object":  # "According to X, clause" / "clause, according to X"
        prep = cue[0]
        if prep.pos_ == "NOUN":  # "promises from X that ..."
            clause = next(
                (
                    t
                    for t in prep.subtree
                    if t.dep_ in {"acl", "ccomp", "relcl"} and any(c.dep_ == "mark" for c in t.children)
                ),
                None,
            )
            return _bounds(finder, clause.left_edge.i, clause.right_edge.i + 1) if clause is not None else None
        head = prep.head
        if head.i == prep.i:
            return None
        # the clause on the far side of "according to X": never across it
        before = prep.i > head.i
        tokens = [t for t in head.subtree if (t.i < prep.left_edge.i if before else t.i > prep.right_edge.i)]
        if not tokens:
            return None
        return _bounds(finder, tokens[0].i, tokens[-1].i + 1)
    verb = cue.root
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        # "As one of my colleagues notes, the vast majority of managers ..."
        head = verb.head
        rest = [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
        return _bounds(finder, rest[0].i, rest[-1].i + 1) if rest else None
    for token in cue:
        for child in token.children:
            if (
                child.dep_ in CLAUSE_DEPS
                and child.i > cue.end - 1
                and not _wh_clause(child)
                and not _it_small_clause(child)
            ):
                return _bounds(finder, child.left_edge.i, _clause_end(finder, child))
            if (
                child.dep_ == "prep"
                and child.lower_ == "as"
                and token.lemma_ in {"describe", "characterise", "characterize"}
            ):
                return _bounds(finder, child.i + 1, child.right_edge.i + 1)
    # small clause after a belief verb: "consider X to be Y", "believing them to be Y"
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubj"} and c.i > verb.i), None)
    if (
        rule.fields["cue_kind"] == "belief"
        and obj is not None
        and any(c.dep_ in {"oprd", "xcomp", "acomp"} for c in verb.children)
    ):
        last = max(c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ not in {"punct"})
        return _bounds(finder, obj.left_edge.i, last + 1)
    # the clause before: "The partnerships are the best hope ..., X told delegates"
    subject = finder.subject_of(cue)
    if verb.dep_ == "conj" and subject is not None and verb.head.i < subject.i and verb.head.pos_ in {"VERB", "AUX"}:
        ent = entity_at(subject)
        speaker_start = ent.start if ent is not None else subject.left_edge.i
        return _bounds(finder, verb.head.left_edge.i, speaker_start)
    for child in verb.children:
        if child.dep_ in {"ccomp", "parataxis"} and child.i < verb.i:
            return _bounds(finder, child.left_edge.i, child.right_edge.i + 1)
    if (
        verb.dep_ in {"ccomp", "parataxis"}
        and verb.head.i < verb.i
        and verb.head.pos_ in {"VERB", "AUX"}
        and not any(other.root.i == verb.head.i for other in finder.cues)  # "X said ministers had asked"
    ):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and verb.head.i < subject.i:
            return _bounds(finder, verb.head.left_edge.i, subject.left_edge.i)
    return None


def _clause_end(finder: QuoteFinder, clause: Token) -> int:
    """Where a reported clause ends: before a later, comma-joined report with its own source.

    "said that they believe X to be ‘reasonable,’ less than a quarter consider Y" holds two
    reports; the first ends where the second's subject begins.
    """
    end = clause.right_edge.i + 1
    for cue in finder.cues:
        if clause.i < cue.start < end and cue.root != clause:
            subject = finder.subject_of(cue)
            if (
                subject is not None
                and subject.left_edge.i > clause.left_edge.i + 3
                and finder.doc[subject.left_edge.i - 1].is_punct
            ):
                end = min(end, subject.left_edge.i)
    return end


def _wh_clause(clause: Token) -> bool:
    first = clause.left_edge
    return first.tag_ in {"WDT", "WP", "WRB", "WP$"} or first.lower_ in {"whether", "if", "how"}


def _bounds(finder: QuoteFinder, start_i: int, end_i: int) -> tuple[int, int] | None:
    doc = finder.doc
    while start_i < end_i and (
        doc[start_i].is_punct
        or doc[start_i].is_space
        or (doc[start_i].lower_ == "that" and doc[start_i].dep_ == "mark")
    ):
        start_i += 1
    while end_i > start_i and (doc[end_i - 1].is_space or doc[end_i - 1].text in {".", ",", ";", ":", "-", "–"}):
        end_i -= 1
    if end_i - start_i < 1:
        return None
    span = doc[start_i:end_i]
    return span.start_char, span.end_char


def block_after(finder: QuoteFinder, cue: Span, direct: list[Quote]) -> list[Quote]:
    """ "He outlined the following problems:" + bullets; "NHS Guidance stated" + paragraphs."""
    line = finder.line_of(cue.start_char)
    s, e = finder.lines[line]
    rest = finder.text[cue.end_char : e].strip()
    if not (rest.endswith(":") or rest == ""):
        return []
    if rest == "" and finder.text[s:e].rstrip().endswith((".", "?", "!")):
        return []
    items: list[tuple[int, int]] = []
    bulleted = False
    for nxt in range(line + 1, min(len(finder.lines), line + 12)):
        ls, le = finder.lines[nxt]
        text = finder.text[ls:le]
        if not text.strip():
            continue
        marker = BULLET.match(text)
        if items and bulleted and not marker:
            break
        if not items:
            bulleted = bool(marker)
        if not bulleted and (
            len(text.split()) < 8 or (text.rstrip()[-1:] not in {".", "”", "’", '"'} and len(text.split()) < 15)
        ):
            break
        if not bulleted and any(q.start >= ls and q.end <= le and q.own_cue for q in direct):
            break
        start = ls + (marker.end() if marker else 0)
        while start < le and finder.text[start].isspace():
            start += 1
        end = le
        while end > start and finder.text[end - 1] in TRAILING:
            end -= 1
        items.append((start, end))
    if not items:
        return []
    speaker = finder.speaker_of(cue)
    if speaker is None:
        return []
    texts = [finder.text[a:b] for a, b in items]
    kind = "direct" if any(FIRST_PERSON_WORDS.search(t) for t in texts) else "indirect"
    out = []
    for a, b in items:
        inside = [d for d in direct if a <= d.start and d.end <= b + 2]
        item_kind = "mixed" if kind == "indirect" and inside else kind
        for d in inside:
            direct.remove(d)
        out.append(Quote(a, b, a, b, item_kind, cue.label_, cue, finder.cue_text(cue), speaker, line=finder.line_of(a)))
    return out


def _it_small_clause(clause: Token) -> bool:
    """ "finding it difficult to recruit", "made it hard to": a verbless clause on an expletive "it"
    says how something is, it reports nobody's words."""
    return clause.pos_ in {"ADJ", "NOUN"} and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children)
