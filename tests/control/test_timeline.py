"""Weighing and ordering of control statements into changes (statements as the statement stage makes them)."""
import datetime as dt

from frontwatch.control.statements import CONTEST, ENTER, GAIN, LOSS, NAMED, REGAIN, STATE, ControlStatement
from frontwatch.control.timeline import derive_changes, settlement_changes, status_on

IZIUM = (707292, "Izyum", 49.21, 37.25)


def statement(day, to_status, kind=REGAIN, source="kyivindependent.com", claimant_side=None, hedged=False, article="a1"):
    gid, name, lat, lon = IZIUM
    return ControlStatement(gid, name, lat, lon, dt.date.fromisoformat(day), to_status, kind, article, source,
                            None, claimant_side, hedged, 0, 10, "quote")


def test_single_claim_of_the_gaining_side_is_claimed_not_confirmed():
    changes = derive_changes([statement("2022-09-10", "UA", source="ukrinform.net")])
    assert len(changes) == 1
    assert changes[0].status == "claimed" and changes[0].confidence < 0.5


def test_admission_by_the_losing_side_confirms():
    changes = derive_changes([statement("2022-09-10", "UA", source="ukrinform.net"),
                              statement("2022-09-11", "UA", source="tass.com", article="a2")])
    assert [c.status for c in changes] == ["confirmed"]
    assert changes[0].date == dt.date(2022, 9, 10)  # the earliest report dates the change
    assert changes[0].sources == ["tass.com", "ukrinform.net"]


def test_two_independent_outlets_confirm_and_reprints_do_not_add_weight():
    one = derive_changes([statement("2022-09-10", "UA", source="reuters.com")])[0]
    reprinted = derive_changes([statement("2022-09-10", "UA", source="reuters.com", article=f"a{i}") for i in range(5)])[0]
    two = derive_changes([statement("2022-09-10", "UA", source="reuters.com"),
                          statement("2022-09-10", "UA", source="bbc.co.uk", article="a2")])[0]
    assert one.confidence == reprinted.confidence < two.confidence
    assert reprinted.status == "claimed" and two.status == "confirmed"


def test_reversal_gives_two_changes_and_status_by_day():
    statements = [statement("2022-04-01", "RU", kind=GAIN, source="reuters.com"),
                  statement("2022-04-02", "RU", kind=GAIN, source="bbc.co.uk", article="a2"),
                  statement("2022-09-10", "UA", source="reuters.com", article="a3"),
                  statement("2022-09-11", "UA", kind=ENTER, source="bbc.co.uk", article="a4")]
    changes = settlement_changes(statements)[IZIUM[0]]
    assert [(c.from_status, c.to_status) for c in changes] == [("UA", "RU"), ("RU", "UA")]  # a capture implies UA held it
    assert status_on(changes, dt.date(2022, 3, 31))[0] == "unknown"
    assert status_on(changes, dt.date(2022, 6, 1))[0] == "RU"
    assert status_on(changes, dt.date(2022, 9, 10))[0] == "UA"


def test_holding_descriptions_support_but_never_open_a_change():
    assert derive_changes([statement("2022-09-13", "UA", kind=STATE)]) == []
    changes = derive_changes([statement("2022-09-10", "UA"), statement("2022-09-13", "UA", kind=STATE, article="a2")])
    assert len(changes) == 1 and len(changes[0].evidence) == 2


def test_uncorroborated_change_disputed_by_quick_contrary_report_is_dropped():
    statements = [statement("2023-01-01", "contested", kind=CONTEST, source="reuters.com"),
                  statement("2023-01-02", "contested", kind=CONTEST, source="bbc.co.uk", article="a2"),
                  statement("2023-01-05", "RU", kind=GAIN, source="tass.com", article="a3"),
                  statement("2023-01-07", "contested", kind=CONTEST, source="reuters.com", article="a4")]
    changes = settlement_changes(statements)[IZIUM[0]]
    assert [c.to_status for c in changes] == ["contested"]
    assert len(changes[0].statements) == 3


def test_fighting_implies_no_previous_holder():
    (change,) = derive_changes([statement("2023-01-01", "contested", kind=CONTEST, source="reuters.com")])
    assert change.from_status == "unknown"


def test_hedged_reports_weigh_less():
    plain = derive_changes([statement("2022-09-10", "UA", source="reuters.com")])[0]
    hedged = derive_changes([statement("2022-09-10", "UA", source="reuters.com", hedged=True)])[0]
    assert hedged.confidence < plain.confidence


def test_claims_repeated_in_several_reports_stand_as_claimed_despite_a_denial():
    statements = [statement("2023-01-01", "contested", kind=CONTEST, source="reuters.com"),
                  statement("2023-01-02", "contested", kind=CONTEST, source="bbc.co.uk", article="a2"),
                  statement("2023-01-05", "RU", kind=GAIN, source="CNN", claimant_side="RU", hedged=True, article="a3"),
                  statement("2023-01-07", "RU", kind=GAIN, source="CNN", claimant_side="RU", hedged=True, article="a4"),
                  statement("2023-01-08", "contested", kind=CONTEST, source="CNN", claimant_side="UA", article="a5")]
    changes = settlement_changes(statements)[IZIUM[0]]
    assert [c.to_status for c in changes] == ["contested", "RU", "contested"]
    assert changes[1].status == "claimed" and changes[1].date == dt.date(2023, 1, 5)


def test_fighting_and_a_withdrawal_reported_the_same_day_end_with_the_withdrawal():
    # Sievierodonetsk, 24 June 2022: "Fighting for Severodonetsk continues" and "Ukrainian forces are withdrawing".
    statements = [statement("2022-06-20", "contested", kind=CONTEST, source="censor.net"),
                  statement("2022-06-24", "RU", kind=LOSS, source="CNN", article="a0"),
                  statement("2022-06-24", "contested", kind=CONTEST, source="censor.net", article="a9")]
    changes = settlement_changes(statements)[IZIUM[0]]
    assert [(c.to_status, c.date) for c in changes] == [("contested", dt.date(2022, 6, 20)), ("RU", dt.date(2022, 6, 24))]


def test_a_change_named_by_its_noun_neither_confirms_a_claim_nor_saves_it_from_a_dispute():
    # Mariupol, April 2022: Russia says the city is cleared (16th), a Ukrainian outlet heads items "Occupation of
    # Mariupol: ..." (20th, 21st), and reports "Fight for Mariupol" (26th).
    statements = [statement("2022-03-10", "contested", kind=CONTEST, source="ukrinform.net"),
                  statement("2022-04-16", "RU", kind=LOSS, source="aljazeera.com", claimant_side="RU", article="a2"),
                  statement("2022-04-20", "RU", kind=NAMED, source="censor.net", article="a3"),
                  statement("2022-04-21", "RU", kind=NAMED, source="censor.net", article="a4")]
    changes = settlement_changes(statements)[IZIUM[0]]
    assert [(c.to_status, c.status) for c in changes] == [("contested", "claimed"), ("RU", "claimed")]
    statements.append(statement("2022-04-26", "contested", kind=CONTEST, source="censor.net", article="a5"))
    assert [c.to_status for c in settlement_changes(statements)[IZIUM[0]]] == ["contested"]


def test_the_losing_side_describing_the_town_as_held_confirms():
    statements = [statement("2022-03-02", "RU", kind=GAIN, source="CNN", claimant_side="RU"),
                  statement("2022-03-04", "RU", kind=STATE, source="ukrinform.net", article="a2")]
    (change,) = derive_changes(statements)
    assert change.status == "confirmed"
