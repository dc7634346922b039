"""Request-scoped helpers shared by the routers: the ledger engine and the query-string filters."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import Query, Request
from sqlalchemy import Engine

from frontwatch.store import EventFilters


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def _joined(values: Optional[list[str]]) -> Optional[str]:
    """Multi-valued filters come repeated (?side=UA&side=RU) or comma-separated (?side=UA,RU)."""
    return ",".join(values) if values else None


async def event_filters(
    start: Annotated[Optional[str], Query(description="first event date, YYYY-MM-DD")] = None,
    end: Annotated[Optional[str], Query(description="last event date, YYYY-MM-DD (inclusive)")] = None,
    bbox: Annotated[Optional[str], Query(description="west,south,east,north in degrees")] = None,
    admin1: Annotated[Optional[list[str]], Query(description="first-level region(s)")] = None,
    event_type: Annotated[Optional[list[str]], Query(description="ACLED event type(s)")] = None,
    sub_event_type: Annotated[Optional[list[str]], Query(description="ACLED sub-event type(s)")] = None,
    actor: Annotated[Optional[str], Query(description="part of an actor's name")] = None,
    side: Annotated[Optional[list[str]], Query(description="side(s) involved, e.g. UA, RU")] = None,
    source: Annotated[Optional[str], Query(description="part of an outlet's name")] = None,
    q: Annotated[Optional[str], Query(description="full-text search; every word must match", max_length=500)] = None,
) -> EventFilters:
    """The filters of GET /api/events; bad values raise InputError, answered as 400 naming the parameter.

    Async although it does no I/O: FastAPI would otherwise run it in a thread for every request."""
    return EventFilters.from_params(start=start, end=end, bbox=bbox, admin1=_joined(admin1),
                                    event_type=_joined(event_type), sub_event_type=_joined(sub_event_type),
                                    actor=actor, side=_joined(side), source=source, q=q)
