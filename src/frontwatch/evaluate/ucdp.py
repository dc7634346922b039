"""`frontwatch eval ucdp`: the pipeline on UCDP GED Ukraine source headlines vs UCDP's coding.

Each gold event lists the headlines of its sources (`source_headline`, ';'-separated, each published on
the matching `source_date`). Every headline goes through the whole pipeline; the event's prediction is
the main (first) event of each headline, combined over its headlines as several reports of one event the
way UCDP combines sources that disagree: low = the lowest low, high = the highest high (open when any report
leaves it open), best = the lower figure (UCDP's rule when no source can be preferred), date and place from
the first headline with an event.

Scores (and the same for a baseline computed in this run: the first number in the headline as the toll,
the publication date as the date, the centre of Ukraine as the place):
  * event found: at least one event from the event's headlines (also over the events that have a headline
    of 4+ words: many UCDP sources are listed by a place name, a dash or a report title only);
  * deaths: gold `best` inside our [low, high] and our best == gold best, over all events and over those
    whose headlines state a toll (a number word next to a death word: "12 killed", "Dozens die");
  * dates: our event date within the gold [date_start, date_end] ± 1 day;
  * location: within 25 km of the gold point where UCDP's where_prec is 1–2 and a headline names the
    gold place; in the gold oblast (point in the Minregion oblast polygon) where where_prec is 3–4. The
    location is the event's, or, for an event listed only by a place's name (no event to read), the
    first settlement (else region) the geoparser resolved in its headlines.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Optional

from frontwatch.config import shared_dir
from frontwatch.errors import FrontwatchError, InputError, SetupError
from frontwatch.evaluate.report import print_table
from frontwatch.model import RawDocument

GOLD_FILE = "eval/ucdp/ucdp_ged_ukraine_dev.csv"
OBLASTS_FILE = "data/boundaries/ua-oblasts-minregion-2020/oblast.geojson"
UKRAINE_CENTRE = (48.38, 31.17)  # the baseline's place: the geographic centre of Ukraine
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "dozen": 12, "dozens": 12,
                "scores": 20, "hundreds": 100}
_NUMBER = r"(\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")"
_DEATH = r"(kill\w*|dead|die[sd]?|death\w*|lives|bodies|fatalit\w*|slain)"
_TOLL = re.compile(rf"\b{_NUMBER}\b(\W+\w+){{0,4}}?\W+{_DEATH}\b|\b{_DEATH}\b\W+(\w+\W+){{0,3}}?{_NUMBER}\b", re.IGNORECASE)
_PLACE_NOISE = {"city", "town", "village", "oblast", "district", "raion", "region", "settlement", "area", "airport", "station",
                "railway", "the", "of", "near", "special", "republican"}


def add_arguments(parser) -> None:
    parser.add_argument("--limit", type=int, default=None, help="score only the first N gold events")
    parser.add_argument("--batch-size", type=int, default=64, help="headlines per pipeline batch")


@dataclass
class GoldEvent:
    id: str
    headlines: list[tuple[str, Optional[dt.date]]]
    best: int
    low: int
    high: int
    date_start: dt.date
    date_end: dt.date
    where_prec: int
    place_name: str
    latitude: float
    longitude: float

    @property
    def states_toll(self) -> bool:
        return any(_TOLL.search(text) for text, _ in self.headlines)

    @property
    def has_text(self) -> bool:
        """At least one headline is a sentence (4+ words), not just a place name, a dash or a report title."""
        return any(len(re.findall(r"[A-Za-z]+", text)) >= 4 for text, _ in self.headlines)

    @property
    def names_place(self) -> bool:
        words = [w for w in re.findall(r"[a-z]{4,}", self.place_name.lower()) if w not in _PLACE_NOISE]
        text = " ".join(text.lower() for text, _ in self.headlines)
        return any(word[:5] in text for word in words)


@dataclass
class Prediction:
    found: bool = False
    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None
    high_open: bool = False
    date: Optional[dt.date] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    reports: list = field(default_factory=list)
    places: list = field(default_factory=list)  # places resolved in the event's headlines that report no event


def run(args) -> int:
    if args.limit is not None and args.limit < 1:
        raise FrontwatchError(f"--limit {args.limit}: must be at least 1")
    gold = read_gold(shared_dir() / GOLD_FILE, args.limit)
    pipeline = _open_pipeline()
    started = time.perf_counter()
    ours = predict(gold, pipeline, args.batch_size)
    elapsed = time.perf_counter() - started
    baseline = [baseline_prediction(event) for event in gold]
    oblasts = Oblasts.load()
    rows = [score("baseline: headline number, publication date, centre of Ukraine", gold, baseline, oblasts),
            score("frontwatch pipeline", gold, ours, oblasts)]
    headers = ["system", "event found", "found (headline of 4+ words)", "best in [low,high]", "best exact", "toll stated: in [low,high]", "toll stated: exact",
               "date ±1 day", "date ±1 day (found)", "≤25 km (prec 1–2, named)", "in gold oblast (prec 3–4)"]
    print_table(f"UCDP GED Ukraine dev — {len(gold)} events, {sum(len(e.headlines) for e in gold)} headlines", headers, rows)
    stated = sum(event.states_toll for event in gold)
    named = sum(event.where_prec in (1, 2) and event.names_place for event in gold)
    regional = sum(event.where_prec in (3, 4) for event in gold)
    with_text = sum(event.has_text for event in gold)
    print(f"events whose headlines state a toll: {stated}; with a headline of 4+ words: {with_text}; "
          f"place named with where_prec 1–2: {named}; where_prec 3–4: {regional}")
    print(f"pipeline: {elapsed:.1f} s, {sum(len(e.headlines) for e in gold) / elapsed:.1f} headlines/s")
    return 0


def _open_pipeline():
    try:
        from frontwatch.pipeline import shared_pipeline
    except ModuleNotFoundError as exc:
        raise SetupError(f"the pipeline cannot start: module {exc.name} is missing") from exc
    return shared_pipeline()


def read_gold(path, limit: Optional[int]) -> list[GoldEvent]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError as exc:
        raise SetupError(f"{path}: UCDP gold file is missing (set FRONTWATCH_SHARED)") from exc
    events = []
    with handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if limit is not None and len(events) >= limit:
                break
            try:
                events.append(_gold_event(row))
            except (KeyError, ValueError) as exc:
                raise InputError(f"{path}:{line}", f"unreadable UCDP row ({exc})") from exc
    return events


def _gold_event(row: dict) -> GoldEvent:
    texts = _split_headlines(row["source_headline"], row["source_date"].count(";") + 1)
    dates = [_parse_date(text, month_first=False) for text in row["source_date"].split(";")]
    dates += [dates[-1] if dates else None] * (len(texts) - len(dates))
    headlines = [(text, date) for text, date in zip(texts, dates) if text]
    return GoldEvent(row["id"], headlines, int(row["best"]), int(row["low"]), int(row["high"]),
                     _parse_date(row["date_start"], month_first=True), _parse_date(row["date_end"], month_first=True), int(row["where_prec"]),
                     row["where_coordinates"], float(row["latitude"]), float(row["longitude"]))


def _split_headlines(field: str, sources: int) -> list[str]:
    """The headlines of a row, one per source. UCDP joins them with a bare ';', and a headline may hold
    '; ' itself ("Dozens killed in attack on convoy, Ukraine says; rebels deny firing rocket", Reuters'
    "Newly Independent States; ..."): when splitting at every ';' gives more headlines than the row has
    source dates, and splitting only at a ';' with no space after it gives one per date, that is the split."""
    texts = field.split(";")
    if len(texts) > sources and len(re.split(r";(?!\s)", field)) == sources:
        texts = re.split(r";(?!\s)", field)
    return [text.strip() for text in texts]


def _parse_date(text: str, month_first: bool) -> Optional[dt.date]:
    """UCDP writes date_start/date_end month first ("8/13/2014 12:00:00 AM", "08/12/2014 00:00") and
    source_date as ISO or day first ("13/08/2014"); an impossible month means the other order."""
    text = text.strip().split(" ")[0]
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    first, second, year = (int(part) for part in text.split("/"))
    month, day = (first, second) if month_first else (second, first)
    if month > 12:
        month, day = day, month
    return dt.date(year, month, day)


def predict(gold: list[GoldEvent], pipeline, batch_size: int) -> list[Prediction]:
    raws, owners = [], []
    for index, event in enumerate(gold):
        for number, (text, published) in enumerate(event.headlines):
            raws.append(RawDocument(id=f"ucdp-{event.id}-{number}", text=text, published=published, origin=f"UCDP {event.id}"))
            owners.append(index)
    predictions = [Prediction() for _ in gold]
    for owner, result in zip(owners, _progress(pipeline.pipe(raws, batch_size=batch_size), len(raws))):
        events = getattr(result, "events", None)
        if events:
            predictions[owner].reports.append(events[0])
        else:  # a source listed by a place's name: the place locates the event; a report's places are its event's business
            predictions[owner].places.extend(place for place in getattr(result, "places", []) if place.latitude is not None)
    for prediction in predictions:
        _combine(prediction)
    return predictions


def _progress(results, total: int):
    for done, result in enumerate(results, start=1):
        if done % 250 == 0 or done == total:
            print(f"\r{done}/{total} headlines", end="" if done < total else "\n", file=sys.stderr, flush=True)
        yield result


def _combine(prediction: Prediction) -> None:
    reports = prediction.reports
    settlements = [place for place in prediction.places if place.feature_class == "P"]
    regions = [place for place in prediction.places if place.feature_class == "A" and not (place.feature_code or "").startswith("PCL")]
    if not reports:
        # UCDP lists some sources only by the place's name (a settlement, a region: "Luhansk Oblast", a
        # feature: "Savur-Mohyla", or a side of the country: "east of Ukraine"): that locates the event
        # though no event is read.
        features = [place for place in prediction.places if place.feature_class not in ("P", "A")]
        sides = [place for place in prediction.places if (place.relation or "").endswith("part of")]
        named = settlements or regions or features or sides
        if named:
            prediction.latitude, prediction.longitude = named[0].latitude, named[0].longitude
        return
    prediction.found = True
    lows = [e.fatalities_low for e in reports if e.fatalities_low is not None]
    bests = [e.fatalities_best if e.fatalities_best is not None else e.fatalities_low for e in reports if e.fatalities_low is not None]
    if lows:
        # Sources that disagree: the range of their claims, and the lower figure as the best estimate
        # (UCDP GED codebook: when no source can be judged the more reliable, the lower figure is coded).
        prediction.low, prediction.best = min(lows), min(bests)
        prediction.high_open = any(e.fatalities_low is not None and e.fatalities_high is None for e in reports)
        highs = [e.fatalities_high for e in reports if e.fatalities_high is not None]
        prediction.high = None if prediction.high_open or not highs else max(highs)
    first = reports[0]
    prediction.date = first.event_date
    # Several reports of one event: the most precise location any of them gives. A headline that only
    # names a settlement (UCDP lists some sources by place) locates an event the others put at a region.
    located = sorted((e for e in reports if e.latitude is not None), key=lambda e: e.geo_precision)
    if located:
        prediction.latitude, prediction.longitude = located[0].latitude, located[0].longitude
    settlement_ids = {place.geonameid for place in settlements}
    if settlements and (not located or located[0].geonameid not in settlement_ids):
        prediction.latitude, prediction.longitude = settlements[0].latitude, settlements[0].longitude
    elif not settlements and regions and (not located or (located[0].where_prec or 6) >= 5):
        # Reports placed only in the country (or nowhere), and a source listed by its region's name.
        prediction.latitude, prediction.longitude = regions[0].latitude, regions[0].longitude


def baseline_prediction(event: GoldEvent) -> Prediction:
    prediction = Prediction(found=True, date=event.headlines[0][1] if event.headlines else None,
                            latitude=UKRAINE_CENTRE[0], longitude=UKRAINE_CENTRE[1])
    for text, _ in event.headlines:
        match = _TOLL.search(text)
        if match:
            number = next(group for group in match.groups() if group and re.fullmatch(_NUMBER, group, re.IGNORECASE))
            value = NUMBER_WORDS.get(number.lower()) or int(number.replace(",", ""))
            prediction.low = prediction.best = prediction.high = value
            break
    return prediction


def _in_range(gold: GoldEvent, prediction: Prediction) -> bool:
    if prediction.low is None:
        return False
    return prediction.low <= gold.best and (prediction.high_open or prediction.high is None and prediction.best == gold.best
                                            or prediction.high is not None and gold.best <= prediction.high)


def score(name: str, gold: list[GoldEvent], predictions: list[Prediction], oblasts: "Oblasts") -> list:
    from frontwatch.geo.gazetteer import haversine_km
    pairs = list(zip(gold, predictions))
    stated = [(g, p) for g, p in pairs if g.states_toll]
    share = lambda items, test: sum(1 for g, p in items if test(g, p)) / len(items) if items else None  # noqa: E731
    one_day = dt.timedelta(days=1)
    named = [(g, p) for g, p in pairs if g.where_prec in (1, 2) and g.names_place]
    regional = [(g, p) for g, p in pairs if g.where_prec in (3, 4)]
    with_text = [(g, p) for g, p in pairs if g.has_text]
    return [
        name,
        share(pairs, lambda g, p: p.found), share(with_text, lambda g, p: p.found),
        share(pairs, _in_range), share(pairs, lambda g, p: p.best == g.best),
        share(stated, _in_range), share(stated, lambda g, p: p.best == g.best),
        share(pairs, lambda g, p: p.date is not None and g.date_start - one_day <= p.date <= g.date_end + one_day),
        share([(g, p) for g, p in pairs if p.found],
              lambda g, p: p.date is not None and g.date_start - one_day <= p.date <= g.date_end + one_day),
        share(named, lambda g, p: p.latitude is not None and haversine_km(g.latitude, g.longitude, p.latitude, p.longitude) <= 25),
        share(regional, lambda g, p: p.latitude is not None and oblasts.same(g.latitude, g.longitude, p.latitude, p.longitude)),
    ]


class Oblasts:
    """Minregion's oblast polygons: which oblast a point lies in."""

    def __init__(self, shapes: list):
        self.shapes = shapes

    @classmethod
    def load(cls) -> "Oblasts":
        from shapely.geometry import shape
        from shapely.prepared import prep
        path = shared_dir() / OBLASTS_FILE
        try:
            features = json.loads(path.read_text(encoding="utf-8"))["features"]
        except FileNotFoundError as exc:
            raise SetupError(f"{path}: oblast boundaries are missing (set FRONTWATCH_SHARED)") from exc
        return cls([prep(shape(feature["geometry"])) for feature in features])

    def index_of(self, latitude: float, longitude: float) -> Optional[int]:
        from shapely.geometry import Point
        point = Point(longitude, latitude)
        return next((index for index, shape in enumerate(self.shapes) if shape.contains(point)), None)

    def same(self, lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
        first = self.index_of(lat1, lon1)
        return first is not None and first == self.index_of(lat2, lon2)
