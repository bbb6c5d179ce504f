"""A run's entities: ``KB.entities.jsonl`` beside the KB, and the entity ids its records carry.

Workers read documents apart, so one document cannot know that its "Obama" is another's "Barack
Obama". The records wait in memory, and past ``HELD_RECORDS`` in a temporary file (a KB of
millions of claims is never all in memory), while each document's clusters are gathered; once
the last document is in, the clusters join (``extract.kb.entities``), the entities file is
written, and each record goes to the KB with its ``speaker_id`` or ``holder_id``. Results come
in input order whatever the engine, so the bytes are the same whatever the number of workers.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import IO, Any

from extract.io.atomic import atomic_writer
from extract.kb.entities import Cluster, CorpusEntities, corpus_entities, document_clusters
from extract.kb.io import write_jsonl
from extract.kb.records import dumps

ENTITIES_SUFFIX = ".entities.jsonl"
# Records held in memory before they go to the holding file: a run's KB up to this size is
# encoded once, when written (a round trip through the file cost a re-run 0.1 s for 3,000
# records); a larger one holds tens of megabytes at most.
HELD_RECORDS = 10_000


def entities_path(kb_out: str, docs_out: str | None) -> str | None:
    """``<KB without .jsonl>.entities.jsonl``; with the KB on stdout, beside the documents list;
    None when neither is a file."""
    if kb_out != "-":
        return kb_out.removesuffix(".jsonl") + ENTITIES_SUFFIX
    if docs_out and docs_out != "-":
        return docs_out.removesuffix(".jsonl").removesuffix(".documents") + ENTITIES_SUFFIX
    return None


class EntityJoin:
    """The records of a run, held until every document's entities are in: in memory, and past
    ``HELD_RECORDS`` in ``held`` (a temporary file, ``holding_file``), in the order they came."""

    def __init__(self, held: IO[str]) -> None:
        self._held = held
        self._records: list[dict[str, Any]] = []
        self._clusters: list[Cluster] = []

    def add(self, doc_id: str, records: Iterable[Mapping[str, Any]], entities: Iterable[Mapping[str, Any]]) -> None:
        self._clusters.extend(document_clusters(doc_id, entities))
        self._records.extend(map(dict, records))  # copies: ``write`` sets their entity ids
        if len(self._records) > HELD_RECORDS:
            for record in self._records:
                self._held.write(dumps(record) + "\n")
            self._records = []

    def write(self, kb: IO[str], entities_out: str | None) -> CorpusEntities:
        """Join the entities, write them to ``entities_out`` (atomically; None: nowhere), and
        the held records to ``kb`` with their entity ids."""
        found = corpus_entities(self._clusters)
        if entities_out is not None:
            with atomic_writer(entities_out) as handle:
                write_jsonl(found.rows, handle)
        self._held.seek(0)
        for record in chain(map(json.loads, self._held), self._records):
            kb.write(dumps(with_ids(record, found)) + "\n")
        return found


def holding_file() -> IO[str]:
    """A temporary file for the records while the entities join (removed when closed)."""
    return tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")


def with_ids(record: dict[str, Any], found: CorpusEntities) -> dict[str, Any]:
    """A record with the id of its speaker's (a quote) or holder's (a stance) entity, null when
    the name is no entity of its document; a one-word name that joined a fuller one of the run
    ("Obama": Barack Obama, "SMMT": the Society of Motor Manufacturers and Traders) takes it."""
    doc_id = record["doc_id"]
    if record["type"] == "quote":
        record["speaker_id"] = found.id_of(doc_id, record["speaker"])
        record["speaker"] = found.fuller(doc_id, record["speaker"])
    elif record["type"] == "stance":
        record["holder_id"] = found.id_of(doc_id, record["holder"])
        record["holder"] = found.fuller(doc_id, record["holder"])
    return record
