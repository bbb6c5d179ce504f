"""Names as a document writes them: cleaning, the span a name stands in, role and organisation,
and the ``NameBook`` of the people one document names and who spoke last."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extract.model.entities import entities_in, entity_at
from extract.rules.words import Words
from extract.stages.syntax import noun_phrase


@dataclass
class Person:
    name: str
    role: str | None = None
    org: str | None = None
    aliases: set[str] = field(default_factory=set)  # role words that have named this person
    gender: str | None = None  # "m" or "f", from a title ("Mrs Nair") or a pronoun that named them
    named_person: bool = True  # False for a proper noun the model did not tag a person: "he" is not "National"
    relative: bool = False  # first written as someone's relative ("her husband, Jo Roe"): named for their sake


@dataclass
class Speaker:
    name: str | None
    mention: Span | None
    role: str | None = None
    org: str | None = None
    # a source the text describes and never names ("Some local farmers"): the record's speaker, but
    # nobody later quotes are inherited from or a name the book knows
    written: str | None = None

    @classmethod
    def of_person(cls, person: Person | None, mention: Span) -> Speaker:
        """A person of the name book as the speaker of a mention; nobody: the mention alone."""
        if person is None:
            return cls(None, mention)
        return cls(person.name, mention, person.role, person.org)

    def at(self, mention: Span) -> Speaker:
        """The same speaker at another mention of them ("who", "his statement")."""
        return Speaker(self.name, mention, self.role, self.org)


CONNECTORS = {"of", "for", "and", "the", "on", "in", "&"}  # words inside a name: "Secretary of State"
LOWER_WORDS_BEFORE_NAME = re.compile(r"^(?:[a-z][\w-]*\s+)+(?=[A-Z])")
NICKNAME = re.compile(r"\s[“\"‘][^”\"’]{1,20}[”\"’]\s")


def clean_name(text: str, lists: Words) -> str:
    """ "Mr Hopson's" -> "Hopson"; "Dr Mark Britnell" -> "Mark Britnell"; "Clive Betts MP" -> "Clive Betts";
    "chief executive Chris Hopson" -> "Chris Hopson"."""
    text = NICKNAME.sub(" ", re.sub(r"^[^\w“\"‘’]+", "", text))  # Dana “Dee” Whitlock is Dana Whitlock; no ">Roe"
    words = re.sub(r"[’']s$", "", " ".join(text.split()).lstrip("”“\"'―—–-‘’ ")).split(" ")
    before = _role_words(words, lists["role-nouns"], lists["name-particles"])
    if before:  # "executive Chris Hopson", "Opposition Leader Chris Luxon": a role before the name
        words = words[max(before) + 1 :]
    while len(words) > 1 and _headline_verb(words[-1], lists):  # a headline's "Roe Says"
        words = words[:-1]
    while len(words) > 1 and words[0].lower().rstrip(".") in lists["honorifics"]:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().rstrip(".") in lists["post-titles"]:
        words = words[:-1]  # a title after a name, never the whole name: "Mr. King" is King
    return " ".join(words).strip(" ,")


def _headline_verb(word: str, lists: Words) -> bool:
    """A speech verb a headline writes in capitals after a name: "Says", "Warns", "Said"."""
    lower = word.lower()
    verb = lower[:-1] if lower.endswith("s") else ""
    return word[:1].isupper() and (verb in lists.union("speech-verbs", "claim-verbs") or lower == "said")


def _role_words(words: list[str], roles: frozenset[str], particles: frozenset[str]) -> list[int]:
    """Where the words of a role written before a name are: lower-case words and role nouns;
    a connector after a role takes the word after it too ("Secretary of State John Kerry"), a
    connector inside a name is not a role ("Campaign for Better Transport")."""
    found = [i for i, w in enumerate(words[:-2]) if w.lower() in roles]
    for i, word in enumerate(words[:-1]):
        if not word[:1].islower() or word in particles:
            continue
        if word in CONNECTORS and i and words[i - 1][:1].isupper():
            if words[i - 1].lower() not in roles:
                continue
            if i + 2 < len(words):
                found.append(i + 1)
        found.append(i)
    return found


def surname(name: str) -> str:
    return name.split(" ")[-1].lower() if name else ""


def clean_org(text: str) -> str:
    """ "the National Association of Head Teachers (NAHT)'s" -> "National Association of Head Teachers"."""
    text = re.sub(r"\s*\([^()]*\)$", "", re.sub(r"[’']s$", "", text.strip()))
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return LOWER_WORDS_BEFORE_NAME.sub("", text)  # "firm Acme Research", "independent Acme Centre"


def title_gender(name: Span, words: Words) -> str | None:
    """The gender a title written with a name tells ("Mrs Nair", "Sir Keir Starmer"), if any."""
    doc, genders = name.doc, words.values("gendered-titles")
    for token in (doc[name.start - 1] if name.start else None, name[0]):
        if token is not None and token.lower_.rstrip(".") in genders:
            return genders[token.lower_.rstrip(".")]
    return None


def first_name_gender(name: str, words: Words) -> str | None:
    """The gender a full name's first name tells ("Katy Roe": f), from ``first-names.txt``; None for
    one word (a surname or an organisation's name) or a first name given to both."""
    parts = name.split(" ")
    return words.values("first-names").get(parts[0].lower()) if len(parts) > 1 else None


def _capitalised(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def name_span(token: Token) -> Span:
    """The name a subject token stands in: its entity, widened to its proper-noun compounds
    ("NHS Guidance", not "NHS")."""
    doc = token.doc
    ent = entity_at(token)
    start, end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
    while (
        start > 0
        and doc[start - 1].head.i in range(start, end + 1)
        and doc[start - 1].dep_ in {"compound", "flat"}
        and doc[start - 1].pos_ in {"PROPN", "NOUN"}
    ):
        start -= 1
    while start < token.i and doc[start].pos_ in {"DET", "PUNCT"}:
        start += 1
    if ent is None or ent.label_ != "PERSON":  # "Campaign for Better Transport", "Council of Governors"
        while end + 1 < len(doc) and doc[end].lower_ in {"of", "for"} and _capitalised(doc[end + 1]):
            end += 2
            while end < len(doc) and _capitalised(doc[end]):
                end += 1
    while start > 1 and doc[start - 1].lower_ in {"of", "for"} and _org_head(doc[start - 2]):
        start -= 2  # the model's "Better Transport" (even as a person) inside "Campaign for Better Transport"
        while start > 0 and _capitalised(doc[start - 1]) and doc[start - 1].i != doc[start - 1].sent.start:
            start -= 1
    return doc[start:end]


def _org_head(token: Token) -> bool:
    """A capitalised word an organisation's name can be built on ("Campaign for", "Council of"),
    not a sentence's first word or a person's name."""
    return _capitalised(token) and token.ent_type_ != "PERSON" and token.i != token.sent.start


PREMODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "case", "det", "nummod"}


def _premodifiers(name: Span) -> list[Token]:
    """The words written right before a name that modify it ("NHS Providers chief executive"):
    read leftwards while each modifies the name or a word already read, never past punctuation."""
    doc, words = name.doc, []
    inside = set(range(name.start, name.end))
    i = name.start - 1
    while i >= 0 and _modifies(doc[i], inside):
        words.append(doc[i])
        inside.add(i)
        i -= 1
    return words[::-1]


def _modifies(token: Token, inside: set[int]) -> bool:
    return (
        not token.is_punct
        and token.pos_ not in {"VERB", "AUX"}
        and token.dep_ in PREMODIFIER_DEPS
        and token.head.i in inside
    )


def _capitalised_role_start(tokens: list[Token], roles: frozenset[str]) -> int:
    """Where a role written in capitals begins among a name's proper-noun premodifiers ("AWU
    National Secretary", "Treasury Cabinet Secretary"): the words before its last role noun that
    are neither an acronym nor part of an organisation entity; ``len(tokens)`` when none is a role."""
    last = max((i for i, t in enumerate(tokens) if t.lower_ in roles and t.ent_type_ != "ORG"), default=None)
    if last is None:
        return len(tokens)
    start = last
    while start > 0 and not tokens[start - 1].is_upper and tokens[start - 1].ent_type_ not in {"ORG", "GPE", "NORP"}:
        start -= 1
    return start


def role_and_org(name: Span, words: Words) -> tuple[str | None, str | None]:
    """Role and organisation written around a name.

    "NHS Providers chief executive Chris Hopson", "Rob Whiteman, CIPFA's chief executive,",
    "Richard Humphries, a senior policy fellow from the think-tank the King's Fund",
    "Clive Betts MP". The premodifiers first; else, in order, the ``ROLE_STEPS``.
    """
    # Premodifiers: organisation names, then the role ("NHS Providers chief executive").
    before = [t for t in _premodifiers(name) if t.pos_ not in {"DET", "PUNCT"} and t.dep_ != "case"]
    org_tokens = [t for t in before if t.ent_type_ in {"ORG", "GPE", "NORP"} or t.pos_ == "PROPN"]
    # "AWU National Secretary": the role is not the org
    org_tokens = org_tokens[: _capitalised_role_start(org_tokens, words["role-nouns"])]
    role_tokens = [t for t in before if t not in org_tokens]
    org = " ".join(t.text for t in org_tokens) if org_tokens else None
    for step in ROLE_STEPS:
        if role_tokens:
            break
        role_tokens, org = step(name, words, org)
    role = " ".join(t.text for t in role_tokens) or None
    return role, clean_org(org) if org else None


def _appositive_role(name: Span, words: Words, org: str | None) -> tuple[list[Token], str | None]:
    """ "Rob Whiteman, CIPFA's chief executive," / "a senior fellow from the X Fund"."""
    appos = next((c for c in name.root.rights if c.dep_ == "appos"), None)
    if appos is None:
        return [], org
    role_tokens = [t for t in noun_phrase(appos) if t.pos_ not in {"DET", "PROPN"} and t.dep_ not in {"poss", "case"}]
    inside = entities_in(name.doc, appos.left_edge.i, appos.right_edge.i + 1)
    orgs = [e for e in inside if e.label_ in {"ORG", "GPE"}]
    return role_tokens, orgs[-1].text if orgs else org


def _role_apposed(name: Span, words: Words, org: str | None) -> tuple[list[Token], str | None]:
    """A role the name is in apposition to: "the council's chief executive, Jane Roe,"."""
    head = name.root
    if head.dep_ != "appos" or head.head.lemma_.lower() not in words["role-nouns"]:
        return [], org
    role_head = head.head
    role_tokens = [
        t for t in noun_phrase(role_head) if t.pos_ not in {"DET", "PROPN"} and t.dep_ not in {"poss", "case"}
    ]
    orgs = [e for e in entities_in(name.doc, role_head.left_edge.i, role_head.i) if e.label_ in {"ORG", "GPE"}]
    return role_tokens, orgs[-1].text if orgs and org is None else org


def _title_after(name: Span, words: Words, org: str | None) -> tuple[list[Token], str | None]:
    """A title after the name: "Clive Betts MP"."""
    doc, titles = name.doc, words["post-titles"]
    after = doc[name.end] if name.end < len(doc) else None
    if after is not None and after.lower_ in titles:
        return [after], org
    return ([name[-1]] if name[-1].lower_ in titles else []), org


ROLE_STEPS = (_appositive_role, _role_apposed, _title_after)


@dataclass
class NameBook:
    """The people and organisations of one document, and who spoke last."""

    words: Words  # the lists names are read with: honorifics, role nouns, titles
    people: dict[str, Person] = field(default_factory=dict)  # canonical name -> person
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, canonical name), in order
    acronyms: dict[str, str] = field(default_factory=dict)  # "NAHT" -> "National Association of Head Teachers"

    def expand(self, name: str | None) -> str | None:
        """An organisation's acronym as the name the document spells out for it."""
        return self.acronyms.get(name, name) if name else name

    spoken: list[tuple[int, Person]] = field(default_factory=list)  # (char offset, speaker)
    surveys: list[tuple[int, str]] = field(default_factory=list)  # (char offset, organisation)
    documents: list[int] = field(default_factory=list)  # char offsets of every document noun ("the survey")
    organisations: list[tuple[int, str]] = field(default_factory=list)  # (char offset, organisation that spoke)
    spokespeople: list[tuple[int, str, str | None]] = field(default_factory=list)  # (offset, speaks for, gender)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of the quotations: not narration

    def in_quotation(self, at: int) -> bool:
        return any(start <= at < end for start, end in self.quoted)

    def canonical(self, name: str, at: int | None = None) -> str:
        """The full name a mention stands for: itself when the book has it; "Donald J. Trump" as
        "Donald Trump"; a surname ("Humphries", "Mr Hopson") or first name as the person of that
        name mentioned last before ``at`` (else first in the document); a title's gender picks
        among them ("Mrs Roe")."""
        cleaned = clean_name(name, self.words)
        if cleaned in self.people:
            return cleaned
        words = cleaned.split(" ")
        if len(words) > 1:
            same = [
                full for full in self.people if full.split(" ")[0] == words[0] and surname(full) == surname(cleaned)
            ]
            return same[0] if same else cleaned
        candidates = [full for full in self.people if surname(full) == surname(cleaned)]
        candidates = candidates or [full for full in self.people if " " in full and full.split(" ")[0] == cleaned]
        gender = self.words.values("gendered-titles").get(name.split(" ")[0].lower().rstrip("."))
        if gender is not None and len(candidates) > 1:  # "Mrs Nair" of Priya and Arjun Nair
            candidates = [c for c in candidates if self.people[c].gender in (None, gender)] or candidates
        if len(candidates) > 1:  # "Roe" of Ann Roe and "her husband Jo Roe": the one not named as a relative
            candidates = [c for c in candidates if not self.people[c].relative] or candidates
        if len(candidates) > 1 and at is not None:
            before = [full for position, _, full in self.mentions if position < at and full in candidates]
            if before:
                return before[-1]
        return candidates[0] if candidates else cleaned

    def knows(self, name: str) -> bool:
        """True when the name (or its surname) is a person already in the book."""
        cleaned = clean_name(name, self.words)
        return bool(cleaned) and any(surname(full) == surname(cleaned) for full in self.people)

    def person(self, name: str) -> Person:
        if name not in self.people:
            # a name the document never writes in full ("Demi said"): a first name, if the list has it
            alone = self.words.values("first-names").get(name.lower()) if " " not in name else None
            self.people[name] = Person(name, gender=first_name_gender(name, self.words) or alone)
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

    def organisation_spoke(self, org: str | None, at: int) -> None:
        if org and (at, org) not in self.organisations:
            self.organisations.append((at, org))
            self.organisations.sort()

    def organisation_since(self, start: int, before: int) -> tuple[int, str] | None:
        """(where, organisation) of the organisation that spoke last between two positions: who
        "a spokesman", "officials" or "it" with no organisation of their own stand for."""
        spoke = [(at, org) for at, org in self.organisations if start <= at < before]
        return spoke[-1] if spoke else None

    def spokesperson_after(self, after: int, before: int, gender: str) -> str | None:
        """Who the last unnamed spokesperson between two positions speaks for, if their gender
        can be the pronoun's: "A spokesman said ... He added" is the spokesman's organisation."""
        spoke = [(at, org) for at, org, g in self.spokespeople if after < at < before and g in (None, gender)]
        return spoke[-1][1] if spoke else None

    def survey(self, org: str, at: int) -> None:
        if (at, org) not in self.surveys:
            self.surveys.append((at, org))
            self.surveys.sort()

    def survey_org(self, before: int) -> str | None:
        """The organisation behind the latest survey or report mentioned before a position, else
        the first after it (a headline's "survey says" is the survey the article goes on to name)."""
        orgs = [org for at, org in self.surveys if at < before]
        return orgs[-1] if orgs else next((org for at, org in self.surveys if at >= before), None)

    def by_role(self, role_words: set[str], before: int) -> Person | None:
        """The most recent speaker, else the first person, whose role shares a word with these:
        a role noun, where the words hold one ("the health minister" is not "the health
        spokesperson"), else any word ("the Sheffield MP")."""
        nouns = self.words.values("role-nouns")
        role_words = role_words | {word for w in role_words & set(nouns) for word in nouns[w].split()}
        roles = role_words & self.words["role-nouns"]  # an abbreviation brings its words: "cs", "cabinet secretary"

        def matches(p: Person) -> bool:
            known = set(f"{p.role or ''} {p.org or ''}".lower().split()) | p.aliases
            return bool((roles or role_words) & known)

        for person in reversed(self.recent(before)):
            if matches(person):
                return person
        return next((p for p in self.people.values() if matches(p)), None)
