"""What the command and the API ask of control: snapshot, areas, timeline, changes — from statements."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from frontwatch.control.areas import control_areas
from frontwatch.control.settlements import load_settlements
from frontwatch.control.statements import ControlStatement
from frontwatch.control.statuses import STATUSES
from frontwatch.control.timeline import Change, settlement_changes, status_on
from frontwatch.errors import InputError
from frontwatch.geo.names import normalize
from frontwatch.model import to_dict


def snapshot_points(statements: list[ControlStatement], day: dt.date) -> dict:
    """GeoJSON points: every settlement with evidence up to `day`, its status and the change that set it."""
    features = []
    for geonameid, changes in settlement_changes(statements).items():
        status, change = status_on(changes, day)
        if change is None:
            continue
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [change.longitude, change.latitude]},
                         "properties": {"geonameid": geonameid, "name": change.name, "status": status,
                                        "since": change.date.isoformat(), "evidence_status": change.status,
                                        "confidence": change.confidence, "sources": change.sources}})
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "date": day.isoformat(), "features": features}


def snapshot_areas(statements: list[ControlStatement], day: dt.date) -> dict:
    statuses = {}
    for geonameid, changes in settlement_changes(statements).items():
        status, change = status_on(changes, day)
        if change is not None:
            statuses[geonameid] = status
    areas = control_areas(statuses)
    areas["date"] = day.isoformat()
    areas["settlements"] = {status: sum(1 for s in statuses.values() if s == status) for status in STATUSES}
    areas["settlements"]["unknown"] = len(load_settlements()) - len(statuses)
    return areas


def timeline(statements: list[ControlStatement], geonameid: Optional[int] = None, place: Optional[str] = None) -> list[dict]:
    """Timelines of the settlements that match (by GeoNames id, or by any GeoNames name of the place)."""
    if geonameid is None and not (place and place.strip()):
        raise InputError("place", "give a settlement name or a GeoNames id")
    changes_by_place = settlement_changes(statements)
    wanted = [geonameid] if geonameid is not None else _ids_named(place, changes_by_place)
    found = []
    for gid in wanted:
        if gid in changes_by_place:
            found.append(_timeline_dict(gid, changes_by_place[gid]))
    return found


def _ids_named(place: str, candidates) -> list[int]:
    settlements = load_settlements()
    key = normalize(place)
    found = []
    for gid in candidates:
        i = settlements.index_of[gid]
        if key == normalize(settlements.name[i]) or key in {normalize(n) for n in settlements.alternate_names[i].split(",") if n}:
            found.append(gid)
    return found


def _timeline_dict(geonameid: int, changes: list[Change]) -> dict:
    first = changes[0]
    return {"geonameid": geonameid, "name": first.name, "latitude": first.latitude, "longitude": first.longitude,
            "status_now": changes[-1].to_status, "changes": [to_dict(change.record()) for change in changes]}
