"""build_events on real texts through the real dates / quantities / attribution stages.

The geoparser is another stage; here the event stage runs with no places (a legitimate input: a text
that names none) so that types, dates, numbers and claims are checked on their own. The full pipeline
with places is checked by tests/pipeline/test_sample_article.py.
"""
import datetime as dt
import json
import time
from pathlib import Path

import jsonschema
import pytest

from frontwatch.config import shared_dir
from frontwatch.events.assemble import build_events
from frontwatch.model import to_dict

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "frontwatch" / "schema" / "extraction.schema.json"


@pytest.fixture(scope="module")
def sample_events(annotate, sample_text):
    article, doc, dates, quantities, claims = annotate(sample_text, dt.date(2022, 9, 13))
    return [to_dict(event) for event in build_events("izyum", article, doc, [], dates, quantities, claims)]


def text_of(sample_text, span):
    return sample_text[span["start"]:span["end"]]


def with_evidence(events, sample_text, words):
    return [e for e in events if any(words in text_of(sample_text, span) for span in e["evidence"])]


def test_main_event_is_the_retaking_of_izium(sample_events, sample_text):
    event = sample_events[0]
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Government regains territory")
    assert event["event_date"] == "2022-09-10" and event["time_precision"] == 1
    assert event["territory"] == {"from_": "RU", "to": "UA"}
    assert (event["actor1"], event["side1"]) == ("Military Forces of Ukraine (2019-)", "UA")
    assert event["actor2"] == "Military Forces of Russia (2000-)"
    assert any("liberated Izyum" in text_of(sample_text, span) for span in event["evidence"])


def test_toll_is_one_event_with_low_bound_claimant_and_hedges(sample_events):
    deaths = [e for e in sample_events if e["fatalities_low"]]
    assert len(deaths) == 1, "the two mentions of the same 1,000 deaths must merge"
    event = deaths[0]
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_best"], event["fatalities_high"]) == (1000, 1000, 1000, None)
    assert event["side2"] == "civilians" and event["civilian_targeting"] == "Civilian targeting"
    assert (event["date_start"], event["time_precision"]) == ("2022-03-13", 3)  # "over the past six months": a period total
    assert len(event["evidence"]) >= 2
    first = event["claims"][0]
    assert first["claimant"] == "Maksym Strelnyk" and first["claimant_side"] == "UA"
    assert first["reported_date"] == "2022-09-12"
    hedges = " ".join(h for claim in event["claims"] for h in claim["hedges"])
    assert "at least" in hedges and "higher" in hedges


def test_destruction_and_looting_are_separate_events_with_dates_and_claimant(sample_events, sample_text):
    [healthcare] = with_evidence(sample_events, sample_text, "healthcare")
    assert healthcare["sub_event_type"] == "Looting/property destruction"
    assert (healthcare["date_start"], healthcare["date_end"], healthcare["time_precision"]) == ("2022-03-01", "2022-03-31", 3)
    assert healthcare["side1"] == "RU"
    [pharmacies] = with_evidence(sample_events, sample_text, "pharmacies")
    assert pharmacies["sub_event_type"] == "Looting/property destruction" and pharmacies is not healthcare
    [infrastructure] = with_evidence(sample_events, sample_text, "80%")
    assert infrastructure["sub_event_type"] == "Looting/property destruction"
    assert any(q["low"] == 80 and q["qualifier"] == "more than" for q in infrastructure["quantities"])
    assert any(c["claimant"] == "Maksym Strelnyk" for c in infrastructure["claims"])
    assert with_evidence(sample_events, sample_text, "heating system")


def test_sweep_claimed_by_general_staff_is_dated_by_the_event_not_the_statement(sample_events):
    [sweep] = [e for e in sample_events if any(q["low"] == 20 for q in e["quantities"])]
    assert sweep["sub_event_type"] == "Government regains territory"
    assert (sweep["date_start"], sweep["date_end"]) == ("2022-09-11", "2022-09-12")  # "in the last 24 hours"
    assert any("General Staff" in c["claimant"] and c["claimant_side"] == "UA" for c in sweep["claims"])


def test_withdrawal_claimed_by_russian_ministry(sample_events, sample_text):
    [withdrawal] = with_evidence(sample_events, sample_text, "withdrawing")
    assert withdrawal["sub_event_type"] == "Change to group/activity"
    assert withdrawal["side1"] == "RU" and withdrawal["event_date"] == "2022-09-11"
    assert any("Ministry of Defense" in c["claimant"] and c["claimant_side"] == "RU" for c in withdrawal["claims"])


def test_context_figures_join_an_event(sample_events):
    quantities = [q for e in sample_events for q in e["quantities"]]
    assert any(q["value"] == 10000 and q["qualifier"] == "about" for q in quantities)
    assert any(q["value"] == pytest.approx(0.2) for q in quantities)
    assert any((q["qualifier"] or "").startswith("hundreds") for q in quantities)


def test_every_event_is_valid_acled_and_stable(sample_events, annotate, sample_text):
    schema = json.loads(SCHEMA.read_text())
    ids = [e["event_id"] for e in sample_events]
    assert len(set(ids)) == len(ids)
    article, doc, dates, quantities, claims = annotate(sample_text, dt.date(2022, 9, 13))
    again = build_events("izyum", article, doc, [], dates, quantities, claims)
    assert [e.event_id for e in again] == ids
    other = build_events("another-article", article, doc, [], dates, quantities, claims)
    assert not set(e.event_id for e in other) & set(ids)
    for event in sample_events:
        assert event["evidence"] and 0 <= event["confidence"] <= 1
        assert event["side1"] and event["side2"]
        data = dict(event, territory=None if event["territory"] is None else
                    {"from": event["territory"]["from_"], "to": event["territory"]["to"]})
        jsonschema.validate(data, schema["$defs"]["event"] | {"$defs": schema["$defs"]})


def test_event_stage_is_fast(annotate, sample_text):
    article, doc, dates, quantities, claims = annotate(sample_text, dt.date(2022, 9, 13))
    started = time.perf_counter()
    for _ in range(5):
        build_events("izyum", article, doc, [], dates, quantities, claims)
    assert (time.perf_counter() - started) / 5 < 0.25  # spaCy alone takes ~0.1 s per article of this size


def test_non_conflict_sentences_yield_no_event(annotate):
    """The quantulum3 gold sentences: measurements, prices, science news — nothing for a conflict ledger."""
    sentences = [item["req"] for item in json.loads((shared_dir() / "eval/quantities/quantulum3/quantities.json").read_text())]
    text = "\n".join(sentences)
    article, doc, dates, quantities, claims = annotate(text, dt.date(2020, 1, 1))
    events = build_events("q3", article, doc, [], dates, quantities, claims)
    assert [text[e.evidence[0].start:e.evidence[0].end] for e in events] == []


@pytest.mark.parametrize("headline, best", [
    ("Two shot dead as Ukraine police storm Kiev protest", 2),  # UCDP GED 147997
    ("Dead man found hanging on Kiev's Independence Square - police", 1),  # UCDP GED 149221
])
def test_ucdp_headlines_give_an_event_with_the_toll(annotate, headline, best):
    article, doc, dates, quantities, claims = annotate(headline, dt.date(2014, 1, 22))
    events = build_events("h", article, doc, [], dates, quantities, claims)
    assert events
    event = events[0]
    assert event.fatalities_best == best and 1 <= event.fatalities_low <= best and event.fatalities_high == best
    # An undated report: on the day of the report or the day before.
    assert (event.date_start, event.date_end) == (dt.date(2014, 1, 21), dt.date(2014, 1, 22))
    assert event.time_precision == 2


def test_a_toll_for_a_whole_region_is_a_ceiling_for_one_event(annotate):
    article, doc, dates, quantities, claims = annotate("Six killed in east Ukraine fighting: officials", dt.date(2014, 8, 13))
    [event] = build_events("h", article, doc, [], dates, quantities, claims)
    assert event.sub_event_type == "Armed clash"
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (1, 6, 6)
    assert "whole area" in event.notes


# Sentences of ../shared/corpus/war-articles that recall history: background, not events of the report's day.
@pytest.mark.parametrize("text, published", [
    ("– Per the Molotov-Ribbentrop-Pact (1939), Russia colluded with Germany in joint occupation of part of what "
     "was then Poland.", dt.date(2022, 3, 2)),
    ("When the USSR deployed ballistic missiles to Cuba in the 1960s, their proximity to the US nearly unleashed a "
     "third world war.", dt.date(2023, 7, 10)),
    ("After the terror attacks on September 11, 2001, then-President George W. Bush declared that every country "
     "in every region had a choice to make.", dt.date(2024, 4, 27)),
])
def test_history_a_story_recalls_is_no_event(annotate, text, published):
    article, doc, dates, quantities, claims = annotate(text, published)
    assert build_events("history", article, doc, [], dates, quantities, claims) == []


def test_an_act_months_before_the_report_is_still_an_event(annotate):
    article, doc, dates, quantities, claims = annotate(
        "In March, Russian forces shelled the Kharkiv maternity hospital, killing two.", dt.date(2022, 9, 14))
    [event] = build_events("recalled", article, doc, [], dates, quantities, claims)
    assert (event.sub_event_type, event.date_start, event.date_end) == (
        "Shelling/artillery/missile attack", dt.date(2022, 3, 1), dt.date(2022, 3, 31))


def test_retook_is_a_retaking_and_a_slim_chance_of_one_is_none(annotate):
    article, doc, dates, quantities, claims = annotate("Ukrainian forces retook the village on Monday.", dt.date(2023, 8, 29))
    [event] = build_events("retook", article, doc, [], dates, quantities, claims)
    assert (event.sub_event_type, event.side1) == ("Government regains territory", "UA")
    article, doc, dates, quantities, claims = annotate(  # an op-ed in ../shared/corpus/war-articles
        "To its credit, the administration seems clear-eyed enough to privately acknowledge Ukraine's chances for "
        "retaking additional territory are slim.", dt.date(2024, 4, 27))
    assert build_events("chances", article, doc, [], dates, quantities, claims) == []


def test_each_sides_account_of_one_clash_is_one_event_with_both_claims(pipeline):
    # Moscow and Kyiv on one fight near Bakhmut: one event, both claimants and both tolls kept as said
    from frontwatch.model import RawDocument
    text = ("The Russian Defence Ministry said its forces killed 200 Ukrainian servicemen near Bakhmut. "
            "Ukraine's military said 35 Russian soldiers were killed in the clash near Bakhmut.")
    [event] = pipeline(RawDocument(id="two-accounts", text=text, published=dt.date(2023, 1, 20), origin="test")).events
    assert event.location == "Bakhmut" and event.event_type == "Battles"
    assert {claim.claimant_side for claim in event.claims} == {"RU", "UA"}
    assert sorted(c["low"] for c in event.casualties if c["kind"] == "killed") == [35, 200]
    # A second fight the same side tells of stays its own event.
    text = ("Russian forces shelled Kharkiv on Monday, killing three civilians, the governor said. "
            "Russian troops also attacked Ukrainian positions near Bakhmut, the General Staff said.")
    assert len(pipeline(RawDocument(id="two-fights", text=text, published=dt.date(2023, 1, 20), origin="test")).events) == 2


def test_police_firing_on_protesters_and_killing_is_excessive_force(annotate):
    article, doc, dates, quantities, claims = annotate("Police opened fire on protesters in the capital on Friday, killing two, witnesses said.",
                                                       dt.date(2021, 3, 1))
    [event] = build_events("fire", article, doc, [], dates, quantities, claims)
    assert (event.sub_event_type, event.side1, event.fatalities_best) == ("Excessive force against protesters", "unknown", 2)
    assert event.actor1.startswith("Military Forces")


def test_the_state_named_as_officers_or_authorities_is_the_actor(annotate):
    # CASE 2021 snippet 3 (FORCE_AGAINST_PROTEST) and an arrest by the authorities
    article, doc, dates, quantities, claims = annotate(
        "Officers brutally attacked and injured a peaceful student demonstration held January 30 in the Indian capital.", dt.date(2020, 2, 1))
    event = build_events("officers", article, doc, [], dates, quantities, claims)[0]
    assert event.inter1 == 1
    article, doc, dates, quantities, claims = annotate("Local authorities arrested three activists in Minsk.", dt.date(2021, 3, 1))
    [event] = build_events("arrest", article, doc, [], dates, quantities, claims)
    assert (event.sub_event_type, event.inter1) == ("Arrests", 1)


def test_a_claimant_titled_before_the_name_keeps_the_whole_name(annotate):
    # the small NER tags only "Honcharenko": the given name before it is part of the name, the title the role
    article, doc, dates, quantities, claims = annotate(
        "Kramatorsk mayor Oleksandr Honcharenko said a missile hit the city centre overnight, killing two.", dt.date(2023, 1, 20))
    [event] = build_events("mayor", article, doc, [], dates, quantities, claims)
    [claim] = event.claims
    assert (claim.claimant, claim.claimant_role, claim.claimant_side) == ("Oleksandr Honcharenko", "Kramatorsk mayor", "UA")


@pytest.mark.parametrize("headline", [
    "Four Ukrainian soldiers killed, 8 wounded in Donbas in past 24 hours - JFO HQ",  # UCDP GED 301333: Donbas is an area (GeoNames L/RGN)
    "Two DPR servicemen killed in shelling by Ukrainian troops in past week",  # UCDP GED 232420: the republic is no site
    "Two Ukrainian troops, one civilian killed in rebel east: military",  # UCDP GED 225859: "Ukrainian" names a side
])
def test_a_toll_for_donbas_a_republic_or_the_east_is_a_ceiling(pipeline, headline):
    from frontwatch.model import RawDocument
    event = pipeline(RawDocument(id="area", text=headline, published=dt.date(2018, 6, 1), origin="test")).events[0]
    assert event.fatalities_low == 1 and event.fatalities_best == event.fatalities_high > 1
    assert "whole area" in event.notes
