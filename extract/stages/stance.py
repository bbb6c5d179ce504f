"""Stance: short evaluative phrases, with polarity, target, negation and hedging.

``STANCE`` rules name the evaluative phrase and its polarity; ``NEGATION`` and ``HEDGE`` rules
name the cues that flip or soften it within its clause. The holder is filled in from the quote
a phrase sits in (``kb``), else it is the author's (null).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.rules.loading import RuleSet
from extract.stages.base import Claim, ClaimStage, claims_of
from extract.stages.syntax import matched_spans

NEGATION_WINDOW = 4  # tokens before a phrase in which a negation cue applies
FLIP = {"positive": "negative", "negative": "positive"}


@dataclass
class StanceFields:
    """A stance record's own fields (see docs/kb_schema.md); the holder is filled in by the KB
    from the quote the phrase sits in."""

    polarity: str
    holder: str | None
    target: str | None
    negated: bool
    negation_cue: str | None
    hedged: bool
    hedge_cue: str | None
    stance_kind: str


class StanceExtractor(ClaimStage):
    labels = ("STANCE", "NEGATION", "HEDGE")  # the rules it reads: its cached output depends on them

    def use_rules(self, rules: RuleSet) -> None:
        self.matcher = rules.matcher(self.vocab, "STANCE")
        self.negations = rules.matcher(self.vocab, "NEGATION")
        self.hedges = rules.matcher(self.vocab, "HEDGE")
        self.rules = {r.id: r for r in rules.with_label("STANCE")}

    def find(self, doc: Doc) -> None:
        negations = matched_spans(self.negations, doc)
        hedges = matched_spans(self.hedges, doc)
        spans = merge_lists(matched_spans(self.matcher, doc), self.rules)
        # a phrase that is the negation of another ("failed to" in "failed to prove a success") is not one
        spans = [s for s in spans if not _negates_another(s, spans, negations)]
        for span in spans:
            if conditional(span):
                continue  # "if the assumptions are too optimistic": no position is taken
            rule = self.rules[span.label_]
            # a phrase that opens with its own negation ("nobody wants") has counted it already
            starts_negated = any(n.start == span.start for n in negations)
            negation = (
                None
                if starts_negated
                else next(
                    (
                        n
                        for n in negations
                        if span.start - NEGATION_WINDOW <= n.start < span.end and n.sent == span.sent
                    ),
                    None,
                )
            )
            hedge = next((h for h in hedges if h.sent == span.sent and _same_clause(h, span)), None)
            start = min(span.start, negation.start) if negation is not None else span.start
            phrase = doc[start : span.end]
            polarity = rule.fields["polarity"]
            claims_of(doc).append(
                Claim(
                    "stance",
                    phrase.start_char,
                    phrase.end_char,
                    rule.id,
                    StanceFields(
                        polarity=FLIP[polarity] if negation is not None else polarity,
                        holder=None,
                        target=target_of(span),
                        negated=negation is not None,
                        negation_cue=negation.text if negation is not None else None,
                        hedged=hedge is not None,
                        hedge_cue=hedge.text if hedge is not None else None,
                        stance_kind=rule.fields["stance_kind"],
                    ),
                )
            )


def _negates_another(span: Span, spans: list[Span], negations: list[Span]) -> bool:
    if not any(n.start == span.start and n.end >= span.end for n in negations):
        return False
    return any(o.start >= span.end and o.start - NEGATION_WINDOW <= span.start and o.sent == span.sent for o in spans)


def merge_lists(spans: list[Span], rules: dict) -> list[Span]:
    """One phrase for a list of evaluations: "too fragmented, medicalised, hospitalised",
    "pushed aside and ignored" (same polarity and kind, joined by commas or a conjunction);
    "flawed and must be overturned" stays two: an evaluation and a demand."""
    merged: list[Span] = []
    for span in spans:
        prev = merged[-1] if merged else None
        if prev is not None and all(
            rules[prev.label_].fields[field] == rules[span.label_].fields[field]
            for field in ("polarity", "stance_kind")
        ):
            gap = span.doc[prev.end : span.start]
            if len(gap) <= 2 and all(t.text in {",", "and", "or", "&"} for t in gap):
                merged[-1] = Span(span.doc, prev.start, span.end, label=prev.label_)
                continue
        merged.append(span)
    return merged


def conditional(span: Span) -> bool:
    """True when the phrase sits in an "if"/"unless" clause, or is a hypothetical that one
    governs ("it would help if there were ..."): no position is taken on what is."""
    if any(t.lower_ in {"would", "could", "might"} for t in span):
        head = _clause_head(span.root)
        if any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
            for c in head.children
        ):
            return True
    token = span.root
    while True:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in token.children):
            return True
        if token.head.i == token.i or token.dep_ in {"ROOT", "ccomp"}:
            return False
        token = token.head


def _clause_head(token: Token) -> Token:
    while token.dep_ not in {"ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp"} and token.head.i != token.i:
        token = token.head
    return token


def _same_clause(cue: Span, phrase: Span) -> bool:
    """The cue and phrase share a clause; "it seems"/"it appears" also scope over the clause they govern."""
    cue_head, phrase_head = _clause_head(cue.root), _clause_head(phrase.root)
    if cue_head == phrase_head:
        return True
    return cue.root.lemma_ in {"seem", "appear"} and phrase_head.dep_ == "ccomp" and phrase_head.head == cue.root


def target_of(span: Span) -> str | None:
    """What the phrase evaluates: the subject of its clause, or the noun an adjective modifies."""
    root = span.root
    if root.dep_ == "amod" and root.head.pos_ in {"NOUN", "PROPN"}:
        return root.head.text
    head = _clause_head(root)
    subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or (subject.pos_ == "PRON" and subject.lower_ in {"it", "there", "this", "that"}):
        return None
    doc = span.doc
    return doc[subject.left_edge.i : subject.i + 1].text


@Language.factory("extract_stance", assigns=["doc._.claims"], default_config={"patterns": []})
def make_stance_extractor(nlp: Language, name: str, patterns: list[str]) -> StanceExtractor:
    return StanceExtractor(nlp, name, patterns)
