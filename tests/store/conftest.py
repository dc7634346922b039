"""Ledger test records: ExtractionResults as the pipeline returns them for short real news passages.

Used where a test is about storage and merging rather than extraction; tests about the whole path run
the real pipeline (the `pipeline` fixture).
"""
from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.model import Article, Claim, Event, ExtractionResult, Place, RawDocument, Span, Territory

IZIUM = dict(geonameid=707292, name="Izium", latitude=49.21117, longitude=37.25698, feature_code="PPLA3",
             country_code="UA", admin1="Kharkiv Oblast")
KUPIANSK = dict(geonameid=703656, name="Kupiansk", latitude=49.71055, longitude=37.61517, feature_code="PPLA2",
                country_code="UA", admin1="Kharkiv Oblast")


def make_result(article_id: str, text: str, *, place: dict, source: str, url: str, published: dt.date,
                sub_event_type: str, event_type: str, event_date: dt.date, side1="UA", side2="RU",
                fatalities_low=None, fatalities_best=None, fatalities_high=None, claimant=None,
                territory=None, confidence=0.7, geo_precision=1) -> tuple[RawDocument, ExtractionResult]:
    at = text.find(place["name"])
    mention = Place(text=place["name"], start=at, end=at + len(place["name"]), **place)
    claims = []
    if claimant:
        claims.append(Claim(claimant=claimant, claimant_role=None, claimant_side=side1, quote=text, start=0,
                            end=len(text), hedges=["at least"] if fatalities_low else []))
    event = Event(
        event_id=f"{article_id}-1", event_date=event_date, time_precision=1, event_type=event_type,
        sub_event_type=sub_event_type, actor1="Military Forces of Ukraine (2019-)" if side1 == "UA" else "Military Forces of Russia (2000-)",
        actor2=None, civilian_targeting=None, country="Ukraine", iso=804, admin1=place["admin1"], admin2=None,
        location=place["name"], latitude=place["latitude"], longitude=place["longitude"], geo_precision=geo_precision,
        source=source, notes=text, fatalities=fatalities_best or fatalities_low or 0, geonameid=place["geonameid"],
        date_start=event_date, date_end=event_date, side1=side1, side2=side2, fatalities_low=fatalities_low,
        fatalities_best=fatalities_best, fatalities_high=fatalities_high,
        territory=Territory(*territory) if territory else None, claims=claims,
        evidence=[Span(0, len(text))], confidence=confidence)
    article = Article(url=url, source=source, title=None, published=published, language="en", text=text)
    raw = RawDocument(id=article_id, text=text, url=url, source=source, published=published, origin=f"test:{article_id}")
    return raw, ExtractionResult(article_id, article, places=[mention], events=[event])


@pytest.fixture
def izium_reports():
    """Three outlets on the recapture of Izium (one a day later, one spelling it Izyum) and one on Kupiansk."""
    day = dt.date(2022, 9, 10)
    return [
        make_result("a1", "Ukrainian forces recaptured Izium on Saturday, the General Staff said.", place=IZIUM,
                    source="kyivindependent.com", url="https://kyivindependent.com/a1", published=day,
                    sub_event_type="Government regains territory", event_type="Battles", event_date=day,
                    territory=("RU", "UA"), claimant="General Staff"),
        make_result("a2", "Russian troops withdrew from Izyum as Ukrainian units entered the city.", place=IZIUM,
                    source="bbc.co.uk", url="https://www.bbc.co.uk/news/a2", published=day + dt.timedelta(days=1),
                    sub_event_type="Armed clash", event_type="Battles", event_date=day + dt.timedelta(days=1),
                    territory=("RU", "UA"), confidence=0.6),
        make_result("a3", "Ukraine says its army is back in Izium after six months of occupation.", place=IZIUM,
                    source="reuters.com", url="https://www.reuters.com/a3", published=day,
                    sub_event_type="Government regains territory", event_type="Battles", event_date=day,
                    territory=("RU", "UA")),
        make_result("a4", "Ukrainian forces entered Kupiansk on the Oskil river.", place=KUPIANSK,
                    source="bbc.co.uk", url="https://www.bbc.co.uk/news/a4", published=day,
                    sub_event_type="Government regains territory", event_type="Battles", event_date=day,
                    territory=("RU", "UA")),
    ]


@pytest.fixture
def make_report():
    """make_result, with the places at hand: make_report(..., place=make_report.IZIUM)."""
    make_result.IZIUM, make_result.KUPIANSK = IZIUM, KUPIANSK
    return make_result
