"""Geoparsing: the places an article names, each resolved to a gazetteer (GeoNames) record.

    geoparser = Geoparser.open()          # the gazetteer at config.gazetteer_path(), or a given path
    places = geoparser(doc)               # doc: a spaCy Doc of Article.text; list[model.Place]
    geoparser.gazetteer.get(geonameid)    # name, admin1, admin2, country, latitude, longitude, ...

Each Place carries its span, the record, `relation` when the text places the event relative to it
("near", "southeast of", "east bank of", "east part of": "eastern Ukraine" is placed where the news
happens most in the country's east), ACLED's geo_precision (1 the place itself, 2 near / part of
it, 3 a region or feature standing for a wider area) and UCDP's where_prec (1 exact, 2 near a known
point, 3 second-order region, 4 first-order region, 5 linear feature such as a river, 6 country,
7 continent or sea), `uncertain` with the other `candidates` when the name stays ambiguous.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from frontwatch.geo.gazetteer import Gazetteer, GazetteerRecord
from frontwatch.geo.recognize import Mention, ToponymRecognizer
from frontwatch.geo.resolve import Resolution, Resolver
from frontwatch.model import Place

LINEAR_CODES = {"STM", "STMI", "STMS", "CNL", "RD", "RR", "BDLN"}
COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCL", "PCLS", "PCLIX", "TERR"}
WIDEST_CODES = {"CONT", "OCN", "SEA", "GULF", "RGN"}


class Geoparser:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.recognize = ToponymRecognizer(gazetteer)
        self.resolve = Resolver(gazetteer)

    @classmethod
    def open(cls, path: Optional[Path] = None) -> "Geoparser":
        return cls(Gazetteer.open(path))

    def __call__(self, doc) -> list[Place]:
        mentions = self.recognize(doc)
        resolutions = self.resolve(mentions)
        return [self._place(mention, resolution) for mention, resolution in zip(mentions, resolutions) if resolution]

    def _place(self, mention: Mention, resolution: Resolution) -> Place:
        place = to_place(mention, resolution)
        side = (mention.relation or "").removesuffix(" part of")
        if side != (mention.relation or "") and resolution.record.feature_class == "A":
            # "eastern Ukraine" stands for where the news happens in the east, not for the country's centre.
            active = self.gazetteer.most_active(resolution.record.geonameid, side)
            if active is not None:
                place.latitude, place.longitude = active.latitude, active.longitude
        return place


def precision_codes(record: GazetteerRecord, relation: Optional[str]) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) for a place named, possibly relative to an anchor."""
    code = record.feature_code
    if code in WIDEST_CODES:
        return 3, 7
    if code in COUNTRY_CODES:
        return 3, 6
    if code in LINEAR_CODES or record.feature_class == "H":
        return 3, 5
    if code == "ADM1":
        return 3, 4
    if record.feature_class == "A":
        return 3, 3
    if relation:
        return 2, 2
    return 1, 1


def to_place(mention: Mention, resolution: Resolution) -> Place:
    record = resolution.record
    geo_precision, where_prec = precision_codes(record, mention.relation)
    return Place(
        text=mention.text, start=mention.start, end=mention.end, geonameid=record.geonameid, name=record.name,
        latitude=record.latitude, longitude=record.longitude, feature_code=record.feature_code,
        country_code=record.country_code or None, admin1=record.admin1, feature_class=record.feature_class,
        admin2=record.admin2, population=record.population, relation=mention.relation,
        geo_precision=geo_precision, where_prec=where_prec, score=round(resolution.score, 3),
        uncertain=resolution.uncertain, candidates=resolution.alternatives)
