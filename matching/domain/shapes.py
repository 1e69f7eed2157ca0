"""What an aggregate holds, declared once: typed annotations on the class itself.

Every field an aggregate keeps is annotated on its class (with `ClassVar` for class-level
constants). Two marks say more:
- `Given[T]`: a field a person or coordinator fills in (a form, the API, a spreadsheet row). These,
  and only these, are what an aggregate's factory and its `change()` take; the aggregate sets every
  other field itself (ids, status, times, token hashes), so no body can overwrite them.
- `Unsaved[T]`: a field that lives on the instance only and has no column (a private link's token
  shown once, the events waiting for the outbox).
The ORM tables, the intake and output schemas and the exports are checked against these
declarations in tests/unit/domain/test_shapes.py.
"""
from __future__ import annotations

from functools import cache
from typing import Annotated, Any, ClassVar, Mapping, TypeVar, get_args, get_origin, get_type_hints

from matching.domain.errors import Invalid

T = TypeVar("T")


class _Mark:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


GIVEN = _Mark("given")
UNSAVED = _Mark("unsaved")
Given = Annotated[T, GIVEN]
Unsaved = Annotated[T, UNSAVED]


@cache
def _hints(cls: type) -> dict[str, tuple[Any, frozenset[_Mark]]]:
    out = {}
    for name, hint in get_type_hints(cls, include_extras=True).items():
        if get_origin(hint) is ClassVar:
            continue
        marks: frozenset[_Mark] = frozenset()
        if get_origin(hint) is Annotated:
            hint, *extras = get_args(hint)
            marks = frozenset(extra for extra in extras if isinstance(extra, _Mark))
        out[name] = (hint, marks)
    return out


def declared(cls: type) -> dict[str, Any]:
    """Every field an instance of `cls` holds, with its type."""
    return {name: hint for name, (hint, _marks) in _hints(cls).items()}


def stored(cls: type) -> frozenset[str]:
    """The fields that are kept in the database (each has a column)."""
    return frozenset(name for name, (_hint, marks) in _hints(cls).items() if UNSAVED not in marks)


def given(cls: type) -> frozenset[str]:
    """The fields a person or coordinator fills in: all that a factory or `change()` accepts."""
    return frozenset(name for name, (_hint, marks) in _hints(cls).items() if GIVEN in marks)


def assign(target: object, values: Mapping[str, Any], allowed: frozenset[str]) -> None:
    """Set `values` on `target`, refusing (Invalid, naming the field) any name outside `allowed`."""
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise Invalid(unknown[0], f"{type(target).__name__} does not take {', '.join(unknown)}")
    for name, value in values.items():
        setattr(target, name, value)
