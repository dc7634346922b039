"""Ukraine's populated places and rivers from the GeoNames dump, as arrays for fast spatial work.

Control is decided per settlement, so every GeoNames populated place (feature class P) is a potential
cell of the map, known or unknown. Read once per process from ../shared/data/geonames/UA.zip.
"""
from __future__ import annotations

import csv
import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from frontwatch.config import shared_dir
from frontwatch.errors import SetupError
from frontwatch.geo.names import normalize

EARTH_RADIUS_KM = 6371.0088


def geonames_dump() -> Path:
    return shared_dir() / "data" / "geonames" / "UA.zip"


@dataclass(frozen=True)
class Settlements:
    geonameid: np.ndarray  # int64
    name: list[str]
    latitude: np.ndarray
    longitude: np.ndarray
    population: np.ndarray
    alternate_names: list[str]  # comma-separated, as GeoNames gives them

    def __len__(self) -> int:
        return len(self.name)

    @functools.cached_property
    def index_of(self) -> dict[int, int]:
        return {int(gid): i for i, gid in enumerate(self.geonameid)}

    def distances_km(self, latitude: float, longitude: float) -> np.ndarray:
        return haversine_km(latitude, longitude, self.latitude, self.longitude)


@dataclass(frozen=True)
class River:
    geonameid: int
    name: str
    names: frozenset[str]  # normalised name variants
    latitude: float
    longitude: float


def haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def _rows(path: Path):
    if not path.exists():
        raise SetupError(f"{path}: GeoNames dump not found (set FRONTWATCH_SHARED)")
    try:
        with zipfile.ZipFile(path) as archive, archive.open("UA.txt") as handle:
            reader = csv.reader(io.TextIOWrapper(handle, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
            yield from reader
    except (zipfile.BadZipFile, KeyError) as exc:
        raise SetupError(f"{path}: not a GeoNames country dump ({exc})") from exc


@functools.lru_cache(maxsize=1)
def load_settlements() -> Settlements:
    ids, names, lats, lons, pops, alternates = [], [], [], [], [], []
    for row in _rows(geonames_dump()):
        if len(row) < 15 or row[6] != "P":
            continue
        ids.append(int(row[0]))
        names.append(row[1])
        lats.append(float(row[4]))
        lons.append(float(row[5]))
        pops.append(int(row[14] or 0))
        alternates.append(row[3])
    return Settlements(np.array(ids, dtype=np.int64), names, np.array(lats), np.array(lons),
                       np.array(pops, dtype=np.int64), alternates)


@functools.lru_cache(maxsize=1)
def load_rivers() -> dict[int, River]:
    rivers = {}
    for row in _rows(geonames_dump()):
        if len(row) < 15 or row[7] not in ("STM", "STMI", "STMS"):
            continue
        variants = {normalize(n) for n in [row[1], row[2], *row[3].split(",")] if n}
        rivers[int(row[0])] = River(int(row[0]), row[1], frozenset(variants), float(row[4]), float(row[5]))
    return rivers
