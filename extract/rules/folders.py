"""Where the shipped rules and word lists live: below both the word lists and the rule set that read them."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def default_patterns_dir() -> Path:
    """The rules shipped with the package (``patterns/`` of the source tree in a checkout)."""
    shipped = Path(str(resources.files("extract") / "patterns"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "patterns"
