"""One document as quote attribution reads it: its lines, its quotations, its usable cues and
the name book of its speakers, with the questions every attribution step asks of them (which
line a position is on, whether it is inside a quotation, what a cue is called).

Built once per doc by the stage (``Reading.of``) from the stage's ``Grammar``; the steps read it
and never reach back into the stage. The attribution patterns (``ATTRIBUTION`` rules,
DependencyMatcher patterns) are matched once per doc: each match proposes a source for a cue
verb to the step its rule names (``proposed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token

from extract.faster import SpanMatcher
from extract.rules.schema import Rule
from extract.rules.words import Words
from extract.stages.quotes.marks import Quotation, find_quotations
from extract.stages.speakers import NameBook, book_of, can_speak
from extract.stages.syntax import matched_spans, text_of

CARRY_ON_VERBS = {"go", "continue", "proceed"}
STATEMENT_NOUNS = {"statement", "letter", "note", "release", "message", "tweet", "post", "email", "memo"}


@dataclass(frozen=True)
class Grammar:
    """What attribution reads from the stage's rule set: the cue rules and their matcher, the
    attribution patterns and theirs, and the word lists."""

    cues: dict[str, Rule]
    cue_matcher: SpanMatcher
    shapes: dict[str, Rule]
    shape_matcher: DependencyMatcher
    words: Words


Proposals = dict[tuple[str, int], list[Token]]  # (step, cue verb index) -> proposed sources, in text order


@dataclass
class Reading:
    """A document's text, lines, quotations (outermost, orphans given a start), cues and name book."""

    doc: Doc
    text: str
    rules: dict[str, Rule]
    words: Words
    cues: list[Span]
    book: NameBook
    lines: list[tuple[int, int]]
    quotations: list[Quotation]
    proposals: Proposals

    @classmethod
    def of(cls, doc: Doc, grammar: Grammar) -> Reading:
        """Reads the document's cues, lines and quotations; attributes nothing yet."""
        text, rules, words = text_of(doc), grammar.cues, grammar.words
        matched = matched_spans(grammar.cue_matcher, doc)
        proposals = _proposals(doc, grammar) if matched else {}
        cues = [c for c in matched if usable_cue(c, rules[c.label_], words, proposals)]
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text)]
        reading = cls(doc, text, rules, words, cues, book_of(doc, words), lines, [], proposals)
        quotations = [q for q in find_quotations(text) if q.content_end > q.content_start]
        reading.quotations = [q for q in quotations if q.opened]
        opened = reading.quotations  # a lone closing mark inside one of them is an apostrophe or a nested mark
        quotations = [q for q in quotations if q.opened or not _inside(q, opened)]
        for q in quotations:
            if not q.opened:
                q.content_start = q.start = reading._orphan_start(q)
        reading.quotations = _outermost(
            sorted((q for q in quotations if q.content_end > q.content_start), key=lambda q: (q.start, -q.end))
        )
        reading.book.quoted = [(q.start, q.end) for q in reading.quotations]
        return reading

    def proposed(self, step: str, verb: Token) -> list[Token]:
        """The sources the attribution patterns of ``step`` propose for a cue verb, in text order."""
        return self.proposals.get((step, verb.i), [])

    def line_of(self, char: int) -> int:
        for i, (s, e) in enumerate(self.lines):
            if s <= char <= e:
                return i
        return len(self.lines) - 1

    def span(self, start: int, end: int) -> Span:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def in_direct(self, char: int) -> bool:
        return any(q.content_start <= char < q.content_end for q in self.quotations)

    def cue_kind(self, cue: Span) -> str:
        """What the cue's rule says it does: "speech", "belief", "naming" ..."""
        return self.rules[cue.label_].fields["cue_kind"]

    def naming(self, cue: Span) -> bool:
        """A cue that attributes the quoted words it governs ("called it a “disaster”"), or else
        what it calls its object ("called it a disaster"), never a clause."""
        return self.cue_kind(cue) == "naming"

    def cue_text(self, cue: Span) -> str:
        """The cue as written: the verb of a one-verb cue ("said"), else the whole phrase
        ("According to", "point it made was")."""
        verbs = [t.text for t in cue if t.pos_ in {"VERB", "AUX"}]
        if self.rules[cue.label_].fields["speaker"] != "object" and len(verbs) == 1 and len(cue) <= 2:
            return verbs[0]
        return cue.text

    def after_quote(self, token: Token) -> bool:
        """The token comes right after a quotation, only punctuation between: “…,” said X."""
        return any(
            q.end <= token.idx and not self.text[q.end : token.idx].strip(" ,\t\u00a0–—-") for q in self.quotations
        )

    def is_headline(self, q: Quotation) -> bool:
        """A short line, mostly quote, with no full stop: a headline or crosshead."""
        s, e = self.lines[self.line_of(q.start)]
        line = self.text[s:e].strip()
        before_close = self.text[q.end - 2 : q.end - 1] if q.closed else ""
        return (
            len(line.split()) <= 15
            and not line.endswith((".", "!", "?"))
            and before_close not in {".", "!", "?"}
            and (q.end - q.start) >= 0.5 * len(line)
        )

    def is_clause(self, q: Quotation) -> bool:
        """The quoted words make a clause of their own (a subject and its verb inside them)."""
        inner = self.span(q.content_start, q.content_end)
        if inner is None or len(inner) < 3:
            return False
        return any(
            t.dep_ in {"nsubj", "nsubjpass", "expl"} and t.head.i < inner.end and t.head.i >= inner.start for t in inner
        )

    def _orphan_start(self, q: Quotation) -> int:
        """Where a quote that has lost its opening mark starts: after narration and earlier quotes."""
        line_start = self.lines[self.line_of(q.end)][0]
        close_token = self.span(q.content_start, q.content_end)
        if close_token is None or not len(close_token):
            return line_start
        sent = close_token[-1].sent
        start = max(sent.start_char, line_start)
        while start > line_start:
            prev_end = start
            prev_tokens = self.span(line_start, prev_end)
            if prev_tokens is None or not len(prev_tokens):
                break
            prev_sent = prev_tokens[-1].sent
            s0 = max(prev_sent.start_char, line_start)
            text = self.text[s0:prev_end]
            if any(m in text for m in '“”‘"«»') or any(s0 <= c.start_char < prev_end for c in self.cues) or s0 >= start:
                break
            start = s0
        # a closed quote earlier in the same sentence ends the narration too
        for other in self.quotations:
            if other is not q and line_start <= other.end <= q.end and other.end > start:
                start = other.end
        while start < q.content_end and self.text[start] in ' \t\u00a0.,;:”’"':
            start += 1
        return start


def _proposals(doc: Doc, grammar: Grammar) -> Proposals:
    """Every source the attribution patterns propose in the doc, by step and cue verb."""
    found: Proposals = {}
    strings = doc.vocab.strings
    for match_id, token_ids in grammar.shape_matcher(doc):
        rule = grammar.shapes[strings[match_id]]
        nodes = [node["RIGHT_ID"] for node in rule.pattern]
        cue = token_ids[nodes.index(rule.fields["cue"])]
        source = doc[token_ids[nodes.index(rule.fields["speaker"])]]
        sources = found.setdefault((rule.fields["step"], cue), [])
        if source not in sources:
            sources.append(source)
    for sources in found.values():
        sources.sort(key=lambda t: t.i)
    return found


def cue_verb(cue: Span) -> Token:
    """The verb of a cue ("said", "was branded"); a verbless cue's root."""
    return next((t for t in cue if t.pos_ in {"VERB", "AUX"}), cue.root)


def usable_cue(cue: Span, rule: Rule, words: Words, proposals: Proposals) -> bool:
    """Reported speech needs a real report: not "to state", "would say", "leaders thinking"."""
    if rule.fields["speaker"] == "object":
        return True
    verb = cue_verb(cue)
    children = list(verb.children)
    went_on = verb.dep_ == "xcomp" and verb.head.lemma_ in CARRY_ON_VERBS  # "went on to say"
    agent = first_after(verb, proposals.get(("agent", verb.i), []))
    named_by = rule.fields["cue_kind"] == "naming" and agent is not None  # "was branded “X” by Y"
    if any(
        (c.dep_ == "auxpass" and not named_by) or c.tag_ == "MD" or (c.tag_ == "TO" and not went_on) for c in children
    ):
        return False
    cue_verbs = words.union("speech-verbs", "claim-verbs", "naming-verbs")
    doing = any(c.dep_ == "xcomp" and c.lemma_.lower() not in cue_verbs for c in children)
    if verb.lemma_.lower() in CARRY_ON_VERBS and (verb.dep_ == "amod" or doing):
        return False  # "continued to search for a buyer", "his continued support": carrying on, not speaking
    # "issued a statement saying"; "decried the delays saying": a participle on a noun that
    # cannot speak is the sentence subject's ("leaders thinking" is no report)
    participle_of_speaker = verb.dep_ == "acl" and verb.tag_ == "VBG" and can_speak(verb.head, words, without=verb)
    return verb.head.lemma_.lower() in STATEMENT_NOUNS or not participle_of_speaker


def _outermost(quotations: list[Quotation]) -> list[Quotation]:
    """Nested speech inside a quote is part of that quote, not a quote of its own."""
    kept: list[Quotation] = []
    for q in quotations:
        if not any(k.start <= q.start and q.end <= k.end for k in kept):
            kept.append(q)
    return kept


def _inside(q: Quotation, quotations: list[Quotation]) -> bool:
    return any(o.content_start < q.end <= o.content_end for o in quotations)


def first_after(verb: Token, proposed: list[Token]) -> Token | None:
    """The first source proposed after the verb: a passive verb's "by X"."""
    return next((t for t in proposed if t.i > verb.i), None)
