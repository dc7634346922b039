"""Territorial events through the whole pipeline (real gazetteer): who takes ground decides the type."""
import datetime as dt

from frontwatch.model import RawDocument


def events_of(pipeline, text, published=dt.date(2022, 11, 15)):
    return pipeline(RawDocument(id="t", text=text, published=published, origin="test")).events


def test_russian_capture_in_ukraine_is_a_foreign_takeover(pipeline):
    [event] = [e for e in events_of(pipeline, "Russian troops captured the village of Pisky near Donetsk on Tuesday, the governor said.")
               if e.territory]
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.territory.as_json() == {"from": "UA", "to": "RU"}
    assert (event.side1, event.actor1) == ("RU", "Military Forces of Russia (2000-)")
    assert event.event_date == dt.date(2022, 11, 15) and event.time_precision == 1  # "on Tuesday": the day of publication was a Tuesday


def test_ukrainian_retaking_is_government_regains_territory(pipeline):
    [event] = [e for e in events_of(pipeline, "Ukrainian forces recaptured Kherson on November 11 after Russian troops retreated.")
               if e.territory]
    assert event.sub_event_type == "Government regains territory"
    assert event.territory.as_json() == {"from": "RU", "to": "UA"}
    assert event.location == "Kherson" and event.event_date == dt.date(2022, 11, 11)


def test_plans_and_failures_are_not_events(pipeline):
    assert not [e for e in events_of(pipeline, "Russia plans to capture Kyiv within days, officials in Washington warned.") if e.territory]
    assert not [e for e in events_of(pipeline, "Russian forces failed to take Vuhledar despite heavy losses.") if e.territory]
