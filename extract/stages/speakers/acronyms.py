"""Acronyms and short forms of the organisations a document spells out: "the National
Association of Head Teachers (NAHT)", "the Australian Workers' Union ... the AWU", "StatsCan"."""

from __future__ import annotations

import re

from extract.stages.speakers.names import CONNECTORS

ACRONYM = re.compile(r"\((?P<short>[A-Z][A-Za-z&]{1,9})\)")
NAME_WORD = re.compile(r"[A-Z][\w’'&.-]*|of|for|and|the|on|in|&")


def acronyms_in(text: str) -> dict[str, str]:
    """ "the National Association of Head Teachers (NAHT)": each acronym in brackets whose
    letters are the initials of the capitalised words written before it, with those words."""
    found = {}
    for match in ACRONYM.finditer(text):
        short = match.group("short")
        words = text[max(0, match.start() - 120) : match.start()].split()
        run: list[str] = []
        for word in reversed(words):
            if not NAME_WORD.fullmatch(word.rstrip(",")) or word.endswith(","):
                break
            run.insert(0, word)
        while run and run[0] in CONNECTORS:
            run.pop(0)
        initials = "".join(w[0] for w in run if w not in CONNECTORS).upper()
        letters = "".join(c for c in short if c.isupper())
        for start in range(len(run)):  # the shortest tail of the run whose initials give the acronym
            tail = [w for w in run[start:] if w not in CONNECTORS]
            if "".join(w[0] for w in tail).upper() == letters and run[start] not in CONNECTORS:
                found[short] = " ".join(run[start:])
                break
        else:
            if initials.endswith(letters) and len(letters) > 1:
                found[short] = " ".join(run)
    return found | _acronyms_by_initials(text, found)


# a list inside a name may take commas: "Immigration, Refugees and Citizenship Canada"
CAPITALISED_RUN = re.compile(r"[A-Z][\w’'&.-]*(?:,?\s+(?:(?:of|for|and|the|on|in|&)\s+)*[A-Z][\w’'&.-]*)+")
UPPER_WORD = re.compile(r"\b[A-Z]{2,6}\b")
CONTRACTION = re.compile(r"\b(?:[A-Z][a-z]{1,6}){2,3}\b")  # "StatsCan", "FedEx": short forms of a name


def _acronyms_by_initials(text: str, known: dict[str, str]) -> dict[str, str]:
    """ "the Australian Workers' Union said ... the AWU": an acronym the document never brackets,
    whose letters are the initials of exactly one capitalised name it writes out; likewise a
    short form made of the first letters of each word ("StatsCan" for "Statistics Canada")."""
    by_initials: dict[str, set[str]] = {}
    for match in CAPITALISED_RUN.finditer(text):
        run = match.group().split()
        for start in range(len(run) - 1):  # every tail: "Alcoa and the Australian Workers' Union"
            words = [w for w in run[start:] if w not in CONNECTORS]
            if run[start] not in CONNECTORS and len(words) >= 2:
                by_initials.setdefault("".join(w[0] for w in words), set()).add(" ".join(run[start:]))
    found = {}
    for short in set(UPPER_WORD.findall(text)) - set(known):
        names = by_initials.get(short, set())
        if len(names) == 1:
            found[short] = names.pop()
    for short in set(CONTRACTION.findall(text)) - set(known):  # "StatsCan" for "Statistics Canada"
        parts = re.findall(r"[A-Z][a-z]+", short)
        names = {
            name
            for name in by_initials.get("".join(part[0] for part in parts), set())
            if len(name.split()) == len(parts) and _shortens(parts, name.split())
        }
        if len(names) == 1:
            found[short] = names.pop()
    return found


def _shortens(parts: list[str], words: list[str]) -> bool:
    """Each part is its word's first letter and then some of its letters in order, and at least
    one is shorter: "Stats", "Can" of "Statistics Canada"."""
    return parts != words and all(_letters_of(p.lower(), w.lower()) for p, w in zip(parts, words, strict=True))


def _letters_of(part: str, word: str) -> bool:
    letters = iter(word[1:])
    return part[:1] == word[:1] and all(c in letters for c in part[1:])
