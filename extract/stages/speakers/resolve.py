"""Who is speaking: from a mention ("he", "Humphries", "Mr Hopson", "the committee chair",
"the survey") to the canonical name the document uses ("Richard Humphries"), with role and
organisation read from the text around the first full mention.

``resolve`` asks ordered small steps (``RESOLVE_STEPS``), each "given this subject and the name
book, name the speaker or pass"; the book (``book_of``) is built per document with the stage's
word lists and updated as quotes are attributed in reading order, so pronouns and roles resolve
to the most recent compatible speaker.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from extract.rules.words import Words
from extract.stages.speakers.documents import is_document, org_of_document, speaks_for_survey
from extract.stages.speakers.lexicon import source_nouns
from extract.stages.speakers.names import NameBook, Person, Speaker, clean_org, name_span, role_and_org, title_gender
from extract.stages.speakers.organisations import organisation_called
from extract.stages.speakers.pronouns import (
    PRONOUN_GENDER,
    cataphora,
    context_start,
    described,
    organisation_or_document,
    personal,
    relative_antecedent,
    subject_just_before,
)
from extract.stages.syntax import noun_phrase, written_phrase

INDEFINITE = {"a", "an", "another"}  # determiners that bring in someone not mentioned before
FAR_WINDOW = 120  # tokens after a role's sentence in which the person it names may follow
ResolveStep = Callable[[Token, NameBook], "Speaker | None"]


def can_speak(subject: Token, words: Words, without: Token | None = None) -> bool:
    """People, organisations, documents and pronouns speak; "efficiency" does not. ``without``:
    a clause on the noun that says nothing of what it is ("delays saying the staff ...": the
    staff named in what was said make no speaker of the delays)."""
    if subject.pos_ in {"PRON", "PROPN"} or subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return subject.lower_ not in {"’s", "'s", "this", "that", "there"}
    skipped = range(without.left_edge.i, without.right_edge.i + 1) if without is not None else range(0)
    phrase = [t for t in subject.subtree if t.i not in skipped]
    lemmas = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
    return subject.like_num or bool(lemmas & source_nouns(words)) or _named_in_apposition(subject) is not None


def _named_in_apposition(noun: Token) -> Token | None:
    """The person a common noun is in apposition to: "Scott's niece, Jane Roe, said"."""
    return next((c for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)


def is_author_voice(subject: Token, words: Words) -> bool:
    """ "We believe", "Many of us feel", "No member believes": the writer generalising, not a source."""
    subtree = {t.lower_ for t in subject.subtree}
    if subject.lower_ in words["first-person"] or (
        subject.lower_ in {"many", "some", "most", "all"} and subtree & {"us", "we"}
    ):
        return True
    first = subject.left_edge
    return (
        subject.lower_ in {"nobody", "none"}
        or first.lower_ in words["negative-determiners"]
        or (first.lower_ == "no" and subject.lower_ == "one")
    )


def resolve(subject: Token, book: NameBook) -> Speaker:
    """The speaker behind a subject token, updating the name book: the first of ``RESOLVE_STEPS``
    that names one, else the mention alone."""
    for step in RESOLVE_STEPS:
        speaker = step(subject, book)
        if speaker is not None:
            return speaker
    if _unnamed_people(subject, book.words):
        written = written_phrase(subject)  # "Some local farmers", "residents evacuated on Monday": as written
        if written[-1].pos_ not in {"NOUN", "PROPN", "ADJ", "VERB"}:  # cut short by a mark: "critics of the so-called"
            written = subject.doc[subject.left_edge.i : subject.i + 1]
        return Speaker(None, name_span(subject), written=as_written(written))
    return Speaker(None, name_span(subject))


def personal_pronoun(subject: Token, book: NameBook) -> Speaker | None:
    """ "he", "she": the noun named after it ("Discussing X, which he described as patchy, the
    chair argued"), else the person it stands for."""
    if subject.lower_ not in PRONOUN_GENDER:
        return None
    antecedent = cataphora(subject)
    if antecedent is not None:
        return resolve(antecedent, book).at(subject.doc[subject.i : subject.i + 1])
    return personal(subject, book)


def relative_pronoun(subject: Token, book: NameBook) -> Speaker | None:
    """ "Trump, who said ...": the noun the clause is about speaks; the mention is "who"."""
    if subject.lower_ not in {"who", "that", "which"} or subject.head.dep_ != "relcl":
        return None
    if subject.head.head.i == subject.head.i:
        return None
    antecedent = relative_antecedent(subject)
    if subject.lower_ == "which" and antecedent.ent_type_ == "PERSON":
        return None  # "an idea from Jo Roe, a fellow at X, which suggests": the idea, not Roe
    return resolve(antecedent, book).at(subject.doc[subject.i : subject.i + 1])


def it_or_they(subject: Token, book: NameBook) -> Speaker | None:
    if subject.lower_ not in {"it", "they"}:
        return None
    return Speaker(organisation_or_document(subject, book), subject.doc[subject.i : subject.i + 1])


def counted_group(subject: Token, book: NameBook) -> Speaker | None:
    """ "a third of farmers told", "21 per cent of headteachers say", "seven in 10 nurses said":
    the group counted speaks, as written (a survey's respondents stay the survey's: ``document_source``)."""
    words = book.words
    if subject.lower_ == "one" or not (
        subject.like_num or subject.lemma_.lower() in words.union("quantity-heads", "fractions", "percent-words")
    ):
        return None  # "one of our members" is one person, not the group
    counted = next(
        (
            obj
            for prep in subject.children
            if prep.dep_ == "prep" and (prep.lower_ == "of" or (prep.lower_ == "in" and subject.like_num))
            for obj in prep.children
            if obj.dep_ == "pobj" and obj.tag_ == "NNS"
        ),
        None,
    )
    if (
        counted is None
        or counted.lower_ in words["respondent-nouns"]
        or counted.lemma_.lower() in words["document-nouns"]
    ):
        return None
    written = noun_phrase(counted, keep_adjectives=True)
    return Speaker(as_written(written), written)


def _counted(noun: Token) -> bool:
    """A plural noun with a number: "eight in 10 school leaders", "two in three nurses" (a group)."""
    return _plural(noun) and any(c.dep_ in {"nummod", "quantmod"} for c in noun.children)


def _role_noun(subject: Token, words: Words) -> bool:
    """ "the chief constable", "a police spokesman": a role noun heads the subject or modifies it."""
    roles = words["role-nouns"]
    return subject.lemma_.lower() in roles or (
        subject.pos_ == "NOUN" and any(c.dep_ in {"compound", "amod"} and c.lower_ in roles for c in subject.lefts)
    )


def spokesperson(subject: Token, book: NameBook) -> Speaker | None:
    """ "a council spokesman", "F.B.I. officials": never one person, the organisation speaks."""
    if subject.ent_type_ == "PERSON":
        return None
    if subject.lemma_.lower() in book.words["spokes-nouns"] or (_role_noun(subject, book.words) and _plural(subject)):
        return _for_organisation(subject, book)
    return None


def named_beside(subject: Token, book: NameBook) -> Speaker | None:
    """ "Governor Jane Roe, the CoG Chairperson said", "Scott's niece, Jane Roe, said": the name speaks."""
    named = _name_beside_role(subject) if _role_noun(subject, book.words) else None
    named = named or (_named_in_apposition(subject) if subject.pos_ == "NOUN" else None)
    return resolve(named, book) if named is not None else None


def role_subject(subject: Token, book: NameBook) -> Speaker | None:
    """ "the committee chair", "the chancellor" (not "Clive Betts MP", a name with its title)."""
    titled_name = (
        subject.lower_ in book.words["post-titles"]
        and not any(c.dep_ == "det" for c in subject.lefts)
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in {"", "PERSON"} for c in subject.lefts)
    )
    if _role_noun(subject, book.words) and subject.ent_type_ != "PERSON" and not titled_name:
        return _by_role(subject, book)
    return None


def named_person(subject: Token, book: NameBook) -> Speaker | None:
    """A person's name, or a name the book knows: the person, with role and organisation."""
    span = name_span(subject)
    if not (
        book.knows(span.text)
        or subject.ent_type_ == "PERSON"
        or (subject.pos_ == "PROPN" and not subject.ent_type_ and not is_document(subject, book.words))
    ):
        return None
    name = book.canonical(span.text, subject.idx)
    new = name not in book.people
    found = book.person(name)
    if new and subject.ent_type_ != "PERSON" and title_gender(span, book.words) is None and found.gender is None:
        found.named_person = False
    if found.role is None and found.org is None:
        found.role, found.org = role_and_org(span, book.words)
    found.gender = title_gender(span, book.words) or found.gender
    book.spoke(name, subject.idx)
    return Speaker.of_person(found, span)


def document_source(subject: Token, book: NameBook) -> Speaker | None:
    """A survey, report or statement, or those who answered one: the organisation behind it."""
    words = book.words
    if not (is_document(subject, words) or speaks_for_survey(subject, words)):
        return None
    span = name_span(subject)
    if is_document(subject, words) and subject.pos_ == "PROPN":
        return Speaker(span.text, span)  # a document by its title: "NHS Guidance"
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if is_document(subject, words) and owner is not None and (owner.pos_ == "PRON" or owner.ent_type_ == "PERSON"):
        written = subject.doc[subject.left_edge.i : subject.i + 1]
        return resolve(owner, book).at(written)  # "his statement said": his
    org = org_of_document(subject, words)
    if org:
        book.survey(org, subject.idx)
        return Speaker(org, span)
    return Speaker(book.survey_org(subject.idx), span)


def named_organisation(subject: Token, book: NameBook) -> Speaker | None:
    """An organisation, a place or a group by its name: "Acme said", "The Campaign for Cleaner Rivers said"."""
    span = name_span(subject)
    if subject.ent_type_ in {"ORG", "GPE", "NORP"} or subject.pos_ == "PROPN" or _capitalised_name(subject, span):
        book.organisation_spoke(clean_org(span.text), subject.idx)
        return Speaker(clean_org(span.text), span)
    return None


def body_noun(subject: Token, book: NameBook) -> Speaker | None:
    """ "the council said": the council the document names; "county governments said", a plural
    with no determiner, is the group as written, not one named body of its kind."""
    if subject.lemma_.lower() not in book.words["body-nouns"]:
        return None
    written = subject.doc[subject.left_edge.i : subject.i + 1]
    group = _plural(subject) and not any(c.dep_ in {"det", "poss"} for c in subject.lefts)
    org = as_written(written) if group else organisation_called(subject, book.words) or as_written(written)
    book.organisation_spoke(org, subject.idx)
    return Speaker(org, written)


RESOLVE_STEPS: tuple[ResolveStep, ...] = (
    personal_pronoun,
    relative_pronoun,
    it_or_they,
    counted_group,
    spokesperson,
    named_beside,
    role_subject,
    described,
    named_person,
    document_source,
    named_organisation,
    body_noun,
)


def _capitalised_name(subject: Token, span: Span) -> bool:
    """A common noun written as part of a name: "The Campaign for Cleaner Rivers said"."""
    return (
        subject.text[:1].isupper()
        and subject.i != subject.sent.start
        and any(t.pos_ == "PROPN" for t in span if t.i > subject.i)
    )


def _unnamed_people(noun: Token, words: Words) -> bool:
    """People the text describes and never names ("Some local farmers", "the town's voters"); not
    one of many ("a witness", "one resident"), nor a group counted ("6 in 10 voters")."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in words.union("source-nouns", "role-nouns", "respondent-nouns"):
        return False
    one = INDEFINITE | {"one"}
    if not _plural(noun) and any(c.dep_ in {"det", "nummod"} and c.lower_ in one for c in noun.lefts):
        return False
    return not any(t.like_num for t in noun.subtree)


def _plural(token: Token) -> bool:
    return token.tag_ in {"NNS", "NNPS"}


def _for_organisation(subject: Token, book: NameBook) -> Speaker:
    """A spokesperson or a group of officials speaks for the organisation written with them
    ("a spokesman for the council", "an authority spokeswoman", "F.B.I. officials"); a bare one
    ("A spokesman said", "Officials said") for the organisation that spoke in the sentences just
    before; else as written, without numbers and determiners ("more than eight in 10 school
    leaders": "school leaders")."""
    written = noun_phrase(subject, keep_adjectives=True)
    found = _organisation_written_with(subject, book.words)
    role = subject.lemma_.lower() in book.words.union("spokes-nouns", "role-nouns")
    if found is None and len(written) <= 2 and role and not _counted(subject):
        context = context_start(subject)
        spoke = book.organisation_since(context.idx, subject.idx)
        found = spoke[1] if spoke else None
        if found is None:  # "Acme will cut 300 jobs. A spokesman said": the organisation it is about
            before = subject.doc[context.i : subject.sent.start]
            doers = [t for t in before if t.dep_ == "nsubj" and t.ent_type_ == "ORG"]
            found = clean_org(name_span(doers[-1]).text) if doers else None
    book.organisation_spoke(found, subject.idx)
    if subject.lemma_.lower() in book.words["spokes-nouns"] and not _plural(subject):
        gender = "f" if subject.lower_.endswith("woman") else "m" if subject.lower_.endswith("man") else None
        book.spokespeople.append((subject.idx, found or as_written(written), gender))
    return Speaker(found or as_written(written), written)


def _organisation_written_with(subject: Token, words: Words) -> str | None:
    """The organisation a spokesperson's or officials' own words name, if any."""
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "of", "at", "from"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ == "ORG"):
                return clean_org(name_span(obj).text)
            if obj is not None and obj.lemma_.lower() in words["body-nouns"]:
                return organisation_called(obj, words) or as_written(obj.doc[obj.left_edge.i : obj.i + 1])
    for child in subject.lefts:
        if child.dep_ in {"compound", "nmod"} and child.lemma_.lower() in words["body-nouns"]:  # "a council spokesman"
            found = organisation_called(child, words)
            if found:
                return found
        if (
            child.dep_ in {"compound", "nmod", "poss"}
            and child.text[:1].isupper()
            and (child.pos_ == "PROPN" or child.ent_type_ == "ORG")
        ):
            return clean_org(name_span(child).text)
    return None


def as_written(phrase: Span) -> str:
    """A source the document never names, as written: "The club" and "the club" are one speaker."""
    text = phrase.text
    return "the" + text[3:] if text.startswith("The ") else text


def _name_beside_role(role: Token) -> Token | None:
    """The person a role subject is written beside: "Governor Jane Roe, the CoG Chairperson said",
    where the model makes the role the subject and the name its modifier."""
    for child in [*role.children, *role.head.children]:  # the name as the role's modifier or the verb's
        if child.i < role.i and child.dep_ in {"appos", "npadvmod", "nmod", "dep"} and child.ent_type_ == "PERSON":
            return child
    clause = role.head  # "Governor Jane Roe, the CoG Chairperson said": the verb parsed as a clause on the name
    if clause.dep_ == "relcl":
        noun = clause.head.head if clause.head.dep_ == "appos" else clause.head
        if noun.ent_type_ == "PERSON" and noun.i < role.i:
            return noun
    return None


def _by_role(subject: Token, book: NameBook) -> Speaker:
    """ "the committee chair", "The Sheffield South East MP", "the chancellor"."""
    written = name_span(subject) if subject.dep_ == "ROOT" else written_phrase(subject)
    words = {t.lower_ for t in written if not t.is_stop and t.is_alpha}
    if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in subject.lefts):
        # "a flood expert": somebody not named before, unless an article's opening describes
        # the person it names next ("A Vancouver coach says ... Jo Roe said")
        person = _next_person_after(subject, book) if _opening(subject, book) else None
    else:
        person = book.by_role(words, subject.idx) or _described_just_before(subject, book)
        person = person or _next_person_after(subject, book)
    if person is None:
        return Speaker(as_written(written), written)  # "the chancellor": the document never names them
    person.aliases |= words
    book.spoke(person.name, subject.idx)
    return Speaker.of_person(person, written)


def _described_just_before(role: Token, book: NameBook) -> Person | None:
    """ "Jo Roe scored her first goal. “…,” said the rookie winger": a definite role nobody holds,
    with a word that describes its holder, is an epithet for the person who is the subject just
    before, when no other role was written with them (a bare "the mayor", or "the health minister"
    after "opposition leader Jo Roe", may be somebody else)."""
    lefts = list(role.lefts)
    described = [c for c in lefts if c.dep_ in {"amod", "compound", "nmod", "npadvmod"}]
    if not role.is_lower or not described or not any(c.dep_ == "det" and c.lower_ == "the" for c in lefts):
        return None  # "the Union Leader" is a name, not a role
    if any(c.ent_type_ in {"PERSON", "ORG", "NORP", "ORDINAL"} for t in lefts for c in t.subtree) or any(
        t.dep_ == "poss" for t in role.subtree
    ):  # "the senior Roe adviser", "the Acme member", "the British envoy", "the second official",
        return None  # "the head of Acme's delegation": somebody else
    person = subject_just_before(role, book, None)
    return person if person is not None and person.role is None else None


def _opening(subject: Token, book: NameBook) -> bool:
    """Nobody named, no source heard and no report cited before a mention: the article's opening."""
    at = subject.idx
    return not (
        any(e.label_ == "PERSON" and e.start < subject.i for e in subject.doc.ents)
        or book.recent(at)
        or any(spoke < at for spoke, _ in book.organisations)
        or any(cited < at for cited in book.documents)
    )


def _next_person_after(token: Token, book: NameBook) -> Person | None:
    """The first person named after a role ("the new chief executive of the council said ... Jan
    Britton"; a headline's "says peer"), within ``FAR_WINDOW`` tokens of its sentence."""
    doc = token.doc
    limit = min(len(doc), token.sent.end + FAR_WINDOW)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and token.i < ent.start < limit:
            return book.person(book.canonical(ent.text, ent.start_char))
    return None
