"""Quotes: direct speech in any quote-mark style, reported speech, and who said it.

Direct quotes are found from the quote marks themselves (``find_quotations``), so an
unbalanced mark never stops the article: a closing mark with no opener starts the quote at the
first sentence of the paragraph that is not narration, an opener with no closer runs to the
paragraph end. Each quotation is then attributed in reading order:

1. a cue (``QUOTE_CUE`` rules) after it in its sentence: "...," he said;
2. a cue before it: He added: "...", said that '...';
3. a cue verb governing it in the parse: which he said was "unrealistic";
4. a headline or crosshead quote takes the speaker of the body quote it repeats;
5. a paragraph opening with a quote mark and no cue continues the previous paragraph's quote;
6. a quoted clause with no cue is speech by the current speaker; anything else is a scare
   quote or a title, not a quote.

Reported speech comes from cue verbs with a clausal complement (said that ..., according to X,
...), and from lists and blocks introduced by a cue and a colon. Speakers are resolved with
``extract.stages.speakers``; reported speech is in ``reported.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from extract.stages.quotes.grammar import agent, bare_label, name_before, nickname, past_dash
from extract.stages.quotes.inherit import nearest_mention, previous_paragraph_quote, recent_speaker
from extract.stages.quotes.layout import headline_speakers, line_attribution, name_colon_lines, transcript_line
from extract.stages.quotes.marks import Quotation, find_quotations
from extract.stages.quotes.quote import Quote
from extract.stages.quotes.reported import reported_speech
from extract.stages.speakers import Speaker, book_of, can_speak, is_author_voice, quantity_heads, resolve
from extract.stages.speakers.lexicon import honorifics
from extract.stages.syntax import matched_spans, text_of

if TYPE_CHECKING:
    from extract.stages.quotes.component import QuoteExtractor

MAX_CUE_GAP = 6  # tokens between a quote and a cue before it ("said that", "told them,")
CARRY_ON_VERBS = {"go", "continue", "proceed"}
STATEMENT_NOUNS = {"statement", "letter", "note", "release", "message", "tweet", "post", "email", "memo"}
INVERSION_STOPS = {"ADP", "VERB", "AUX", "SCONJ", "CCONJ", "PRON", "PART"}
_STOP = re.compile(r"[.!?](?=\s|$)|[“‘«\"]")
_LAST_WORD = re.compile(r"(\w+)$")


class QuoteFinder:
    """The quotes of one document; one instance per doc keeps the state of reading order."""

    def __init__(self, doc: Doc, extractor: QuoteExtractor):
        """Reads the document's cues, lines and quotations; resolves nothing yet (``run`` does)."""
        self.doc = doc
        self.text = text_of(doc)
        self.rules = extractor.rules
        self.cues = [c for c in matched_spans(extractor.matcher, doc) if self._usable_cue(c)]
        self.book = book_of(doc)
        self.lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", self.text)]
        quotations = [q for q in find_quotations(self.text) if q.content_end > q.content_start]
        self.quotations = [q for q in quotations if q.opened]
        opened = self.quotations  # a lone closing mark inside one of them is an apostrophe or a nested mark
        quotations = [q for q in quotations if q.opened or not _inside(q, opened)]
        for q in quotations:
            if not q.opened:
                q.content_start = q.start = self._orphan_start(q)
        self.quotations = self._outermost(
            sorted((q for q in quotations if q.content_end > q.content_start), key=lambda q: (q.start, -q.end))
        )

    def resolve_named_sources(self) -> None:
        """Every cue's source goes into the name book first, in text order, so a pronoun or "a
        spokesman" can look back by position whatever order the quotes are attributed in."""
        for cue in self.cues:
            subject = self.subject_of(cue)
            if subject is not None and can_speak(subject) and not self.in_direct(subject.idx):
                resolve(subject, self.book)

    # -- helpers -------------------------------------------------------------------------
    def _usable_cue(self, cue: Span) -> bool:
        """Reported speech needs a real report: not "to state", "would say", "leaders thinking"."""
        if self.rules[cue.label_].fields["speaker"] == "object":
            return True
        verb = next((t for t in cue if t.pos_ in {"VERB", "AUX"}), cue.root)
        children = list(verb.children)
        went_on = verb.dep_ == "xcomp" and verb.head.lemma_ in CARRY_ON_VERBS  # "went on to say"
        named_by = self.naming(cue) and agent(verb) is not None  # "was branded “X” by Y"
        if any(
            (c.dep_ == "auxpass" and not named_by) or c.tag_ == "MD" or (c.tag_ == "TO" and not went_on)
            for c in children
        ):
            return False
        # "issued a statement saying"; "decried the delays saying": a participle on a noun that
        # cannot speak is the sentence subject's ("leaders thinking" is no report)
        participle_of_speaker = verb.dep_ == "acl" and verb.tag_ == "VBG" and can_speak(verb.head)
        return verb.head.lemma_.lower() in STATEMENT_NOUNS or not participle_of_speaker

    def line_of(self, char: int) -> int:
        for i, (s, e) in enumerate(self.lines):
            if s <= char <= e:
                return i
        return len(self.lines) - 1

    def span(self, start: int, end: int) -> Span:
        return self.doc.char_span(start, end, alignment_mode="expand")

    @staticmethod
    def _outermost(quotations: list[Quotation]) -> list[Quotation]:
        """Nested speech inside a quote is part of that quote, not a quote of its own."""
        kept: list[Quotation] = []
        for q in quotations:
            if not any(k.start <= q.start and q.end <= k.end for k in kept):
                kept.append(q)
        return kept

    def in_direct(self, char: int) -> bool:
        return any(q.content_start <= char < q.content_end for q in self.quotations)

    def speaker_of(self, cue: Span) -> Speaker | None:
        """The source named by a cue; None when the cue has no usable source (author voice)."""
        rule = self.rules[cue.label_]
        how = rule.fields["speaker"]
        if how == "none":
            return Speaker(None, None)
        if how == "object":
            obj = next((t for t in cue.root.subtree if t.dep_ == "pobj" and t.i >= cue.end - 1), None)
            if obj is None:
                obj = next((t for t in self.doc[cue.end : cue.end + 8] if t.pos_ in {"PROPN", "NOUN", "PRON"}), None)
            if obj is None:
                return Speaker(None, None)
            return resolve(obj, self.book) if can_speak(obj) else None
        subject = self.subject_of(cue)
        if subject is None:
            return Speaker(None, None)
        if is_author_voice(subject) or self.in_direct(subject.idx):
            return None
        if not (can_speak(subject) or self.book.knows(subject.text)):
            return None
        return resolve(subject, self.book)

    def subject_of(self, cue: Span) -> Token | None:
        """The cue verb's subject; for a subjectless participle or conjunct, the one it shares.

        "..., Richard Humphries, a senior fellow, told delegates": a conjunct cue with no subject
        of its own takes the name written just before it.
        """
        verb = next((t for t in cue if t.pos_ in {"VERB", "AUX"}), cue.root)
        by_whom = agent(verb) if self.naming(cue) else None
        if by_whom is not None:
            return by_whom  # "was sledged as “backwards” by the opposition"
        # a closing mark the parser took for a subject (“…,» said X) is not one; a word of the
        # quote taken for a second subject (“Great win,” said the minister) is not either
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"} and not c.is_punct]
        subject = next((c for c in subjects if not self.in_direct(c.idx)), None)
        if subject is None and (self._after_quote(verb) or (verb.i == verb.sent.start and verb.text.istitle())):
            subject = self._inverted_subject(verb)  # “…,” said Roe; Said Roe: “…”
        if subject is not None or subjects:
            return past_dash(subject or subjects[0], verb)
        for child in verb.lefts:  # "with rather more believing them to be ‘limited’"
            if child.lower_ in quantity_heads():
                return child
        for child in verb.lefts:  # "over half of respondents said"
            obj = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
            if obj is not None and (obj.like_num or obj.lemma_.lower() in quantity_heads()):
                return obj
        if verb.dep_ == "conj" and verb.head.i < verb.i:
            shared = next((c for c in verb.head.children if c.dep_ == "nsubj" and not self.in_direct(c.idx)), None)
            if shared is not None and (shared.pos_ in {"PROPN", "PRON"} or shared.ent_type_ in {"PERSON", "ORG"}):
                return shared  # "Roe, the former minister, stressed ... and said": the subject they share
            between = self.doc[verb.head.i + 1 : verb.i]
            for label in ("PERSON", "ORG"):
                named = [t for t in between if t.ent_type_ == label]
                if named:
                    return named[-1]
        head = verb
        while head.dep_ in {"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "dobj"} and head.head.i != head.i:
            head = head.head  # "echoed his words by saying that", "While admitting that"
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return past_dash(subject, head)
        return name_before(verb)

    def _after_quote(self, token: Token) -> bool:
        """The token comes right after a quotation, only punctuation between: “…,” said X."""
        return any(
            q.end <= token.idx and not self.text[q.end : token.idx].strip(" ,\t\u00a0–—-") for q in self.quotations
        )

    def _inverted_subject(self, verb: Token) -> Token | None:
        """The subject written after its verb: “…,” said Betts; “…,” added authority chairman Ruth
        Rogers; responded the minister. The noun phrase right after the verb, up to punctuation,
        a preposition or a clause; its person's name where it holds one."""
        words = []
        for token in self.doc[verb.i + 1 : min(verb.sent.end, verb.i + 8)]:
            if token.is_punct or token.pos_ in INVERSION_STOPS or self.in_direct(token.idx):
                break
            words.append(token)
        nouns = [t for t in words if t.pos_ in {"PROPN", "NOUN"}]
        named = [t for t in nouns if t.ent_type_ == "PERSON"]
        return (named or nouns or [None])[-1]

    def cue_text(self, cue: Span) -> str:
        """The cue as written: the verb of a one-verb cue ("said"), else the whole phrase
        ("According to", "point it made was")."""
        verbs = [t.text for t in cue if t.pos_ in {"VERB", "AUX"}]
        if self.rules[cue.label_].fields["speaker"] != "object" and len(verbs) == 1 and len(cue) <= 2:
            return verbs[0]
        return cue.text

    # -- direct quotes -------------------------------------------------------------------
    def cue_after(self, q: Quotation) -> Span | None:
        line_end = self.lines[self.line_of(q.end)][1]
        following = self.text[q.end : line_end]
        if self.text[q.content_end - 1 : q.content_end] == "." and following.strip()[:1].isupper():
            return None  # “... Peace Through Strength.” He told ...: the quote ended its sentence (not “…?” Roe asked)
        stop = _sentence_stop(self._without_nicknames(q.end, following))
        limit = q.end + (stop if stop is not None else len(following))
        for cue in self.cues:
            if q.end <= cue.start_char <= limit and not self.in_direct(cue.start_char) and not self.naming(cue):
                return cue
        return None

    def _without_nicknames(self, start: int, text: str) -> str:
        """``text`` (from ``start``) with the marks of short quotations blanked: a nickname in a
        name ('Marcia “Cia” Price shouted') does not end the search for a cue."""
        chars = list(text)
        inside = (o for o in self.quotations if start <= o.start and o.end <= start + len(text))
        for other in inside:
            if len(self.text[other.start : other.end].split()) <= 2:
                chars[other.start - start] = chars[other.end - 1 - start] = " "
        return "".join(chars)

    def naming(self, cue: Span) -> bool:
        """A cue that attributes only the quoted words it governs ("called it a “disaster”")."""
        return self.rules[cue.label_].fields["cue_kind"] == "naming"

    def cue_before(self, q: Quotation) -> Span | None:
        line_start = self.lines[self.line_of(q.start)][0]
        best = None
        for cue in self.cues:
            if (
                line_start <= cue.start_char
                and cue.end_char <= q.start
                and not self.in_direct(cue.start_char)
                and not self.naming(cue)
            ):
                gap = self.span(cue.end_char, q.start) if cue.end_char < q.start else None
                gap_tokens = [t for t in gap if not t.is_space] if gap is not None else []
                if (
                    len(gap_tokens) <= MAX_CUE_GAP
                    and (not gap_tokens or gap_tokens[-1].text in {":", ",", "that"} or gap_tokens[-1].lower_ == "that")
                    and not (best is not None and best.root.i in {a.i for a in cue.root.ancestors})
                ):
                    best = cue  # the nearest, unless nested in the one before: "X said she recalled thinking, “…”"
        return best

    def cue_governing(self, q: Quotation) -> Span | None:
        inner = self.span(q.content_start, q.content_end)
        if inner is None or not len(inner):
            return None
        ancestors = {a.i for a in inner.root.ancestors}
        sentence = inner.root.sent
        governing = [
            cue
            for cue in self.cues
            if sentence.start <= cue.start < sentence.end
            and cue.root.i in ancestors
            and not self.in_direct(cue.start_char)
            and not (self.naming(cue) and bare_label(inner, cue))
        ]
        # the outermost speech cue ("Roe said she expects the party “to fight on”" is Roe's quote, not
        # "she"'s); a naming verb only when no speech cue governs ("called it, as he said, “unfair”")
        return min(governing, key=lambda cue: (self.naming(cue), sum(1 for _ in cue.root.ancestors)), default=None)

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

    def run(self) -> list[Quote]:
        """Every quote of the document, direct then reported, in text order."""
        self.resolve_named_sources()
        quotes: list[Quote] = []
        by_line: dict[int, list[Quote]] = {}
        for q in self.quotations:
            quote = self.attribute(q, by_line)
            if quote is not None:
                quotes.append(quote)
                by_line.setdefault(quote.line, []).append(quote)
        quotes.extend(reported_speech(self, quotes))
        quotes.extend(name_colon_lines(self, quotes))
        quotes = [self._spelled_out(quote) for quote in headline_speakers(self.text, quotes)]
        return sorted(quotes, key=lambda x: (x.start, x.end))

    def _spelled_out(self, quote: Quote) -> Quote:
        """A quote whose speaker or organisation is an acronym the document spells out, with the full name."""
        speaker = quote.speaker
        if speaker is None or (speaker.name not in self.book.acronyms and speaker.org not in self.book.acronyms):
            return quote
        full = Speaker(self.book.expand(speaker.name), speaker.mention, speaker.role, self.book.expand(speaker.org))
        return replace(quote, speaker=full)

    def attribute(self, q: Quotation, by_line: dict[int, list[Quote]]) -> Quote | None:
        """A quotation's attribution, in order: a cue, the layout of its line, the quote before it
        on its line or in the paragraph before, a headline, a quoted clause; else no quote."""
        line = self.line_of(q.start)
        s, _ = self.lines[line]
        at_line_start = not self.text[s : q.start].strip()
        if nickname(self.text, q):
            return None
        labelled = transcript_line(self, q, line) if at_line_start else None
        if labelled is not None:
            return labelled
        cue = self.cue_before(q) or self.cue_governing(q) or self.cue_after(q)
        if cue is not None:
            speaker = self.speaker_of(cue)
            if speaker is None:
                return None
            if self.is_headline(q) and speaker.mention is not None and speaker.mention.root.pos_ == "NOUN":
                headline = Speaker(None, speaker.mention)
                return Quote.direct(q, "quote-headline", cue, self.cue_text(cue), headline, line=line, own_cue=False)
            return Quote.direct(q, cue.label_, cue, self.cue_text(cue), speaker, line=line)
        by_layout = line_attribution(self, q, line)
        if by_layout is not None:
            return by_layout
        earlier = by_line.get(line, [])
        if earlier and not at_line_start:  # "What is certain," he added, "is that ..."
            prev = earlier[-1]
            return Quote.direct(q, prev.rule, prev.cue, prev.cue_text, prev.speaker, line=line)
        if at_line_start and line > 0:
            prev = previous_paragraph_quote(line, by_line)
            if prev is not None and not self.is_headline(q):
                speaker = nearest_mention(self, prev.speaker, q.start)  # "..., Clinton restricted ..." then “…
                return Quote.direct(q, "quote-continuation", prev.cue, prev.cue_text, speaker, line=line, own_cue=False)
        if self.is_headline(q):
            return Quote.direct(q, "quote-headline", None, None, Speaker(None, None), line=line, own_cue=False)
        if self._is_clause(q):
            recent = nearest_mention(self, recent_speaker(self, line, by_line, q.start), q.start)
            return Quote.direct(q, "quote-uncued-clause", None, None, recent, line=line, own_cue=False)
        return None

    def _is_clause(self, q: Quotation) -> bool:
        inner = self.span(q.content_start, q.content_end)
        if inner is None or len(inner) < 3:
            return False
        return any(
            t.dep_ in {"nsubj", "nsubjpass", "expl"} and t.head.i < inner.end and t.head.i >= inner.start for t in inner
        )


def _inside(q: Quotation, quotations: list[Quotation]) -> bool:
    return any(o.content_start < q.end <= o.content_end for o in quotations)


def _sentence_stop(text: str) -> int | None:
    """Where the sentence after a quote ends (or the next quote opens): a full stop after a title
    or an initial ("Mr.", "Sen.", "J.") does not end it."""
    for stop in _STOP.finditer(text):
        word = _LAST_WORD.search(text, 0, stop.start()) if stop.group() == "." else None
        if word is not None and (
            word.group().lower() in honorifics() or (len(word.group()) == 1 and word.group().isupper())
        ):
            continue
        return stop.start()
    return None
