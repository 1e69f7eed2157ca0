"""Koppel's application core. `matching.Profile`, `OfferIndex` and `assign` are the pure scoring API.

They are loaded on first use (PEP 562), not when `matching` is: every `import matching.domain...`
runs this file first, and the domain must not pay for numpy, SciPy and OR-Tools it never uses.
"""
from __future__ import annotations

from importlib import import_module

__all__ = ["Candidate", "OfferIndex", "Profile", "UnknownPostcode", "assign"]


def __getattr__(name: str):
    """Hand out the scoring API from `matching.scoring`, importing it the first time it is asked for."""
    if name in __all__:
        value = getattr(import_module("matching.scoring"), name)
        globals()[name] = value  # later look-ups find it without coming here
        return value
    raise AttributeError(f"module 'matching' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
