"""The development sets and reference scorers in ``../shared`` (beside the checkout in CI), read at
test time only: tests that need them skip when the folder is absent."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from .conftest import ROOT

SHARED = ROOT.parent / "shared"


def reference_tool(name: str) -> ModuleType:
    """A module of the reference scorers (``../shared/tools``), imported from its file."""
    spec = importlib.util.spec_from_file_location(f"shared_{name}", SHARED / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(SHARED / "tools"))  # score_polnear imports polnear_load beside it
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SHARED / "tools"))
    return module
