"""The ``extract_quotes`` component: each quote the attribution steps find (``steps``, in the
order of its ``steps`` setting) becomes a claim, and the people and organisations it resolved
speakers among become ``doc._.entities``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extract.factories import factory
from extract.rules.loading import RuleSet
from extract.stages.base import Claim, ClaimStage, add_claim
from extract.stages.quotes.reading import Grammar, Reading
from extract.stages.quotes.steps import DEFAULT_STEPS, chain, quotes_of
from extract.stages.registry import ClaimType, register
from extract.stages.speakers import Speaker
from extract.stages.speakers.entities import entities_of


@dataclass
class QuoteFields:
    """A quote record's own fields (see docs/kb_schema.md); the KB cuts ``content`` and
    ``speaker_mention`` from the source text by their offsets."""

    content: str | None
    content_start: int
    content_end: int
    quote_kind: str
    cue: str | None
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_role: str | None
    speaker_org: str | None
    speaker_id: str | None = None  # the speaker's entity in the run's entities file: the run sets it


class QuoteExtractor(ClaimStage):
    labels = ("QUOTE_CUE", "ATTRIBUTION")  # the rules it reads: its cached output depends on them

    def __init__(
        self, nlp: Language, name: str, patterns: Sequence[str] = (), steps: Sequence[str] = tuple(DEFAULT_STEPS)
    ):
        super().__init__(nlp, name, patterns)
        self.steps = chain(steps)

    def use_rules(self, rules: RuleSet) -> None:
        self.grammar = Grammar(
            cues={r.id: r for r in rules.with_label("QUOTE_CUE")},
            cue_matcher=rules.matcher(self.vocab, "QUOTE_CUE"),
            shapes={r.id: r for r in rules.with_label("ATTRIBUTION")},
            shape_matcher=rules.dependency_matcher(self.vocab, "ATTRIBUTION"),
            words=rules.words,
        )

    def find(self, doc: Doc) -> None:
        reading = Reading.of(doc, self.grammar)
        quotes = quotes_of(reading, self.steps)
        spoken = [(q.speaker.name, q.speaker.mention) for q in quotes if q.speaker and q.speaker.mention is not None]
        doc._.entities = entities_of(doc, reading.book, spoken)
        for q in quotes:
            sp = q.speaker or Speaker(None, None)
            add_claim(
                doc,
                Claim(
                    "quote",
                    q.start,
                    q.end,
                    q.rule,
                    QuoteFields(
                        content=None,
                        content_start=q.content_start,
                        content_end=q.content_end,
                        quote_kind=q.kind,
                        cue=q.cue_text,
                        speaker=sp.name or sp.written,
                        speaker_mention=sp.mention.text if sp.mention is not None else None,
                        speaker_start=sp.mention.start_char if sp.mention is not None else None,
                        speaker_end=sp.mention.end_char if sp.mention is not None else None,
                        speaker_role=sp.role,
                        speaker_org=sp.org,
                    ),
                    {"cue": (q.cue.start_char, q.cue.end_char)} if q.cue is not None else {},
                ),
            )


@factory(
    "extract_quotes_v1",
    old_name="extract_quotes",
    assigns=["doc.spans", "doc._.entities"],
    requires=["token.dep", "token.pos", "token.lemma", "token.ent_type", "token.is_sent_start"],
    default_config={"patterns": [], "steps": DEFAULT_STEPS},
)
def make_quote_extractor(nlp: Language, name: str, patterns: list[str], steps: list[str]) -> QuoteExtractor:
    """``steps``: the attribution steps (``extract.stages.quotes.steps``) in the order they are asked."""
    return QuoteExtractor(nlp, name, patterns, steps)


register(ClaimType("quote", "q", "extract_quotes", QuoteFields, "QUOTE_CUE", factory="extract_quotes_v1"))
