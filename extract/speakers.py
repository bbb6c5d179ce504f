"""Who is speaking: from a mention ("he", "Humphries", "Mr Hopson", "the committee chair",
"the survey") to the canonical name the document uses ("Richard Humphries"), with role and
organisation read from the text around the first full mention.

A ``NameBook`` is built per document and updated as quotes are attributed in reading order,
so pronouns and roles resolve to the most recent compatible speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from extract.entities import entities_in, entity_at
from extract.syntax import noun_phrase

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "rev", "reverend", "cllr", "councillor", "baroness", "baron", "president", "senator", "sen",
    "rep", "gov", "governor", "judge", "justice", "rt", "hon", "the", "superintendent", "inspector",
    "detective", "sergeant", "constable", "commissioner", "mayor", "coach", "captain", "general",
    "colonel", "lieutenant", "commander", "bishop", "archbishop", "rabbi", "imam", "father", "sheriff",
    "chancellor", "ambassador", "principal", "chief", "officer", "dean",
}
# Titles written after a name ("Clive Betts MP") that are roles, not part of the name.
POST_TITLES = {"mp", "msp", "mep", "am", "qc", "kc", "obe", "mbe", "cbe", "phd", "jr", "sr"}
# Nouns that name a person by position; "the committee chair" is somebody in the document.
ROLE_NOUNS = {
    "chair", "chairman", "chairwoman", "chairperson", "chief", "executive", "director", "minister",
    "secretary", "spokesman", "spokeswoman", "spokesperson", "mp", "mayor", "leader", "peer",
    "president", "chancellor", "governor", "senator", "head", "officer", "manager", "founder",
    "editor", "professor", "economist", "analyst", "official", "commissioner", "boss", "ceo",
    "representative", "member", "fellow", "author", "adviser", "advisor", "lawyer", "judge",
    "researcher", "doctor", "nurse", "expert", "partner", "premier", "prime", "treasurer",
    "constable", "inspector", "superintendent", "coach", "captain", "prosecutor", "attorney",
    "sheriff", "councillor", "councilman", "councilwoman", "ambassador", "commander", "principal",
    "headteacher", "headmaster", "headmistress", "dean", "governor", "trustee", "owner", "inspector",
}
# Nouns for documents and studies: they speak for the organisation behind them.
DOCUMENT_NOUNS = {
    "survey", "report", "study", "analysis", "poll", "research", "review", "results", "findings",
    "figures", "data", "paper", "audit", "inquiry", "guidance", "document", "assessment", "index",
}
# Nouns for the people who answered a survey: the survey's organisation is the source.
RESPONDENT_NOUNS = {"respondent", "respondents", "participants", "surveyed", "interviewees", "those"}
FIRST_PERSON = {"i", "we", "us", "me", "our", "my"}
THIRD_PERSON = {"he", "she", "they", "him", "her", "it"}
NEGATIVE_DETERMINERS = {"no", "nobody", "none", "neither"}
# Organisations named by a common noun: "the council said" is a source worth keeping.
BODY_NOUNS = {
    "committee", "government", "council", "department", "ministry", "company", "union", "firm",
    "agency", "board", "panel", "charity", "party", "treasury", "court", "police", "regulator",
    "club", "team", "league", "federation", "association", "school", "university", "college",
    "hospital", "trust", "bank", "airline", "authority", "commission", "institute", "foundation",
    "watchdog", "coalition", "campaign", "network", "operator", "insurer", "retailer", "lender",
    "manufacturer", "broadcaster", "publisher", "administration", "cabinet", "parliament", "senate",
    "congress", "army", "military", "prosecutor", "prosecutors", "embassy", "office", "group",
}
# Nouns for groups and people that can be a source ("experts warned", "the committee said").
SOURCE_NOUNS = ROLE_NOUNS | DOCUMENT_NOUNS | RESPONDENT_NOUNS | BODY_NOUNS | {
    "expert", "critic", "campaigner", "source", "people", "colleague", "staff", "worker", "group",
    "organisation", "organization", "body", "agency", "office", "party", "board", "panel", "team",
    "charity", "spokesman", "spokeswoman", "residents", "parents", "patients", "voter", "doctor",
    "treasury", "conference", "one", "insider", "observer", "user", "customer", "investor",
    "half", "quarter", "third", "majority", "minority", "most", "many", "some", "%", "percent",
}
QUANTITY_HEADS = {
    "half", "quarter", "third", "thirds", "quarters", "majority", "minority", "most", "%", "percent",
    "more", "fewer", "less",
}
SOURCE_NOUNS |= QUANTITY_HEADS


@dataclass
class Person:
    name: str
    role: str | None = None
    org: str | None = None
    aliases: set[str] = field(default_factory=set)  # role words that have named this person


@dataclass
class Speaker:
    name: str | None
    mention: Span | None
    role: str | None = None
    org: str | None = None


def clean_name(text: str) -> str:
    """"Mr Hopson's" -> "Hopson"; "Dr Mark Britnell" -> "Mark Britnell"; "Clive Betts MP" -> "Clive Betts"."""
    words = re.sub(r"[’']s$", "", " ".join(text.split())).split(" ")
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    while words and words[-1].lower().rstrip(".") in POST_TITLES:
        words = words[:-1]
    return " ".join(words).strip(" ,")


def surname(name: str) -> str:
    return name.split(" ")[-1].lower() if name else ""


@dataclass
class NameBook:
    """The people and organisations of one document, and who spoke last."""

    people: dict[str, Person] = field(default_factory=dict)  # canonical name -> person
    spoken: list[tuple[int, Person]] = field(default_factory=list)  # (char offset, speaker)
    surveys: list[tuple[int, str]] = field(default_factory=list)  # (char offset, organisation)

    @classmethod
    def from_doc(cls, doc: Doc) -> NameBook:
        book = cls()
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name = clean_name(ent.text)
                if " " in name and not any(surname(name) == surname(n) for n in book.people):
                    book.people[name] = Person(name, *role_and_org(ent))
        for token in _document_nouns(doc):
            org = _org_of_document(token)
            if org:
                book.survey(org, token.idx)
        return book

    def canonical(self, name: str) -> str:
        """A short name ("Humphries", "Mr Hopson") as the earliest full name with its surname."""
        cleaned = clean_name(name)
        if cleaned in self.people:
            return cleaned
        for full in self.people:
            if surname(full) == surname(cleaned):
                return full
        return cleaned

    def knows(self, name: str) -> bool:
        """True when the name (or its surname) is a person already in the book."""
        cleaned = clean_name(name)
        return bool(cleaned) and any(surname(full) == surname(cleaned) for full in self.people)

    def person(self, name: str) -> Person:
        if name not in self.people:
            self.people[name] = Person(name)
        return self.people[name]

    def spoke(self, name: str | None, at: int) -> None:
        """Record that ``name`` speaks at char offset ``at`` (lookups go by position, not by
        the order quotes happen to be attributed in)."""
        if name and name in self.people and (at, self.people[name]) not in self.spoken:
            self.spoken.append((at, self.people[name]))
            self.spoken.sort(key=lambda item: item[0])

    def recent(self, before: int) -> list[Person]:
        """Speakers before a position, most recent last."""
        return [p for at, p in self.spoken if at < before]

    def survey(self, org: str, at: int) -> None:
        if (at, org) not in self.surveys:
            self.surveys.append((at, org))
            self.surveys.sort()

    def survey_org(self, before: int) -> str | None:
        """The organisation behind the latest survey or report mentioned before a position."""
        orgs = [org for at, org in self.surveys if at < before]
        return orgs[-1] if orgs else None

    def by_role(self, role_words: set[str], before: int) -> Person | None:
        """The most recent speaker, else the first person, whose role shares a word with these."""
        def matches(p: Person) -> bool:
            known = set(f"{p.role or ''} {p.org or ''}".lower().split()) | p.aliases
            return bool(role_words & known)
        for person in reversed(self.recent(before)):
            if matches(person):
                return person
        return next((p for p in self.people.values() if matches(p)), None)


def role_and_org(name: Span) -> tuple[str | None, str | None]:
    """Role and organisation written around a name.

    "NHS Providers chief executive Chris Hopson", "Rob Whiteman, CIPFA's chief executive,",
    "Richard Humphries, a senior policy fellow from the think-tank the King's Fund",
    "Clive Betts MP".
    """
    doc = name.doc
    head = name.root
    org = None
    # Premodifiers: organisation names, then the role ("NHS Providers chief executive").
    before = [t for t in doc[head.left_edge.i : name.start] if t.pos_ not in {"DET", "PUNCT"} and t.dep_ != "case"]
    org_tokens = [t for t in before if t.ent_type_ in {"ORG", "GPE", "NORP"} or t.pos_ == "PROPN"]
    role_tokens = [t for t in before if t not in org_tokens]
    if org_tokens:
        org = " ".join(t.text for t in org_tokens)
    # Appositive: "Rob Whiteman, CIPFA's chief executive," / "a senior fellow from the X Fund".
    appos = next((c for c in head.rights if c.dep_ == "appos"), None)
    if appos is not None and not role_tokens:
        role_tokens = [t for t in noun_phrase(appos) if t.pos_ not in {"DET", "PROPN"} and t.dep_ not in {"poss", "case"}]
        inside = entities_in(doc, appos.left_edge.i, appos.right_edge.i + 1)
        orgs = [e for e in inside if e.label_ in {"ORG", "GPE"}]
        if orgs:
            org = orgs[-1].text
    # A title after the name: "Clive Betts MP".
    after = doc[name.end] if name.end < len(doc) else None
    if not role_tokens and after is not None and after.lower_ in POST_TITLES:
        role_tokens = [after]
    elif not role_tokens and name[-1].lower_ in POST_TITLES:
        role_tokens = [name[-1]]
    role = " ".join(t.text for t in role_tokens) or None
    return role, clean_org(org) if org else None


def clean_org(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text)


def can_speak(subject: Token) -> bool:
    """People, organisations, documents and pronouns speak; "efficiency" does not."""
    if subject.pos_ in {"PRON", "PROPN"} or subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return subject.lower_ not in {"’s", "'s", "this", "that", "there"}
    words = {t.lemma_.lower() for t in subject.subtree} | {t.lower_ for t in subject.subtree}
    return subject.like_num or bool(words & SOURCE_NOUNS)


def is_author_voice(subject: Token) -> bool:
    """"We believe", "Many of us feel", "No member believes": the writer generalising, not a source."""
    words = {t.lower_ for t in subject.subtree}
    if subject.lower_ in FIRST_PERSON or (subject.lower_ in {"many", "some", "most", "all"} and words & {"us", "we"}):
        return True
    first = subject.left_edge
    return subject.lower_ in {"nobody", "none"} or first.lower_ in NEGATIVE_DETERMINERS or (first.lower_ == "no" and subject.lower_ == "one")


def resolve(subject: Token, book: NameBook) -> Speaker:
    """The speaker behind a subject token, updating the name book."""
    doc = subject.doc
    low = subject.lower_
    if low in {"he", "she", "him", "her"}:
        antecedent = _cataphora(subject)
        if antecedent is not None:
            return _with_mention(resolve(antecedent, book), doc[subject.i : subject.i + 1])
        recent = book.recent(subject.idx)
        person = recent[-1] if recent else _last_person_before(subject, book)
        return _speaker(person, doc[subject.i : subject.i + 1])
    if low in {"it", "they"}:
        return Speaker(_document_antecedent(subject, book), doc[subject.i : subject.i + 1])
    span = name_span(subject)
    titled_name = (  # "Clive Betts MP", not "The Sheffield MP"
        subject.lower_ in POST_TITLES
        and not any(c.dep_ == "det" for c in subject.lefts)
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in {"", "PERSON"} for c in subject.lefts)
    )
    role_noun = subject.lemma_.lower() in ROLE_NOUNS or (  # "the chief constable", "a police spokesman"
        subject.pos_ == "NOUN" and any(c.dep_ in {"compound", "amod"} and c.lower_ in ROLE_NOUNS for c in subject.lefts)
    )
    if role_noun and subject.ent_type_ != "PERSON" and not titled_name:
        return _by_role(subject, book)
    if book.knows(span.text) or subject.ent_type_ == "PERSON" or (
        subject.pos_ == "PROPN" and not subject.ent_type_ and not _is_document(subject)
    ):
        name = book.canonical(span.text)
        person = book.person(name)
        if person.role is None and person.org is None:
            person.role, person.org = role_and_org(span)
        book.spoke(name, subject.idx)
        return _speaker(person, span)
    if _is_document(subject) or _speaks_for_survey(subject):
        if _is_document(subject) and subject.pos_ == "PROPN":
            return Speaker(span.text, span)  # a document by its title: "NHS Guidance"
        org = _org_of_document(subject)
        if org:
            book.survey(org, subject.idx)
            return Speaker(org, span)
        return Speaker(book.survey_org(subject.idx), span)
    if subject.ent_type_ in {"ORG", "GPE", "NORP"} or subject.pos_ == "PROPN":
        return Speaker(clean_org(span.text), span)
    if subject.lemma_.lower() in BODY_NOUNS:  # "the council said": the body as written
        written = doc[subject.left_edge.i : subject.i + 1]
        return Speaker(_as_written(written), written)
    return Speaker(None, span)


def _as_written(phrase: Span) -> str:
    """A source the document never names, as written: "The club" and "the club" are one speaker."""
    text = phrase.text
    return "the" + text[3:] if text.startswith("The ") else text


def _speaker(person: Person | None, mention: Span) -> Speaker:
    if person is None:
        return Speaker(None, mention)
    return Speaker(person.name, mention, person.role, person.org)


def _with_mention(speaker: Speaker, mention: Span) -> Speaker:
    return Speaker(speaker.name, mention, speaker.role, speaker.org)


def _cataphora(pronoun: Token) -> Token | None:
    """"Discussing X, which he described as patchy, the chair argued": "he" is the chair."""
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


def _by_role(subject: Token, book: NameBook) -> Speaker:
    """"the committee chair", "The Sheffield South East MP", "the chancellor"."""
    doc = subject.doc
    written = doc[subject.left_edge.i : subject.right_edge.i + 1] if subject.dep_ != "ROOT" else name_span(subject)
    words = {t.lower_ for t in written if not t.is_stop and t.is_alpha}
    person = book.by_role(words, subject.idx)
    if person is None:
        person = _next_person_after(subject, book)
    if person is None:
        return Speaker(_as_written(written), written)  # "the chancellor": the document never names them
    person.aliases |= words
    book.spoke(person.name, subject.idx)
    return _speaker(person, written)


def name_span(token: Token) -> Span:
    """The name a subject token stands in: its entity, widened to its proper-noun compounds
    ("NHS Guidance", not "NHS")."""
    doc = token.doc
    ent = entity_at(token)
    start, end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
    while start > 0 and doc[start - 1].head.i in range(start, end + 1) and doc[start - 1].dep_ in {"compound", "flat"} and doc[start - 1].pos_ in {"PROPN", "NOUN"}:
        start -= 1
    while start < token.i and doc[start].pos_ in {"DET", "PUNCT"}:
        start += 1
    return doc[start:end]


def _speaks_for_survey(token: Token) -> bool:
    """"over half of respondents", "90% of those surveyed", "55 of 56 respondents", "the results"."""
    if token.lemma_.lower() in QUANTITY_HEADS or token.like_num:
        return True
    return any(t.lower_ in RESPONDENT_NOUNS - {"those"} or t.lower_ == "surveyed" for t in token.subtree)


def _person_span(token: Token) -> Span:
    doc = token.doc
    ent = entity_at(token)
    if ent is not None and ent.label_ == "PERSON":
        return ent
    start = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in {"compound", "flat"} and doc[start - 1].ent_type_ in {"", "PERSON"}:
        start -= 1
    return doc[start : token.i + 1]


def _document_nouns(doc: Doc) -> list[Token]:
    """The tokens ``_is_document`` accepts, found from the doc's word and lemma arrays: a
    question about each distinct word, not about each token."""
    columns = doc.to_array([LEMMA, LOWER])
    strings = doc.vocab.strings
    wanted = [key for key in set(columns.ravel().tolist()) if strings[key].lower() in DOCUMENT_NOUNS]
    return [doc[i] for i in numpy.flatnonzero(numpy.isin(columns, wanted).any(axis=1)).tolist()]


def _is_document(token: Token) -> bool:
    return token.lemma_.lower() in DOCUMENT_NOUNS or token.lower_ in DOCUMENT_NOUNS


def _org_of_document(token: Token) -> str | None:
    """"a survey conducted by CIPFA", "BMA analysis", "CIPFA's survey" -> the organisation."""
    for t in token.subtree:
        if t.dep_ == "agent" or (t.lower_ == "by" and (t.head.i == token.i or t.head.dep_ in {"acl", "relcl"})):
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return clean_org(token.doc[obj.left_edge.i : obj.right_edge.i + 1].text)
    for ent in entities_in(token.doc, token.left_edge.i, token.i):
        if ent.label_ in {"ORG", "GPE", "NORP"}:
            return clean_org(ent.text)
    for child in token.lefts:
        if child.dep_ in {"compound", "poss", "nmod"} and child.pos_ == "PROPN":
            return clean_org(name_span(child).text)
    return None


def _document_antecedent(pronoun: Token, book: NameBook) -> str | None:
    """"It showed ..." -> the survey or named document of the sentences before."""
    doc = pronoun.doc
    sent = pronoun.sent
    window_start = max(0, sent.start - 80)
    for token in reversed(list(doc[window_start : pronoun.i])):
        if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ in {"compound", "poss"}:
            continue
        if _is_document(token):
            org = _org_of_document(token)
            if org:
                book.survey(org, token.idx)
                return org
            return book.survey_org(pronoun.idx)
        if token.pos_ == "PROPN" and token.ent_type_ not in {"PERSON", "GPE", "DATE"}:
            span = name_span(token)
            if len(span) >= 2 and token.dep_ in {"pobj", "nsubj", "dobj", "attr"}:
                return span.text
    return book.survey_org(pronoun.idx)


def _last_person_before(token: Token, book: NameBook) -> Person | None:
    for ent in reversed([e for e in token.doc.ents if e.label_ == "PERSON" and e.end <= token.i]):
        return book.person(book.canonical(ent.text))
    return None


def _next_person_after(token: Token, book: NameBook) -> Person | None:
    doc = token.doc
    limit = min(len(doc), token.sent.end + 120)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and token.i < ent.start < limit:
            return book.person(book.canonical(ent.text))
    return None
