"""Quoted words that name or mention something rather than report what someone said: the title
of a show or a work (NBC's “Breakfast Live”, on “Sunday Politics”), a quoted phrase that modifies
a noun (the “big tent” strategy), and a short quoted phrase that a cue does not report because it
stands in the cue's own subject ("Critics of the so-called “safety net” argue ...") or is the
noun the cue's clause describes ("“fudge,” which does not mean ...").

What the parse says, read once per quotation; the ``label`` step and the cue finders ask it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

MODIFIER_DEPS = {"nmod", "compound", "amod"}  # the quoted words modify a noun written after them
LIST_DEPS = {"conj", "appos"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
TITLE_PREPOSITIONS = {"on"}  # said on “Sunday Politics” (not "of": a goal of “Jobs For All” is a slogan)
MAX_MODIFIER_WORDS = 3  # a longer quoted modifier is somebody's phrase: a “first come, first served” rule
MINOR_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "it", "is"}


def modifies_noun(inner: Span) -> bool:
    """Quoted nouns that modify a noun outside them: the “big tent” strategy, the “Today” show (a
    quoted adjective, the “fair” deal, is somebody's word for it and stays)."""
    root = inner.root
    head = root.head
    nominal = {"NOUN", "PROPN"}
    return (
        len(inner) <= MAX_MODIFIER_WORDS
        and root.dep_ in MODIFIER_DEPS
        and root.pos_ in nominal
        and head.i >= inner.end
        and head.pos_ in nominal
    )


def title_case(inner: Span) -> bool:
    """Every word capitalised but the small ones, as titles of works are written."""
    words = [t for t in inner if t.is_alpha or "'" in t.text or "’" in t.text]
    if not words or not words[0].text[:1].isupper():
        return False
    return all(t.text[:1].isupper() or t.lower_ in MINOR_WORDS or not t.text[:1].isalpha() for t in words)


def names_a_work(inner: Span) -> bool:
    """A title of a show or a work: title-case words after a possessive (“CBC's “Morning Desk”),
    after "on" ("said on “Sunday Politics”"), or in apposition to a noun ("his show,
    “Straight Talk”")."""
    if not title_case(inner):
        return False
    before = _before_opening(inner)
    if before is None or before.is_sent_start:
        return False
    return before.tag_ == "POS" or before.lower_ in TITLE_PREPOSITIONS or inner.root.dep_ == "appos"


def is_label(inner: Span) -> bool:
    """Quoted words that name a thing (a title, a noun modifier), not speech."""
    return modifies_noun(inner) or names_a_work(inner)


def not_its_content(inner: Span, verb: Token) -> bool:
    """A cue that cannot report the quoted words: they stand in its subject ("Critics of the
    “backstop” argue"), its clause describes them ("“fudge” and “quibble,” which do not
    describe ..."), or they are the object of another verb joined to it ("does not describe a
    sweet but means “a small objection”")."""
    root = inner.root
    in_subject = any(  # a subject headed outside the quote (a quote the parser took for the subject stays)
        child.dep_ in SUBJECT_DEPS
        and not inner.start <= child.i < inner.end
        and child.left_edge.i <= root.i <= child.right_edge.i
        for child in verb.children
    )
    return in_subject or _described_by(root, verb) or _joined_verb_between(root, verb)


def _described_by(root: Token, verb: Token) -> bool:
    """The cue's clause describes the quoted noun, or the list it stands in (a parenthetical
    cue the parser hangs under the quote, “fair,” she said, is no description)."""
    while root.dep_ in LIST_DEPS:
        root = root.head
    return verb.dep_ in {"relcl", "acl"} and verb.head.i in _listed(root)


def _listed(head: Token) -> set[int]:
    """A noun and the nouns listed with it ("fudge", "gumption" and "quibble")."""
    found = {head.i}
    for child in head.children:
        if child.dep_ in LIST_DEPS:
            found |= _listed(child)
    return found


def _joined_verb_between(root: Token, verb: Token) -> bool:
    """On the way up from the quoted words to the cue, a verb coordinated with the cue."""
    return any(t.dep_ == "conj" and t.head.i == verb.i and t.pos_ in {"VERB", "AUX"} for t in root.ancestors)


def _before_opening(inner: Span) -> Token | None:
    """The word before the quotation's opening mark (the mark may be a token of its own)."""
    i = inner.start - 1
    while i >= 0 and (inner.doc[i].is_quote or inner.doc[i].is_space):
        i -= 1
    return inner.doc[i] if i >= 0 else None
