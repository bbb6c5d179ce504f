"""Who a pronoun stands for: "he" or "she" the person who spoke or was the subject just before
(or the unnamed spokesperson since), "it" or "they" the organisation that spoke in the
sentences before or the survey cited, "who" the noun its clause is about."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extract.stages.speakers.documents import document_antecedent
from extract.stages.speakers.names import NameBook, Person, Speaker, name_span

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
CONTEXT_SENTENCES = 2  # how far back a bare spokesman's organisation may have spoken
MAX_CHAIN = 3  # sentences back a chain of the same pronoun as subject may lead to the person it names
NEARER_SENTENCES = 4  # sentences back a subject written after the last speaker's mention may be found


def personal(subject: Token, book: NameBook) -> Speaker:
    """The speaker "he" or "she" stands for: the last speaker of that gender, unless a person has
    since been the subject of a clause just before, or an unnamed spokesperson has spoken since."""
    mention = subject.doc[subject.i : subject.i + 1]
    gender = PRONOUN_GENDER[subject.lower_]
    recent = [p for p in book.recent(subject.idx) if p.gender in (None, gender) and p.named_person]
    last_at = max((at for at, p in book.spoken if at < subject.idx and recent and p is recent[-1]), default=0)
    # ("Roe spoke. ... Congress leader Jo Doe sat on a fast. He said"); nobody spoke yet: the last named
    person = subject_just_before(subject, book, gender, last_at) or (recent[-1] if recent else None)
    person = person or _last_person_before(subject, book, gender)
    last_said = max((at for at, p in book.spoken if p is person and at < subject.idx), default=-1)
    spokes = book.spokesperson_after(last_said, subject.idx, gender)
    if spokes is not None:  # "A spokesman said ... He added": nobody has spoken since
        return Speaker(spokes, mention)
    if person is not None and person.gender is None:
        person.gender = gender  # "she" has named her: a later "he" is somebody else
    return Speaker.of_person(person, mention)


def described(subject: Token, book: NameBook) -> Speaker | None:
    """ "Senator Jo Roe blamed the media. “...,” the Kentucky Republican said": a definite
    description by party, nation or faith (no name of its own) is the person who is the subject
    just before; nobody there: as written, not a guess."""
    if subject.ent_type_ != "NORP" or not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.lefts):
        return None
    written = subject.doc[subject.left_edge.i : subject.i + 1]
    person = subject_just_before(subject, book, None)
    if person is None:
        return Speaker("the" + written.text[3:], written)
    book.spoke(person.name, subject.idx)
    return Speaker.of_person(person, written)


def relative_antecedent(subject: Token) -> Token:
    """ "Trump, who said ...": the noun the clause is about; "the Council of Governors, the organ
    bringing together chiefs, which said": the name the noun is in apposition to (also where the
    model hangs the appositive on a word before the name: "a protest by the Council, the organ ...")."""
    noun = subject.head.head
    appos = next((a for a in [noun, *noun.ancestors] if a.dep_ == "appos"), None)
    if appos is None or not (subject.lower_ == "which" or appos is noun):
        return noun
    if appos.head.pos_ == "PROPN":
        return appos.head
    doc, start = subject.doc, appos.left_edge.i  # the name written right before the appositive's comma
    named = doc[start - 2] if start > 1 and doc[start - 1].text == "," else None
    return named if named is not None and named.pos_ == "PROPN" and named.ent_type_ == "ORG" else noun


def organisation_or_document(pronoun: Token, book: NameBook) -> str | None:
    """What "it" or "they" stands for: the organisation that spoke in the sentences just before
    ("The council denied ... It said"), unless a survey or report came up since ("It showed")."""
    spoke = book.organisation_since(context_start(pronoun).idx, pronoun.idx)
    if spoke is not None and not any(spoke[0] < at < pronoun.idx for at in book.documents):
        book.organisation_spoke(spoke[1], pronoun.idx)  # it speaks again: "A spokesman said" after it
        return spoke[1]
    return document_antecedent(pronoun, book)


def context_start(token: Token) -> Token:
    """The first token of the sentence ``CONTEXT_SENTENCES`` before the token's own (or the doc's
    first): where an organisation that "it" or "a spokesman" stands for may have spoken."""
    start = token.sent.start
    for _ in range(CONTEXT_SENTENCES):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return token.doc[start]


def cataphora(pronoun: Token) -> Token | None:
    """ "Discussing X, which he described as patchy, the chair argued": "he" is the chair."""
    clause = pronoun.head
    while clause.dep_ not in {"advcl", "relcl", "acl", "ROOT"} and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "ROOT":
        return None
    main = clause
    while main.head.i != main.i and main.dep_ != "ROOT":
        main = main.head
    subject = next((c for c in main.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.i > pronoun.i and subject.pos_ != "PRON":
        return subject
    return None


def subject_just_before(pronoun: Token, book: NameBook, gender: str | None, since: int = 0) -> Person | None:
    """The person who is the subject of a clause just before a pronoun, in its sentence or the one
    before ("Congress leader Jane Roe sat on a fast. She said ..."): nearer than the last speaker.
    A sentence whose subject is the same pronoun carries the search one sentence further back
    ("Jo Roe rejoiced. He believes ... “...,” he said"), and so does a sentence after the last
    speaker's mention (``since``), up to ``NEARER_SENTENCES``: a subject written after the last
    speaker is nearer ("“...,” Roe said. Doe cited a study. It would help. “...,” he said" is
    Doe), though not one written as someone's relative that far back; words inside quotation
    marks are not narration ("“Smith is wrong,” she said" is not Smith)."""
    doc = pronoun.doc
    start, end, budget, chains, back = pronoun.sent.start, pronoun.i, 2, 0, 0
    while budget > 0 or (since < doc[start].idx and since and back < NEARER_SENTENCES):
        chained, further = False, budget <= 0
        for token in reversed(doc[start:end]):
            if token.dep_ not in {"nsubj", "nsubjpass"} or book.in_quotation(token.idx):
                continue
            person = _person_subject(token, book, gender)
            if person is not None and not (further and person.relative):
                return person
            chained = chained or PRONOUN_GENDER.get(token.lower_) == gender
        budget, back = budget - 1, back + 1
        if chained and start < pronoun.sent.start and chains < MAX_CHAIN:
            budget, chains = budget + 1, chains + 1
        if start == 0:
            return None
        end, start = start, doc[start - 1].sent.start
        while start > 0 and doc[start:end].text.strip() == "":
            end, start = start, doc[start - 1].sent.start
    return None


def subject_between(doc: Doc, book: NameBook, start: int, end: int) -> tuple[Person, Token] | None:
    """The person who is the subject of the sentence of narration right before ``end``, when that
    sentence lies wholly after ``start``, with the token naming them: who a quote after "“...,” says
    Roe. Doe did not hesitate." is by (not the "Doe" of "“...,” Roe said after Doe left.")."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    sent = span[-1].sent if not span[-1].is_space else doc[span.end - 1].sent
    while sent.start > span.start and (sent.text.strip() == "" or book.in_quotation(sent.start_char)):
        sent = doc[sent.start - 1].sent  # the quote's own marks and spaces: the sentence before them
    if sent.start_char < start or book.in_quotation(sent.start_char):
        return None
    subject = next((t for t in sent.root.children if t.dep_ in {"nsubj", "nsubjpass"}), None)
    person = _person_subject(subject, book, None) if subject is not None else None
    return (person, subject) if person is not None and subject is not None else None


def _person_subject(token: Token, book: NameBook, gender: str | None) -> Person | None:
    """The person a subject names, if their gender can be the pronoun's (any, for None): a name the
    model tagged a person or the book knows as one, or a proper noun a clause of its own calls he
    or she ("Roe said she expects")."""
    if token.ent_type_ != "PERSON" and token.pos_ != "PROPN":
        return None
    name = book.canonical(name_span(token).text, token.idx)
    known = book.people.get(name)
    if token.ent_type_ != "PERSON" and (known is None or not known.named_person):
        if gender is None or _own_pronoun(token) != gender:
            return None
        person = book.person(name)
        person.named_person, person.gender = True, gender
        return person
    person = book.person(name)
    return person if (gender is None or person.gender in (None, gender)) and person.named_person else None


def _own_pronoun(subject: Token) -> str | None:
    """The gender of the pronoun subject of a clause the subject's verb governs: "Roe said she ..."."""
    for clause in subject.head.children:
        if clause.dep_ == "ccomp":
            pronoun = next((c for c in clause.children if c.dep_ == "nsubj" and c.lower_ in PRONOUN_GENDER), None)
            if pronoun is not None:
                return PRONOUN_GENDER[pronoun.lower_]
    return None


def _last_person_before(token: Token, book: NameBook, gender: str) -> Person | None:
    """The person named last before a pronoun, outside quotations, whose gender is unknown or the
    pronoun's; not one named only as someone's relative ("Her husband, Jo Roe, ..."), who is
    written for that someone's sake."""
    named = [e for e in token.doc.ents if e.label_ == "PERSON" and e.end <= token.i]
    for ent in reversed([e for e in named if not book.in_quotation(e.start_char)]):
        person = book.person(book.canonical(ent.text, ent.start_char))
        if person.gender in (None, gender) and not person.relative:
            return person
    return None
