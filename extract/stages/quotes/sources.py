"""Who a cue names as its source: the cue verb's subject, found by ordered small steps, each
"given this verb, name the subject or pass" (``SUBJECT_STEPS``), then resolved to a speaker
with the document's name book."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from extract.stages.quotes.grammar import name_before, past_dash
from extract.stages.quotes.reading import Reading, cue_verb, first_after
from extract.stages.speakers import Speaker, as_written, can_speak, is_author_voice, resolve

INVERSION_STOPS = {"ADP", "VERB", "AUX", "SCONJ", "CCONJ", "PRON", "PART"}
CLIMB_DEPS = {"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "dobj"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}

SubjectStep = Callable[[Reading, Span, Token], "Token | None"]


def speaker_of(reading: Reading, cue: Span, quote_end: int | None = None, quoted: bool = False) -> Speaker | None:
    """The source named by a cue; None when the cue has no usable source (author voice).

    ``quoted``: the cue reports words in quote marks, so any noun that says them speaks (``_says``).

    ``quote_end``, the end of the quote the cue attributes, picks among a naming cue's several
    sources the one written after that quote ("called “timid” by the union and “a start” by
    the employers": each quote its own "by").
    """
    how = reading.rules[cue.label_].fields["speaker"]
    if how == "none":
        return Speaker(None, None)
    if how == "object":
        return _object_speaker(reading, cue)
    subject = _agent_after(reading, cue, quote_end) or subject_of(reading, cue)
    if subject is None:
        return Speaker(None, None)
    if is_author_voice(subject, reading.words) or reading.in_direct(subject.idx):
        return None
    speaks = can_speak(subject, reading.words) or reading.book.knows(subject.text)
    if not (speaks or (quoted and _says(reading, cue, subject))):
        return None
    speaker = resolve(subject, reading.book)
    if speaker.name is None and not speaks and subject.pos_ == "NOUN":  # "the narrator": as written
        return Speaker(as_written(subject.doc[subject.left_edge.i : subject.i + 1]), speaker.mention)
    return speaker


def _says(reading: Reading, cue: Span, subject: Token) -> bool:
    """Whatever noun says, tells, asks, writes or reads quoted words is their source, however the
    word lists miss it ("the boy asked", "the caller says", "the sign read"): a speech cue takes
    no other subject, unlike a verb of claiming ("the figures suggest") or naming. Reported speech
    without quote marks keeps to the lists ("shares said", "the belief says" are parses gone wrong)."""
    if subject.tag_ in {"WDT", "WP"} and subject.head.dep_ == "relcl":  # "a sign that read", "badges which said"
        subject = subject.head.head
    noun = subject.pos_ == "NOUN" or _name_mistagged(subject)
    saying = reading.cue_kind(cue) == "speech"
    return noun and saying and cue_verb(cue).lemma_.lower() not in reading.words["claim-verbs"]


def _object_speaker(reading: Reading, cue: Span) -> Speaker | None:
    """ "according to X", "in the words of X": the object of the cue's preposition speaks, the
    noun it governs rather than one inside its modifiers ("according to former Bank of Canada
    governor Jo Roe" is Roe, not Canada)."""
    obj = next((t for t in cue[-1].children if t.dep_ == "pobj"), None)
    obj = obj or next((t for t in cue.root.subtree if t.dep_ == "pobj" and t.i >= cue.end - 1), None)
    if obj is None:
        obj = next((t for t in reading.doc[cue.end : cue.end + 8] if t.pos_ in {"PROPN", "NOUN", "PRON"}), None)
    if obj is None:
        return Speaker(None, None)
    return resolve(obj, reading.book) if can_speak(obj, reading.words) else None


def subject_of(reading: Reading, cue: Span) -> Token | None:
    """The cue verb's subject: the first of ``SUBJECT_STEPS`` that names one."""
    verb = cue_verb(cue)
    for step in SUBJECT_STEPS:
        subject = step(reading, cue, verb)
        if subject is not None:
            return subject
    return None


def passive_agent(reading: Reading, cue: Span, verb: Token) -> Token | None:
    """ "was sledged as “backwards” by the opposition": a naming cue's "by" names its source
    (the ``agent`` attribution patterns)."""
    return first_after(verb, reading.proposed("agent", verb)) if reading.naming(cue) else None


def _agent_after(reading: Reading, cue: Span, quote_end: int | None) -> Token | None:
    """A naming cue's "by" source written after the quote, when it has several (coordinated
    namings, each quote followed by its own source); None leaves the choice to ``subject_of``."""
    if quote_end is None or not reading.naming(cue):
        return None
    agents = reading.proposed("agent", cue_verb(cue))
    if len(agents) < 2:
        return None
    return next((t for t in agents if t.idx >= quote_end), None)


def own_subject(reading: Reading, cue: Span, verb: Token) -> Token | None:
    """The verb's own subject (the ``subject`` attribution patterns), or one written after it
    (“…,” said Roe; Said Roe: “…”).

    A word of the quote taken for a subject (“Great win,” said the minister) is not one: the
    first proposed outside quote marks speaks.
    """
    subjects = reading.proposed("subject", verb)
    subject = next((c for c in subjects if not reading.in_direct(c.idx)), None)
    if subject is None and subjects:  # “…,” Roe, the front-runner, said: the name the parse put beside the quote
        subject = next((c for c in subjects[0].children if c.dep_ == "appos" and not reading.in_direct(c.idx)), None)
    inverted = verb.tag_ != "VBG" and (reading.after_quote(verb) or (verb.i == verb.sent.start and verb.text.istitle()))
    if subject is None and inverted:  # not “…,” telling the paper: a participle has no subject after it
        subject = inverted_subject(reading, verb)
    if subject is not None or subjects:
        return past_dash(subject or subjects[0], verb)
    return None


def quantity(reading: Reading, cue: Span, verb: Token) -> Token | None:
    """ "with rather more believing them to be ‘limited’", "over half of respondents said"."""
    heads = reading.words["quantity-heads"]
    for child in verb.lefts:
        if child.lower_ in heads:
            return child
    for child in verb.lefts:
        obj = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
        if obj is not None and (obj.like_num or obj.lemma_.lower() in heads):
            return obj
    return None


def shared_subject(reading: Reading, cue: Span, verb: Token) -> Token | None:
    """A conjunct verb's subject is the one it shares ("Roe, the former minister, stressed ... and
    said"; "Roe was joined by Doe and joked": Roe), else the person or organisation named between
    the two verbs."""
    if verb.dep_ != "conj" or verb.head.i >= verb.i:
        return None
    shared = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS and not reading.in_direct(c.idx)), None)
    if shared is not None and (shared.pos_ in {"PROPN", "PRON"} or shared.ent_type_ in {"PERSON", "ORG"}):
        return shared
    between = reading.doc[verb.head.i + 1 : verb.i]
    for label in ("PERSON", "ORG"):
        named = [t for t in between if t.ent_type_ == label]
        if named:
            return named[-1]
    return None


def governing_subject(reading: Reading, cue: Span, verb: Token) -> Token | None:
    """The subject of a verb the cue hangs from: "echoed his words by saying that", "While admitting
    that", "was quoted as saying", "was heard telling aides". A participle set off by a comma
    ("Roe said the plan reminds her of X, adding, “…”") belongs to the sentence's speaker, not to
    the subject of the reported clause the parser hung it on."""
    adjunct = verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","
    head, quoted = verb, None
    while (head.dep_ in CLIMB_DEPS or (adjunct and head.dep_ == "ccomp")) and head.head.i != head.i:
        reported = adjunct and head.dep_ != "ccomp" and head.head.dep_ == "ccomp"
        reported = reported and not reading.in_direct(head.head.head.idx)  # a quote's verb reports no clause
        head = head.head
        if head.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children):
            continue  # "dismissed claims that X had reserves, saying": the claim's X does not speak
        if reported:
            continue
        subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and reading.in_direct(subject.idx):
            quoted = quoted or subject  # a verb of the quote: climb on to the sentence's own subject
        elif subject is not None:
            return past_dash(subject, head)
    return quoted  # only the quote's own words: no source outside them


def finite_on_noun(reading: Reading, cue: Span, verb: Token) -> Token | None:
    """ "a heckler yelled “Prove it!”" parsed with the verb as a clause on the noun: a verb in the
    past or present tense right after a noun (not a participle: "the man dressed in black") has
    that noun as its subject."""
    head = verb.head
    if (
        verb.dep_ == "acl"
        and verb.tag_ in {"VBD", "VBZ", "VBP"}
        and head.i == verb.i - 1
        and head.pos_ == "NOUN"
        and head.dep_ in {"nsubj", "nsubjpass", "ROOT"}  # not "pupils dressed for the parade sing"
    ):
        return head
    return None


def set_off_subject(reading: Reading, cue: Span, verb: Token) -> Token | None:
    """A subject set off from its verb by a parenthesis the parser took for the main clause:
    "Roe, noting the crowd, said", "Roe, exasperated, replied:", "Roe, meanwhile, who has no
    backing, said". The subject before the parenthesis's first comma speaks, when the comma right
    before the verb closes it and the subject's own verb lies inside it."""
    doc = verb.doc
    closing = verb.i - 1
    while closing > verb.sent.start and doc[closing].pos_ == "ADV":  # ", famously responded"
        closing -= 1
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or doc[closing].text != ",":
        return None
    for token in doc[verb.sent.start : closing]:
        if token.dep_ not in SUBJECT_DEPS or reading.in_direct(token.idx):
            continue
        opening = _comma_after_phrase(token, closing)
        if opening is not None and opening < token.head.i < closing and _opens_clause(token):
            return token
        return None  # only the clause's first subject may be the one set off
    return None


def _comma_after_phrase(noun: Token, closing: int) -> int | None:
    """The comma that ends a noun's phrase (its title, name and a bracketed party or place:
    "Sen. Jo Roe (D-Ohio),"), if it comes before ``closing``."""
    depth = 0
    for token in noun.doc[noun.i + 1 : closing]:
        depth += token.text == "("
        depth -= token.text == ")"
        if token.text == "," and depth <= 0:
            return token.i
        if depth <= 0 and token.text != ")" and not (token.head.i == noun.i and token.dep_ in {"appos", "punct"}):
            return None
    return None


def _opens_clause(noun: Token) -> bool:
    """The noun's phrase opens its clause: at the sentence's start, after "But" or "And", or after
    an opening phrase's comma ("Speaking later, Sen. Jo Roe, ...")."""
    first = noun.left_edge
    before = noun.doc[first.i - 1] if first.i > noun.sent.start else None
    return before is None or before.text == "," or (before.dep_ == "cc" and before.i == noun.sent.start)


def written_before(reading: Reading, cue: Span, verb: Token) -> Token | None:
    """A name written right before a verb the parser gave no subject; or a proper noun the
    name book knows as a person's, which the model tagged as nothing ("Roe said", split in two)."""
    before = reading.doc[verb.i - 1] if verb.i else None
    known = before is not None and before.pos_ == "PROPN" and reading.book.knows(before.text)
    return name_before(verb) or (before if known else None)


SUBJECT_STEPS: tuple[SubjectStep, ...] = (
    passive_agent,
    set_off_subject,
    own_subject,
    quantity,
    shared_subject,
    governing_subject,
    finite_on_noun,
    written_before,
)


def inverted_subject(reading: Reading, verb: Token) -> Token | None:
    """The subject written after its verb: “…,” said Betts; “…,” added authority chairman Ruth
    Rogers; responded the minister. The noun phrase right after the verb, up to punctuation,
    a preposition or a clause; its person's name where it holds one."""
    words = []
    for token in reading.doc[verb.i + 1 : min(verb.sent.end, verb.i + 8)]:
        modifier = token.dep_ == "amod" and token.head.i > token.i  # "said retired surgeon Jo Roe"
        if token.is_punct or (token.pos_ in INVERSION_STOPS and not modifier) or reading.in_direct(token.idx):
            break
        words.append(token)
    nouns = [t for t in words if t.pos_ in {"PROPN", "NOUN"} or _name_mistagged(t)]
    named = [t for t in nouns if t.ent_type_ == "PERSON"]
    return (named or nouns or [None])[-1]


def resolve_named_sources(reading: Reading) -> None:
    """Every cue's source goes into the name book first, in text order, so a pronoun or "a
    spokesman" can look back by position whatever order the quotes are attributed in."""
    for cue in reading.cues:
        if reading.rules[cue.label_].fields["speaker"] == "object":  # "according to X": X speaks
            if not reading.in_direct(cue.start_char):
                _object_speaker(reading, cue)
            continue
        subject = subject_of(reading, cue)
        if subject is not None and can_speak(subject, reading.words) and not reading.in_direct(subject.idx):
            resolve(subject, reading.book)


def _name_mistagged(token: Token) -> bool:
    """A capitalised word the tagger took for an adverb or adjective ("“…,” said Brack,")."""
    return token.pos_ in {"ADV", "ADJ"} and token.is_alpha and token.text[:1].isupper()
