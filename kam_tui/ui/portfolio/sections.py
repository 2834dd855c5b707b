"""The sections of the Portfolio view, in the order tab walks them."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from kam_tui.domain.portfolio import Portfolio
from kam_tui.ui.portfolio.concentration import build_concentration
from kam_tui.ui.portfolio.frame import Frame
from kam_tui.ui.portfolio.health import build_health
from kam_tui.ui.portfolio.model import SectionView
from kam_tui.ui.portfolio.profitability import build_profitability
from kam_tui.ui.portfolio.satisfaction import build_satisfaction
from kam_tui.ui.portfolio.selection import build_selection
from kam_tui.ui.portfolio.totals import build_totals
from kam_tui.ui.portfolio.turnaround import build_turnaround


class Section(NamedTuple):
    """One section of the view."""

    key: str
    """Its id (in row keys, tests and the section bar)."""
    title: str
    """Its name in the section bar."""
    build: Callable[[Portfolio, Frame], SectionView]
    """Makes what it shows from the figures."""


SECTIONS: tuple[Section, ...] = (
    Section("totals", "Totals", build_totals),
    Section("concentration", "Concentration", build_concentration),
    Section("profitability", "Profit", build_profitability),
    Section("satisfaction", "Satisfaction", build_satisfaction),
    Section("turnaround", "Turnaround", build_turnaround),
    Section("selection", "Selection", build_selection),
    Section("health", "Health", build_health),
)
"""Every section, left to right."""
