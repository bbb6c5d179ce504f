"""The people and organisations of one document as clusters of their mentions: ``doc._.entities``.

Speaker resolution builds them as it reads (``NameBook``); this module hands them to whatever
reads the Doc after the quotes stage (stance holders come from quote speakers, so they share
them; a caller of ``nlp(text)`` gets who the article names and where). Each cluster has one
canonical name: a person's fullest name, an organisation's spelled-out name ("NAHT" joins
"National Association of Head Teachers").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from extract.stages.speakers.names import NameBook, clean_org, title_gender
from extract.stages.speakers.pronouns import PRONOUN_GENDER

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)

ORGANISATION_LABELS = {"ORG"}
POSSESSIVE_OR_LIST = re.compile(r"[’']s\b.|,")


@dataclass
class Entity:
    """A person or organisation and every place the document mentions it."""

    name: str
    kind: str  # "person", "organisation" or "group"
    mentions: list[tuple[int, int]] = field(default_factory=list)  # character offsets, in text order
    role: str | None = None
    org: str | None = None
    gender: str | None = None  # "m" or "f" when a title or pronoun among its mentions, or a first name, says so


def entities_of(doc: Doc, book: NameBook, spoken: list[tuple[str | None, Span]]) -> list[Entity]:
    """The document's clusters: the people of the name book with the mentions it linked to them,
    the organisations its entities name (acronyms joined to their expansion), and the mentions
    quotes were attributed to (``spoken``: canonical name and mention, "he", "the council")."""
    found: dict[str, Entity] = {}

    def add(name: str, kind: str, start: int, end: int) -> None:
        entity = found.setdefault(name, Entity(name, kind))
        if (start, end) not in entity.mentions:
            entity.mentions.append((start, end))

    for start, end, name in book.mentions:
        add(name, "person", start, end)
    for ent in doc.ents:
        if (
            ent.label_ in ORGANISATION_LABELS
            and not POSSESSIVE_OR_LIST.search(ent.text)  # "Acme's Leeds, York": places the model ran together
            and not any(s <= ent.start_char < e for s, e, _ in book.mentions)
        ):
            name = book.expand(clean_org(ent.text)) or ""
            if name and name not in book.people:
                add(name, "organisation", ent.start_char, ent.end_char)
    for name, mention in spoken:
        if not name:
            continue
        kind = (
            "person"
            if name in book.people and book.people[name].named_person
            else _group_or_organisation(name, mention)
        )
        add(name, kind, mention.start_char, mention.end_char)  # a cluster keeps the kind it was made with
    for entity in found.values():
        person = book.people.get(entity.name)
        if person is not None:
            entity.role, entity.org = person.role, book.expand(person.org)
        entity.mentions.sort()
        if entity.kind == "person":
            entity.gender = _gender(doc, entity.mentions, book) or (person.gender if person else None)
    return sorted(found.values(), key=lambda e: e.mentions[0])


def _group_or_organisation(name: str, mention: Span) -> str:
    """A speaker named by a plural common noun ("experts", "state officials", "headteachers") is a
    group; one the noun was resolved to ("officials" of the council) keeps its own kind."""
    root = mention.root
    return "group" if root.tag_ == "NNS" and name.endswith(root.text) else "organisation"


CLUSTER_PRONOUN_GENDER = {**PRONOUN_GENDER, "himself": "m", "herself": "f"}  # a reflexive names its cluster too


def _gender(doc: Doc, mentions: list[tuple[int, int]], book: NameBook) -> str | None:
    """The one gender the titles ("Mr. Roe") and pronouns among a cluster's mentions say, if they
    agree: across articles, "Roe" joins the one Roe of that gender."""
    said = set()
    for start, end in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        said.add(title_gender(span, book.words))
        before = [doc[span.start - 1]] if span.start else []
        said.update(CLUSTER_PRONOUN_GENDER.get(token.lower_) for token in [span[0], *before])
    said.discard(None)
    return said.pop() if len(said) == 1 else None
