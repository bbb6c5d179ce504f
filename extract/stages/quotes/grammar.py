"""What the parse says about a cue and the quote it may attribute: whether quoted words are a
judgement or a mere label, a dateline the parser took for a subject, a name the parser left
out of the clause, and a nickname inside a name."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from extract.stages.quotes.marks import Quotation


def bare_label(inner: Span, cue: Span) -> bool:
    """One quoted word a thing goes by, in the present ("calls its cheapest tier “essentials”"),
    not a judgement somebody made ("called her rivals “deplorables”", "calls the plan a “disaster”",
    "dismissed it as “nonsense”")."""
    words = [t for t in inner if t.is_alpha]
    before = inner.doc[inner.start - 2] if inner.start >= 2 else None  # the word before the opening mark
    present = cue.root.tag_ in {"VBZ", "VBP"}
    return len(words) < 2 and present and (before is None or before.lower_ not in {"a", "an", "as"})


def past_dash(subject: Token, verb: Token) -> Token:
    """ "PLACE, Country Jun 15 – Minister Jane Roe on Tuesday said": a dateline the parser took
    for the subject; the person named between the dash and the verb speaks."""
    if subject.i > verb.i:
        return subject
    between = subject.doc[subject.i + 1 : verb.i]
    dash = next((t.i for t in between if t.text in {"–", "—", "-", "―"} and _standalone(t)), None)
    if dash is None:
        return subject
    named = [t for t in subject.doc[dash + 1 : verb.i] if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
    return named[-1] if named else subject


def _standalone(dash: Token) -> bool:
    """A long dash, or a hyphen set off by spaces; not a hyphen joining words: a party and state
    ("Sen. Jo Roe (D-Ohio), who backs Doe, said") are no dateline."""
    doc = dash.doc
    return dash.text != "-" or (bool(dash.whitespace_) and (dash.i == 0 or bool(doc[dash.i - 1].whitespace_)))


def name_before(verb: Token) -> Token | None:
    """A name written right before a verb the parser gave no subject ("..., Obama and Clinton
    call them “loose cannons”", the names taken for a conjunct of the noun before), or closing an
    appositive the parser hung on another noun ("To the paper, her aide, Jo Roe, said"): the subject."""
    before = verb.doc[verb.i - 1] if verb.i else None
    if before is not None and before.text == "," and before.i:  # "her aide, Tom Hale, said": the appositive's
        before = verb.doc[before.i - 1]
    if before is None or before.ent_type_ not in {"PERSON", "ORG"}:
        return None
    # a name the tagger took for another word class (“…,” Roe said, with Roe an auxiliary)
    return before if before.pos_ == "PROPN" or (before.text[:1].isupper() and not before.is_sent_start) else None


NAME_AROUND = re.compile(r"[A-Z][\w’'.-]*\s*$"), re.compile(r"^\s*[A-Z]")


def nickname(text: str, q: Quotation) -> bool:
    """One or two quoted words between a first name and a surname (Dana “Dee” Whitlock): part
    of a name, not a quote. Words that end a sentence (called Roe “unhinged.” Sen. Lee said) are none."""
    words = text[q.content_start : q.content_end].split()
    before, after = NAME_AROUND
    return (
        0 < len(words) <= 2
        and not _ends_sentence(text[q.content_start : q.end])
        and bool(before.search(text[max(0, q.start - 30) : q.start]))
        and bool(after.match(text[q.end : q.end + 5]))
    )


def _ends_sentence(quoted: str) -> bool:
    """Quoted words closing with a full stop, "!" or "?" (not an initial: Dana “D.J.” Whitlock)."""
    tail = quoted.rstrip("”’\"' ")
    return tail.endswith((".", "!", "?")) and not re.search(r"\b[A-Z]\.$", tail)
