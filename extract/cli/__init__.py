"""The ``extract`` command: thin wrappers that check inputs and call plain functions.

``app`` holds the group and what the commands share; each other module registers its commands on it.
"""

from extract.cli import evaluate, kb, patterns, report, review, run  # noqa: F401  (registers the commands)
from extract.cli.app import main

__all__ = ["main"]
