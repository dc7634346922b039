"""How many public reports one client may send: a fixed window, counted in the ledger by store."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimit:
    """`requests` per `seconds` per client address, for POST /api/corrections."""

    requests: int = 10
    seconds: int = 600
