"""The clause a cue reports (said that ..., according to X, ..., "..., X told delegates"), found
by ordered small steps (``CLAUSE_STEPS``): each, given the cue, gives the clause's bounds, passes
(None), or says the cue reports no clause (``REFUSED``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from spacy.tokens import Span, Token

from extract.model.entities import entity_at
from extract.stages.quotes.marks import FAMILY
from extract.stages.quotes.quote import REFUSED, Refused
from extract.stages.quotes.reading import Reading
from extract.stages.quotes.sources import subject_of

Bounds = tuple[int, int]
ClauseStep = Callable[[Reading, Span], "Bounds | Refused | None"]
CLAUSE_DEPS = {"ccomp", "parataxis"}
DESCRIBING_VERBS = {"describe", "characterise", "characterize"}
COVERED = 0.9  # share of a clause inside quote marks that makes it a direct quote
PAUSES = {",", "—", "–", "-"}  # what sets a parenthetical cue off from the clause around it
TENSES = {"MD": "modal", "VBD": "past", "VBZ": "present", "VBP": "present"}  # a finite verb's tag: its tense


def reported_clause(reading: Reading, cue: Span) -> Bounds | None:
    """Where the clause a cue reports starts and ends (characters), if it reports one."""
    for step in CLAUSE_STEPS:
        found = step(reading, cue)
        if found is REFUSED:
            return None
        if found is not None:
            return found
    return None


def according_to(reading: Reading, cue: Span) -> Bounds | Refused | None:
    """ "According to X, clause" / "clause, according to X" / "promises from X that ...": the
    clause on the far side of the source, never across it."""
    if reading.rules[cue.label_].fields["speaker"] != "object":
        return None
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
        return _or_refused(
            _bounds(reading, clause.left_edge.i, clause.right_edge.i + 1) if clause is not None else None
        )
    head = prep.head
    if head.i == prep.i or _speaking(reading, head):
        return REFUSED  # “…,” the minister will say, according to excerpts: the verb reports it
    before = prep.i > head.i
    tokens = [t for t in head.subtree if (t.i < prep.left_edge.i if before else t.i > prep.right_edge.i)]
    return _or_refused(_bounds(reading, tokens[0].i, tokens[-1].i + 1) if tokens else None)


def as_clause(reading: Reading, cue: Span) -> Bounds | Refused | None:
    """ "As one of my colleagues notes, the vast majority of managers ...": the main clause."""
    verb = cue.root
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    rest = [t for t in verb.head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
    return _or_refused(_bounds(reading, rest[0].i, rest[-1].i + 1) if rest else None)


def complement(reading: Reading, cue: Span) -> Bounds | Refused | None:
    """The clausal complement after the cue ("said that ...", "told them the plan ..."), an
    infinitive holding quoted words ("vowed to “take the case” to every county", "urged members to
    “stand firm”"), or what a describing verb describes its object as."""
    speech = reading.cue_kind(cue) == "speech"  # not "revealed plans to ..."
    for token in cue:
        for child in token.children:
            clause = child.dep_ in CLAUSE_DEPS and not _wh_clause(child) and not _it_small_clause(child)
            quoted_infinitive = child.dep_ == "xcomp" and speech and _holds_quote(reading, child)
            if child.i > cue.end - 1 and (clause or quoted_infinitive):
                end = _clause_end(reading, child)
                if not _quoted(reading, child.left_edge.i, end):  # “…,” and “…”: two quotes, each its own
                    going_on = _continuations(reading, token, child, speech and token.i == cue.root.i)
                    end = max([end] + [_clause_end(reading, c) for c in going_on])
                return _or_refused(_bounds(reading, child.left_edge.i, end))
            if child.dep_ == "prep" and child.lower_ == "as" and token.lemma_ in DESCRIBING_VERBS:
                return _or_refused(_bounds(reading, child.i + 1, child.right_edge.i + 1))
    return None


def _continuations(reading: Reading, verb: Token, clause: Token, speech: bool) -> list[Token]:
    """Later clauses the parser hung on the cue verb that go on with what it reports: a second
    complement ("says she sold the boat, moved inland and ..."), or, after a verb of speaking, a
    conjunct with "that" or a subject of its own ("said the road is closed, and crews are on
    site"). Each in the reported clause's tense ("said the mill would close, but there is hope"
    goes back to the writer's present), none a cue itself, telling of a person ("said ..., but he
    refused to name them", "..., but Roe disagreed") or holding quoted words of its own."""
    own_cues = {c.root.i for c in reading.cues}
    found = []
    for c in verb.children:
        if c.i <= clause.i or c.i in own_cues or c.pos_ not in {"VERB", "AUX"} or _holds_quote(reading, c):
            continue
        opening = [g for g in c.children if g.i < c.i and g.dep_ in {"nsubj", "nsubjpass", "expl", "mark"}]
        that = c.dep_ == "conj" and speech and any(g.dep_ == "mark" and g.lower_ == "that" for g in opening)
        shaped = (c.dep_ == "ccomp" and not _wh_clause(c)) or (c.dep_ == "conj" and speech and bool(opening))
        if c.dep_ == "conj" and verb.tag_ in {"VBD", "VBN"} and _tense(c) == "present":
            shaped = False  # "said ..., and prices are high", "has argued ..., and ...": the writer's present
        person = any(g.pos_ == "PROPN" or g.lower_ in {"he", "she"} for g in opening)
        if that or (shaped and not person and _tense(c) == _tense(clause)):
            found.append(c)
    return found


def _tense(verb: Token) -> str | None:
    """A clause's tense as its first finite verb shows it: "modal", "past" or "present"."""
    finite = [t for t in (*verb.children, verb) if t.dep_ in {"aux", "auxpass", verb.dep_} and t.tag_ in TENSES]
    return TENSES[min(finite, key=lambda t: t.i).tag_] if finite else None


def named_as(reading: Reading, cue: Span) -> Bounds | None:
    """ "called the plan a costly mistake", "dubbed it the worst deal in years": what a naming verb
    calls its object is the speaker's claim. Not without a subject ("Call it luck": the writer's
    words), of oneself ("calls himself a poet"), a proper name ("called the dog Rex"), nor with
    quoted words after the verb ("called the ruling “a farce”": those are the quote)."""
    verb = cue.root
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    said = next((c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i), None)
    if (
        obj is None
        or said is None
        or said.pos_ not in {"NOUN", "NUM"}
        or obj.lower_.endswith(("self", "selves"))
        or not any(c.dep_ == "nsubj" for c in verb.children)
    ):
        return None
    end = verb.right_edge.idx + len(verb.right_edge)
    if any(verb.idx < q.end and q.start < end for q in reading.quotations):
        return None
    return _bounds(reading, said.left_edge.i, said.right_edge.i + 1)


def small_clause(reading: Reading, cue: Span) -> Bounds | Refused | None:
    """A small clause after a belief verb: "consider X to be Y", "believing them to be Y"."""
    verb = cue.root
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubj"} and c.i > verb.i), None)
    if (
        reading.cue_kind(cue) != "belief"
        or obj is None
        or not any(c.dep_ in {"oprd", "xcomp", "acomp"} for c in verb.children)
    ):
        return None
    last = max(
        c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ != "punct" and not _absolute_report(c)
    )
    return _or_refused(_bounds(reading, obj.left_edge.i, last + 1))


def clause_before_conjunct(reading: Reading, cue: Span) -> Bounds | Refused | None:
    """ "The plans are our best chance ..., X told delegates": the clause before, up to the source.
    Not two events joined by "and" ("The dog barked and the neighbours shouted")."""
    verb = cue.root
    if verb.dep_ != "conj" or verb.head.pos_ not in {"VERB", "AUX"}:
        return None
    if any(c.dep_ == "cc" and verb.head.i < c.i < verb.i for c in verb.head.children):
        return None
    subject = subject_of(reading, cue)
    if subject is None or verb.head.i >= subject.i:
        return None
    ent = entity_at(subject)
    speaker_start = ent.start if ent is not None else subject.left_edge.i
    return _or_refused(_bounds(reading, verb.head.left_edge.i, speaker_start))


def clause_before(reading: Reading, cue: Span) -> Bounds | Refused | None:
    """ "The plan is dead, he said": a clausal complement written before the cue verb."""
    for child in cue.root.children:
        if child.dep_ in CLAUSE_DEPS and child.i < cue.root.i:
            return _or_refused(_bounds(reading, child.left_edge.i, child.right_edge.i + 1))
    return None


def clause_above(reading: Reading, cue: Span) -> Bounds | Refused | None:
    """ "The plan is dead, the minister said" parsed with the cue under the clause: the clause up
    to the cue's subject, unless the clause's verb is a cue itself ("X said ministers had asked")."""
    verb = cue.root
    if (
        verb.dep_ not in CLAUSE_DEPS
        or verb.head.i >= verb.i
        or verb.head.pos_ not in {"VERB", "AUX"}
        or any(other.root.i == verb.head.i for other in reading.cues)
    ):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and verb.head.i < subject.i:
        return _or_refused(_bounds(reading, verb.head.left_edge.i, subject.left_edge.i))
    return None


def parenthetical(reading: Reading, cue: Span) -> Bounds | Refused | None:
    """ "The new rules, she said, will hurt every shop": a cue set off by commas inside the clause
    it reports; the whole clause around it (its source and cue within, as the sentence reads)."""
    verb = cue.root
    if verb.dep_ != "parataxis" or verb.head.i <= verb.i or verb.head.pos_ not in {"VERB", "AUX"}:
        return None
    doc = reading.doc
    before, after = doc[verb.left_edge.i], doc[verb.right_edge.i]  # the commas, which the parser hangs on the cue
    while after.i > verb.i and after.text in FAMILY:  # and the opening mark after them: ', the lawyers said, "all'
        after = doc[after.i - 1]
    before = before if before.text in PAUSES or before.i == 0 else doc[before.i - 1]
    after = after if after.text in PAUSES or after.i + 1 == len(doc) else doc[after.i + 1]
    if before.text not in PAUSES or after.text not in PAUSES:
        return None
    if any(other.root.i == verb.head.i for other in reading.cues):
        return None
    if any(reading.after_quote(t) for t in doc[verb.left_edge.i : verb.i]):
        return None  # “My hope,” he said, “is ...”: fragments of a direct quote, each its own
    return _or_refused(_bounds(reading, verb.head.left_edge.i, _clause_end(reading, verb.head)))


CLAUSE_STEPS: tuple[ClauseStep, ...] = (
    according_to,
    as_clause,
    complement,
    small_clause,
    clause_before_conjunct,
    clause_before,
    clause_above,
    parenthetical,
)


def _or_refused(bounds: Bounds | None) -> Bounds | Refused:
    """A step that recognised the cue's shape answers for it, clause or none."""
    return REFUSED if bounds is None else bounds


def _clause_end(reading: Reading, clause: Token) -> int:
    """Where a reported clause ends: before a later, comma-joined report with its own source.

    "said that they believe X to be ‘reasonable,’ less than a quarter consider Y" holds two
    reports; the first ends where the second's subject begins.
    """
    end = clause.right_edge.i + 1
    inside = [cue for cue in reading.cues if clause.i < cue.start < end and cue.root != clause]
    starts = [_subject_start(reading, cue, clause) for cue in inside]
    starts += [t.i for t in clause.subtree if _absolute_report(t)]
    for begins in starts:
        if begins is not None and begins > clause.left_edge.i + 3 and reading.doc[begins - 1].is_punct:
            end = min(end, begins)
    return end


def _subject_start(reading: Reading, cue: Span, clause: Token) -> int | None:
    """Where a later report's source begins; None when that source is the clause's own subject
    ("that, like him, Roe was pilloried for acknowledging ...": one report, not two). A source
    written before the clause ("Roe said the bridge was a mistake, adding, “…”") begins its
    report at its cue."""
    subject = subject_of(reading, cue)
    if subject is None or subject.head.i == clause.i:
        return None
    return cue.start if subject.i < clause.left_edge.i else subject.left_edge.i


def _absolute_report(token: Token) -> bool:
    """ "..., with most believing them to be 'limited'": an absolute phrase whose verb takes a
    clause of its own is a second report, not part of the first."""
    if token.dep_ != "prep" or token.lower_ != "with":
        return False
    verbs = [c for c in token.children if c.dep_ == "pcomp"]  # "with most believing ..."
    verbs += [v for c in token.children if c.dep_ == "pobj" for v in c.children if v.dep_ == "acl"]  # "a few believing"
    return any(v.pos_ == "VERB" and any(g.dep_ in {"ccomp", "xcomp"} for g in v.children) for v in verbs)


def _holds_quote(reading: Reading, head: Token) -> bool:
    """Quote marks open and close inside the phrase a token heads: a promise in quoted words is
    reported speech; "promised to rebuild the bridge" alone is an intention."""
    start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    return any(start <= q.content_start and q.content_end <= end for q in reading.quotations)


def _quoted(reading: Reading, start_i: int, end_i: int) -> bool:
    """Quote marks cover most of a clause: it is a direct quote, whatever follows it."""
    span = reading.doc[start_i:end_i]
    covered = sum(max(0, min(span.end_char, q.end) - max(span.start_char, q.start)) for q in reading.quotations)
    return covered >= COVERED * max(1, span.end_char - span.start_char)


def _speaking(reading: Reading, verb: Token) -> bool:
    """A verb of speaking with its own subject ("the minister said"), not a clause's verb that
    only looks like a cue ("extremes have been predicted", "the figures found")."""
    return verb.lemma_.lower() in reading.words["speech-verbs"] and any(c.dep_ == "nsubj" for c in verb.children)


def _wh_clause(clause: Token) -> bool:
    """ "asked whether ...", "said how ...": a question, not a claim. "said if the bill fails, it
    will ..." is a claim: its "if" opens a condition inside the clause, not the clause."""
    first = clause.left_edge
    if first.lower_ == "if" and first.head.i != clause.i:
        return False
    return first.tag_ in {"WDT", "WP", "WRB", "WP$"} or first.lower_ in {"whether", "if", "how"}


def _it_small_clause(clause: Token) -> bool:
    """ "finding it difficult to recruit", "made it hard to": a verbless clause on an expletive "it"
    says how something is, it reports nobody's words."""
    return clause.pos_ in {"ADJ", "NOUN"} and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children)


def is_pictograph(text: str) -> bool:
    """An emoji, a star, a ©: a sign that decorates a line and says nothing, which the parser may
    hang on the clause after it. Currency and maths signs ("$5m", "+3") are read."""
    categories = {unicodedata.category(c) for c in text}
    return "So" in categories and categories <= {"So", "Sk", "Mn", "Cf"}  # with emoji joiners and variants


def _bounds(reading: Reading, start_i: int, end_i: int) -> Bounds | None:
    doc = reading.doc
    while start_i < end_i and (
        doc[start_i].is_punct
        or doc[start_i].is_space
        or is_pictograph(doc[start_i].text)
        or (doc[start_i].lower_ == "that" and doc[start_i].dep_ == "mark")
    ):
        start_i += 1
    while end_i > start_i and (doc[end_i - 1].is_space or doc[end_i - 1].text in {".", ",", ";", ":", "-", "–"}):
        end_i -= 1
    if end_i - start_i < 1:
        return None
    span = doc[start_i:end_i]
    return span.start_char, span.end_char
