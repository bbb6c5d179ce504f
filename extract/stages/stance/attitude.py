"""Attitudes: a holder's own verb or adjective of judging, feeling or wanting ("unions condemned
the cuts", "residents are angry about the closure", "the plan was welcomed by teachers").

The position is the holder's, not the writer's: the holder is the verb's subject, the agent of a
passive verb, the subject a predicative adjective is said of, the subject of the verb that
controls an infinitive ("voted to condemn") or of the verb a conjunct shares its subject with
("met the minister and praised the plan"). The phrase is the attitude word with what it is about:
its object, its "that" clause, its prepositional complement ("for not helping the farmers").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extract.rules.words import Words
from extract.stages.syntax import noun_phrase

ATTITUDE_RULES = "stance-attitude"  # the id prefix of the attitude rules
CAUSED_RULES = "stance-attitude-caused"  # ... whose object feels it ("disappointed investors")
ATTITUDE_LISTS = (
    "stance-attitude-positive",
    "stance-attitude-negative",
    "stance-affect-positive",
    "stance-affect-negative",
)
VOLITION = "volition-verbs"
PEOPLE = "role-nouns"
MAX_COMPLEMENT = 12  # tokens after the attitude word kept in its phrase
MAX_CLAUSE = 25  # ... when what it is about is a clause ("disappointed that sales won't grow")
COMPLEMENTS = {"dobj", "ccomp", "xcomp", "prep", "prt", "agent", "acomp", "oprd", "pcomp", "attr"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
TIMES = {"DATE", "TIME"}
PERSONAL = FIRST_PERSON | {"he", "she", "they", "you", "him", "her", "them"}


def is_attitude(span: Span) -> bool:
    """Matched by an attitude rule."""
    return span.label_.startswith(ATTITUDE_RULES)


def caused(span: Span) -> bool:
    """Matched by a rule of a verb that causes a feeling in its object."""
    return span.label_.startswith(CAUSED_RULES)


def expresses_attitude(word: Token, words: Words) -> bool:
    """The word is said of a holder: a verb in a clause (not a participle naming a kind: "backed
    bonds", nor an infinitive of purpose), or an adjective said of someone ("are angry about",
    "disappointed investors"). A person's feeling about nothing named ("Roe sounded optimistic")
    is a mood; said of a thing ("the forecasts are optimistic") it judges the thing."""
    if word.pos_ == "VERB":
        return word.dep_ not in {"amod", "compound"} and not _purpose(word, words[VOLITION]) and _about_something(word)
    if word.dep_ == "amod":
        return True
    if word.dep_ not in {"acomp", "oprd", "ROOT", "conj", "advcl", "xcomp", "ccomp"}:
        return False
    return _about_something(word) or not personal(holder_token(word), words[PEOPLE])


def personal(token: Token | None, people: frozenset[str]) -> bool:
    """A person or a body of people: a personal pronoun, a name, a role ("the chairman"), or no
    subject at all ("while being optimistic")."""
    if token is None:
        return True
    if token.lower_ in PERSONAL or token.lemma_.lower() in people or token.pos_ == "PROPN":
        return True
    return token.ent_type_ in {"PERSON", "ORG", "NORP"}


def _about_something(verb: Token) -> bool:
    """The word says what the attitude is about: an object, a clause, a complement, or the
    passive subject ("the plan was welcomed"); "let's hope not" is about nothing."""
    return any(c.dep_ in COMPLEMENTS or c.dep_ == "nsubjpass" for c in verb.children)


def _purpose(verb: Token, volition: frozenset[str]) -> bool:
    """An infinitive that says what something is for ("funds to support schools", "used to back
    the plan"), not what anyone holds: any "to" infinitive but one a verb of will or decision
    governs (``volition``: "voted to oppose")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return not (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in volition)


def attitude_end(word: Token) -> int:
    """The end of the attitude's phrase: its complements written right after it, within
    ``MAX_COMPLEMENT`` tokens ("criticised the state government for not helping the farmers")."""
    end = word.i + 1
    for child in word.rights:
        if child.dep_ not in COMPLEMENTS or child.left_edge.i > end + 1:
            break
        if child.dep_ != "ccomp":
            child_end = _phrase_end(child)
            if child_end < child.right_edge.i + 1:
                return max(end, min(child_end, word.i + 1 + MAX_COMPLEMENT))
        limit = MAX_CLAUSE if child.dep_ == "ccomp" else MAX_COMPLEMENT
        if child.right_edge.i - word.i > limit:
            return max(end, min(child.right_edge.i + 1, word.i + 1 + limit))
        end = child.right_edge.i + 1
    return end


def _phrase_end(head: Token) -> int:
    """The end of a complement without the clause or aside that follows its noun ("decried delayed
    payments, saying ...", "the report, which ...")."""
    for token in head.subtree:
        if token.i > head.i and (
            token.text == "," or (token.dep_ in {"acl", "relcl", "advcl"} and token.tag_ != "VBN")
        ):
            return token.i
    return head.right_edge.i + 1


def holder_token(word: Token, caused: bool = False) -> Token | None:
    """Who holds the attitude: the subject, through passives, control and coordination, or for
    a verb that causes a feeling (``caused``) its object or passive subject; nobody for an adjective before a noun
    ("disappointed investors": the writer describes them)."""
    if word.dep_ == "amod":
        return None
    if caused:  # "the results disappointed investors"; passive: "investors were disappointed by it"
        return next((c for c in word.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    token = word
    for _ in range(4):  # a conjunct or controlled verb takes its subject from the verb above
        children = list(token.children)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((p for p in agent.children if p.dep_ == "pobj"), None)
        subject = next((c for c in children if c.dep_ in {"nsubj", "csubj"}), None)
        if subject is not None:
            return subject
        if any(c.dep_ == "nsubjpass" for c in children):
            return None  # "the plan was welcomed": by nobody named
        if token.dep_ in {"acomp", "oprd", "conj", "xcomp"} and token.head.pos_ in {"VERB", "AUX", "ADJ"}:
            token = token.head
            continue
        return None
    return None


def holder_name(word: Token, words: Words, quoted: bool, caused: bool = False) -> str | None:
    """The holder as the document names it: the entity its subject is a mention of (a pronoun
    resolved by the speaker stage), else the subject's noun phrase; None for "I"/"we" (the
    speaker of the quote it sits in, or the writer) and for an unresolved pronoun. In a quote
    (``quoted``) only a named subject is a holder of its own ("Roe said the Treasury welcomed
    it"); a common noun there ("partners are optimistic") is the speaker's account of them."""
    subject = holder_token(word, caused)
    if (
        subject is None
        or (quoted and subject.pos_ != "PROPN")
        or subject.ent_type_ in TIMES  # "Friday" taken for a subject is when, not who
        or not (_about_something(word) or personal(subject, words[PEOPLE]))
    ):
        return None  # "the forecasts are optimistic": the subject is what is judged
    named = _entity_at(subject.doc, subject)
    if named is not None:
        return named
    if subject.pos_ not in {"NOUN", "PROPN"} or not subject.is_alpha or subject.lower_ in FIRST_PERSON:
        return None
    return noun_phrase(subject, keep_adjectives=False).text


def _entity_at(doc: Doc, token: Token) -> str | None:
    """The canonical name of the person or organisation a mention at this token stands for."""
    for entity in doc._.entities or ():
        if any(start <= token.idx < end for start, end in entity.mentions):
            return entity.name
    return None
