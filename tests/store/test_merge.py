"""One ledger event per real event, on both backends."""
import datetime as dt

from frontwatch import store
from frontwatch.store.ledger import record_result

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def _ingest(engine, items):
    with engine.begin() as conn:
        return [record_result(conn, raw, result, NOW) for raw, result in items]


def test_three_outlets_on_izium_become_one_event_with_three_sources(db_url, izium_reports):
    engine = store.open_engine(db_url)
    outcomes = _ingest(engine, izium_reports)
    assert [outcome for outcome, _ in outcomes] == ["ingested"] * 4
    events = store.search_events(engine)
    assert len(events) == 2
    izium = next(event for event in events if event["geonameid"] == 707292)
    assert izium["n_sources"] == 3 and izium["n_reports"] == 3
    assert izium["source"] == "bbc.co.uk; kyivindependent.com; reuters.com"
    # two outlets say "regains territory" on the 10th, one "armed clash" on the 11th: the majority wins,
    # the date span keeps both days
    assert izium["sub_event_type"] == "Government regains territory"
    assert (izium["event_date"], izium["date_start"], izium["date_end"]) == ("2022-09-10", "2022-09-10", "2022-09-11")
    assert izium["territory_to"] == "UA"
    assert izium["confidence"] > 0.9  # three independent outlets corroborate
    assert izium["event_id_cnty"].startswith("UKR")
    detail = store.get_event(engine, izium["id"])
    assert {report["outlet"] for report in detail["reports"]} == {"bbc.co.uk", "kyivindependent.com", "reuters.com"}
    assert [claim["claimant"] for claim in detail["claims"]] == ["General Staff"]


def test_different_town_day_or_side_stays_apart(db_url, izium_reports, make_report):
    make_result, IZIUM = make_report, make_report.IZIUM

    engine = store.open_engine(db_url)
    _ingest(engine, izium_reports[:1])
    day = dt.date(2022, 9, 10)
    later = make_result("b1", "Ukrainian forces recaptured Izium, the army said.", place=IZIUM, source="x.com",
                        url="https://x.com/b1", published=day, sub_event_type="Government regains territory",
                        event_type="Battles", event_date=day + dt.timedelta(days=5), territory=("RU", "UA"))
    strike = make_result("b2", "Russian shelling hit Izium, killing 3 people.", place=IZIUM, source="y.com",
                         url="https://y.com/b2", published=day, sub_event_type="Shelling/artillery/missile attack",
                         event_type="Explosions/Remote violence", event_date=day, side1="RU", side2="civilians",
                         fatalities_low=3, fatalities_best=3, fatalities_high=3)
    _ingest(engine, [later, strike])
    assert store.count_events(engine) == 3
    # reports placed only in a region (geo_precision 3) never merge, even on the same day and type
    vague = [make_result(f"v{n}", f"Fighting continued in the Kharkiv region, report {n} said.", place=IZIUM,
                         source=f"outlet{n}.com", url=f"https://outlet{n}.com/v", published=day,
                         sub_event_type="Armed clash", event_type="Battles", event_date=day, geo_precision=3)
             for n in (1, 2)]
    _ingest(engine, vague)
    assert store.count_events(engine, store.EventFilters.from_params(sub_event_type="Armed clash")) == 2


def test_disagreeing_numbers_stay_visible_and_acled_figure_is_conservative(db_url, make_report):
    make_result, IZIUM = make_report, make_report.IZIUM

    engine = store.open_engine(db_url)
    day = dt.date(2023, 2, 1)
    common = dict(place=IZIUM, published=day, sub_event_type="Shelling/artillery/missile attack",
                  event_type="Explosions/Remote violence", event_date=day, side1="RU", side2="civilians")
    _ingest(engine, [
        make_result("c1", "A Russian missile hit Izium, killing at least 4 people, police said.", source="a.ua",
                    url="https://a.ua/c1", fatalities_low=4, fatalities_best=4, fatalities_high=None,
                    claimant="police", **common),
        make_result("c2", "A missile strike on Izium killed 7 people, the governor said.", source="b.com",
                    url="https://b.com/c2", fatalities_low=7, fatalities_best=7, fatalities_high=7,
                    claimant="governor", **common),
    ])
    [event] = store.search_events(engine)
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (4, 4, 7)
    assert event["source_scale"] == "National-International"
    claims = store.get_event(engine, event["id"])["claims"]
    assert sorted(claim["claimant"] for claim in claims) == ["governor", "police"]


def test_filters_and_full_text_search(db_url, izium_reports):
    engine = store.open_engine(db_url)
    _ingest(engine, izium_reports)
    by_params = lambda **params: {e["location"] for e in store.search_events(engine, store.EventFilters.from_params(**params))}
    assert by_params(q="Izyum withdrew") == {"Izium"}  # another outlet's spelling and wording
    assert by_params(bbox="37.5,49.5,38,50") == {"Kupiansk"}
    assert by_params(start="2022-09-10", end="2022-09-10") == {"Izium", "Kupiansk"}
    assert by_params(start="2022-09-11") == set()
    assert by_params(source="reuters") == {"Izium"}
    assert by_params(side="RU", event_type="Battles") == {"Izium", "Kupiansk"}
    assert by_params(actor="russia") == set()
    assert by_params(admin1="Kharkiv Oblast", sub_event_type="Government regains territory") == {"Izium", "Kupiansk"}
    assert store.count_events(engine, store.EventFilters.from_params(q="Kupiansk Oskil")) == 1
    assert [p["name"] for p in store.search_places(engine, "kup")] == ["Kupiansk"]
    article = store.get_article(engine, 1)
    assert article["places"][0]["geonameid"] == 707292 and article["events"][0]["evidence"]


def test_same_text_or_url_is_a_duplicate(db_url, izium_reports):
    from frontwatch.store.ledger import is_known

    engine = store.open_engine(db_url)
    _ingest(engine, izium_reports[:1])
    raw, result = izium_reports[0]
    assert _ingest(engine, [(raw, result)])[0] == ("duplicate", 1)
    with engine.connect() as conn:
        assert is_known(conn, raw)["id"] == 1
    assert store.ledger_counts(engine)["reports"] == 1
