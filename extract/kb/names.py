"""Names, roles and organisations as a KB holds them, compared across documents.

The same person is written "Donald Trump", "Donald J. Trump" or "Mr. Trump" in different
articles: ``name_key`` gives what such spellings share (first and last word, a generational
suffix; a title in front does not count). A record's role and organisation are what the
pipeline read around a name, and may be stray words: ``affiliation`` keeps a role only when it
holds a word of a role ("times" is none), moves a title written as the organisation ("Dr.",
"Vermont Sen.") to the role, and splits a post written after an organisation ("House Speaker":
the organisation House, the role Speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.rules.words import shipped_words

SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Titles that never start an organisation's name, so they may be dropped before a lone surname
# ("Mr Trump"); any other title only before a full name ("President Barack Obama", not "General Motors").
COURTESY = {"mr", "mrs", "ms", "mx", "miss", "dr", "prof"}
_AGE = re.compile(r"(?:aged?\s+)?\d{1,3}(?:[- ]years?[- ]old)?", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_EDGE = "-–—,;:()[]<>\"'“”‘’ "
_NOT_LETTERS = re.compile(r"^[\W\d_]+|[\W\d_]+$")  # at a word's edges: "+chair", "Sen."


@dataclass(frozen=True)
class NameLists:
    """The words names and roles are told by: ``titles`` (honorifics, role and office nouns: what
    may stand before a name), ``posts`` (role and office nouns alone: what may end an
    organisation's name as the role written after it, "House Speaker"; not "King" of "Burger
    King") and ``first_names`` (first name -> the gender it tells)."""

    titles: frozenset[str]
    posts: frozenset[str]
    first_names: dict[str, str] = field(default_factory=dict, hash=False)
    modifiers: frozenset[str] = frozenset()  # "former", "acting": a role's, never an organisation's


@cache
def shipped_name_lists() -> NameLists:
    words = shipped_words()
    posts = words.union("role-nouns", "office-nouns")
    titles = frozenset(w for w in words.union("honorifics", "post-titles") | posts if w != "the")
    return NameLists(titles, posts, words.values("first-names"), words["role-modifiers"])


def name_words(name: str) -> list[str]:
    """The words of a name without stray punctuation around them (">Sanders" is "Sanders")."""
    return [w for w in (word.strip(_EDGE) for word in name.split()) if w]


def name_key(name: str, titles: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """First and last word (and a generational suffix), casefolded, after leading titles: "Donald
    J. Trump" is ("donald", "trump"); "Donald Trump Jr." is ("donald", "trump", "jr"); "Mr.
    Trump" is ("trump",). A title is dropped before a full name, and before a lone word only
    when abbreviated or a courtesy title ("Sen. Sanders", "Mr Trump"; "General Motors" stays).
    A description ("the Clinton campaign", "many tax experts") is keyed by all its words."""
    written = name_words(name)
    if len(written) > 1 and not (written[0][:1].isupper() and written[-1][:1].isupper()):
        return ("", " ".join(written).casefold())  # a description, "the Trump campaign": only its own words
    words = [w.casefold() for w in written]
    suffix = tuple(w.rstrip(".") for w in words[-1:] if w in SUFFIXES and len(words) > 1)
    words = words[: len(words) - len(suffix)]
    while len(words) > 1 and words[0].rstrip(".") in titles:
        if len(words) == 2 and not (words[0].endswith(".") or words[0] in COURTESY):
            break
        words.pop(0)
    return (words[0], words[-1], *suffix) if len(words) > 1 else tuple(words)


def clean_role(role: str | None, lists: NameLists | None = None) -> str | None:
    """The role as written without stray punctuation ("- police chief"); None for an age ("54",
    "aged 54"), no words at all, or (given ``lists``) no word of a role or title in it."""
    text = (role or "").strip(_EDGE)
    if not _LETTER.search(text) or _AGE.fullmatch(text):
        return None
    if lists is not None and not any(_office_word(w, lists.titles) for w in name_words(text)):
        return None
    return text


def _office_word(word: str, words: frozenset[str]) -> bool:
    """A word of a role, as written or in the plural ("senators"), abbreviated or not ("Sen.")."""
    word = _NOT_LETTERS.sub("", word.casefold())
    return word in words or (word.endswith("s") and word[:-1] in words)


def is_title(org: str, titles: frozenset[str]) -> bool:
    """Whether an organisation is a title: only titles ("Sen.", "Governor"), or ending with an
    abbreviated one ("Indiana Gov.", "U.S. Army Lt."). A spelt-out title at the end is left
    alone: "Burger King", "Department of Justice"."""
    words = name_words(org)
    if not words:
        return False
    if all(w.rstrip(".").casefold() in titles for w in words):
        return True
    return words[-1].endswith(".") and words[-1].rstrip(".").casefold() in titles


def post_after(org: str, posts: frozenset[str]) -> tuple[str, str] | None:
    """(organisation, role) when a capitalised post ends the organisation: "House Speaker" is
    ("House", "Speaker"), "Federal Reserve Chair" ("Federal Reserve", "Chair"); else None."""
    words = name_words(org)
    cut = len(words)
    while cut > 1 and words[cut - 1][:1].isupper() and _office_word(words[cut - 1], posts):
        cut -= 1
    return (" ".join(words[:cut]), " ".join(words[cut:])) if cut < len(words) else None


def affiliation(
    role: str | None, org: str | None, titles: frozenset[str], lists: NameLists | None = None
) -> tuple[str | None, str | None]:
    """A record's (role, organisation), cleaned: a title in the organisation's place becomes the
    role when there is none ("Vermont Sen."), else is dropped; given ``lists``, a role must
    hold a word of a role, a post ending the organisation is the role ("House Speaker"), and
    a word of when or how a post is held is no organisation's ("Former", "Interim DNC")."""
    role = clean_role(role, lists)
    org = (org or "").strip(_EDGE) or None
    if org is not None and lists is not None:  # "Former", "Interim DNC": a role's word before the name
        words = name_words(org)
        while words and words[0].casefold() in lists.modifiers:
            words.pop(0)
        org = " ".join(words) or None
    if org is not None and is_title(org, titles):
        return role or org, None
    split = post_after(org, lists.posts) if org is not None and lists is not None else None
    if split is not None:
        return role or split[1], split[0]
    return role, org
