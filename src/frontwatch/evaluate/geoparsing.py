"""`frontwatch eval geoparsing`: toponym recognition and resolution on LGL, TR-News and GeoVirus.

Per corpus, for frontwatch's Geoparser and, in the same run, a baseline (spaCy NER GPE/LOC spans,
each resolved to the most populous gazetteer record of exactly that name):
- recognition precision / recall / F1 on gold spans (exact character offsets);
- resolution over the gold toponyms the system found (any overlapping span): exact GeoNames id
  (LGL and TR-News; GeoVirus has coordinates only), within 161 km (100 miles), median and mean error
  in km. A prediction of the gold's own id counts as 0 km: it is the same record, whatever point our
  gazetteer keeps for it (regions without coordinates sit at a member place);
- articles per second of the geoparsing alone (spaCy's time is shown apart) and the share of the gold
  ids that exist in the gazetteer at all (the ceiling of exact-id accuracy);
- apart, how many gold spans are demonyms (spans spaCy tags NORP: "Russian", "Georgians"; LGL marks them,
  frontwatch by design does not take them for places) and the recall on the other gold spans.
"""
from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from frontwatch.config import shared_dir
from frontwatch.errors import InputError
from frontwatch.evaluate.report import f1, print_table
from frontwatch.geo.gazetteer import Gazetteer, haversine_km
from frontwatch.geo.geoparse import Geoparser
from frontwatch.geo.names import normalize
from frontwatch.model import Place

CORPORA = {"lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}
WITHIN_KM = 161.0


def add_arguments(parser) -> None:
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles of each corpus")
    parser.add_argument("--data", type=Path, default=None, help="folder with the corpora (default ../shared/eval/geoparsing)")


@dataclass
class GoldToponym:
    start: int
    end: int
    geonameid: Optional[int]
    latitude: float
    longitude: float
    demonym: bool = False


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]


def read_corpus(path: Path) -> list[GoldArticle]:
    if not path.is_file():
        raise InputError(str(path), "no such corpus file")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(str(path), f"not well-formed XML ({exc})") from exc
    articles = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for node in [*article.iter("toponym"), *article.iter("location")]:
            gaztag = node.find("gaztag")
            lat = node.findtext("gaztag/lat") if gaztag is not None else node.findtext("lat")
            lon = node.findtext("gaztag/lon") if gaztag is not None else node.findtext("lon")
            if lat is None or lon is None or node.findtext("start") is None:
                continue  # a toponym the annotators could not ground
            geonameid = gaztag.get("geonameid") if gaztag is not None else None
            phrase = node.findtext("phrase") if node.find("phrase") is not None else node.findtext("name")
            start, end = align(text, int(node.findtext("start")), int(node.findtext("end")), phrase)
            toponyms.append(GoldToponym(start, end, int(geonameid) if geonameid else None, float(lat), float(lon)))
        articles.append(GoldArticle(text, toponyms))
    return articles


def align(text: str, start: int, end: int, phrase: Optional[str]) -> tuple[int, int]:
    """Gold offsets that do not frame their phrase (GeoVirus counts from 1, some TR-News spans drift by a
    few characters) move to the nearest occurrence of the phrase."""
    if not phrase or text[start:end] == phrase:
        return start, end
    for shift in sorted(range(-5, 6), key=abs):
        if text[start + shift:end + shift] == phrase:
            return start + shift, end + shift
    return start, end


@dataclass
class Score:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0
    resolved: int = 0
    with_id: int = 0
    exact: int = 0
    within: int = 0
    errors_km: list[float] = field(default_factory=list)
    seconds: float = 0.0
    articles: int = 0
    demonyms: int = 0
    names_true_positive: int = 0

    def add(self, predicted: list[Place], gold: list[GoldToponym]) -> None:
        self.articles += 1
        self.predicted += len(predicted)
        self.gold += len(gold)
        exact_spans = {(p.start, p.end) for p in predicted}
        self.true_positive += sum(1 for g in gold if (g.start, g.end) in exact_spans)
        self.demonyms += sum(1 for g in gold if g.demonym)
        self.names_true_positive += sum(1 for g in gold if not g.demonym and (g.start, g.end) in exact_spans)
        for toponym in gold:
            place = next((p for p in predicted if p.start < toponym.end and toponym.start < p.end), None)
            if place is None or place.latitude is None:
                continue
            self.resolved += 1
            same = toponym.geonameid is not None and place.geonameid == toponym.geonameid
            if toponym.geonameid is not None:
                self.with_id += 1
                self.exact += same
            error = 0.0 if same else haversine_km(toponym.latitude, toponym.longitude, place.latitude, place.longitude)
            self.errors_km.append(error)
            self.within += error <= WITHIN_KM

    def row(self, name: str, corpus: str, coverage: Optional[float], nlp_seconds: float) -> list[object]:
        precision = self.true_positive / self.predicted if self.predicted else 0.0
        recall = self.true_positive / self.gold if self.gold else 0.0
        return [corpus, name, self.articles, self.gold, precision, recall, f1(precision, recall), self.resolved,
                self.exact / self.with_id if self.with_id else None,
                self.within / self.resolved if self.resolved else None,
                statistics.median(self.errors_km) if self.errors_km else None,
                statistics.fmean(self.errors_km) if self.errors_km else None,
                self.articles / self.seconds if self.seconds else None,
                100 * self.seconds / nlp_seconds if nlp_seconds else None, coverage]

    def names_recall(self) -> Optional[float]:
        names = self.gold - self.demonyms
        return self.names_true_positive / names if names else None


class Baseline:
    """spaCy NER GPE/LOC + the most populous record of exactly that name."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, doc) -> list[Place]:
        places = []
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC"):
                continue
            found = [record for record, _ in self.gazetteer.candidates_for_key(normalize(ent.text))
                     if record.latitude is not None]
            if not found:
                continue
            record = max(found, key=lambda r: r.population)
            places.append(Place(ent.text, ent.start_char, ent.end_char, record.geonameid, record.name, record.latitude,
                                record.longitude, record.feature_code, record.country_code, record.admin1))
        return places


def run(args) -> int:
    from frontwatch.nlp.spacy_setup import load_english

    folder = args.data or shared_dir() / "eval" / "geoparsing"
    corpora = list(CORPORA) if args.corpus == "all" else [args.corpus]
    geoparser = Geoparser.open()
    systems: dict[str, Callable] = {"frontwatch": geoparser, "baseline: NER + most populous": Baseline(geoparser.gazetteer)}
    nlp = load_english()
    rows, demonym_rows = [], []
    for corpus in corpora:
        articles = read_corpus(folder / CORPORA[corpus])[:args.limit]
        started = time.perf_counter()
        docs = list(nlp.pipe(article.text for article in articles))
        nlp_seconds = time.perf_counter() - started
        for article, doc in zip(articles, docs):
            mark_demonyms(article, doc)
        ids = {t.geonameid for a in articles for t in a.toponyms if t.geonameid is not None}
        coverage = sum(1 for i in ids if geoparser.gazetteer.get(i)) / len(ids) if ids else None
        for name, system in systems.items():
            score = Score()
            for article, doc in zip(articles, docs):
                started = time.perf_counter()
                places = system(doc)
                score.seconds += time.perf_counter() - started
                score.add(places, article.toponyms)
            rows.append(score.row(name, corpus, coverage, nlp_seconds))
            demonym_rows.append([corpus, name, score.gold, score.demonyms, score.names_recall()])
        print(f"{corpus}: spaCy pipeline {len(articles) / nlp_seconds:.1f} articles/s", flush=True)
    print_table("geoparsing (recognition on exact gold spans; resolution of the gold toponyms found)",
                ["corpus", "system", "articles", "gold", "P", "R", "F1", "resolved", "exact id", "<=161 km",
                 "median km", "mean km", "articles/s", "% of spaCy time", "gold ids in gazetteer"], rows)
    print_table("gold spans that are demonyms (spaCy NORP), which frontwatch does not take for places",
                ["corpus", "system", "gold", "demonyms", "R on the other gold spans"], demonym_rows)
    return 0


def mark_demonyms(article: GoldArticle, doc) -> None:
    """A gold span every token of which spaCy tags NORP ("Russian", "Georgians") is a demonym."""
    for toponym in article.toponyms:
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        toponym.demonym = span is not None and len(span) > 0 and all(token.ent_type_ == "NORP" for token in span)
