"""Stance: evaluative phrases, with polarity, strength, target, negation and hedging.

``STANCE`` rules name the evaluative phrase and its polarity: hand rules for the shapes news
uses (predictions, demands, idioms) and the open-vocabulary lexicon rules, whose word lists
(``stance-negative``, ``stance-positive``) carry each word's strength. A matched word grows into
its phrase from the parse (``phrase``); ``NEGATION`` and ``HEDGE`` rules name the cues that flip
or soften it within its clause (``scope``). An attitude's holder is its subject (``attitude``);
any other phrase's is filled in from the quote it sits in (``kb``), else it is the author's (null).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.factories import factory
from extract.rules.loading import RuleSet
from extract.rules.words import Words
from extract.stages.base import Claim, ClaimStage, add_claim
from extract.stages.registry import ClaimType, register
from extract.stages.stance.attitude import caused, holder_name, is_attitude
from extract.stages.stance.phrase import evaluative_word, intensity, phrase_of, takes_position
from extract.stages.stance.scope import NEGATION_WINDOW, conditional, negates_another, same_clause, target_of
from extract.stages.syntax import matched_spans

FLIP = {"positive": "negative", "negative": "positive"}


@dataclass
class StanceFields:
    """A stance record's own fields (see docs/kb_schema.md); an attitude's holder is its subject,
    and the KB fills in any other holder from the quote the phrase sits in."""

    polarity: str
    holder: str | None
    target: str | None
    negated: bool
    negation_cue: str | None
    hedged: bool
    hedge_cue: str | None
    stance_kind: str
    strength: float
    holder_id: str | None = None  # the holder's entity in the run's entities file: the run sets it


class StanceExtractor(ClaimStage):
    labels = ("STANCE", "NEGATION", "HEDGE")  # the rules it reads: its cached output depends on them

    def use_rules(self, rules: RuleSet) -> None:
        self.matcher = rules.matcher(self.vocab, "STANCE")
        self.negations = rules.matcher(self.vocab, "NEGATION")
        self.hedges = rules.matcher(self.vocab, "HEDGE")
        self.rules = {r.id: r for r in rules.with_label("STANCE")}
        self.words = rules.words

    def find(self, doc: Doc) -> None:
        words = self.words
        quotes = list(doc.spans.get("quote", []))
        negations = matched_spans(self.negations, doc)
        hedges = matched_spans(self.hedges, doc)
        # a word that takes no position gives way before overlaps are settled, so a hand rule on
        # the same word ("welcomed") still stands
        matches = sorted(
            filter_spans([s for s in self.matcher(doc) if takes_position(s, words)]), key=lambda s: s.start
        )
        spans = merge_lists(phrases(matches, self.rules), self.rules)
        spans = [s for s in spans if not negates_another(s, spans, negations)]
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
                    (n for n in negations if span.start - NEGATION_WINDOW <= n.start < span.end and negates(n, span)),
                    None,
                )
            )
            hedge = next((h for h in hedges if h.sent == span.sent and same_clause(h, span)), None)
            start = min(span.start, negation.start) if negation is not None else span.start
            phrase = doc[start : span.end]
            word, polarity, weight = weighed(span, rule.fields["polarity"], words)
            target = target_of(word)
            add_claim(
                doc,
                Claim(
                    "stance",
                    phrase.start_char,
                    phrase.end_char,
                    rule.id,
                    StanceFields(
                        polarity=FLIP[polarity] if negation is not None else polarity,
                        holder=holder_of(span, word, words, quotes),
                        target=target.text if target is not None else None,
                        negated=negation is not None,
                        negation_cue=negation.text if negation is not None else None,
                        hedged=hedge is not None,
                        hedge_cue=hedge.text if hedge is not None else None,
                        stance_kind=rule.fields["stance_kind"],
                        strength=weight,
                    ),
                    {"target": (target.start_char, target.end_char)} if target is not None else {},
                ),
            )


def negates(negation: Span, span: Span) -> bool:
    """A negation cue applies within its own clause only ("whether it is misleading or not is a
    vexed one" is not negated), and to an attitude only when written before its word ("criticised
    them for not helping" is not negated)."""
    if negation.sent != span.sent or not same_clause(negation, span) or alternative(negation):
        return False
    return not is_attitude(span) or negation.start < span.root.i


def holder_of(span: Span, word: Token, words: Words, quotes: list[Span]) -> str | None:
    """An attitude's holder, from the grammar; None for any other phrase (the KB gives it the
    speaker of the quote it sits in, else it is the writer's)."""
    if not is_attitude(span):
        return None
    inside = any(q.start <= span.start and span.end <= q.end for q in quotes)
    return holder_name(word, words, inside, caused(span))


def alternative(negation: Span) -> bool:
    """ "(whether ...) or not" offers an alternative; it negates nothing."""
    doc = negation.doc
    return negation.start > 0 and doc[negation.start - 1].lower_ == "or"


def weighed(span: Span, polarity: str, words: Words) -> tuple[Token, str, float]:
    """The phrase's evaluative word, and its polarity and strength (0-1) after its intensifiers:
    "hugely" strengthens, "slightly" weakens, and an excess of a good quality ("overly
    optimistic") is a criticism."""
    word, value = evaluative_word(span, polarity, words)
    factor = intensity(word, words)
    if factor < 0 and polarity == "positive":
        polarity = "negative"
    return word, polarity, round(min(1.0, value * abs(factor)), 2)


def phrases(spans: list[Span], rules: dict) -> list[Span]:
    """The matched words, each grown into its phrase; a phrase that overlaps the one before joins
    it ("false and misleading advertisements"), unless their polarities differ: then the one
    before ends where this one starts ("pleased that ... but disappointed that ...")."""
    out: list[Span] = []
    for span in spans:
        phrase = phrase_of(span)
        phrase = Span(span.doc, phrase.start, phrase.end, label=span.label_)
        if out and phrase.start < out[-1].end:
            prev = out[-1]
            if _polarity(prev, rules) == _polarity(phrase, rules) or phrase.start <= prev.root.i:
                out[-1] = Span(span.doc, prev.start, max(prev.end, phrase.end), label=prev.label_)
                continue
            out[-1] = _trimmed(Span(span.doc, prev.start, phrase.start, label=prev.label_))
        out.append(phrase)
    return out


def _polarity(span: Span, rules: dict) -> str:
    return rules[span.label_].fields["polarity"]


def _trimmed(span: Span) -> Span:
    """Without the punctuation and conjunctions it ends in."""
    end = span.end
    while end - span.start > 1 and (span.doc[end - 1].is_punct or span.doc[end - 1].pos_ in {"CCONJ", "AUX"}):
        end -= 1
    return Span(span.doc, span.start, end, label=span.label_)


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


@factory(
    "extract_stance_v1",
    old_name="extract_stance",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma", "token.ent_type"],
    default_config={"patterns": []},
)
def make_stance_extractor(nlp: Language, name: str, patterns: list[str]) -> StanceExtractor:
    return StanceExtractor(nlp, name, patterns)


register(
    ClaimType("stance", "s", "extract_stance", StanceFields, "STANCE", reads=("quote",), factory="extract_stance_v1")
)
