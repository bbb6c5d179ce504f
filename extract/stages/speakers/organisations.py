"""Which organisation a common noun stands for: "the council", "the company", "the union".

News writes an organisation's name once and then its kind. The name may say the kind ("Acme
Ltd" is a company, ``organisation-kinds``); a local government body may be named only by its
level and its place ("the county council" in an article about Oxfordshire); and a company, club
or charity is often named by nothing but its name ("Reliance Retail ... the company said"), so
a generic noun (``generic-organisation-nouns``) stands for the organisation the article names
most.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span, Token

from extract.rules.words import Words
from extract.stages.speakers.names import clean_org, name_span
from extract.stages.syntax import text_of

NAMED_LABELS = {"ORG", "FAC", "LOC", "PERSON", "PRODUCT"}  # labels the model gives an organisation's name


def organisation_called(noun: Token, words: Words) -> str | None:
    """The organisation a common noun refers to: the latest named organisation before it whose
    name holds that noun or says it is of that kind, else the first such after it; else a local
    body built from its level and the article's place; else, for a generic noun, the
    organisation the article names most."""
    word, kinds = noun.lemma_.lower(), words.values("organisation-kinds")
    organisations = [ent for ent in noun.doc.ents if ent.label_ == "ORG"]
    named = [
        ent
        for ent in organisations
        if any(t.lemma_.lower() == word or word in kinds.get(t.lower_, "").split() for t in ent)
    ]
    before = [ent for ent in named if ent.end <= noun.i]
    chosen = before[-1] if before else next((ent for ent in named if ent.start > noun.i), None)
    if chosen is not None:
        return clean_org(chosen.text)
    local = local_body(noun, words)
    if local is not None or word not in words["generic-organisation-nouns"]:
        return local
    people = {w for ent in noun.doc.ents if ent.label_ == "PERSON" for w in ent.text.split()}
    # not a person the model also tagged ORG ("Ronaldo")
    candidates = [ent for ent in organisations if not _other_kind(ent, word, kinds) and ent.text not in people]
    return _described(noun) or _said_to_be(noun) or _most_named(noun, candidates)


def _described(noun: Token) -> str | None:
    """The one name holding, capitalised, a word a definite singular noun is described by: "the
    rail company" after "Northern Rail" and "Acme Press" (whatever the model tagged the name);
    None when no word describes the noun or several names fit."""
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.lefts)
    if not definite or noun.tag_ in {"NNS", "NNPS"}:
        return None  # "several farming unions" are none of the named ones
    described = {c.lemma_.lower() for c in noun.lefts if c.dep_ in {"compound", "amod"} and c.is_alpha}
    fits = {
        clean_org(ent.text)
        for ent in noun.doc.ents
        if ent.label_ in NAMED_LABELS and any(t.text[:1].isupper() and t.lemma_.lower() in described for t in ent)
    }
    return fits.pop() if len(fits) == 1 else None


def _said_to_be(noun: Token) -> str | None:
    """The name the article says is one of a generic noun's kind, whatever the model tagged it
    (a club's name tagged as a person's is still the club): "Acme, founded in 1955, is one of
    the oldest clubs", "his former club Rovers", "Acme, a club from the coast". The one named
    most, ties to the latest before the noun, else the latest after it."""
    doc, word = noun.doc, noun.lemma_.lower()
    said: list[Token] = []
    for kind in (t for t in doc if t.lemma_.lower() == word and t.i != noun.i and t.pos_ == "NOUN"):
        said += [c for c in kind.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if kind.dep_ == "appos" and kind.head.pos_ == "PROPN":  # "Acme, a club from the coast"
            said.append(kind.head)
        predicate = kind.head.head if kind.dep_ == "pobj" and kind.head.head.dep_ == "attr" else kind
        if predicate.dep_ == "attr" and predicate.head.lemma_ == "be":
            said += [c for c in predicate.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
    said.sort(key=lambda t: t.i)
    names = [clean_org(name_span(t).text) for t in said]
    if not names:
        return None
    counts = Counter(name for ent in doc.ents if (name := clean_org(ent.text)) in names)
    ranked = max(zip(names, said, strict=True), key=lambda nt: (counts[nt[0]], nt[1].i < noun.i, nt[1].i))
    return ranked[0]


def local_body(noun: Token, words: Words) -> str | None:
    """ "the county council" in an article whose first place is Oxfordshire: "Oxfordshire County
    Council". The level must be written before the noun somewhere in the article."""
    doc, lemma = noun.doc, noun.lemma_.lower()
    levels = "|".join(sorted(words["local-government-levels"]))
    level = re.search(rf"\b({levels})\s+{re.escape(lemma)}", text_of(doc))
    place = next((ent for ent in doc.ents if ent.label_ == "GPE"), None)
    if level is None or place is None:
        return None
    return f"{place.text} {level.group(1).title()} {lemma.title()}"


def _other_kind(ent: Span, word: str, kinds: dict[str, str]) -> bool:
    """An organisation whose name says it is of another kind ("Leeds City Council" is no company)."""
    said = [kinds[t.lower_].split() for t in ent if t.lower_ in kinds]
    return bool(said) and not any(word in kind for kind in said)


def _most_named(noun: Token, organisations: list[Span]) -> str | None:
    """The organisation named most often (before the noun when any is), ties to the latest."""
    before = [ent for ent in organisations if ent.end <= noun.i] or organisations
    if not before:
        return None
    counts = Counter(clean_org(ent.text) for ent in organisations)
    return clean_org(max(reversed(before), key=lambda ent: counts[clean_org(ent.text)]).text)
