"""The records that flow through frontwatch, stage to stage.

Every span (`start`, `end`) is a character offset into `Article.text`, the clean main text. Records are
plain dataclasses so that each stage can be tested alone and serialised with `to_dict`.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional


def to_dict(record: Any) -> Any:
    """JSON-ready form of a record (dates as ISO strings), following the output contract."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)
                if not f.metadata.get("internal")}
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    if isinstance(record, (dt.date, dt.datetime)):
        return record.isoformat()
    return record


def internal(default: Any = None, factory: Any = None) -> Any:
    """A field that stages use but the output contract does not show."""
    if factory is not None:
        return field(default_factory=factory, metadata={"internal": True})
    return field(default=default, metadata={"internal": True})


@dataclass
class RawDocument:
    """One input as read: text or HTML plus whatever metadata came with it."""

    id: str
    text: Optional[str] = None
    html: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    published: Optional[dt.date] = None
    origin: str = ""  # file path, "stdin", "jsonl:FILE:LINE", URL: names the input in error messages


@dataclass
class Removed:
    """A segment the boilerplate filter took out of the main text, with the reason."""

    text: str
    reason: str


@dataclass
class Article:
    url: Optional[str]
    source: Optional[str]
    title: Optional[str]
    published: Optional[dt.date]
    language: Optional[str]
    text: str
    removed: list[Removed] = field(default_factory=list)
    published_inferred: bool = False  # True when `published` came from the text, not the caller


@dataclass
class Warning:
    code: str
    message: str
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class Toponym:
    """A span that names a place, before resolution."""

    text: str
    start: int
    end: int
    source: str  # "gazetteer", "ner" or "both"
    relation: Optional[str] = None  # "near", "north of", "east bank of", ... when the text qualifies it
    admin_hint: Optional[str] = None  # "Kharkiv Region" when the text says "X in the Kharkiv Region"


@dataclass
class Place:
    """A toponym resolved to a GeoNames record."""

    text: str
    start: int
    end: int
    geonameid: Optional[int]
    name: Optional[str]
    latitude: Optional[float]
    longitude: Optional[float]
    feature_code: Optional[str]
    country_code: Optional[str]
    admin1: Optional[str]
    feature_class: Optional[str] = None
    admin2: Optional[str] = None
    population: Optional[int] = None
    relation: Optional[str] = None
    geo_precision: int = 1  # ACLED: 1 the place itself, 2 near / part of, 3 a region
    where_prec: int = 1  # UCDP 1-7
    score: float = 0.0
    uncertain: bool = False
    candidates: list[int] = field(default_factory=list)  # other GeoNames ids considered, best first


@dataclass
class DateMention:
    """A time expression normalised to a day range."""

    text: str
    start: int
    end: int
    date_start: dt.date
    date_end: dt.date
    time_precision: int  # ACLED: 1 day, 2 week, 3 month or longer
    date_prec: int  # UCDP 1 (day) .. 5 (year)
    kind: str  # "absolute", "weekday", "relative", "duration", "range"
    year_inferred: bool = False


@dataclass
class Quantity:
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    unit: Optional[str]
    qualifier: Optional[str]  # "at least", "about", "more than", "hundreds of", ...
    text: str
    start: int
    end: int
    entity: Optional[str] = None  # what is counted: "residents", "towns and villages", "infrastructure"


@dataclass
class Claim:
    """Who says a statement, and how."""

    claimant: Optional[str]
    claimant_role: Optional[str]
    claimant_side: Optional[str]  # ISO code of the state, "civilians" or "unknown"
    quote: str
    start: int
    end: int
    hedges: list[str] = field(default_factory=list)
    reported_date: Optional[dt.date] = None


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Territory:
    from_: Optional[str]  # ISO code of the side that held it, None when unknown
    to: Optional[str]

    def as_json(self) -> dict:
        return {"from": self.from_, "to": self.to}


@dataclass
class Event:
    event_id: str
    event_date: Optional[dt.date]
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: Optional[str]
    actor2: Optional[str]
    civilian_targeting: Optional[str]
    country: Optional[str]
    iso: Optional[int]
    admin1: Optional[str]
    admin2: Optional[str]
    location: Optional[str]
    latitude: Optional[float]
    longitude: Optional[float]
    geo_precision: int
    source: Optional[str]
    notes: str
    fatalities: int
    geonameid: Optional[int]
    date_start: Optional[dt.date]
    date_end: Optional[dt.date]
    side1: str
    side2: str
    fatalities_low: Optional[int]
    fatalities_best: Optional[int]
    fatalities_high: Optional[int]
    quantities: list[Quantity] = field(default_factory=list)
    territory: Optional[Territory] = None
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    date_prec: Optional[int] = None  # UCDP's date precision, beside ACLED's time_precision
    where_prec: Optional[int] = None
    location_reason: Optional[str] = None
    inter1: Optional[int] = None  # ACLED actor types of actor1 / actor2
    inter2: Optional[int] = None
    casualties: list[dict] = field(default_factory=list)  # {kind: killed/wounded/captured/missing, group, low, best, high, text, start, end, cumulative}
    cumulative: bool = False  # the toll is a running total ("since February 24"), not this event's alone


@dataclass
class ControlChange:
    """One settlement changing hands (or becoming contested) on a date, with the evidence."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    date: dt.date
    from_status: Optional[str]  # "UA", "RU", "contested", "unknown"
    to_status: str
    status: str  # "confirmed" or "claimed"
    confidence: float
    sources: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)  # {article_id, start, end, quote}


@dataclass
class ExtractionResult:
    """What `frontwatch extract` returns for one article: the output contract."""

    id: str
    article: Article
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    dates: list[DateMention] = internal(factory=list)
    quantities: list[Quantity] = internal(factory=list)
    claims: list[Claim] = internal(factory=list)

    def as_json(self) -> dict:
        data = to_dict(self)
        for event in data["events"]:
            if event["territory"] is not None:
                event["territory"] = {"from": event["territory"]["from_"], "to": event["territory"]["to"]}
        return data
