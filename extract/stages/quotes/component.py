"""The ``extract_quotes`` component: each quote a ``QuoteFinder`` reads becomes a claim."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.rules.loading import RuleSet
from extract.rules.schema import Rule
from extract.stages.base import Claim, claims_of
from extract.stages.quotes.finder import QuoteFinder
from extract.stages.speakers import Speaker


class QuoteExtractor:
    LABELS = ("QUOTE_CUE",)  # the rules it reads: its cached output depends on them

    def __init__(self, vocab):
        self.vocab = vocab
        self.matcher = None

    def add_rules(self, rules: RuleSet) -> None:
        self.matcher = rules.matcher(self.vocab, "QUOTE_CUE")
        self.rules: dict[str, Rule] = {r.id: r for r in rules.with_label("QUOTE_CUE")}

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is None:
            raise ValueError("extract_quotes has no rules: call add_rules() (build_pipeline does)")
        quotes = QuoteFinder(doc, self).run()
        claims = claims_of(doc)
        for q in quotes:
            sp = q.speaker or Speaker(None, None)
            claims.append(Claim("quote", q.start, q.end, q.rule, {
                "content_start": q.content_start,
                "content_end": q.content_end,
                "quote_kind": q.kind,
                "cue": q.cue_text,
                "speaker": sp.name,
                "speaker_mention": sp.mention.text if sp.mention is not None else None,
                "speaker_start": sp.mention.start_char if sp.mention is not None else None,
                "speaker_end": sp.mention.end_char if sp.mention is not None else None,
                "speaker_role": sp.role,
                "speaker_org": sp.org,
            }))
        return doc


@Language.factory("extract_quotes", assigns=["doc._.claims"])
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(nlp.vocab)
