"""Documents and surveys as sources: "the survey found", "a report by X", "It showed"."""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from extract.model.entities import entities_in
from extract.rules.words import Words
from extract.stages.speakers.names import NameBook, clean_org, name_span
from extract.stages.speakers.organisations import organisation_called


def document_noun_tokens(doc: Doc, words: Words) -> list[Token]:
    """The tokens ``_is_document`` accepts, found from the doc's word and lemma arrays: a
    question about each distinct word, not about each token."""
    columns = doc.to_array([LEMMA, LOWER])
    strings, nouns = doc.vocab.strings, words["document-nouns"]
    wanted = [key for key in set(columns.ravel().tolist()) if strings[key].lower() in nouns]
    return [doc[i] for i in numpy.flatnonzero(numpy.isin(columns, wanted).any(axis=1)).tolist()]


def is_document(token: Token, words: Words) -> bool:
    nouns = words["document-nouns"]
    return token.lemma_.lower() in nouns or token.lower_ in nouns


def org_of_document(token: Token, words: Words) -> str | None:
    """ "a survey conducted by CIPFA", "a report from the BMA", "BMA analysis", "CIPFA's survey" -> the
    organisation; "a report by the rail company": the company the article names ("by a group of
    researchers" names none)."""
    for t in token.subtree:
        if (
            t.dep_ == "agent"
            or (t.lower_ == "by" and (t.head.i == token.i or t.head.dep_ in {"acl", "relcl"}))
            or (t.lower_ == "from" and t.head.i == token.i)
        ):
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None and (t.lower_ != "from" or obj.pos_ == "PROPN"):  # not "from a teachers' union"
                definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in obj.lefts)
                named = organisation_called(obj, words) if obj.pos_ == "NOUN" and definite else None
                return named or clean_org(_without_clauses(obj).text)
    for ent in entities_in(token.doc, token.left_edge.i, token.i):
        if ent.label_ in {"ORG", "GPE", "NORP"}:
            return clean_org(ent.text)
    publisher = _publisher(token)
    if publisher is not None:
        return publisher
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        return None  # "the 2019 Coastal Flood Review", "White Paper": the words before are its title
    for child in token.lefts:
        if child.dep_ in {"compound", "poss", "nmod"} and child.pos_ == "PROPN":
            return clean_org(name_span(child).text)
    return None


def _without_clauses(noun: Token) -> Span:
    """A noun phrase up to a comma or a clause about it: "Jo Roe, a former aide now at ..." is Jo Roe."""
    doc = noun.doc
    after = range(noun.i + 1, noun.right_edge.i + 1)
    end = next((i for i in after if doc[i].is_punct or doc[i].dep_ in {"appos", "relcl", "acl"}), after.stop)
    return doc[noun.left_edge.i : end]


def _publisher(document: Token) -> str | None:
    """ "Acme published a report", "the charity, which reveals in a new report that": the
    organisation that is the subject of the verb the document is the object of."""
    verb = document.head
    if document.dep_ == "pobj" and verb.lower_ == "in":
        verb = verb.head
    elif document.dep_ != "dobj":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in {"which", "who"} and verb.dep_ == "relcl":
        subject = verb.head
    named = subject is not None and (subject.pos_ == "PROPN" and subject.ent_type_ != "PERSON")
    if subject is None or not (named or subject.ent_type_ == "ORG"):
        return None
    return clean_org(name_span(subject).text)


def document_antecedent(pronoun: Token, book: NameBook) -> str | None:
    """ "It showed ..." -> the survey or named document of the sentences before; a place is
    no document, and words inside quotation marks are what a source said, not who "it" is."""
    doc = pronoun.doc
    sent = pronoun.sent
    window_start = max(0, sent.start - 80)
    for token in reversed(list(doc[window_start : pronoun.i])):
        if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ in {"compound", "poss"} or book.in_quotation(token.idx):
            continue
        if is_document(token, book.words):
            org = org_of_document(token, book.words)
            if org:
                book.survey(org, token.idx)
                return org
            return book.survey_org(pronoun.idx)
        if token.pos_ == "PROPN" and token.ent_type_ not in {"PERSON", "NORP", "GPE", "LOC", "FAC", "DATE"}:
            span = name_span(token)
            if len(span) >= 2 and token.dep_ in {"pobj", "nsubj", "dobj", "attr"}:
                return span.text
    return book.survey_org(pronoun.idx)


def speaks_for_survey(token: Token, words: Words) -> bool:
    """ "over half of respondents", "90% of those surveyed", "55 of 56 respondents", "the results"."""
    if token.lemma_.lower() in words["quantity-heads"] or token.like_num:
        return True
    respondents = words["respondent-nouns"] - {"those"}
    return any(t.lower_ in respondents or t.lower_ == "surveyed" for t in token.subtree)
