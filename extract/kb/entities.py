"""The people and organisations of a whole run: ``KB.entities.jsonl``, one line per corpus entity.

Each document's clusters (``doc._.entities``: a canonical name, a kind and every mention) come
from the worker that read it; they join here, in the process that writes the KB, in KB order,
so the file and the ids are the same bytes whatever the number of workers. The joins, in order:

1. one key per spelling of a name (``name_key``): "Donald J. Trump", "Mr. Donald Trump" and
   "Donald Trump" are one person, "Donald Trump Jr." another; an organisation's name joins only
   the same name;
2. a one-word person ("Obama", "Mr. Trump") joins the one full name of that surname its own
   document writes, else the one in the whole run; a title or pronoun's gender rules out the
   others ("Mr. Obama" is not Michelle Obama); with two or none it stays apart (never two people
   with one surname);
3. an organisation's acronym ("EPA", "E.P.A.") joins the one name of the run whose initials it is.

An entity's id is a digest of its kind and canonical name (the fullest name written most
often), so the same person keeps the same id in every KB that names them alike.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from extract.kb.names import NameLists, affiliation, name_key, name_words, shipped_name_lists
from extract.stages.speakers.names import CONNECTORS

ENTITY_FIELDS = ("id", "kind", "name", "aliases", "roles", "organisations", "mentions")
ACRONYM = re.compile(r"(?:[A-Z]\.?){2,8}")

Key = tuple[str, ...]  # (kind, *name_key)


@dataclass
class Cluster:
    """One document's entity, as its worker hands it over (offsets into the document's text)."""

    doc_id: str
    name: str
    kind: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    role: str | None = None
    org: str | None = None
    gender: str | None = None


def document_clusters(doc_id: str, entities: Iterable[Mapping[str, Any]]) -> list[Cluster]:
    """A document's entities as clusters, one per name (a long body read in pieces gives one per piece)."""
    by_name: dict[str, Cluster] = {}
    for entity in entities:
        mentions = [(start, end) for start, end in entity["mentions"]]
        cluster = by_name.get(entity["name"])
        if cluster is None:
            role, org, gender = entity.get("role"), entity.get("org"), entity.get("gender")
            by_name[entity["name"]] = Cluster(doc_id, entity["name"], entity["kind"], mentions, role, org, gender)
            continue
        cluster.mentions = sorted(set(cluster.mentions) | set(mentions))
        cluster.role, cluster.org = cluster.role or entity.get("role"), cluster.org or entity.get("org")
        if cluster.gender != entity.get("gender"):
            cluster.gender = cluster.gender if entity.get("gender") is None else None
    return list(by_name.values())


def entity_id(kind: str, name: str) -> str:
    return "e_" + hashlib.sha1(f"{kind}\x1f{name}".encode()).hexdigest()[:16]


@dataclass
class CorpusEntities:
    """The run's entities (``rows``, in the order of their first mention) and, for each document's
    cluster name, the id and canonical name of the entity it joined."""

    rows: list[dict[str, Any]]
    ids: dict[tuple[str, str], str]
    names: dict[tuple[str, str], str]

    def id_of(self, doc_id: str, name: str | None) -> str | None:
        return self.ids.get((doc_id, name)) if name else None

    def fuller(self, doc_id: str, name: str | None) -> str | None:
        """A document's one-word name as the name of several words its entity has, if it joined
        one ("Obama" as "Barack Obama"); any other name as it is."""
        full = self.names.get((doc_id, name)) if name and " " not in name else None
        return full if full is not None and " " in full else name


def corpus_entities(clusters: list[Cluster], lists: NameLists | None = None) -> CorpusEntities:
    """Join the documents' clusters (in KB order) into the run's entities."""
    lists = lists or shipped_name_lists()
    keys = [_key(c, lists) for c in clusters]
    people = _People(clusters, keys, lists)
    joined = people.joined_surnames()
    joined.update(_joined_acronyms(clusters, keys))
    groups: dict[Key, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        groups[people.full_form.get(joined.get(i, key), joined.get(i, key))].append(i)
    rows, ids, names = [], {}, {}
    for members in groups.values():  # in order of first appearance: dicts keep insertion order
        row = _row([clusters[i] for i in members], lists)
        rows.append(row)
        for i in members:
            ids[clusters[i].doc_id, clusters[i].name] = row["id"]
            names[clusters[i].doc_id, clusters[i].name] = row["name"]
    return CorpusEntities(rows, ids, names)


def _key(cluster: Cluster, lists: NameLists) -> Key:
    if cluster.kind == "person":
        return (cluster.kind, *name_key(cluster.name, lists.titles))
    return (cluster.kind, *(w.casefold() for w in name_words(cluster.name)))


def _full(key: Key) -> bool:
    """A person's key from a full name (first and last word), not a lone word or a description."""
    return key[0] == "person" and len(key) >= 3 and key[1] != ""


class _People:
    """The run's full names of people, what the clusters say of each, and the one-word clusters
    (a surname, or a person the model took for an organisation: "Trump") that join one of them."""

    def __init__(self, clusters: list[Cluster], keys: list[Key], lists: NameLists) -> None:
        self.clusters, self.keys, self.lists = clusters, keys, lists
        said: dict[Key, set[str]] = defaultdict(set)
        documents: dict[Key, set[str]] = defaultdict(set)
        mentions: Counter[Key] = Counter()
        self.by_surname: dict[str, set[Key]] = defaultdict(set)
        self.in_document: dict[tuple[str, str], set[Key]] = defaultdict(set)
        for cluster, key in zip(clusters, keys, strict=True):
            if not _full(key):
                continue
            said[key].update([cluster.gender] if cluster.gender else [])
            documents[key].add(cluster.doc_id)
            mentions[key] += len(cluster.mentions)
            self.by_surname[key[2]].add(key)
            self.in_document[cluster.doc_id, key[2]].add(key)
        # a first name says more than one document's titles and pronouns ("he" may be the wrong antecedent)
        self.gender = {key: lists.first_names.get(key[1]) or _agreed(said[key]) for key in documents}
        # a person of the run is written in full in several documents, or in one more than once with
        # a first name: a headline's "Defiant Smith" or "Daily Herald Jones" is none
        self.known = {key for key in documents if len(documents[key]) > 1}
        self.named = {key for key in documents if key[1] in lists.first_names}  # a name: "Marta Quill"
        self.confirmed = self.known | {key for key in self.named if mentions[key] > 1}
        # the first words of organisations' names: "Ford" of "Ford Motor Company" need not be a person
        self.organisation_starts = {key[1] for key in keys if key[0] == "organisation" and len(key) > 2}
        self.full_form = self._full_forms(clusters, keys)

    def _full_forms(self, clusters: list[Cluster], keys: list[Key]) -> dict[Key, Key]:
        """Full names with a word in front that is neither a first name nor a title ("Crooked
        Hillary Clinton", "Rival Hillary Clinton") -> the confirmed full name they end with."""
        forms = {}
        for cluster, key in zip(clusters, keys, strict=True):
            words = name_words(cluster.name) if _full(key) else []
            for cut in range(1, len(words) - 1):
                tail = ("person", *name_key(" ".join(words[cut:]), self.lists.titles))
                if tail in self.confirmed and not any(w.casefold() in self.lists.first_names for w in words[:cut]):
                    forms[key] = tail
                    break
        return forms

    def joined_surnames(self) -> dict[int, Key]:
        """Each one-word cluster that joins a full name of that surname and a gender that fits: the
        one its document writes with a first name or the run writes in several documents (of
        several, the latter); when its document writes none, the one the run writes in several
        documents ("Obama" is not Michelle Obama, whom one article names). An organisation's (a
        person the model tagged as one, "Trump") joins the same way, unless the run's organisations
        start with the word ("Ford" of "Ford Motor Company")."""
        joined = {}
        for i, (cluster, key) in enumerate(zip(self.clusters, self.keys, strict=True)):
            if len(key) != 2 or key[0] not in ("person", "organisation"):
                continue
            here = self.in_document.get((cluster.doc_id, key[1]), set()) & (self.known | self.named)
            found = self._fitting(here, cluster)
            if len(found) > 1:
                found &= self.known
            elif not found and (key[0] == "person" or key[1] not in self.organisation_starts):
                found = self._fitting(self.by_surname.get(key[1], set()) & self.known, cluster)
            if len(found) == 1:
                joined[i] = found.pop()
        return joined

    def _fitting(self, keys: set[Key], cluster: Cluster) -> set[Key]:
        """The full names among ``keys`` whose gender may be the cluster's."""
        return {key for key in keys if cluster.gender is None or self.gender.get(key) in (None, cluster.gender)}


def _agreed(genders: set[str]) -> str | None:
    return next(iter(genders)) if len(genders) == 1 else None


def _joined_acronyms(clusters: list[Cluster], keys: list[Key]) -> dict[int, Key]:
    """Each organisation written as an acronym that joins the one organisation of the run whose
    initials it is ("EPA", "E.P.A." and "Environmental Protection Agency")."""
    by_initials: dict[str, set[Key]] = defaultdict(set)
    for cluster, key in zip(clusters, keys, strict=True):
        words = [w for w in name_words(cluster.name) if w.casefold() not in CONNECTORS]
        if cluster.kind == "organisation" and len(words) >= 2:
            by_initials["".join(w[0].upper() for w in words)].add(key)
    joined = {}
    for i, cluster in enumerate(clusters):
        if cluster.kind == "organisation" and ACRONYM.fullmatch(cluster.name):
            found = by_initials.get(cluster.name.replace(".", ""), set())
            if len(found) == 1:
                joined[i] = next(iter(found))
    return joined


def _row(members: list[Cluster], lists: NameLists) -> dict[str, Any]:
    """An entity's line: its canonical name (a full name before a lone word, without a title in
    front, then the one written in most documents, then the fullest), the other names as aliases,
    roles and organisations most written first, and every mention in KB order."""
    written = Counter(_as_written(c) for c in members)
    mentions = Counter(_as_written(c) for c in members for _ in c.mentions)
    kind = members[0].kind

    def preference(name: str) -> tuple:
        words = name_words(name)
        full = len(words) > 1 and (kind != "person" or _full((kind, *name_key(name))))
        untitled = bool(words) and words[0].rstrip(".").casefold() not in lists.titles
        return (full, untitled, written[name], mentions[name], len(name), name)

    name = max(written, key=preference)
    pairs = [affiliation(c.role, c.org, lists.titles, lists) for c in members]
    return {
        "id": entity_id(kind, name),
        "kind": kind,
        "name": name,
        "aliases": sorted(set(written) - {name}),
        "roles": _most_written(role for role, _ in pairs),
        "organisations": _most_written(org for _, org in pairs),
        "mentions": [{"doc_id": doc_id, "start": s, "end": e} for doc_id, s, e in _in_order(members)],
    }


def _in_order(members: list[Cluster]) -> list[tuple[str, int, int]]:
    """Every mention once, in KB order: by document (as the clusters come), then offset."""
    order = {doc_id: i for i, doc_id in enumerate(dict.fromkeys(c.doc_id for c in members))}
    mentions = {(c.doc_id, start, end) for c in members for start, end in c.mentions}
    return sorted(mentions, key=lambda m: (order[m[0]], m[1], m[2]))


def _as_written(cluster: Cluster) -> str:
    """A cluster's name without stray punctuation at its words' edges ("Donald Trump ''")."""
    return " ".join(name_words(cluster.name)) or cluster.name


def _most_written(values: Iterable[str | None]) -> list[str]:
    """The distinct values, most frequent first (``Counter`` keeps first-seen order among equals)."""
    return [value for value, _ in Counter(v for v in values if v).most_common()]
