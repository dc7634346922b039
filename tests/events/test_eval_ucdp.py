"""The UCDP scorer's reading of the gold file and its scoring rules, on the real dev file."""
import datetime as dt
import functools

from frontwatch.config import shared_dir
from frontwatch.evaluate import ucdp
from frontwatch.model import RawDocument


@functools.lru_cache(maxsize=1)
def gold_events() -> dict:
    """The whole dev file by UCDP event id, read once for the tests that pick single events."""
    events = ucdp.read_gold(shared_dir() / ucdp.GOLD_FILE, limit=None)
    by_id = {event.id: event for event in events}
    assert len(by_id) == len(events)  # ids are unique: each test's event is the one it names
    return by_id


def test_gold_rows_are_read_with_their_mixed_date_formats():
    gold = ucdp.read_gold(shared_dir() / ucdp.GOLD_FILE, limit=120)
    first = gold[0]  # UCDP GED 147997: five sources on the Kiev protest deaths
    assert first.id == "147997" and len(first.headlines) == 5
    assert first.headlines[0] == ("Police disperse Kiev protest, activists say one shot dead", dt.date(2014, 1, 22))
    assert first.headlines[-1][1] == dt.date(2014, 1, 25)
    assert (first.best, first.date_start, first.date_end, first.where_prec) == (5, dt.date(2014, 1, 22), dt.date(2014, 1, 22), 1)
    assert first.states_toll and first.names_place  # "Five dead ...", "Kiev"
    assert all(event.date_start <= event.date_end for event in gold)


def test_a_range_contains_the_gold_best_only_when_it_should():
    gold = ucdp.read_gold(shared_dir() / ucdp.GOLD_FILE, limit=1)[0]  # best 5
    assert ucdp._in_range(gold, ucdp.Prediction(found=True, low=1, best=5, high=5))
    assert ucdp._in_range(gold, ucdp.Prediction(found=True, low=2, best=2, high=None, high_open=True))
    assert not ucdp._in_range(gold, ucdp.Prediction(found=True, low=6, best=6, high=None, high_open=True))
    assert not ucdp._in_range(gold, ucdp.Prediction(found=True, low=1, best=2, high=2))
    assert not ucdp._in_range(gold, ucdp.Prediction(found=True))


def test_baseline_takes_the_first_stated_toll():
    gold = ucdp.read_gold(shared_dir() / ucdp.GOLD_FILE, limit=1)[0]
    baseline = ucdp.baseline_prediction(gold)
    assert baseline.best == 1  # "one shot dead" in the first headline
    assert baseline.date == dt.date(2014, 1, 22)


def test_oblast_of_a_point():
    oblasts = ucdp.Oblasts.load()
    donetsk, horlivka, kharkiv = (48.0159, 37.8029), (48.3336, 38.0925), (49.9935, 36.2304)
    assert oblasts.same(*donetsk, *horlivka)
    assert not oblasts.same(*donetsk, *kharkiv)


def test_a_source_listed_by_its_region_locates_the_event(pipeline):
    # UCDP GED 408287 lists its source as "Luhansk Oblast" only (where_prec 4)
    result = pipeline(RawDocument(id="408287", text="Luhansk Oblast", published=dt.date(2016, 6, 1), origin="UCDP 408287"))
    prediction = ucdp.Prediction(places=[place for place in result.places if place.latitude is not None])
    ucdp._combine(prediction)
    luhansk = (48.5740, 39.3078)
    assert not prediction.found and ucdp.Oblasts.load().same(*luhansk, prediction.latitude, prediction.longitude)


def test_the_places_of_a_report_do_not_override_its_event(pipeline):
    # UCDP GED 235551 (Donetsk oblast): "Kiev forces" names the attacker; the event is in the Donetsk republic
    event = gold_events()["235551"]
    [prediction] = ucdp.predict([event], pipeline, batch_size=8)
    assert prediction.found and ucdp.Oblasts.load().same(event.latitude, event.longitude, prediction.latitude, prediction.longitude)


def test_a_headline_holding_a_semicolon_stays_one_source():
    # UCDP GED 155061: one source date, one headline with "; " inside it
    event = gold_events()["155061"]
    assert [text for text, _ in event.headlines] == ["WRAPUP 3-Dozens killed in attack on convoy, Ukraine says; rebels deny firing rocket"]
    assert ucdp._split_headlines("Kramatorsk;Five killed in Kramatorsk", 2) == ["Kramatorsk", "Five killed in Kramatorsk"]


def test_sources_that_disagree_give_their_range_and_the_lower_figure(pipeline):
    # UCDP GED 154058: "killing 14 troops" in three reports, "killing 12 troops" in a fourth; UCDP codes 12
    event = gold_events()["154058"]
    [prediction] = ucdp.predict([event], pipeline, batch_size=8)
    assert prediction.best == 12 and prediction.low <= 12 and (prediction.high_open or prediction.high == 14)
