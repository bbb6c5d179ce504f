"""Speakers: who a quote's source mention stands for (a full name, with role and organisation)."""

from extract.stages.speakers.book import book_of
from extract.stages.speakers.names import NameBook, Speaker
from extract.stages.speakers.resolve import as_written, can_speak, is_author_voice, resolve

__all__ = ["NameBook", "Speaker", "as_written", "book_of", "can_speak", "is_author_voice", "resolve"]
