"""Areas named by a river bank ("the western bank of the Oskil") resolved to the settlements on it.

The river's course comes from Natural Earth's 10m rivers (matched by any GeoNames name of the river);
a settlement is on the west bank when it lies within BANK_DEPTH_KM of the river and west of the river's
nearest point, and so on for the other sides. Far from the river a "bank" means nothing, so the depth is
kept to the belt that reports of a river front usually mean.
"""
from __future__ import annotations

import functools
import json

import numpy as np
import shapely
from shapely.geometry import shape

from frontwatch.config import shared_dir
from frontwatch.control.settlements import load_rivers, load_settlements
from frontwatch.errors import SetupError
from frontwatch.geo.names import normalize

BANK_DEPTH_KM = 15.0
_RIVER_FILES = ("ne_10m_rivers_europe_clip_20-42E_43-54N.geojson", "ne_10m_rivers_lake_centerlines_clip_20-42E_43-54N.geojson")
_KM_PER_DEG_LAT = 110.57
_KM_PER_DEG_LON = 111.32 * np.cos(np.radians(48.5))  # Ukraine's mid-latitude


@functools.lru_cache(maxsize=1)
def _natural_earth_rivers() -> dict[str, shapely.Geometry]:
    """Normalised river name -> its course (all parts merged), in a local km projection."""
    parts: dict[str, list] = {}
    folder = shared_dir() / "data" / "boundaries" / "naturalearth-region"
    for file_name in _RIVER_FILES:
        path = folder / file_name
        try:
            features = json.loads(path.read_text(encoding="utf-8"))["features"]
        except (OSError, ValueError, KeyError) as exc:
            raise SetupError(f"{path}: cannot read Natural Earth rivers ({exc})") from exc
        for feature in features:
            properties = feature.get("properties") or {}
            for key in ("name", "name_alt", "name_en"):
                if properties.get(key):
                    parts.setdefault(normalize(properties[key]), []).append(shape(feature["geometry"]))
    return {name: _to_km(shapely.union_all(geoms)) for name, geoms in parts.items()}


def _to_km(geometry):
    return shapely.transform(geometry, lambda xy: xy * np.array([_KM_PER_DEG_LON, _KM_PER_DEG_LAT]))


def river_course(river_geonameid: int):
    """The Natural Earth course of a GeoNames river (by any of its names), or None."""
    river = load_rivers().get(int(river_geonameid))
    if river is None:
        return None
    courses = _natural_earth_rivers()
    for name in sorted(river.names):
        if normalize(name) in courses:
            return courses[normalize(name)]
    return None


@functools.lru_cache(maxsize=64)
def settlements_on_bank(river_geonameid: int, side: str) -> tuple[int, ...]:
    """Indices (into load_settlements()) of the settlements on the `side` ("west", "east", "north",
    "south") bank of the river; empty when the river's course is unknown."""
    course = river_course(river_geonameid)
    if course is None or side not in ("west", "east", "north", "south"):
        return ()
    settlements = load_settlements()
    points = shapely.points(settlements.longitude * _KM_PER_DEG_LON, settlements.latitude * _KM_PER_DEG_LAT)
    near = shapely.dwithin(points, course, BANK_DEPTH_KM)
    indices = np.flatnonzero(near)
    nearest = shapely.get_coordinates(shapely.shortest_line(points[indices], course))[1::2]
    own = shapely.get_coordinates(points[indices])
    axis, sign = {"west": (0, -1), "east": (0, 1), "south": (1, -1), "north": (1, 1)}[side]
    on_side = sign * (own[:, axis] - nearest[:, axis]) > 0.5  # half a km: not on the river itself
    return tuple(int(i) for i in indices[on_side])
