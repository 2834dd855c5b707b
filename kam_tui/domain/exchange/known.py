"""The systems whose exports an import recognises from their headers, tried in order."""

from __future__ import annotations

from kam_tui.domain.exchange.hubspot import HUBSPOT
from kam_tui.domain.exchange.salesforce import SALESFORCE
from kam_tui.domain.exchange.sources import Source

SOURCES: tuple[Source, ...] = (SALESFORCE, HUBSPOT)
"""Every source an import recognises, tried in order."""
