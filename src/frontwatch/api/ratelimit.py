"""How many public reports one client may send (counted in the ledger by store.corrections)."""
from __future__ import annotations

from dataclasses import dataclass

from frontwatch.store.corrections import RATE_LIMIT, RATE_WINDOW_SECONDS


@dataclass(frozen=True)
class RateLimit:
    """`requests` per fixed window of `seconds` per client address, for POST /api/corrections."""

    requests: int = RATE_LIMIT
    seconds: int = RATE_WINDOW_SECONDS
