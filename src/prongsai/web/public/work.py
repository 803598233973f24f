"""The agency's public work at a glance, for the dashboard: what waits in each channel and
service (reports, questions, requests, loans, surveys). Each module offers
`prongsai.web.<module>.summary.for_dashboard(access)`; a module that is not installed, or shows
nothing to this member, adds no card."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from prongsai.web.agencies.access import AgencyAccess

logger = logging.getLogger("prongsai.web")
MODULES = ("complaints", "qa", "eservice", "borrowing", "surveys")
KEYS = {"title", "value", "note", "href", "bad"}


def cards(access: AgencyAccess) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for name in MODULES:
        try:
            summary = importlib.import_module(f"prongsai.web.{name}.summary")
        except ModuleNotFoundError:
            continue
        for card in summary.for_dashboard(access):
            if set(card) - KEYS or not {"title", "value"} <= set(card):
                raise ValueError(f"{name}.summary card has keys {sorted(card)}")
            found.append({"note": "", "href": "", "bad": False, **card})
    return found
