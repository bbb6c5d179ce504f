"""A quote as the finder builds it, before it becomes a claim."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from spacy.tokens import Span

from extract.stages.quotes.marks import Quotation
from extract.stages.speakers import Speaker


@dataclass
class Quote:
    start: int
    end: int
    content_start: int
    content_end: int
    kind: str
    rule: str
    cue: Span | None = None
    cue_text: str | None = None
    speaker: Speaker | None = None
    own_cue: bool = True  # False when the attribution was inherited (continuation, headline)
    line: int = 0

    @classmethod
    def direct(
        cls,
        q: Quotation,
        rule: str,
        cue: Span | None,
        cue_text: str | None,
        speaker: Speaker | None,
        *,
        line: int,
        own_cue: bool = True,
    ) -> Quote:
        """A direct quote: the quotation's span and content."""
        return cls(
            q.start, q.end, q.content_start, q.content_end, "direct", rule, cue, cue_text, speaker, own_cue, line
        )


class Refused(Enum):
    """A step's answer that there is nothing to find here: the steps after it are not asked."""

    REFUSED = "refused"


REFUSED = Refused.REFUSED
