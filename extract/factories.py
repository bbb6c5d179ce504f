"""Our spaCy components' factory names: each is registered under a versioned name
("extract_quotes_v1"), which the shipped pipeline's ``config.cfg`` names, and under the name it
had before names carried versions ("extract_quotes"), which pipelines saved earlier name: they
load as before. A change of settings a saved config could not express gets a new version, and
the old one stays registered. (spaCy allows no "." in a factory name, hence the "_v1".) The
package's entry points (``pyproject.toml``) name both, so ``spacy.load`` finds them before
``extract`` is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from spacy.language import Language

F = TypeVar("F", bound=Callable[..., Any])


def factory(name: str, *, old_name: str, **meta: Any) -> Callable[[F], F]:
    """``Language.factory`` under ``name`` and ``old_name`` (``meta``: its ``assigns``,
    ``requires``, ``default_config``...)."""

    def register(func: F) -> F:
        for each in (name, old_name):
            Language.factory(each, **meta)(func)
        return func

    return register
