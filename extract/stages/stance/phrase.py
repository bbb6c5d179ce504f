"""Open-vocabulary stance: an evaluative word from the lexicons (``stance-negative``,
``stance-positive``, converted from VADER; ``stance-news-*``, ours: word and strength) grown into
the phrase the parse gives it, weighed by its intensifiers, and dropped where it takes no position.

A word is a position only in running text: not inside a name or a hyphenated compound
("alt-right"), not in a list of survey answer options ("Fair", "Very good"). Its phrase is the
adjective with the noun it modifies ("crumbling hospitals"), the noun with its modifiers, the
verb with its object ("lost sight of the basics"), or the adverb with its verb ("misleadingly
claimed"); the intensifiers before it (``stance-intensifiers``: word and factor) scale its
strength, and a factor below zero ("insufficiently enthusiastic", "overly optimistic") turns a
positive word negative.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.rules.words import Words
from extract.stages.stance.attitude import ATTITUDE_LISTS, PEOPLE, attitude_end, expresses_attitude, is_attitude
from extract.stages.syntax import noun_phrase

LEXICONS = {
    "negative": ("stance-attitude-negative", "stance-news-negative", "stance-negative"),
    "positive": ("stance-attitude-positive", "stance-news-positive", "stance-positive"),
}
NEWS_WORDS = ("stance-news-negative", "stance-news-positive")
INTENSIFIERS = "stance-intensifiers"
MAGNITUDE = "stance-magnitude"
CLASSIFYING = "stance-classifying"
AIMS = "aim-verbs"
OPEN_RULES = "stance-lexicon"  # the id prefix of the open-vocabulary rules
RULE_STRENGTH = 0.5  # a hand rule's phrase with no lexicon word in it
NAME_ENTITIES = {"PERSON", "ORG", "GPE", "FAC", "LOC", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
OPTION_WORDS = 3  # a verbless line this short, beside another, is an answer option
MAX_OBJECT = 6  # tokens of a verb's object kept in its phrase
MAX_CLAUSE = 25  # tokens of a clause an adjective judges kept in its phrase


def word_strength(token: Token, polarity: str, words: Words) -> float:
    """The word's strength in the lexicons of that polarity, ours first (0 when it is in none)."""
    for name in LEXICONS[polarity]:
        lexicon = words.entries(name)  # the loaded mapping itself: no copy per token
        value = lexicon.get(token.lower_) or lexicon.get(token.lemma_.lower())
        if value:
            return float(value)
    return 0.0


def evaluative_word(span: Span, polarity: str, words: Words) -> tuple[Token, float]:
    """The phrase's strongest word of its polarity and that word's strength (an attitude's own
    word, not one of what it is about); a hand rule's phrase with no lexicon word in it is its
    root, at ``RULE_STRENGTH``."""
    best = span.root if is_attitude(span) else max(span, key=lambda t: word_strength(t, polarity, words))
    value = word_strength(best, polarity, words)
    return (best, value) if value else (span.root, RULE_STRENGTH)


def intensity(token: Token, words: Words) -> float:
    """The product of the factors of the intensifiers and downtoners modifying the word
    ("hugely" 1.5, "slightly" 0.5, "insufficiently" -1)."""
    factors = words.entries(INTENSIFIERS)
    factor = 1.0
    for child in token.children:
        if child.dep_ == "advmod" and child.i < token.i and factors.get(child.lower_):
            factor *= float(factors[child.lower_])
    return factor


def takes_position(span: Span, words: Words) -> bool:
    """False for a matched phrase that is part of a name or compound, or an answer option, and
    for an open-vocabulary word that does not stand where it evaluates."""
    if in_compound(span) or (len(span) == 1 and in_name(span.root, words)) or answer_option(span.sent):
        return False
    if is_attitude(span):
        return expresses_attitude(span.root, words)
    if not span.label_.startswith(OPEN_RULES):
        return not (names_situation(span) or names_kind(span, words))
    if span.root.lemma_.lower() in words.union(*ATTITUDE_LISTS):
        return False  # the attitude rule reads it, with its holder
    return evaluates(span.root, words) and not after_too(span.root)


def names_kind(span: Span, words: Words) -> bool:
    """A hand rule's adjective before a bare noun, gated like a lexicon word: it classifies
    ("healthy food"), or it is a positive word naming an aim ("ensure effective cooperation")."""
    word = span.root
    if word.pos_ != "ADJ" or word.dep_ != "amod" or word.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    if classifies(word, words):
        return True
    return word_strength(word, "negative", words) == 0 and not _judges_thing(word, words[AIMS], words[PEOPLE])


def names_situation(span: Span) -> bool:
    """A noun of judgement after a noun that says what it is in, with "the" ("the housing crisis",
    "the cost of living crisis"): the known situation named as a term, unless it is predicated or
    sized ("a huge funding crisis"); "faces a housing crisis" asserts one."""
    noun = span.root
    if len(span) != 1 or noun.pos_ != "NOUN" or noun.dep_ in {"attr", "oprd"}:
        return False
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
        return False
    before = [c for c in noun.lefts if c.i == noun.i - 1]
    return (
        bool(before)
        and before[0].pos_ == "NOUN"
        and before[0].dep_ in {"compound", "amod"}
        and not any(c.dep_ == "amod" and c.pos_ == "ADJ" for c in noun.lefts)
    )


def after_too(word: Token) -> bool:
    """In the clause a "too" governs ("too disjointed to be useful"): the "too" phrase is the
    position, and what follows it is what is not reached."""
    return any(
        c.dep_ == "advmod" and c.lower_ == "too" and c.i < word.i for a in list(word.ancestors)[:3] for c in a.children
    )


def evaluates(word: Token, words: Words) -> bool:
    """A general-lexicon word is a position only where it is said of something. A negative
    word: an adjective as predicate or modifier (not a superlative or comparative that ranks:
    "the poorest areas"), a noun as predicate or with an evaluative or size modifier ("enormous
    pressure"; a bare "pressure" may be the topic), a participle modifying a noun ("delayed
    payments"). A positive word only as a predicate adjective ("the results are impressive"):
    before a noun it mostly names a goal or a kind ("effective cooperation", "strong
    relationships"). Our news words always are."""
    if word.lower_ in words.union(*NEWS_WORDS):
        return True
    if classifies(word, words):
        return False
    if word_strength(word, "negative", words) == 0:
        return word.pos_ == "ADJ" and (_predicate(word) or _judges_thing(word, words[AIMS], words[PEOPLE]))
    if word.pos_ == "ADJ":
        return not (word.dep_ == "amod" and word.tag_ in {"JJR", "JJS"})
    if word.pos_ == "NOUN":
        return word.dep_ in {"attr", "oprd"} or any(_weighty(c, words) for c in word.children if c.dep_ == "amod")
    return word.pos_ == "VERB" and word.dep_ == "amod"


def classifies(word: Token, words: Words) -> bool:
    """An adjective before its noun that names a kind ("negative territory", "healthy food"):
    one of ``stance-classifying`` with no intensifier of its own."""
    return (
        word.dep_ == "amod"
        and word.head.pos_ in {"NOUN", "PROPN"}
        and word.lower_ in words[CLASSIFYING]
        and not any(c.dep_ == "advmod" for c in word.children)
    )


def _judges_thing(word: Token, aims: frozenset[str], people: frozenset[str]) -> bool:
    """A positive adjective on a particular thing ("gives a strong outlook", "their excellent
    growth", "successful Integrated Care Systems", "is good news"), not on a bare noun naming an
    aim or a kind ("effective cooperation") nor on what an aim verb seeks ("ensure the efficient
    use of"), nor one that ranks ("the best schools"), nor one that describes a person ("hired a
    charming lawyer": ``people``, the role nouns)."""
    noun = word.head
    if word.dep_ != "amod" or word.tag_ != "JJ" or noun.lemma_.lower() in people:
        return False
    if noun.dep_ in {"attr", "oprd", "appos"} or noun.pos_ == "PROPN":
        return True
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in aims:
        return False
    return any(c.dep_ in {"det", "poss"} and c.i < word.i for c in noun.children)


def _predicate(word: Token) -> bool:
    """Said of its subject ("is impressive", "found it helpful"), or joined to a word that is."""
    if word.dep_ == "conj":
        return _predicate(word.head)
    return word.dep_ in {"acomp", "attr", "oprd", "ROOT", "ccomp", "xcomp"}


def _weighty(modifier: Token, words: Words) -> bool:
    """An adjective that makes the noun it modifies a judgement: a size word or an evaluative one."""
    return modifier.lower_ in words[MAGNITUDE] or any(word_strength(modifier, p, words) for p in LEXICONS)


def in_compound(span: Span) -> bool:
    """Joined by a hyphen to a word outside it ("alt-right", "right-wing"): the compound means
    something else."""
    doc = span.doc
    before = span.start >= 2 and doc[span.start - 1].text == "-" and not doc[span.start - 2].whitespace_
    after = span.end + 1 < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_
    return before or after


def in_name(token: Token, words: Words) -> bool:
    """Part of a named entity or a proper-noun compound ("Save the Children", "Fair Work Commission");
    one of our news words taken alone for a name ("It would be Armageddon") is the word."""
    if token.ent_type_ in NAME_ENTITIES:
        alone = token.ent_iob_ == "B" and (token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
        return not (alone and token.lower_ in words.union(*NEWS_WORDS))
    return token.dep_ in {"compound", "amod"} and token.head.pos_ == "PROPN" and token.is_title


def answer_option(sent: Span) -> bool:
    """A short verbless line among others like it: the choices of a survey or a form."""

    def short(s: Span) -> bool:
        words = [t for t in s if not (t.is_punct or t.is_space)]
        return len(words) <= OPTION_WORDS and not any(t.pos_ in {"VERB", "AUX"} for t in words)

    if not short(sent):
        return False
    doc = sent.doc
    neighbours = [doc[sent.start - 1].sent] if sent.start > 0 else []
    if sent.end < len(doc):
        neighbours.append(doc[sent.end].sent)
    return any(short(n) for n in neighbours)


def phrase_of(span: Span) -> Span:
    """The evaluative phrase around a matched word: with the noun it modifies, the object it
    takes or the verb it modifies, and, for an open-vocabulary word, its intensifiers (a hand
    rule's pattern says itself where its phrase starts)."""
    doc = span.doc
    root = span.root
    grows = span.label_.startswith(OPEN_RULES) or is_attitude(span)
    start = min(span.start, _modifiers_start(root)) if grows else span.start
    end = span.end
    if is_attitude(span):
        end = max(end, attitude_end(root))  # "condemned the cuts", "angry about the closure"
    elif _extraposed(root) is not None:
        end = max(end, min(_extraposed(root).right_edge.i + 1, root.i + 1 + MAX_CLAUSE))  # "it is worrying that"
    elif root.dep_ in {"amod", "compound"} and root.head.i >= end and root.head.i - end <= 3:
        end = root.head.i + 1  # "crumbling hospitals", "Anemic profits"
    elif root.pos_ == "NOUN" and len(span) == 1:
        start = min(start, noun_phrase(root).start)  # "the sector's fragility", "state of emergency"
    elif root.pos_ == "VERB":
        end = max(end, _object_end(root))
    elif root.pos_ == "ADV" and root.head.pos_ == "VERB" and root.head.i == end:
        end = root.head.i + 1  # "misleadingly claimed"
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _extraposed(word: Token) -> Token | None:
    """The clause a predicate judges after an empty "it" ("it is worrying that the plans left
    councils out"): what the judgement is about."""
    owner = word.head if word.dep_ == "acomp" else word
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in owner.children):
        return None
    return next((c for c in owner.children if c.dep_ == "ccomp" and c.i > word.i), None)


def _modifiers_start(token: Token) -> int:
    """The first of the adverbs written directly before the word ("hugely", "very")."""
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.dep_ != "advmod" or child.i != start - 1:
            break
        start = child.i
    return start


def _object_end(verb: Token) -> int:
    """The end of a short object or particle after the verb ("lost sight of the basics")."""
    end = verb.i + 1
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == end:
            end = child.i + 1
        elif child.dep_ == "dobj" and child.right_edge.i - verb.i <= MAX_OBJECT:
            end = child.right_edge.i + 1
        else:
            break
    return end
