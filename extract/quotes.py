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
``speakers.NameBook``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.entities import entity_at
from extract.kb import Claim, claims_of
from extract.patterns import Rule, RuleSet
from extract.speakers import QUANTITY_HEADS, NameBook, Speaker, can_speak, is_author_voice, resolve
from extract.syntax import matched_spans

OPENERS = {"“": "double", "‘": "single", "«": "guillemet", '"': "double", "'": "single"}
CLOSERS = {"”": "double", "’": "single", "»": "guillemet", '"': "double", "'": "single"}
QUOTE_MARK = re.compile("[" + re.escape("".join({**OPENERS, **CLOSERS})) + "]")
TRAILING = " \t\u00a0,.;:"
COVERED = 0.9  # share of a reported clause inside quote marks that makes it a direct quote
MAX_CUE_GAP = 6  # tokens between a quote and a cue before it ("said that", "told them,")
BULLET = re.compile(r"^\s*(?:[•\-*–·▪●]|\(?\d{1,2}[.)]?(?=\s))\s*")
FIRST_PERSON_WORDS = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
CLAUSE_DEPS = {"ccomp", "parataxis"}


@dataclass
class Quotation:
    """A stretch of text between quote marks (either mark may be missing)."""

    start: int  # first char of the quotation, opening mark included when there is one
    end: int  # end (exclusive), closing mark included when there is one
    content_start: int
    content_end: int
    opened: bool = True
    closed: bool = True


# A short line opening with a name and a colon: "Betts: STPs will only work if ...".
NAME_COLON = re.compile(r"(?P<name>(?:[A-Z][\w’'-]+ ){0,2}[A-Z][\w’'-]+)\s*:\s+(?P<claim>[A-Za-z\"“‘'].{10,160})$")


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


def mark_role(s: str, i: int, open_families: set[str]) -> str | None:
    """"open", "close" or None (an apostrophe or not a mark) for the character at ``s[i]``.

    ``’`` and ``'`` between letters (King’s, aren’t) are apostrophes, and so is a plural
    possessive (members’ views) unless a single quote is open.
    """
    ch = s[i]
    prev = s[i - 1] if i else " "
    nxt = s[i + 1] if i + 1 < len(s) else " "
    after_space = prev.isspace() or prev in "([—–-/"
    before_space = nxt.isspace() or nxt in ",.;:!?)]—–-"
    if ch in "“«‘":
        return "open"
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
        for mark in QUOTE_MARK.finditer(s):  # only marks can open or close: skip the other characters
            i, ch = mark.start(), mark.group()
            role = mark_role(s, i, {f for f, _ in stack})
            if role is None:
                continue
            family = OPENERS[ch] if role == "open" else CLOSERS[ch]
            if role == "open":
                stack.append((family, i))
                continue
            match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == family), None)
            if match is None:
                found.append(Quotation(base, base + i + 1, base, base + i, opened=False))
                continue
            _, pos = stack[match]
            del stack[match:]
            found.append(Quotation(base + pos, base + i + 1, base + pos + 1, base + i))
        if stack:
            _, pos = stack[0]
            end = base + len(s.rstrip())
            found.append(Quotation(base + pos, end, base + pos + 1, end, closed=False))
    return [_trim(q, text) for q in sorted(found, key=lambda q: (q.start, -q.end))]


def _trim(q: Quotation, text: str) -> Quotation:
    start, end = q.content_start, q.content_end
    while start < end and text[start] in " \t\u00a0":
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    q.content_start, q.content_end = start, end
    return q


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


class QuoteFinder:
    """The quotes of one document; one instance per doc keeps the state of reading order."""

    def __init__(self, doc: Doc, extractor: QuoteExtractor):
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each call: read it once
        self.rules = extractor.rules
        self.cues = [c for c in matched_spans(extractor.matcher, doc) if self._usable_cue(c)]
        self.book = NameBook.from_doc(doc)
        self.lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", self.text)]
        quotations = [q for q in find_quotations(self.text) if q.content_end > q.content_start]
        self.quotations = [q for q in quotations if q.opened]
        for q in quotations:
            if not q.opened:
                q.content_start = q.start = self._orphan_start(q)
        self.quotations = self._outermost(
            sorted((q for q in quotations if q.content_end > q.content_start), key=lambda q: (q.start, -q.end))
        )
        for cue in self.cues:  # named sources first, so pronouns can look back by position
            subject = self.subject_of(cue)
            if subject is not None and subject.pos_ == "PROPN" and can_speak(subject):
                resolve(subject, self.book)

    # -- helpers -------------------------------------------------------------------------
    def _usable_cue(self, cue: Span) -> bool:
        """Reported speech needs a real report: not "to state", "would say", "leaders thinking"."""
        if self.rules[cue.label_].fields["speaker"] == "object":
            return True
        verb = next((t for t in cue if t.pos_ in {"VERB", "AUX"}), cue.root)
        children = list(verb.children)
        if any(c.dep_ == "auxpass" or c.tag_ in {"MD", "TO"} for c in children):
            return False
        return not (verb.dep_ == "acl" and verb.tag_ == "VBG")

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
        # a closing mark the parser took for a subject (“…,» said X) is not one; a word of the
        # quote taken for a second subject (“Great win,” said the minister) is not either
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"} and not c.is_punct]
        subject = next((c for c in subjects if not self.in_direct(c.idx)), subjects[0] if subjects else None)
        if subject is not None:
            return subject
        for child in verb.lefts:  # "with rather more believing them to be ‘limited’"
            if child.lower_ in QUANTITY_HEADS:
                return child
        for child in verb.lefts:  # "over half of respondents said"
            obj = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
            if obj is not None and (obj.like_num or obj.lemma_.lower() in QUANTITY_HEADS):
                return obj
        if verb.dep_ == "conj" and verb.head.i < verb.i:
            between = self.doc[verb.head.i + 1 : verb.i]
            for label in ("PERSON", "ORG"):
                named = [t for t in between if t.ent_type_ == label]
                if named:
                    return named[-1]
        head = verb
        while head.dep_ in {"advcl", "xcomp", "conj", "acl", "pcomp", "prep"} and head.head.i != head.i:
            head = head.head  # "echoed his words by saying that", "While admitting that"
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
        return None

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
        stop = re.search(r"[.!?](?=\s|$)|[“‘«\"]", following)
        limit = q.end + (stop.start() if stop else len(following))
        for cue in self.cues:
            if q.end <= cue.start_char <= limit and not self.in_direct(cue.start_char):
                return cue
        return None

    def cue_before(self, q: Quotation) -> Span | None:
        line_start = self.lines[self.line_of(q.start)][0]
        best = None
        for cue in self.cues:
            if line_start <= cue.start_char and cue.end_char <= q.start and not self.in_direct(cue.start_char):
                gap = self.span(cue.end_char, q.start) if cue.end_char < q.start else None
                gap_tokens = [t for t in gap if not t.is_space] if gap is not None else []
                if len(gap_tokens) <= MAX_CUE_GAP and (not gap_tokens or gap_tokens[-1].text in {":", ",", "that"} or gap_tokens[-1].lower_ == "that"):
                    best = cue
        return best

    def cue_governing(self, q: Quotation) -> Span | None:
        inner = self.span(q.content_start, q.content_end)
        if inner is None or not len(inner):
            return None
        ancestors = {a.i for a in inner.root.ancestors}
        sentence = inner.root.sent
        for cue in reversed(self.cues):
            if sentence.start <= cue.start < sentence.end and cue.root.i in ancestors and not self.in_direct(cue.start_char):
                return cue
        return None

    def is_headline(self, q: Quotation) -> bool:
        """A short line, mostly quote, with no full stop: a headline or crosshead."""
        s, e = self.lines[self.line_of(q.start)]
        line = self.text[s:e].strip()
        before_close = self.text[q.end - 2 : q.end - 1] if q.closed else ""
        return (
            len(line.split()) <= 15 and not line.endswith((".", "!", "?"))
            and before_close not in {".", "!", "?"} and (q.end - q.start) >= 0.5 * len(line)
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
            if any(m in text for m in "“”‘\"«»") or any(s0 <= c.start_char < prev_end for c in self.cues) or s0 >= start:
                break
            start = s0
        # a closed quote earlier in the same sentence ends the narration too
        for other in self.quotations:
            if other is not q and line_start <= other.end <= q.end and other.end > start:
                start = other.end
        while start < q.content_end and self.text[start] in " \t\u00a0.,;:”’\"":
            start += 1
        return start

    def run(self) -> list[Quote]:
        quotes: list[Quote] = []
        by_line: dict[int, list[Quote]] = {}
        for q in self.quotations:
            quote = self.attribute(q, by_line)
            if quote is not None:
                quotes.append(quote)
                by_line.setdefault(quote.line, []).append(quote)
        quotes.extend(self.reported(quotes))
        quotes.extend(self.name_colon_lines(quotes))
        self.headline_speakers(quotes)
        return sorted(quotes, key=lambda x: (x.start, x.end))

    def attribute(self, q: Quotation, by_line: dict[int, list[Quote]]) -> Quote | None:
        line = self.line_of(q.start)
        s, _ = self.lines[line]
        at_line_start = not self.text[s : q.start].strip()
        cue = self.cue_before(q) or self.cue_governing(q) or self.cue_after(q)
        if cue is not None:
            rule = cue.label_
            speaker = self.speaker_of(cue)
            if speaker is None:
                return None
            if self.is_headline(q) and speaker.mention is not None and speaker.mention.root.pos_ == "NOUN":
                return Quote(q.start, q.end, q.content_start, q.content_end, "direct", "quote-headline",
                             cue, self.cue_text(cue), Speaker(None, speaker.mention), own_cue=False, line=line)
            return Quote(q.start, q.end, q.content_start, q.content_end, "direct", rule, cue, self.cue_text(cue), speaker, line=line)
        earlier = by_line.get(line, [])
        if earlier and not at_line_start:  # "What is certain," he added, "is that ..."
            prev = earlier[-1]
            return Quote(q.start, q.end, q.content_start, q.content_end, "direct", prev.rule, prev.cue, prev.cue_text, prev.speaker, line=line)
        if at_line_start and line > 0:
            prev = self._previous_paragraph_quote(line, by_line)
            if prev is not None and not self.is_headline(q):
                return Quote(q.start, q.end, q.content_start, q.content_end, "direct", "quote-continuation",
                             prev.cue, prev.cue_text, prev.speaker, own_cue=False, line=line)
        if self.is_headline(q):
            return Quote(q.start, q.end, q.content_start, q.content_end, "direct", "quote-headline", None, None,
                         Speaker(None, None), own_cue=False, line=line)
        if self._is_clause(q):
            recent = self._recent_speaker(line, by_line)
            return Quote(q.start, q.end, q.content_start, q.content_end, "direct", "quote-uncued-clause", None, None,
                         recent, own_cue=False, line=line)
        return None

    def name_colon_lines(self, found: list[Quote]) -> list[Quote]:
        """Headline style "Betts: STPs will only work if all players are involved": a person the
        article names, a colon, and what they said (reported speech, cue ":")."""
        out = []
        for number, (s, e) in enumerate(self.lines):
            match = NAME_COLON.match(self.text[s:e])
            if match is None or not self.book.knows(match.group("name")) or any(s <= q.start < e for q in found):
                continue
            name = self.span(s + match.start("name"), s + match.end("name"))
            colon = self.span(s + match.end("name"), s + match.start("claim"))
            start, end = s + match.start("claim"), s + len(self.text[s:e].rstrip(" .\t"))
            if name is None or colon is None or end <= start:
                continue
            speaker = resolve(name[-1], self.book)
            out.append(Quote(start, end, start, end, "indirect", "quote-name-colon", colon, ":",
                             Speaker(speaker.name, name, speaker.role, speaker.org), own_cue=False, line=number))
        return out

    def _previous_paragraph_quote(self, line: int, by_line: dict[int, list[Quote]]) -> Quote | None:
        prev_line = line - 1
        if prev_line in by_line and by_line[prev_line][-1].kind == "direct":
            return by_line[prev_line][-1]
        return None

    def _recent_speaker(self, line: int, by_line: dict[int, list[Quote]]) -> Speaker:
        for back in range(line, max(-1, line - 3), -1):
            for quote in reversed(by_line.get(back, [])):
                if quote.speaker is not None and quote.speaker.name:
                    return Speaker(quote.speaker.name, None, quote.speaker.role, quote.speaker.org)
        return Speaker(None, None)

    def _is_clause(self, q: Quotation) -> bool:
        inner = self.span(q.content_start, q.content_end)
        if inner is None or len(inner) < 3:
            return False
        return any(t.dep_ in {"nsubj", "nsubjpass", "expl"} and t.head.i < inner.end and t.head.i >= inner.start for t in inner)

    def headline_speakers(self, quotes: list[Quote]) -> None:
        """A headline quote takes the speaker of the body quote that repeats its words."""
        for quote in quotes:
            if quote.rule != "quote-headline" or (quote.speaker and quote.speaker.name):
                continue
            words = _content_words(self.text[quote.content_start : quote.content_end])
            if not words:
                continue
            best, score = None, 0.0
            for other in quotes:
                if other is quote or other.rule == "quote-headline" or not (other.speaker and other.speaker.name):
                    continue
                overlap = len(words & _content_words(self.text[other.content_start : other.content_end])) / len(words)
                if overlap > score:
                    best, score = other, overlap
            if best is not None and score >= 0.5:
                mention = quote.speaker.mention if quote.speaker else None
                quote.speaker = Speaker(best.speaker.name, mention, best.speaker.role, best.speaker.org)

    # -- reported speech -----------------------------------------------------------------
    def reported(self, direct: list[Quote]) -> list[Quote]:
        found: list[Quote] = []
        for cue in self.cues:
            if self.in_direct(cue.start_char):
                continue
            clause = self.reported_clause(cue)
            if clause is None:
                found.extend(self.block_after(cue, direct))
                continue
            start, end = clause
            inside = [d for d in direct if d.start < end and start < d.end]
            if any(d.own_cue and (min(end, d.end) - max(start, d.start)) >= COVERED * (end - start) for d in inside):
                continue  # the quote marks cover the reported clause: it is a direct quote
            speaker = self.speaker_of(cue)
            if speaker is None:
                continue
            if any(d.own_cue and d.cue is not None and start <= d.cue.start_char < end
                   and d.speaker is not None and d.speaker.name != speaker.name for d in inside):
                continue  # the clause relays somebody else's quote
            kind = "mixed" if inside else "indirect"
            quote = Quote(start, end, start, end, kind, cue.label_, cue, self.cue_text(cue), speaker, line=self.line_of(start))
            for d in inside:  # the fragments are part of the mixed quote now
                if d.cue is None or d.cue == cue or not d.own_cue:
                    direct.remove(d)
            found.append(quote)
        # nested reported speech ("It showed 55 of 56 respondents said ...") belongs to the outer one
        outer = [q for q in found if not any(o is not q and o.start <= q.cue.start_char < o.end for o in found)]
        return outer

    def reported_clause(self, cue: Span) -> tuple[int, int] | None:
        rule = self.rules[cue.label_]
        if rule.fields["speaker"] == "object":  # "According to X, clause" / "clause, according to X"
            prep = cue[0]
            if prep.pos_ == "NOUN":  # "promises from X that ..."
                clause = next((t for t in prep.subtree if t.dep_ in {"acl", "ccomp", "relcl"} and any(c.dep_ == "mark" for c in t.children)), None)
                return self._bounds(clause.left_edge.i, clause.right_edge.i + 1) if clause is not None else None
            head = prep.head
            if head.i == prep.i:
                return None
            # the clause on the far side of "according to X": never across it
            before = prep.i > head.i
            tokens = [t for t in head.subtree if (t.i < prep.left_edge.i if before else t.i > prep.right_edge.i)]
            if not tokens:
                return None
            return self._bounds(tokens[0].i, tokens[-1].i + 1)
        verb = cue.root
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            # "As one of my colleagues notes, the vast majority of managers ..."
            head = verb.head
            rest = [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
            return self._bounds(rest[0].i, rest[-1].i + 1) if rest else None
        for token in cue:
            for child in token.children:
                if child.dep_ in CLAUSE_DEPS and child.i > cue.end - 1 and not self._wh_clause(child) and not _it_small_clause(child):
                    return self._bounds(child.left_edge.i, self._clause_end(child))
                if child.dep_ == "prep" and child.lower_ == "as" and token.lemma_ in {"describe", "characterise", "characterize"}:
                    return self._bounds(child.i + 1, child.right_edge.i + 1)
        # small clause after a belief verb: "consider X to be Y", "believing them to be Y"
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubj"} and c.i > verb.i), None)
        if rule.fields["cue_kind"] == "belief" and obj is not None and any(c.dep_ in {"oprd", "xcomp", "acomp"} for c in verb.children):
            last = max(c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ not in {"punct"})
            return self._bounds(obj.left_edge.i, last + 1)
        # the clause before: "The partnerships are the best hope ..., X told delegates"
        subject = self.subject_of(cue)
        if verb.dep_ == "conj" and subject is not None and verb.head.i < subject.i and verb.head.pos_ in {"VERB", "AUX"}:
            ent = entity_at(subject)
            speaker_start = ent.start if ent is not None else subject.left_edge.i
            return self._bounds(verb.head.left_edge.i, speaker_start)
        for child in verb.children:
            if child.dep_ in {"ccomp", "parataxis"} and child.i < verb.i:
                return self._bounds(child.left_edge.i, child.right_edge.i + 1)
        if verb.dep_ in {"ccomp", "parataxis"} and verb.head.i < verb.i and verb.head.pos_ in {"VERB", "AUX"}:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and verb.head.i < subject.i:
                return self._bounds(verb.head.left_edge.i, subject.left_edge.i)
        return None

    def _clause_end(self, clause: Token) -> int:
        """Where a reported clause ends: before a later, comma-joined report with its own source.

        "said that they believe X to be ‘reasonable,’ less than a quarter consider Y" holds two
        reports; the first ends where the second's subject begins.
        """
        end = clause.right_edge.i + 1
        for cue in self.cues:
            if clause.i < cue.start < end and cue.root != clause:
                subject = self.subject_of(cue)
                if subject is not None and subject.left_edge.i > clause.left_edge.i + 3 and self.doc[subject.left_edge.i - 1].is_punct:
                    end = min(end, subject.left_edge.i)
        return end

    @staticmethod
    def _wh_clause(clause: Token) -> bool:
        first = clause.left_edge
        return first.tag_ in {"WDT", "WP", "WRB", "WP$"} or first.lower_ in {"whether", "if", "how"}

    def _bounds(self, start_i: int, end_i: int) -> tuple[int, int] | None:
        doc = self.doc
        while start_i < end_i and (doc[start_i].is_punct or doc[start_i].is_space or (doc[start_i].lower_ == "that" and doc[start_i].dep_ == "mark")):
            start_i += 1
        while end_i > start_i and (doc[end_i - 1].is_space or doc[end_i - 1].text in {".", ",", ";", ":", "-", "–"}):
            end_i -= 1
        if end_i - start_i < 1:
            return None
        span = doc[start_i:end_i]
        return span.start_char, span.end_char

    def block_after(self, cue: Span, direct: list[Quote]) -> list[Quote]:
        """"He outlined the following problems:" + bullets; "NHS Guidance stated" + paragraphs."""
        line = self.line_of(cue.start_char)
        s, e = self.lines[line]
        rest = self.text[cue.end_char : e].strip()
        if not (rest.endswith(":") or rest == ""):
            return []
        if rest == "" and self.text[s:e].rstrip().endswith((".", "?", "!")):
            return []
        items: list[tuple[int, int]] = []
        bulleted = False
        for nxt in range(line + 1, min(len(self.lines), line + 12)):
            ls, le = self.lines[nxt]
            text = self.text[ls:le]
            if not text.strip():
                continue
            marker = BULLET.match(text)
            if items and bulleted and not marker:
                break
            if not items:
                bulleted = bool(marker)
            if not bulleted and (len(text.split()) < 8 or (text.rstrip()[-1:] not in {".", "”", "’", '"'} and len(text.split()) < 15)):
                break
            if not bulleted and any(q.start >= ls and q.end <= le and q.own_cue for q in direct):
                break
            start = ls + (marker.end() if marker else 0)
            while start < le and self.text[start].isspace():
                start += 1
            end = le
            while end > start and self.text[end - 1] in TRAILING:
                end -= 1
            items.append((start, end))
        if not items:
            return []
        speaker = self.speaker_of(cue)
        if speaker is None:
            return []
        texts = [self.text[a:b] for a, b in items]
        kind = "direct" if any(FIRST_PERSON_WORDS.search(t) for t in texts) else "indirect"
        out = []
        for a, b in items:
            inside = [d for d in direct if a <= d.start and d.end <= b + 2]
            item_kind = "mixed" if kind == "indirect" and inside else kind
            for d in inside:
                direct.remove(d)
            out.append(Quote(a, b, a, b, item_kind, cue.label_, cue, self.cue_text(cue), speaker, line=self.line_of(a)))
        return out


def _it_small_clause(clause: Token) -> bool:
    """"finding it difficult to recruit", "made it hard to": a verbless clause on an expletive "it"
    says how something is, it reports nobody's words."""
    return clause.pos_ in {"ADJ", "NOUN"} and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children)


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z’'-]+", text) if len(w) > 3}


@Language.factory("extract_quotes", assigns=["doc._.claims"])
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(nlp.vocab)
