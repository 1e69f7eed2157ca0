"""Printing benchmark figures with their targets: one line each, PASS or FAIL, min/median/max when noisy."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Callable, Sequence

RESULTS: list["Figure"] = []


@dataclass(frozen=True)
class Figure:
    """A measured figure, its target (None: shown for information) and whether lower is better."""

    name: str
    values: tuple[float, ...]
    unit: str
    target: float | None = None
    lower_is_better: bool = True

    @property
    def value(self) -> float:
        """The figure judged against the target: the median of its runs."""
        return statistics.median(self.values)

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "info"
        ok = self.value <= self.target if self.lower_is_better else self.value >= self.target
        return "PASS" if ok else "FAIL"

    def line(self) -> str:
        fmt: Callable[[float], str] = lambda v: f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"  # noqa: E731
        spread = (f" (min {fmt(min(self.values))}, max {fmt(max(self.values))}, {len(self.values)} runs)"
                  if len(self.values) > 1 else "")
        target = "" if self.target is None else f"  target {'<=' if self.lower_is_better else '>='} {fmt(self.target)}"
        return f"{self.verdict:4}  {self.name}: {fmt(self.value)} {self.unit}{spread}{target}"


def show(name: str, values: float | Sequence[float], unit: str, target: float | None = None,
         lower_is_better: bool = True) -> Figure:
    """Record and print one figure."""
    figure = Figure(name, tuple(values) if isinstance(values, Sequence) else (values,), unit, target, lower_is_better)
    RESULTS.append(figure)
    print(figure.line(), flush=True)
    return figure


def summary() -> bool:
    """Print how many figures met their targets; True when all did."""
    judged = [f for f in RESULTS if f.target is not None]
    failed = [f for f in judged if f.verdict == "FAIL"]
    print(f"\n{len(judged) - len(failed)} of {len(judged)} figures meet their target"
          + ("" if not failed else ": FAIL " + "; ".join(f.name for f in failed)), flush=True)
    return not failed
