"""The name book of one document (``book_of``): the people it names in full, with role and
organisation, the acronyms it spells out, and the surveys and reports it cites, read before any
quote is attributed and updated as speakers resolve."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from spacy.tokens import Doc, Span

from extract.model.entities import entity_at
from extract.rules.words import Words
from extract.stages.speakers.acronyms import acronyms_in
from extract.stages.speakers.documents import document_noun_tokens, org_of_document
from extract.stages.speakers.names import NameBook, clean_name, role_and_org, title_gender
from extract.stages.syntax import text_of


def book_of(doc: Doc, words: Words) -> NameBook:
    """The people a document names in full (with role and organisation) and the surveys it cites,
    read with ``words`` (the stage's lists)."""
    book = NameBook(words, acronyms=acronyms_in(text_of(doc)))
    uses = _word_uses(doc)
    for ent in doc.ents:
        name = clean_name(ent.text, words) if ent.label_ == "PERSON" or _name_shaped(ent, uses, words) else ""
        if not name:
            continue
        if " " in name and book.canonical(name) not in book.people:
            person = book.person(name)
            person.role, person.org = role_and_org(ent, words)
            # a name-shaped entity the model did not tag a person ("Infrastructure Canada") is one
            # for "he" and "she" only when its first name or a title says so ("Amanda Pritchard")
            person.named_person = ent.label_ == "PERSON" or person.gender is not None or bool(title_gender(ent, words))
            person.relative = written_as_relative(ent, words)
        canonical = book.canonical(name, ent.start_char)
        if canonical in book.people:
            book.people[canonical].gender = title_gender(ent, words) or book.people[canonical].gender
        book.mentions.append((ent.start_char, ent.end_char, canonical))
    for token in document_noun_tokens(doc, words):
        book.documents.append(token.idx)
        org = org_of_document(token, words)
        if org:
            book.survey(org, token.idx)
    return book


def written_as_relative(name: Span, words: Words) -> bool:
    """A name written as someone's relative: after a kinship noun ("her husband Jo Roe", "Her
    son, Jo Roe,", "two of his sons: Jo Roe, 4, and ...") or with one in apposition ("Jo Roe, her son,")."""
    doc, kin = name.doc, words["kinship-nouns"]
    before = [t for t in doc[max(0, name.start - 2) : name.start] if t.text not in {",", ":"}]
    if before and (before[-1].lemma_.lower() in kin or before[-1].lower_ in kin):
        return True
    root = name.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in kin:
        return True
    listed = entity_at(root.head) if root.dep_ == "conj" else None
    if listed is not None and listed.label_ == "PERSON" and listed.start < name.start:
        return written_as_relative(listed, words)  # "his sons: Jo Roe, 4, and Al Roe, 9"
    return any(c.dep_ == "appos" and c.lemma_.lower() in kin for c in root.children)


def _word_uses(doc: Doc) -> Counter[str | tuple[str, str]]:
    """How often each word, and each pair of words in a row, is written in the document (read
    from the token texts once: indexing the Doc token by token costs more than the rest)."""
    words = [t.text for t in doc]
    uses: Counter[str | tuple[str, str]] = Counter(words)
    uses.update(pairwise(words))
    return uses


def _name_shaped(ent: Span, uses: Counter[str | tuple[str, str]], words: Words) -> bool:
    """A person's name the model tagged as something else ("Amanda Pritchard" as ORG): two or
    three capitalised proper nouns, no organisation word among them, written after a role noun
    ("spokeswoman Jane Roe") or whose last word the document also uses alone or after a title
    ("Ms Pritchard said"): written more often than after the word before it in the name."""
    tokens = list(ent)
    if ent.label_ in {"GPE", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"} or not 2 <= len(tokens) <= 3:
        return False
    organisation = words.union("organisation-kinds", "body-nouns", "role-nouns")
    if any(t.pos_ != "PROPN" or not t.text.istitle() or t.lower_ in organisation for t in tokens):
        return False
    before = ent.doc[ent.start - 1] if ent.start else None
    roles = words.union("role-nouns", "spokes-nouns")
    after_role = before is not None and before.is_lower and before.lemma_ in roles
    return after_role or uses[tokens[-1].text] > uses[tokens[-2].text, tokens[-1].text]
