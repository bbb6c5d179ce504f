"""Who is speaking: from a mention ("he", "Humphries", "Mr Hopson", "the committee chair",
"the survey") to the canonical name the document uses ("Richard Humphries"), with role and
organisation read from the text around the first full mention.

A ``NameBook`` is built per document (``book_of``) and updated as quotes are attributed in
reading order, so pronouns and roles resolve to the most recent compatible speaker.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from extract.rules.words import active
from extract.stages.speakers.documents import (
    document_antecedent,
    document_noun_tokens,
    is_document,
    org_of_document,
    speaks_for_survey,
)
from extract.stages.speakers.lexicon import (
    body_nouns,
    first_person,
    negative_determiners,
    post_titles,
    role_nouns,
    source_nouns,
    spokes_nouns,
)
from extract.stages.speakers.names import (
    NameBook,
    Person,
    Speaker,
    acronyms_in,
    clean_name,
    clean_org,
    name_span,
    role_and_org,
    title_gender,
)
from extract.stages.speakers.organisations import organisation_called
from extract.stages.syntax import noun_phrase, text_of


def book_of(doc: Doc) -> NameBook:
    """The people a document names in full (with role and organisation) and the surveys it cites."""
    book = NameBook(acronyms=acronyms_in(text_of(doc)))
    uses = _word_uses(doc)
    for ent in doc.ents:
        name = clean_name(ent.text) if ent.label_ == "PERSON" or _name_shaped(ent, uses) else ""
        if not name:
            continue
        if " " in name and book.canonical(name) not in book.people:
            book.people[name] = Person(name, *role_and_org(ent))
        canonical = book.canonical(name, ent.start_char)
        if canonical in book.people:
            book.people[canonical].gender = book.people[canonical].gender or title_gender(ent)
        book.mentions.append((ent.start_char, ent.end_char, canonical))
    for token in document_noun_tokens(doc):
        book.documents.append(token.idx)
        org = org_of_document(token)
        if org:
            book.survey(org, token.idx)
    return book


def _word_uses(doc: Doc) -> Counter[str | tuple[str, str]]:
    """How often each word, and each pair of words in a row, is written in the document (read
    from the token texts once: indexing the Doc token by token costs more than the rest)."""
    words = [t.text for t in doc]
    uses: Counter[str | tuple[str, str]] = Counter(words)
    uses.update(pairwise(words))
    return uses


def _name_shaped(ent: Span, uses: Counter[str | tuple[str, str]]) -> bool:
    """A person's name the model tagged as something else ("Amanda Pritchard" as ORG): two or
    three capitalised proper nouns, no organisation word among them, written after a role noun
    ("spokeswoman Jane Roe") or whose last word the document also uses alone or after a title
    ("Ms Pritchard said"): written more often than after the word before it in the name."""
    words = list(ent)
    if ent.label_ in {"GPE", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"} or not 2 <= len(words) <= 3:
        return False
    organisation = active().union("organisation-kinds", "body-nouns", "role-nouns")
    if any(t.pos_ != "PROPN" or not t.text.istitle() or t.lower_ in organisation for t in words):
        return False
    before = ent.doc[ent.start - 1] if ent.start else None
    roles = active().union("role-nouns", "spokes-nouns")
    after_role = before is not None and before.is_lower and before.lemma_ in roles
    return after_role or uses[words[-1].text] > uses[words[-2].text, words[-1].text]


def can_speak(subject: Token) -> bool:
    """People, organisations, documents and pronouns speak; "efficiency" does not."""
    if subject.pos_ in {"PRON", "PROPN"} or subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return subject.lower_ not in {"’s", "'s", "this", "that", "there"}
    words = {t.lemma_.lower() for t in subject.subtree} | {t.lower_ for t in subject.subtree}
    return subject.like_num or bool(words & source_nouns()) or _named_in_apposition(subject) is not None


def _named_in_apposition(noun: Token) -> Token | None:
    """The person a common noun is in apposition to: "Scott's niece, Jane Roe, said"."""
    return next((c for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)


def is_author_voice(subject: Token) -> bool:
    """ "We believe", "Many of us feel", "No member believes": the writer generalising, not a source."""
    words = {t.lower_ for t in subject.subtree}
    if subject.lower_ in first_person() or (subject.lower_ in {"many", "some", "most", "all"} and words & {"us", "we"}):
        return True
    first = subject.left_edge
    return (
        subject.lower_ in {"nobody", "none"}
        or first.lower_ in negative_determiners()
        or (first.lower_ == "no" and subject.lower_ == "one")
    )


def resolve(subject: Token, book: NameBook) -> Speaker:
    """The speaker behind a subject token, updating the name book."""
    doc = subject.doc
    low = subject.lower_
    if low in PRONOUN_GENDER:
        antecedent = _cataphora(subject)
        if antecedent is not None:
            return _with_mention(resolve(antecedent, book), doc[subject.i : subject.i + 1])
        gender = PRONOUN_GENDER[low]
        recent = [p for p in book.recent(subject.idx) if p.gender in (None, gender) and p.named_person]
        # the last speaker, unless a person has since been the subject of a clause just before
        # ("Roe spoke. ... Congress leader Jo Doe sat on a fast. He said"); nobody spoke yet: the last named
        person = (_subject_just_before(subject, book, gender) or recent[-1]) if recent else None
        person = person or _last_person_before(subject, book, gender)
        last_said = max((at for at, p in book.spoken if p is person and at < subject.idx), default=-1)
        spokes = book.spokesperson_after(last_said, subject.idx, gender)
        if spokes is not None:  # "A spokesman said ... He added": nobody has spoken since
            return Speaker(spokes, doc[subject.i : subject.i + 1])
        if person is not None and person.gender is None:
            person.gender = gender  # "she" has named her: a later "he" is somebody else
        return _speaker(person, doc[subject.i : subject.i + 1])
    if low in {"who", "that", "which"} and subject.head.dep_ == "relcl" and subject.head.head.i != subject.head.i:
        noun = subject.head.head  # "Trump, who said ...": the noun the clause is about
        appos = next((a for a in [noun, *noun.ancestors] if a.dep_ == "appos"), None)
        if appos is not None and appos.head.pos_ == "PROPN" and (low == "which" or appos is noun):
            noun = appos.head  # "the Council of Governors, the organ bringing together chiefs, which said"
        return _with_mention(resolve(noun, book), doc[subject.i : subject.i + 1])  # the mention is "who"
    if low in {"it", "they"}:
        return Speaker(_organisation_or_document(subject, book), doc[subject.i : subject.i + 1])
    span = name_span(subject)
    titled_name = (  # "Clive Betts MP", not "The Sheffield MP"
        subject.lower_ in post_titles()
        and not any(c.dep_ == "det" for c in subject.lefts)
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in {"", "PERSON"} for c in subject.lefts)
    )
    role_noun = subject.lemma_.lower() in role_nouns() or (  # "the chief constable", "a police spokesman"
        subject.pos_ == "NOUN"
        and any(c.dep_ in {"compound", "amod"} and c.lower_ in role_nouns() for c in subject.lefts)
    )
    if subject.ent_type_ != "PERSON" and (subject.lemma_.lower() in spokes_nouns() or (role_noun and _plural(subject))):
        return _for_organisation(subject, book)  # "a council spokesman", "F.B.I. officials": never one person
    named = _name_beside_role(subject) if role_noun else None
    named = named or (_named_in_apposition(subject) if subject.pos_ == "NOUN" else None)
    if named is not None:
        return resolve(named, book)  # "Governor Jane Roe, the CoG Chairperson said"
    if role_noun and subject.ent_type_ != "PERSON" and not titled_name:
        return _by_role(subject, book)
    if (
        book.knows(span.text)
        or subject.ent_type_ == "PERSON"
        or (subject.pos_ == "PROPN" and not subject.ent_type_ and not is_document(subject))
    ):
        name = book.canonical(span.text, subject.idx)
        new = name not in book.people
        person = book.person(name)
        if new and subject.ent_type_ != "PERSON" and title_gender(span) is None:
            person.named_person = False
        if person.role is None and person.org is None:
            person.role, person.org = role_and_org(span)
        person.gender = person.gender or title_gender(span)
        book.spoke(name, subject.idx)
        return _speaker(person, span)
    if is_document(subject) or speaks_for_survey(subject):
        if is_document(subject) and subject.pos_ == "PROPN":
            return Speaker(span.text, span)  # a document by its title: "NHS Guidance"
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if is_document(subject) and owner is not None and (owner.pos_ == "PRON" or owner.ent_type_ == "PERSON"):
            written = doc[subject.left_edge.i : subject.i + 1]
            return _with_mention(resolve(owner, book), written)  # "his statement said": his
        org = org_of_document(subject)
        if org:
            book.survey(org, subject.idx)
            return Speaker(org, span)
        return Speaker(book.survey_org(subject.idx), span)
    if subject.ent_type_ in {"ORG", "GPE", "NORP"} or subject.pos_ == "PROPN" or _capitalised_name(subject, span):
        book.organisation_spoke(clean_org(span.text), subject.idx)
        return Speaker(clean_org(span.text), span)
    if subject.lemma_.lower() in body_nouns():  # "the council said": the council the document names
        written = doc[subject.left_edge.i : subject.i + 1]
        org = organisation_called(subject) or _as_written(written)
        book.organisation_spoke(org, subject.idx)
        return Speaker(org, written)
    return Speaker(None, span)


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
FAR_WINDOW = 120  # tokens after a role's sentence in which the person it names may follow


def _organisation_or_document(pronoun: Token, book: NameBook) -> str | None:
    """What "it" or "they" stands for: the organisation that spoke in the sentences just before
    ("The council denied ... It said"), unless a survey or report came up since ("It showed")."""
    spoke = book.organisation_since(_context_start(pronoun).idx, pronoun.idx)
    if spoke is not None and not any(spoke[0] < at < pronoun.idx for at in book.documents):
        book.organisation_spoke(spoke[1], pronoun.idx)  # it speaks again: "A spokesman said" after it
        return spoke[1]
    return document_antecedent(pronoun, book)


def _capitalised_name(subject: Token, span: Span) -> bool:
    """A common noun written as part of a name: "The Campaign for Cleaner Rivers said"."""
    return (
        subject.text[:1].isupper()
        and subject.i != subject.sent.start
        and any(t.pos_ == "PROPN" for t in span if t.i > subject.i)
    )


def _plural(token: Token) -> bool:
    return token.tag_ in {"NNS", "NNPS"}


def _for_organisation(subject: Token, book: NameBook) -> Speaker:
    """A spokesperson or a group of officials speaks for the organisation written with them
    ("a spokesman for the council", "an authority spokeswoman", "F.B.I. officials"); a bare one
    ("A spokesman said", "Officials said") for the organisation that spoke in the sentences just
    before; else as written, without numbers and determiners ("more than eight in 10 school
    leaders": "school leaders")."""
    written = noun_phrase(subject, keep_adjectives=True)
    found = _organisation_written_with(subject)
    if found is None and len(written) <= 2 and subject.lemma_.lower() in active().union("spokes-nouns", "role-nouns"):
        context = _context_start(subject)
        spoke = book.organisation_since(context.idx, subject.idx)
        found = spoke[1] if spoke else None
        if found is None:  # "Acme will cut 300 jobs. A spokesman said": the organisation it is about
            before = subject.doc[context.i : subject.sent.start]
            doers = [t for t in before if t.dep_ == "nsubj" and t.ent_type_ == "ORG"]
            found = clean_org(name_span(doers[-1]).text) if doers else None
    book.organisation_spoke(found, subject.idx)
    if subject.lemma_.lower() in active()["spokes-nouns"] and not _plural(subject):
        gender = "f" if subject.lower_.endswith("woman") else "m" if subject.lower_.endswith("man") else None
        book.spokespeople.append((subject.idx, found or _as_written(written), gender))
    return Speaker(found or _as_written(written), written)


CONTEXT_SENTENCES = 2  # how far back a bare spokesman's organisation may have spoken


def _context_start(token: Token) -> Token:
    """The first token of the sentence ``CONTEXT_SENTENCES`` before the token's own (or the doc's
    first): where an organisation that "it" or "a spokesman" stands for may have spoken."""
    start = token.sent.start
    for _ in range(CONTEXT_SENTENCES):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return token.doc[start]


def _organisation_written_with(subject: Token) -> str | None:
    """The organisation a spokesperson's or officials' own words name, if any."""
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "of", "at", "from"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ == "ORG"):
                return clean_org(name_span(obj).text)
            if obj is not None and obj.lemma_.lower() in body_nouns():
                return organisation_called(obj) or _as_written(obj.doc[obj.left_edge.i : obj.i + 1])
    for child in subject.lefts:
        if child.dep_ in {"compound", "nmod"} and child.lemma_.lower() in body_nouns():  # "a council spokesman"
            found = organisation_called(child)
            if found:
                return found
        if (
            child.dep_ in {"compound", "nmod", "poss"}
            and child.text[:1].isupper()
            and (child.pos_ == "PROPN" or child.ent_type_ == "ORG")
        ):
            return clean_org(name_span(child).text)
    return None


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
    doc = subject.doc
    if subject.dep_ == "ROOT":
        written = name_span(subject)
    else:  # the role as written, without a clause about it: "the head of X, which reveals ..."
        ends = (i for i in range(subject.i + 1, subject.right_edge.i + 1) if doc[i].is_punct or doc[i].dep_ == "relcl")
        written = doc[subject.left_edge.i : next(ends, subject.right_edge.i + 1)]
    words = {t.lower_ for t in written if not t.is_stop and t.is_alpha}
    person = book.by_role(words, subject.idx)
    if person is None:
        person = _next_person_after(subject, book)
    if person is None:
        return Speaker(_as_written(written), written)  # "the chancellor": the document never names them
    person.aliases |= words
    book.spoke(person.name, subject.idx)
    return _speaker(person, written)


def _subject_just_before(pronoun: Token, book: NameBook, gender: str) -> Person | None:
    """The person who is the subject of a clause just before a pronoun, in its sentence or the one
    before ("Congress leader Jane Roe sat on a fast. She said ..."): nearer than the last speaker."""
    doc = pronoun.doc
    start = pronoun.sent.start
    while start > 0 and doc[start - 1].sent.text.strip() == "":
        start = doc[start - 1].sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for token in reversed(doc[start : pronoun.i]):
        if token.dep_ in {"nsubj", "nsubjpass"} and token.ent_type_ == "PERSON":
            person = book.person(book.canonical(name_span(token).text, token.idx))
            if person.gender in (None, gender) and person.named_person:
                return person
    return None


def _last_person_before(token: Token, book: NameBook, gender: str) -> Person | None:
    """The person named last before a pronoun whose gender is unknown or the pronoun's."""
    for ent in reversed([e for e in token.doc.ents if e.label_ == "PERSON" and e.end <= token.i]):
        person = book.person(book.canonical(ent.text, ent.start_char))
        if person.gender in (None, gender):
            return person
    return None


def _next_person_after(token: Token, book: NameBook) -> Person | None:
    """The first person named after a role ("the new chief executive of the council said ... Jan
    Britton"; a headline's "says peer"), within ``FAR_WINDOW`` tokens of its sentence."""
    doc = token.doc
    limit = min(len(doc), token.sent.end + FAR_WINDOW)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and token.i < ent.start < limit:
            return book.person(book.canonical(ent.text, ent.start_char))
    return None
