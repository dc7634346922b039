"""The web map's control layer: settlement statuses, areas and front line for a day, timelines."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Engine

from frontwatch.api.deps import engine_of
from frontwatch.control.ledger import ledger_statements
from frontwatch.control.service import snapshot_areas, snapshot_points, timeline
from frontwatch.store.queries import parse_day
from frontwatch.control.timeline import derive_changes
from frontwatch.model import to_dict

router = APIRouter(prefix="/api/control", tags=["control"])

DateParam = Annotated[Optional[str], Query(description="day, YYYY-MM-DD (default: today)")]


def _day(value: Optional[str]) -> dt.date:
    return parse_day("date", value) if value else dt.date.today()


@router.get("")
def control_points(date: DateParam = None, engine: Engine = Depends(engine_of)) -> dict:
    """Settlements with evidence up to the day: status, since when, confirmed or claimed (GeoJSON points)."""
    return snapshot_points(ledger_statements(engine), _day(date))


@router.get("/areas")
def control_areas(date: DateParam = None, engine: Engine = Depends(engine_of)) -> dict:
    """Areas of control dissolved by status (UA, RU, contested, unknown) and the UA/RU front line (GeoJSON)."""
    return snapshot_areas(ledger_statements(engine), _day(date))


@router.get("/timeline")
def control_timeline(geonameid: Annotated[Optional[int], Query(description="GeoNames id of the settlement")] = None,
                     place: Annotated[Optional[str], Query(description="settlement name", max_length=200)] = None,
                     engine: Engine = Depends(engine_of)) -> list[dict]:
    """Each matching settlement's changes with date, status, confidence, sources and evidence spans."""
    return timeline(ledger_statements(engine), geonameid=geonameid, place=place)


@router.get("/changes")
def control_changes(start: DateParam = None, end: DateParam = None, confirmed: bool = False,
                    engine: Engine = Depends(engine_of)) -> list[dict]:
    """Every change between start and end (inclusive)."""
    first = parse_day("start", start) if start else None
    last = parse_day("end", end) if end else None
    return [to_dict(change) for change in derive_changes(ledger_statements(engine), first, last, confirmed_only=confirmed)]
