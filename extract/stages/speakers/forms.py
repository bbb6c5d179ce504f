"""Short and long forms of one name within a document: "Okafor" and "Ada Okafor", "Times" and
"New York Times". Users read the speaker field, so every quote of one person or organisation
carries the fullest name the document gives, once all its quotes are attributed."""

from __future__ import annotations

from collections.abc import Iterable

from extract.rules.words import Words
from extract.stages.speakers.names import CONNECTORS, NameBook, Speaker, first_name_gender, title_gender


def longer_form(name: str, names: Iterable[str]) -> str | None:
    """The one longer name among ``names`` that ends with all the words of ``name`` ("Okafor" in
    "Ada Okafor"); None when there is none or more than one ("Clinton" with Bill and Hillary)."""
    words = name.split(" ")
    found = {n for n in names if len(n.split(" ")) > len(words) and n.split(" ")[-len(words) :] == words}
    return found.pop() if len(found) == 1 else None


def joined_forms(book: NameBook, speakers: list[Speaker | None]) -> dict[str, str]:
    """Short speaker names to the long form the same document gives them: a capitalised word
    (a surname, an organisation's short name) that ends exactly one longer speaker's or person's
    name written as a name alone (no role, title or lower-case word in it), unless a title with one of its
    mentions gives another gender than the long form's ("Mr. Obama" is not Michelle Obama)."""
    named = [s for s in speakers if s is not None and s.name]
    people = [name for name, person in book.people.items() if person.named_person]
    names = {name for name in {s.name for s in named if s.name} | set(people) if _plain_name(name, book.words)}
    joined: dict[str, str] = {}
    for short in {s.name for s in named if s.name and s.name[:1].isupper() and " " not in s.name}:
        long = longer_form(short, names)
        if long is None:
            continue
        person = book.people.get(long)
        gender = (person.gender if person else None) or first_name_gender(long, book.words)
        said = {title_gender(s.mention, book.words) for s in named if s.name == short and s.mention} - {None}
        if gender is None or not said or said == {gender}:
            joined[short] = long
    return joined


def _plain_name(name: str, words: Words) -> bool:
    """A name written alone: capitalised words and connectors, no role or title ("Gov. Jo Roe",
    "the head of Acme" are a name with words about it)."""
    titles = words.union("role-nouns", "post-titles", "honorifics")
    parts = name.split(" ")
    return parts[0][:1].isupper() and all(
        (p[:1].isupper() or p in CONNECTORS) and p.lower().rstrip(".") not in titles for p in parts
    )
