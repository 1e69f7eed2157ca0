"""A migration file as a module (its name starts with a digit, so it cannot be imported by name): for
tests and benches that run a migration's own backfill statement on data they loaded in bulk."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

VERSIONS = Path(__file__).resolve().parents[1] / "migrations" / "versions"


def load(filename: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"migration_{filename.split('_', 1)[0]}", VERSIONS / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
