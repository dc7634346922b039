"""The gazetteer: GeoNames records and every spelling of their names, in one SQLite file.

Build (`frontwatch gazetteer build`) reads the sources of `geo.sources` and writes
config.gazetteer_path(). It stores a signature of its inputs and of BUILDER_VERSION and returns at
once when they have not changed. `frontwatch gazetteer add XX.zip` loads another GeoNames country dump
into the same file (and the next full rebuild keeps it).

Reading (what the other stages use):
    gazetteer = Gazetteer.open()                 # read-only, loads in milliseconds
    record = gazetteer.get(707292)               # GazetteerRecord or None
    record.name, record.admin1, record.admin2, record.country, record.latitude, record.longitude
    gazetteer.candidates("Izyum")                # [(record, name quality 0..1)], any spelling
    gazetteer.search("Kharki")                   # FTS5 prefix search over names, for people
    gazetteer.most_active(690791, "east")        # the settlement where the news happens most in eastern Ukraine

Tables: `places` (one row per record, `coord_source` says whether the point is the source's own
("own") or derived: regions without coordinates sit at the centre of their member places, countries at their
capital), `names` (normalised key -> geonameid with a quality: 1 main name, 0.9 alternate, 0.85
generated transliteration, 0.7 a region's name without its generic word), `admin1`/`admin2`/
`countries` (code -> record), `name_search` (FTS5), `places_rtree` (R*Tree on coordinates),
`typical_population` (the median known population per country and settlement code, for the villages
GeoNames gives none) and `activity` (geonameid -> 0..1, how close a record lies to the settlements a
news corpus names: where the news happens; `record.activity`). Lookups go through primary keys or
indexes (`most_active`, a ranking asked once per region and side, reads the activity table in order).
"""
from __future__ import annotations

import functools
import json
import math
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from frontwatch import config
from frontwatch.errors import SetupError
from frontwatch.geo.names import normalize

BUILDER_VERSION = "2"
# Countries whose names are written in Cyrillic: their Cyrillic names get generated Latin spellings.
CYRILLIC_SCRIPT_COUNTRIES = {"UA", "RU", "BY", "BG", "RS", "MK", "ME", "BA", "KZ", "KG", "TJ", "MN"}
# Generic words of region names: "Kharkiv Oblast" is also called plain "Kharkiv" (at lower quality).
REGION_WORDS = re.compile(r"\s+(oblast|region|raion|rayon|district|county|parish|province|state|governorate|"
                          r"municipality|krai|kray|territorial community|terytorialna hromada|hromada|borough)$")
QUALITY_MAIN, QUALITY_ALTERNATE, QUALITY_TRANSLIT, QUALITY_SHORT = 1.0, 0.9, 0.85, 0.7

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places(geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, latitude REAL, longitude REAL,
    feature_class TEXT, feature_code TEXT, country_code TEXT, admin1_code TEXT, admin2_code TEXT,
    population INTEGER, source TEXT, coord_source TEXT);
CREATE INDEX places_admin ON places(country_code, admin1_code, admin2_code, feature_class, population);
CREATE TABLE names(key TEXT NOT NULL, geonameid INTEGER NOT NULL, quality REAL NOT NULL,
    PRIMARY KEY(key, geonameid)) WITHOUT ROWID;
CREATE INDEX names_record ON names(geonameid);
CREATE TABLE admin1(country_code TEXT, admin1_code TEXT, geonameid INTEGER, name TEXT,
    PRIMARY KEY(country_code, admin1_code));
CREATE TABLE admin2(country_code TEXT, admin1_code TEXT, admin2_code TEXT, geonameid INTEGER, name TEXT,
    PRIMARY KEY(country_code, admin1_code, admin2_code));
CREATE TABLE countries(country_code TEXT PRIMARY KEY, geonameid INTEGER, name TEXT);
CREATE VIRTUAL TABLE name_search USING fts5(name, geonameid UNINDEXED, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE typical_population(country_code TEXT, feature_code TEXT, population INTEGER,
    PRIMARY KEY(country_code, feature_code));
CREATE TABLE activity(geonameid INTEGER PRIMARY KEY, value REAL NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class GazetteerRecord:
    geonameid: int
    name: str
    latitude: Optional[float]
    longitude: Optional[float]
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int
    country: Optional[str]
    admin1: Optional[str]
    admin2: Optional[str]
    source: str
    coord_source: str
    activity: float  # how near the settlements a news corpus names it lies, 0..1 (see GazetteerWriter.load_activity)


_RECORD_SELECT = """
SELECT p.geonameid, p.name, p.latitude, p.longitude, p.feature_class, p.feature_code, p.country_code,
       p.admin1_code, p.admin2_code, p.population, c.name, a1.name, a2.name, p.source, p.coord_source,
       coalesce(act.value, 0.0)
FROM places p
LEFT JOIN activity act ON act.geonameid = p.geonameid
LEFT JOIN countries c ON c.country_code = p.country_code
LEFT JOIN admin1 a1 ON a1.country_code = p.country_code AND a1.admin1_code = p.admin1_code
LEFT JOIN admin2 a2 ON a2.country_code = p.country_code AND a2.admin1_code = p.admin1_code
                   AND a2.admin2_code = p.admin2_code
"""


class Gazetteer:
    """Read-only access to a built gazetteer."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Optional[Path] = None) -> "Gazetteer":
        path = Path(path) if path else config.gazetteer_path()
        if not path.exists():
            raise SetupError(f"gazetteer {path} does not exist: run `frontwatch gazetteer build`")
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            version = connection.execute("SELECT value FROM meta WHERE key='builder_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise SetupError(f"gazetteer {path} is not a frontwatch gazetteer ({exc}): rebuild it") from exc
        if not version or version[0] != BUILDER_VERSION:
            raise SetupError(f"gazetteer {path} was built by another version: run `frontwatch gazetteer build`")
        return cls(connection, path)

    @functools.lru_cache(maxsize=200_000)
    def get(self, geonameid: int) -> Optional[GazetteerRecord]:
        row = self.connection.execute(_RECORD_SELECT + " WHERE p.geonameid = ?", (geonameid,)).fetchone()
        return GazetteerRecord(*row) if row else None

    @functools.lru_cache(maxsize=200_000)
    def candidates_for_key(self, key: str) -> tuple[tuple[GazetteerRecord, float], ...]:
        """Records having a name whose normalised form is `key`, with the best quality of that name."""
        rows = self.connection.execute("SELECT geonameid, quality FROM names WHERE key = ?", (key,)).fetchall()
        found = []
        for geonameid, quality in rows:
            record = self.get(geonameid)
            if record is not None:
                found.append((record, quality))
        return tuple(found)

    def candidates(self, name: str) -> tuple[tuple[GazetteerRecord, float], ...]:
        return self.candidates_for_key(normalize(name))

    @functools.lru_cache(maxsize=500_000)
    def has_key(self, key: str) -> bool:
        return self.connection.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def admin1_record(self, country_code: str, admin1_code: str) -> Optional[GazetteerRecord]:
        row = self.connection.execute("SELECT geonameid FROM admin1 WHERE country_code=? AND admin1_code=?",
                                      (country_code, admin1_code)).fetchone()
        return self.get(row[0]) if row else None

    def country_record(self, country_code: str) -> Optional[GazetteerRecord]:
        row = self.connection.execute("SELECT geonameid FROM countries WHERE country_code=?", (country_code,)).fetchone()
        return self.get(row[0]) if row else None

    def search(self, text: str, limit: int = 20) -> list[GazetteerRecord]:
        """Records whose name contains words starting with the given ones (FTS5), most populous first."""
        words = [word for word in re.findall(r"\w+", text) if word]
        if not words:
            return []
        query = " ".join(f'"{word}"*' for word in words)
        rows = self.connection.execute(
            "SELECT DISTINCT s.geonameid FROM name_search s JOIN places p ON p.geonameid = s.geonameid "
            "WHERE name_search MATCH ? ORDER BY p.population DESC LIMIT ?", (query, limit)).fetchall()
        return [record for (geonameid,) in rows if (record := self.get(int(geonameid)))]

    def near(self, latitude: float, longitude: float, km: float, limit: int = 50) -> list[GazetteerRecord]:
        """Records within `km` of a point (R*Tree box, then exact distance)."""
        dlat = km / 111.0
        dlon = km / max(1.0, 111.0 * math.cos(math.radians(latitude)))
        rows = self.connection.execute(
            "SELECT id FROM places_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?",
            (latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon)).fetchall()
        records = [record for (geonameid,) in rows if (record := self.get(geonameid))]
        records = [r for r in records if haversine_km(latitude, longitude, r.latitude, r.longitude) <= km]
        return sorted(records, key=lambda r: -r.population)[:limit]

    @functools.cached_property
    def typical_population(self) -> dict[tuple[str, str], int]:
        """(country, feature code) -> the median known population of such settlements there."""
        return {(country, code): population for country, code, population in
                self.connection.execute("SELECT country_code, feature_code, population FROM typical_population")}

    def population(self, record: GazetteerRecord) -> int:
        """The record's population, or where GeoNames does not know it (0) that of a typical settlement of its kind."""
        if record.population or record.feature_class != "P":
            return record.population
        return self.typical_population.get((record.country_code, record.feature_code), 0)

    @functools.lru_cache(maxsize=4096)
    def most_active(self, geonameid: int, side: str) -> Optional[GazetteerRecord]:
        """The settlement where the news happens most in one side ("east", "southwest") of a country or
        region, seen from its point: what "eastern Ukraine" stands for. None where no news happens there."""
        region = self.get(geonameid)
        if region is None or region.latitude is None:
            return None
        conditions = ["p.country_code = :country", "p.feature_class = 'P'"]
        if region.feature_code != "PCLI" and region.admin1_code:
            conditions.append("p.admin1_code = :admin1")
        # North / south / east / west: the quarter within 45 degrees of the direction; northeast and the
        # other diagonals: the quadrant between the two.
        north, east = "(p.latitude - :latitude)", "((p.longitude - :longitude) * :stretch)"
        axes = {"north": north, "south": f"-{north}", "east": east, "west": f"-{east}"}
        named = [word for word in axes if word in side]
        if len(named) == 1:
            across = east if named[0] in ("north", "south") else north
            conditions.append(f"{axes[named[0]]} > abs({across})")
        else:
            conditions += [f"{axes[word]} > 0" for word in named]
        row = self.connection.execute(
            "SELECT p.geonameid FROM activity a JOIN places p ON p.geonameid = a.geonameid WHERE "
            + " AND ".join(conditions) + " ORDER BY a.value DESC, p.population DESC LIMIT 1",
            {"country": region.country_code, "admin1": region.admin1_code, "latitude": region.latitude,
             "longitude": region.longitude, "stretch": math.cos(math.radians(region.latitude))}).fetchone()
        return self.get(row[0]) if row else None

    def stats(self) -> dict:
        count = lambda table: self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: E731
        meta = dict(self.connection.execute("SELECT key, value FROM meta"))
        return {"places": count("places"), "names": count("names"), "built": meta.get("built_at"),
                "build_seconds": meta.get("build_seconds"), "dumps": json.loads(meta.get("dumps", "[]"))}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))
