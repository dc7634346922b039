"""Acceptance: the mission's sample article, through the real pipeline (issue 2)."""
import datetime as dt

import jsonschema
import pytest

from frontwatch.model import RawDocument

IZIUM, KUPIANSK, VOVCHANSK, VELYKYI_BURLUK = 707292, 703656, 689304, 690193
KHARKIV_OBLAST, KHARKIV, OSKIL = 706482, 706483, 514365


@pytest.fixture(scope="module")
def result(pipeline, sample_path):
    raw = RawDocument(id="izyum", text=sample_path.read_text(), published=dt.date(2022, 9, 13), origin=str(sample_path))
    return pipeline(raw).as_json()


def events_where(result, **conditions):
    return [event for event in result["events"]
            if all(event.get(key) == value for key, value in conditions.items())]


def span_text(result, item):
    return result["article"]["text"][item["start"]:item["end"]]


def test_output_follows_the_schema(result, schema):
    jsonschema.validate(result, schema, format_checker=jsonschema.FormatChecker())


def test_page_noise_is_removed_and_reported(result):
    text = result["article"]["text"]
    assert "Ctrl + Enter" not in text
    assert "N. Korean Troops" not in text
    removed = " ".join(item["text"] for item in result["article"]["removed"])
    assert "Ctrl + Enter" in removed and "N. Korean Troops" in removed
    assert "Ukrainian troops liberated Izyum" in text


def test_places_resolve_to_geonames_records(result):
    ids = {place["geonameid"] for place in result["places"]}
    assert {IZIUM, KUPIANSK, VOVCHANSK, VELYKYI_BURLUK, KHARKIV_OBLAST, KHARKIV, OSKIL} <= ids
    for place in result["places"]:
        assert span_text(result, place) == place["text"]
    assert not any(place["text"] in {"Ctrl + Enter", "Maksym Strelnyk", "Russian"} for place in result["places"])


def test_izium_retaken_by_ukraine_on_september_10(result):
    [event] = events_where(result, geonameid=IZIUM, sub_event_type="Government regains territory")
    assert event["event_date"] == "2022-09-10"
    assert event["time_precision"] == 1
    assert event["territory"] == {"from": "RU", "to": "UA"}
    assert event["side1"] == "UA"
    assert any("liberated" in span_text(result, span) for span in event["evidence"])


@pytest.mark.parametrize("geonameid", [VOVCHANSK, VELYKYI_BURLUK])
def test_towns_entered_by_ukrainian_troops_on_september_12(result, geonameid):
    events = [event for event in events_where(result, geonameid=geonameid) if event["territory"]]
    assert events, f"no territorial event at {geonameid}"
    assert events[0]["event_date"] == "2022-09-12"
    assert events[0]["territory"]["to"] == "UA"


def test_deaths_in_izium_with_claimant_and_hedge(result):
    deaths = [event for event in result["events"] if (event["fatalities_low"] or 0) >= 1000]
    assert deaths, "the toll of at least 1,000 is lost"
    event = deaths[0]
    assert event["geonameid"] == IZIUM
    assert event["fatalities_low"] == 1000
    assert event["fatalities"] == 1000
    assert event["fatalities_high"] is None or event["fatalities_high"] > 1000
    claims = [claim for claim in event["claims"] if "Strelnyk" in (claim["claimant"] or "")]
    assert claims
    claim = claims[0]
    assert "deputy" in claim["claimant_role"].lower() and "council" in claim["claimant_role"].lower()
    assert claim["claimant_side"] == "UA"
    assert claim["reported_date"] == "2022-09-12"
    hedges = " ".join(hedge for claim in event["claims"] for hedge in claim["hedges"])
    assert "at least" in hedges.lower()
    assert "higher" in hedges.lower()


def quantity_in_events(result, predicate):
    return [(event, quantity) for event in result["events"] for quantity in event["quantities"]
            if predicate(quantity)]


def test_infrastructure_destruction_over_80_percent(result):
    found = quantity_in_events(result, lambda q: q["low"] == 80 and (q["unit"] or "").startswith("percent"))
    assert found
    event, quantity = found[0]
    assert event["sub_event_type"] == "Looting/property destruction"
    assert quantity["qualifier"] == "more than"
    assert any("Strelnyk" in (claim["claimant"] or "") for claim in event["claims"])


def test_healthcare_destroyed_in_march_2022(result):
    events = [event for event in result["events"]
              if any("healthcare" in span_text(result, span) for span in event["evidence"])]
    assert events
    event = events[0]
    assert event["sub_event_type"] == "Looting/property destruction"
    assert event["date_start"] == "2022-03-01" and event["date_end"] == "2022-03-31"
    assert event["time_precision"] == 3


def test_pharmacies_looted(result):
    assert any(event["sub_event_type"] == "Looting/property destruction"
               and any("pharmacies" in span_text(result, span) for span in event["evidence"])
               for event in result["events"])


def test_residents_remaining_and_one_fifth(result):
    remaining = quantity_in_events(result, lambda q: q["value"] == 10000)
    assert remaining and remaining[0][1]["qualifier"] == "about"
    assert quantity_in_events(result, lambda q: q["value"] == pytest.approx(0.2))


def test_hundreds_taken_prisoner(result):
    found = quantity_in_events(result, lambda q: (q["qualifier"] or "").startswith("hundreds"))
    assert found and found[0][1]["low"] >= 100


def test_more_than_20_settlements_claimed_by_general_staff(result):
    found = quantity_in_events(result, lambda q: q["low"] == 20 and q["qualifier"] == "more than")
    assert found
    event = found[0][0]
    assert any("General Staff" in (claim["claimant"] or "") and claim["claimant_side"] == "UA"
               for claim in event["claims"])


def test_withdrawal_west_of_the_oskil_per_russian_mod(result):
    events = [event for event in result["events"]
              if any("withdrawing" in span_text(result, span) for span in event["evidence"])]
    assert events
    claims = [claim for event in events for claim in event["claims"]]
    assert any("Ministry of Defense" in (claim["claimant"] or "") and claim["claimant_side"] == "RU"
               for claim in claims)
    assert any(event["date_start"] == "2022-09-11" or event["date_end"] == "2022-09-11" for event in events)


def test_weekday_contradiction_is_warned(result):
    warnings = [w for w in result["warnings"] if w["code"] == "weekday_conflict"]
    assert warnings
    assert "Tuesday" in result["article"]["text"][warnings[0]["start"]:warnings[0]["end"]]


def test_main_event_first(result):
    assert result["events"][0]["sub_event_type"] == "Government regains territory"


def test_year_inferred_without_publication_date(pipeline, sample_path):
    raw = RawDocument(id="izyum-undated", text=sample_path.read_text(), origin=str(sample_path))
    result = pipeline(raw).as_json()
    [event] = events_where(result, geonameid=IZIUM, sub_event_type="Government regains territory")
    assert event["event_date"] == "2022-09-10"
    assert any(w["code"] == "year_inferred" for w in result["warnings"])
