"""Ledger event dicts as a GeoJSON FeatureCollection (RFC 7946: lon/lat, null geometry when unplaced)."""
from __future__ import annotations

_COORDINATES = ("latitude", "longitude")


def feature(event: dict) -> dict:
    latitude, longitude = event.get("latitude"), event.get("longitude")
    geometry = ({"type": "Point", "coordinates": [longitude, latitude]}
                if latitude is not None and longitude is not None else None)
    properties = {key: value for key, value in event.items() if key not in _COORDINATES}
    return {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": properties}


def feature_collection(events: list[dict], **members) -> dict:
    """`members` (total, limit, offset) ride along as foreign members, which GeoJSON readers ignore."""
    return {"type": "FeatureCollection", **members, "features": [feature(event) for event in events]}
