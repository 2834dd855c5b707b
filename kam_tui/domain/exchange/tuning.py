"""How an import maps what it cannot take as it is: other systems' stage names onto the
pipeline statuses, and deal histories onto the lifecycle lists (the config's `import:`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

T = TypeVar("T")

SALESFORCE_STAGE_MAP: Mapping[str, str] = MappingProxyType(
    {
        "Prospecting": "Contacted",
        "Qualification": "Contacted",
        "Needs Analysis": "Demo provided",
        "Value Proposition": "Demo provided",
        "Id. Decision Makers": "Demo provided",
        "Perception Analysis": "Demo provided",
        "Proposal/Price Quote": "Proposal sent",
        "Negotiation/Review": "Proposal sent",
        "Closed Won": "Won",
        "Closed Lost": "Lost",
    }
)
"""Salesforce's ten standard opportunity stages -> the default pipeline statuses."""
HUBSPOT_STAGE_MAP: Mapping[str, str] = MappingProxyType(
    {
        "appointmentscheduled": "Contacted",
        "Appointment scheduled": "Contacted",
        "qualifiedtobuy": "Contacted",
        "Qualified to buy": "Contacted",
        "presentationscheduled": "Demo provided",
        "Presentation scheduled": "Demo provided",
        "decisionmakerboughtin": "Demo provided",
        "Decision maker bought-in": "Demo provided",
        "contractsent": "Proposal sent",
        "Contract sent": "Proposal sent",
        "closedwon": "Won",
        "closedlost": "Lost",
    }
)
"""HubSpot's default sales pipeline, by internal value and by label (an export writes the
label; "Closed won" and "Closed lost" are already Salesforce's) -> the default pipeline
statuses: a meeting booked or a buyer qualified is a first contact; a presentation given and
bought into by the decision maker is a demo; a contract sent is a proposal."""
DEFAULT_STAGE_MAP: Mapping[str, str] = MappingProxyType(
    {**SALESFORCE_STAGE_MAP, **HUBSPOT_STAGE_MAP}
)
"""Every stage an import maps without being told: Salesforce's and HubSpot's defaults."""
DEFAULT_STAGE_PROBABILITY: Mapping[str, int] = MappingProxyType(
    {
        "Prospecting": 10,
        "Qualification": 10,
        "Needs Analysis": 20,
        "Value Proposition": 50,
        "Id. Decision Makers": 60,
        "Perception Analysis": 70,
        "Proposal/Price Quote": 75,
        "Negotiation/Review": 90,
        "Closed Won": 100,
        "Closed Lost": 0,
        "appointmentscheduled": 20,
        "Appointment scheduled": 20,
        "qualifiedtobuy": 40,
        "Qualified to buy": 40,
        "presentationscheduled": 60,
        "Presentation scheduled": 60,
        "decisionmakerboughtin": 80,
        "Decision maker bought-in": 80,
        "contractsent": 90,
        "Contract sent": 90,
        "closedwon": 100,
        "closedlost": 0,
    }
)
"""The probability (percent) each stage of Salesforce's standard list and of HubSpot's default
pipeline carries in those systems, for a deal whose row gives none: without it an open deal
would count nothing in the weighted pipeline."""


@dataclass(frozen=True)
class LifecycleNames:
    """The lifecycle list each rule of `lifecycle_of` puts an account in."""

    new: str = "New"
    existing: str = "Existing"
    returning: str = "Returning"
    lost: str = "Lost"
    gap_months: int = 12
    """A won deal closed more than this many months after the previous won one makes the
    account Returning."""


@dataclass(frozen=True)
class ImportSettings:
    """The config's `import:` section."""

    stage_map: Mapping[str, str] = field(default_factory=lambda: DEFAULT_STAGE_MAP)
    """Source stage name -> pipeline status; case and spacing are ignored when matching."""
    lifecycle: LifecycleNames = field(default_factory=LifecycleNames)
    won_status: str = "Won"
    """The status of an account whose latest closed deal was won (and no deal is open)."""
    lost_status: str = "Lost"
    """The status of an account whose latest closed deal was lost (and no deal is open)."""

    _keyed: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)
    """The stage map by matching key (the first name of each key), made on first use."""

    def status_of_stage(self, stage: str) -> str | None:
        """The pipeline status of a source stage name, or None when the map has none.

        A name the map does not hold is tried again without a trailing "(…)": HubSpot
        writes a stage of a pipeline other than its first as "Contract sent (Renewals)"."""
        keyed = self._keyed
        if not keyed:
            for name, status in self.stage_map.items():
                keyed.setdefault(_key(name), status)
        return _lookup(keyed, stage)


def probability_of_stage(stage: str) -> int | None:
    """The probability a source system gives its stage by default (DEFAULT_STAGE_PROBABILITY),
    or None for a stage it does not list."""
    return _lookup(_PROBABILITY_KEYED, stage)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _lookup(keyed: Mapping[str, T], name: str) -> T | None:
    found = keyed.get(_key(name))
    if found is None and name.rstrip().endswith(")") and "(" in name:
        found = keyed.get(_key(name[: name.rindex("(")]))
    return found


_PROBABILITY_KEYED: Mapping[str, int] = MappingProxyType(
    {_key(name): percent for name, percent in DEFAULT_STAGE_PROBABILITY.items()}
)
