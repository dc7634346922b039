"""Offline base-map layers read in place from the shared boundaries folder (never copied).

Oblast polygons are 3 MB at full resolution; they are simplified once per process with shapely so the
map loads them in a fraction of a second, which is plenty for a backdrop under event markers.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from shapely.geometry import mapping, shape

from frontwatch import config
from frontwatch.errors import SetupError

# layer name -> (files under shared/data/boundaries, the property kept as "name", simplify tolerance in degrees).
# Every feature also keeps Natural Earth's `scalerank` (0 major .. 10+ minor) so the map can draw big
# rivers bolder than brooks.
LAYERS: dict[str, tuple[tuple[str, ...], str, float]] = {
    "oblasts": (("ua-oblasts-minregion-2020/oblast.geojson",), "ADMIN_1", 0.003),
    "rivers": (("naturalearth-region/ne_10m_rivers_europe_clip_20-42E_43-54N.geojson",
                "naturalearth-region/ne_10m_rivers_lake_centerlines_clip_20-42E_43-54N.geojson"), "name", 0.0),
    "lakes": (("naturalearth-region/ne_10m_lakes_clip_20-42E_43-54N.geojson",), "name", 0.0),
}


def boundaries_dir() -> Path:
    return config.shared_dir() / "data" / "boundaries"


@lru_cache(maxsize=len(LAYERS))
def load_layer(name: str) -> bytes:
    """The layer as compact GeoJSON bytes; KeyError for an unknown name, SetupError for a missing file."""
    files, name_property, tolerance = LAYERS[name]
    features = []
    for relative in files:
        path = boundaries_dir() / relative
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SetupError(f"{path}: cannot read base-map layer {name!r} ({exc})") from exc
        for feature in collection.get("features", []):
            if not feature.get("geometry"):
                continue
            properties = feature.get("properties") or {}
            geometry = shape(feature["geometry"])
            if tolerance:
                geometry = geometry.simplify(tolerance, preserve_topology=True)
            features.append({"type": "Feature", "geometry": _rounded(mapping(geometry)),
                             "properties": {"name": properties.get(name_property),
                                            "scalerank": properties.get("scalerank")}})
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def _rounded(geometry: dict) -> dict:
    """Five decimals (about 1 m) are far finer than the screen; fewer digits halve the payload."""
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(coordinate, 5) for coordinate in value]
            return [walk(item) for item in value]
        return value
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}
