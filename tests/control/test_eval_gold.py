"""The gold transitions as the control eval reads them, and the matching rule, on the real dev file."""
import datetime as dt

import pytest

from frontwatch.config import shared_dir
from frontwatch.evaluate.control import GoldTransition, load_gold, score_changes
from frontwatch.model import ControlChange

GOLD = shared_dir() / "eval" / "control" / "wikipedia_control_transitions_dev.csv"


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD)


def test_relabellings_and_non_control_rows_are_left_out(gold):
    transitions, skipped, _ = gold
    assert skipped > 0 and len(transitions) + skipped == 500
    assert {t.to_status for t in transitions} == {"UA", "RU", "contested"}


def test_as_of_dates_the_change_unless_stale_or_missing(gold):
    transitions, _, _ = gold
    by_line = {t.line: t for t in transitions}
    horodnia = by_line[102]  # Horodnia: as_of 2 April 2022, scraped 2022-04-05
    assert (horodnia.date, horodnia.date_source) == (dt.date(2022, 4, 2), "as_of")
    dovhenke = by_line[183]  # Dovhenke -> Ukraine "as of 26 April", scraped 2022-05-26: stale
    assert (dovhenke.date, dovhenke.date_source) == (dt.date(2022, 5, 26), "snapshot")
    assert all(t.date_source == "snapshot" for t in by_line.values() if t.line <= 7)  # as_of empty


def test_reverted_edits_are_left_out(gold):
    transitions, _, _ = gold
    lines = {t.line for t in transitions}
    # Konotop -> Ukraine (3 April), back to Russia (scraped 6 April), -> Ukraine as of 6 April: only the last stands.
    assert 103 not in lines and 109 not in lines and 122 in lines
    # Horodnia -> Ukraine (scraped 3 April), back to Russia the next day, -> Ukraine as of 2 April.
    assert 87 not in lines and 100 not in lines and 102 in lines


def test_gold_settlements_resolve_to_geonames(gold):
    transitions, _, _ = gold
    izium = [t for t in transitions if t.name == "Izium"]
    assert izium and all(t.geonameid == 707292 for t in izium)


def _change(transition: GoldTransition, days=0, to_status=None, shift_km=0.0):
    return ControlChange(transition.geonameid or 0, transition.name, transition.latitude + shift_km / 111.0,
                         transition.longitude, transition.date + dt.timedelta(days=days), None,
                         to_status or transition.to_status, "claimed", 0.5)


def test_matching_needs_place_direction_and_three_days(gold):
    transitions, _, _ = gold
    izium = next(t for t in transitions if t.name == "Izium")
    assert score_changes([_change(izium, days=3)], [izium]).true_positives == 1
    assert score_changes([_change(izium, days=4)], [izium]).true_positives == 0
    wrong = "UA" if izium.to_status != "UA" else "RU"
    assert score_changes([_change(izium, to_status=wrong)], [izium]).true_positives == 0
    other = ControlChange(1, "elsewhere", izium.latitude + 0.1, izium.longitude, izium.date, None, izium.to_status, "claimed", 0.5)
    assert score_changes([other], [izium]).true_positives == 0  # 11 km away
    near = ControlChange(1, "elsewhere", izium.latitude + 0.04, izium.longitude, izium.date, None, izium.to_status, "claimed", 0.5)
    assert score_changes([near], [izium]).true_positives == 1  # 4.4 km away


def test_one_change_matches_one_transition(gold):
    transitions, _, _ = gold
    izium = next(t for t in transitions if t.name == "Izium")
    score = score_changes([_change(izium), _change(izium, days=1)], [izium])
    assert score.true_positives == 1 and score.precision == 0.5 and score.recall == 1.0
    assert score.median_date_error == 0


def test_reachability_reads_the_corpus_text(gold):
    from frontwatch.evaluate.control import reachable_transitions
    from frontwatch.model import RawDocument

    transitions, _, _ = gold
    kreminna = [t for t in transitions if t.name == "Kreminna" and t.date == dt.date(2022, 4, 18)]
    assert kreminna
    named = RawDocument("r1", text="Russians seize eastern Ukrainian city of Kreminna, regional military governor says",
                        published=dt.date(2022, 4, 19))
    too_late = RawDocument("r2", text=named.text, published=dt.date(2022, 4, 22))
    assert reachable_transitions(kreminna, [named]) == kreminna
    assert reachable_transitions(kreminna, [too_late]) == []
    # ruwa 2022-04-18, censor.net: the town named, but in a sentence about shelling, not about who holds it
    shelled = RawDocument("r3", text="Ukraine: Russians fired at ambulance went to Kreminna to pick up wounded, - Haidai",
                          published=dt.date(2022, 4, 18))
    assert reachable_transitions(kreminna, [shelled]) == []


def _settlement_change(geonameid: int, day: dt.date, to_status: str) -> ControlChange:
    from frontwatch.control.settlements import load_settlements

    settlements = load_settlements()
    i = settlements.index_of[geonameid]
    return ControlChange(geonameid, settlements.name[i], float(settlements.latitude[i]), float(settlements.longitude[i]),
                         day, None, to_status, "claimed", 0.5)


def test_a_village_matches_its_own_record_before_a_neighbour(gold):
    transitions, _, _ = gold
    kalynivske = [t for t in transitions if t.geonameid == 707190 and t.date == dt.date(2022, 11, 9)]
    assert kalynivske
    neighbour = _settlement_change(704368, dt.date(2022, 11, 9), "UA")  # Kokhanivka, 1.2 km away
    own = _settlement_change(707190, dt.date(2022, 11, 9), "UA")
    score = score_changes([neighbour, own], kalynivske)
    assert score.true_positives == 1 and score.false_positives == [neighbour]


def test_only_settlements_the_table_follows_are_judged(gold):
    from frontwatch.evaluate.control import _is_tracked, _tracked_places

    tracked = _tracked_places(gold[2])
    assert _is_tracked(_settlement_change(707190, dt.date(2022, 11, 9), "UA"), tracked)  # Kalynivske
    assert not _is_tracked(_settlement_change(704368, dt.date(2022, 11, 9), "UA"), tracked)  # Kokhanivka by it
    # Kharkiv's only edits were an edit war (3-4 March 2022), left out of the transitions: the table still follows it.
    assert not [t for t in gold[0] if t.name == "Kharkiv"]
    assert _is_tracked(_settlement_change(706483, dt.date(2022, 5, 14), "UA"), tracked)


def test_a_malformed_gold_row_is_a_clear_error(tmp_path):
    from frontwatch.errors import InputError

    bad = tmp_path / "transitions.csv"
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], lines[1].replace(lines[1].split(",")[0], "03/03/2022", 1)]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: snapshot_date '03/03/2022'"):
        load_gold(bad)
