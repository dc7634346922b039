"""Areas of control and the front line for one day, as GeoJSON.

Each populated place owns its Voronoi cell (clipped to Ukraine's border); cells are dissolved by status.
A settlement with no evidence keeps its cell "unknown": the map shows where we know nothing instead of
guessing. The front line is where UA-held area touches RU-held area.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from frontwatch.config import data_dir, shared_dir
from frontwatch.control.settlements import geonames_dump, load_settlements
from frontwatch.control.statuses import CONTESTED, RU, STATUSES, UA, UNKNOWN
from frontwatch.errors import SetupError

# ~200 m: keeps the border's shape at map scale while cutting 44k vertices to ~5k (clipping 10x faster).
BORDER_TOLERANCE_DEG = 0.002
# Where several statuses meet in one cell (places sharing coordinates), the least certain one shows.
_PRECEDENCE = {CONTESTED: 3, RU: 2, UA: 2, UNKNOWN: 0}


def oblasts_path():
    return shared_dir() / "data" / "boundaries" / "ua-oblasts-minregion-2020" / "oblast.geojson"


@functools.lru_cache(maxsize=1)
def ukraine_border() -> shapely.Geometry:
    """Ukraine within its internationally recognised border: the union of the 27 oblast polygons."""
    path = oblasts_path()
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise SetupError(f"{path}: cannot read the oblast boundaries ({exc})") from exc
    border = shapely.union_all([shape(feature["geometry"]) for feature in features])
    border = border.simplify(BORDER_TOLERANCE_DEG)
    shapely.prepare(border)
    return border


@dataclass(frozen=True)
class Cells:
    """One clipped Voronoi cell per distinct settlement coordinate; `cell_of[i]` is settlement i's cell."""

    polygons: np.ndarray
    cell_of: np.ndarray


@functools.lru_cache(maxsize=1)
def settlement_cells() -> Cells:
    """The cells, from data_dir()'s cache when the GeoNames dump and the border are the ones it was built
    from (loading 34k WKB polygons takes ~0.2 s; building them 1-3 s on a busy machine)."""
    path = _cells_cache_path()
    try:
        with np.load(path, allow_pickle=False) as stored:
            blob, ends = stored["wkb"].tobytes(), stored["ends"]
            starts = np.concatenate([[0], ends[:-1]])
            wkbs = [blob[start:end] for start, end in zip(starts, ends)]
            return Cells(shapely.from_wkb(wkbs), stored["cell_of"])
    except (OSError, KeyError, ValueError, shapely.errors.GEOSException):
        pass
    cells = _build_cells()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
        wkbs = shapely.to_wkb(cells.polygons)
        np.savez(temporary, wkb=np.frombuffer(b"".join(wkbs), dtype=np.uint8),
                 ends=np.cumsum([len(w) for w in wkbs]), cell_of=cells.cell_of)
        temporary.replace(path)
    except OSError:
        pass  # a read-only data directory only costs speed
    return cells


def _cells_cache_path() -> Path:
    digest = hashlib.sha256(f"{BORDER_TOLERANCE_DEG}".encode())
    for source in (geonames_dump(), oblasts_path()):
        stat = source.stat()
        digest.update(f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return data_dir() / "cache" / "control" / f"cells-{digest.hexdigest()[:16]}.npz"


def _build_cells() -> Cells:
    settlements = load_settlements()
    coordinates = np.column_stack([settlements.longitude, settlements.latitude])
    unique, cell_of = np.unique(coordinates, axis=0, return_inverse=True)
    border = ukraine_border()
    diagram = shapely.voronoi_polygons(shapely.multipoints(shapely.points(unique)),
                                       extend_to=border.envelope.buffer(1.0), ordered=True)
    polygons = np.array(shapely.get_parts(diagram))
    # Only cells crossing the border need the (slow) intersection.
    crossing = ~shapely.contains_properly(border, polygons)
    polygons[crossing] = shapely.intersection(polygons[crossing], border)
    return Cells(polygons, cell_of.ravel())


def cell_statuses(status_by_geonameid: Mapping[int, str]) -> np.ndarray:
    settlements = load_settlements()
    cells = settlement_cells()
    rank = np.zeros(len(cells.polygons), dtype=np.int8)
    statuses = np.full(len(cells.polygons), UNKNOWN, dtype=object)
    for geonameid, status in status_by_geonameid.items():
        index = settlements.index_of.get(int(geonameid))
        if index is None or status not in _PRECEDENCE:
            continue
        cell = cells.cell_of[index]
        if _PRECEDENCE[status] > rank[cell]:
            rank[cell] = _PRECEDENCE[status]
            statuses[cell] = status
    return statuses


def control_areas(status_by_geonameid: Mapping[int, str]) -> dict:
    """GeoJSON FeatureCollection: one (multi)polygon per status, and the UA/RU front line."""
    cells = settlement_cells()
    statuses = cell_statuses(status_by_geonameid)
    features, areas = [], {}
    for status in STATUSES:
        mask = statuses == status
        if not mask.any():
            continue
        # Voronoi cells share their edges exactly, so the fast coverage union dissolves them.
        area = shapely.make_valid(shapely.coverage_union_all(cells.polygons[mask]))
        areas[status] = area
        features.append({"type": "Feature", "geometry": mapping(area),
                         "properties": {"kind": "area", "status": status, "cells": int(mask.sum())}})
    features.append(_front_line_feature(areas.get(UA), areas.get(RU)))
    return {"type": "FeatureCollection", "features": features}


def _front_line_feature(ua_area, ru_area) -> dict:
    line = None
    if ua_area is not None and ru_area is not None:
        shared = shapely.intersection(ua_area.boundary, ru_area.boundary)
        parts = [part for part in shapely.get_parts(shared) if part.geom_type in ("LineString", "MultiLineString")]
        if parts:
            line = shapely.line_merge(shapely.union_all(parts))
    length_km = round(_length_km(line), 1) if line is not None else 0.0
    return {"type": "Feature", "geometry": mapping(line) if line is not None else None,
            "properties": {"kind": "front_line", "length_km": length_km}}


def _length_km(line) -> float:
    """Rough length: degrees scaled at Ukraine's mid-latitude (48.5°N), good to a few percent."""
    scaled = shapely.transform(line, lambda xy: xy * np.array([111.32 * np.cos(np.radians(48.5)), 110.57]))
    return float(scaled.length)
