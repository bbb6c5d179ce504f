"""Where a stance phrase sits in its sentence: the clause it belongs to, what governs it (an "if",
a negation of another phrase, a hedge) and what it evaluates (its target)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.stages.syntax import noun_phrase

NEGATION_WINDOW = 4  # tokens before a phrase in which a negation cue applies
CONDITIONAL_MARKS = {"if", "unless", "whether"}
SUBJECTS = {"nsubj", "nsubjpass"}


def clause_head(token: Token) -> Token:
    """The verb or predicate heading the clause ``token`` is in."""
    while token.dep_ not in {"ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp"} and token.head.i != token.i:
        token = token.head
    return token


def conditional(span: Span) -> bool:
    """True when the phrase sits in an "if"/"unless"/"whether" clause, or is a hypothetical that one
    governs ("it would help if there were ..."): no position is taken on what is."""
    if any(t.lower_ in {"would", "could", "might"} for t in span):
        head = clause_head(span.root)
        if any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)
            for c in head.children
        ):
            return True
    token = span.root
    while True:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children):
            return True
        if token.head.i == token.i or token.dep_ in {"ROOT", "ccomp"}:
            return False
        token = token.head


def same_clause(cue: Span, phrase: Span) -> bool:
    """The cue and phrase share a clause (an infinitive a verb controls is in its clause: "failed
    to prove a success"); "it seems"/"it appears" also scope over the clause they govern."""
    cue_head, phrase_head = clause_head(cue.root), clause_head(phrase.root)
    while phrase_head.dep_ == "xcomp" and phrase_head != cue_head:
        phrase_head = clause_head(phrase_head.head)
    if cue_head == phrase_head:
        return True
    return cue.root.lemma_ in {"seem", "appear"} and phrase_head.dep_ == "ccomp" and phrase_head.head == cue.root


def negates_another(span: Span, spans: list[Span], negations: list[Span]) -> bool:
    """A phrase that is itself the negation of the next one ("failed to" in "failed to prove a
    success") is not a position of its own."""
    if not any(n.start == span.start and n.end >= span.end for n in negations):
        return False
    return any(o.start >= span.end and o.start - NEGATION_WINDOW <= span.start and o.sent == span.sent for o in spans)


def target_of(root: Token) -> Span | None:
    """What the phrase evaluates, as a noun phrase: the noun an adjective modifies ("crumbling
    hospitals"), the owner or object of an evaluative noun ("the sector's fragility", "squeeze on
    funding"), the object of an evaluative verb, else the subject of its clause; never a bare
    pronoun ("he", "it"): null when nothing is named. ``root`` is the phrase's evaluative word."""
    if root.dep_ == "amod" and root.head.pos_ in {"NOUN", "PROPN"}:
        return _named(root.head)
    if root.pos_ == "NOUN":
        owner = next((c for c in root.children if c.dep_ == "poss"), None)
        if owner is None:
            owner = next(
                (
                    p
                    for c in root.children
                    if c.dep_ == "prep" and c.lower_ in {"of", "on", "in", "for"}
                    for p in c.children
                    if p.dep_ == "pobj"
                ),
                None,
            )
        if owner is not None:
            return _named(owner)
    if root.pos_ == "VERB" and root.dep_ not in {"amod", "acl"}:
        obj = next((c for c in root.children if c.dep_ == "dobj"), None)
        if obj is not None and _named(obj) is not None:
            return _named(obj)
    head = clause_head(root)
    subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
    return _named(subject) if subject is not None else None


def _named(head: Token) -> Span | None:
    """The noun phrase headed by ``head``; None for a pronoun."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    return noun_phrase(head, keep_adjectives=False)
