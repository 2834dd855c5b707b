"""The knobs of the Portfolio figures, set by the config's `numbers:` section."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from kam_tui.domain.status_history import DEFAULT_LOST, DEFAULT_WON

FinancialWorth = Literal["revenue", "profit", "potential"]
FINANCIAL_WORTH_MEASURES: tuple[str, ...] = ("revenue", "profit", "potential")
"""What "financial worth" may be measured by: annual revenue, profit (revenue minus cost to
serve) or potential revenue."""

HEALTH_COMPONENTS: tuple[str, ...] = ("contact", "satisfaction", "plan", "stakeholders", "margin")
"""The parts of the health score, in the order the breakdown shows them."""

DEFAULT_HEALTH_WEIGHTS: Mapping[str, float] = {
    "contact": 0.25,
    "satisfaction": 0.25,
    "plan": 0.20,
    "stakeholders": 0.15,
    "margin": 0.15,
}
DEFAULT_CONCENTRATION_BANDS: tuple[tuple[str, float], ...] = (
    ("low", 0.0),
    ("moderate", 0.15),
    ("high", 0.25),
)
"""The usual Herfindahl-Hirschman bands: below 0.15 unconcentrated, 0.25 and up high."""


@dataclass(frozen=True)
class PortfolioSettings:
    """How the Portfolio figures are computed, where the config may decide."""

    health_weights: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_HEALTH_WEIGHTS)
    )
    """Health component -> weight (>= 0); a component left out weighs 0. Only the ratios
    matter: the weights of the components with data are scaled to add up to 1."""
    concentration_bands: tuple[tuple[str, float], ...] = DEFAULT_CONCENTRATION_BANDS
    """(band name, lowest index) in rising order, the first at 0: the concentration index
    falls in the last band whose lowest index it reaches."""
    financial_worth: FinancialWorth = "revenue"
    """The measure of financial worth on the key-account selection grid."""
    high_strategic_value: int = 4
    """The strategic value (1-5) from which an account counts as strategically important; a
    value of 6 minus this or less counts as low."""
    top_share_percent: int = 20
    """The "top N% of accounts" of concentration and profitability (20 for 80/20)."""
    target_margin: float = 0.30
    """The margin (0-1) that scores full marks in the health score's margin component."""
    trend_points: int = 5
    """How many of an account's latest daily satisfaction scores its trend spans."""
    won_status: str = DEFAULT_WON
    """The pipeline status that means won (compared ignoring case)."""
    lost_status: str = DEFAULT_LOST
    """The pipeline status that means lost (compared ignoring case)."""

    def band_of(self, index: float) -> str:
        """The concentration band `index` falls in."""
        name = self.concentration_bands[0][0] if self.concentration_bands else ""
        for band, lowest in self.concentration_bands:
            if index >= lowest:
                name = band
        return name
