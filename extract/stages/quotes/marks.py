"""Quote marks: which mark opens or closes, and the quotations of a text in any mark style.

Pure string work, before any parse: marks pair up by family (double, single, angle), so nesting
works; an unbalanced mark never stops the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "double", "‘": "single", "«": "guillemet", '"': "double", "'": "single"}
CLOSERS = {"”": "double", "’": "single", "»": "guillemet", '"': "double", "'": "single"}
FAMILY = {**OPENERS, **CLOSERS}  # each mark belongs to one family, whichever role it plays
# Two single marks written for one double mark (‘‘ ... ’’, '' as a closer), as some sites and
# wire copy print them: one mark of the double family, never two single ones.
DOUBLED = {"‘‘": "open", "’’": "close", "''": "close"}
QUOTE_MARK = re.compile("|".join(DOUBLED) + "|[" + re.escape("".join({**OPENERS, **CLOSERS})) + "]")
TRAILING = " \t\u00a0,.;:"
ELIDED_YEAR = re.compile(r"\d\d(s?)(?!\w)")  # ’19, '80s: a decade or a year with its century left out
ATTRIBUTE = re.compile(r"(?<=[\w-]=)\"[^\"]*\"")  # markup left in the text: <tweet author="@roe">


@dataclass
class Quotation:
    """A stretch of text between quote marks (either mark may be missing)."""

    start: int  # first char of the quotation, opening mark included when there is one
    end: int  # end (exclusive), closing mark included when there is one
    content_start: int
    content_end: int
    opened: bool = True
    closed: bool = True


def mark_role(s: str, i: int, open_families: set[str]) -> str | None:
    """ "open", "close" or None (an apostrophe or not a mark) for the character at ``s[i]``.

    ``’`` and ``'`` between letters (King’s, aren’t) are apostrophes, and so is a plural
    possessive (members’ views) unless a single quote is open.
    """
    ch = s[i]
    prev = s[i - 1] if i else " "
    nxt = s[i + 1] if i + 1 < len(s) else " "
    after_space = prev.isspace() or prev in "([—–-/"
    before_space = nxt.isspace() or nxt in ",.;:!?)]—–-"
    if ch in "‘’'" and not prev.isalnum() and _elided_year(s, i):
        return None
    if ch == "“" and "double" in open_families and prev in ",.!?" and (nxt.isspace() or i + 1 == len(s)):
        return "close"  # an opening mark typed for a closing one: (“It's unusual,“ said Roe)
    if ch in "“«‘":
        return "open"
    if ch == "”" and after_space and nxt.isalnum() and "double" not in open_families:
        return "open"  # a closing mark typed for an opening one: (”This guy ...”)
    if ch in "”»":
        return "close"
    if ch in "’'":
        if prev.isalnum() and nxt.isalnum():
            return None
        possessive = prev in "sS" and nxt.isspace() and i + 2 < len(s) and s[i + 2].isalpha()
        if "single" in open_families and not nxt.isalnum():
            later_close = re.search(r"[’'](?![\w])", s[i + 1 :]) is not None
            return None if possessive and later_close else "close"
        if ch == "'" and after_space and nxt.isalnum():
            return "open"
        return "close" if before_space and not after_space and not possessive else None
    if ch == '"':
        if "double" in open_families and not after_space:
            return "close"
        if not nxt.isspace():
            return "open"
        return "close" if not after_space else None
    return None


def _elided_year(s: str, i: int) -> bool:
    """ "in the '80s", "2018 ‘19": an apostrophe for a left-out century, not a quote mark, unless a
    single mark later in the line closes a quote that opens with a number (‘20 people were hurt’)."""
    year = ELIDED_YEAR.match(s, i + 1)
    if year is None:
        return False
    close = re.search(r"[’'](?!\w)", s[year.end() :])
    # a mark that closes only after other quotations open ("since ‘08 ... “We ended the ‘who pays’
    # argument”") closes those, not a quote opening with the year
    return (
        bool(year.group(1))
        or close is None
        or re.search("[‘“”]", s[year.end() : year.end() + close.start()]) is not None
    )


def _doubled_role(s: str, i: int, j: int) -> str:
    """A doubled mark's role: ``''`` opens where a word follows it after a space, else closes."""
    if s[i:j] == "''" and (i == 0 or s[i - 1].isspace()) and j < len(s) and s[j].isalnum():
        return "open"
    return DOUBLED[s[i:j]]


def find_quotations(text: str) -> list[Quotation]:
    """Quotations paragraph by paragraph (a paragraph is a line), in any mark style.

    Marks pair up by family (double, single, angle), so nesting works; a closing mark with no
    opener gives a quotation with ``opened=False`` (its start is found later, from the
    sentences), an opener never closed runs to the end of its paragraph.
    """
    found: list[Quotation] = []
    for line in re.finditer(r"[^\r\n]+", text):
        stack: list[tuple[str, int]] = []  # (family, index of the opening mark in the line)
        base, s = line.start(), line.group()
        attributes = {i for a in ATTRIBUTE.finditer(s) for i in (a.start(), a.end() - 1)}
        for mark in QUOTE_MARK.finditer(s):  # only marks can open or close: skip the other characters
            i, j, ch = mark.start(), mark.end(), mark.group()
            if i in attributes:
                continue  # the marks around a markup attribute's value quote nobody
            role = _doubled_role(s, i, j) if ch in DOUBLED else mark_role(s, i, {f for f, _ in stack})
            if role is None:
                continue
            family = "double" if ch in DOUBLED else FAMILY[ch]
            if role == "open":
                stack.append((family, i))
                continue
            match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == family), None)
            if match is None:
                found.append(Quotation(base, base + j, base, base + i, opened=False))
                continue
            _, pos = stack[match]
            del stack[match:]
            start = pos + (2 if s[pos : pos + 2] in DOUBLED else 1)  # content starts after the opening mark
            found.append(Quotation(base + pos, base + j, base + start, base + i))
        if stack:
            _, pos = stack[0]
            end = base + len(s.rstrip())
            found.append(
                Quotation(base + pos, end, base + pos + (2 if s[pos : pos + 2] in DOUBLED else 1), end, closed=False)
            )
    return [_trim(q, text) for q in sorted(found, key=lambda q: (q.start, -q.end))]


def _trim(q: Quotation, text: str) -> Quotation:
    start, end = q.content_start, q.content_end
    while start < end and text[start] in " \t\u00a0":
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    q.content_start, q.content_end = start, end
    return q
