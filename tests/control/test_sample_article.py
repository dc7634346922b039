"""Acceptance: the sample article alone gives Izium -> UA on 2022-09-10 and Vovchansk, Velykyi Burluk -> UA
on 2022-09-12, each with its evidence; the west bank of the Oskil resolves to settlements."""
import datetime as dt

import pytest

pytest.importorskip("frontwatch.geo.geoparse", reason="the pipeline needs the geoparser")

from frontwatch.control.statements import find_statements  # noqa: E402
from frontwatch.control.timeline import derive_changes  # noqa: E402

IZIUM, VOVCHANSK, VELYKYI_BURLUK = 707292, 689304, 690193


@pytest.fixture(scope="module")
def changes(sample_result):
    return {change.geonameid: change for change in derive_changes(find_statements(sample_result))}


@pytest.mark.parametrize("geonameid, day, word", [
    (IZIUM, dt.date(2022, 9, 10), "liberated"),
    (VOVCHANSK, dt.date(2022, 9, 12), "entered"),
    (VELYKYI_BURLUK, dt.date(2022, 9, 12), "entered"),
])
def test_settlement_changes_hands_with_evidence(changes, sample_result, geonameid, day, word):
    change = changes[geonameid]
    assert change.to_status == "UA"
    assert change.date == day
    text = sample_result.article.text
    spans = [text[e["start"]:e["end"]] for e in change.evidence]
    assert any(word in span for span in spans), spans
    assert all(e["quote"] in text for e in change.evidence)


def test_west_bank_of_the_oskil_resolves_to_settlements(sample_result):
    area = [s for s in find_statements(sample_result) if s.via_area]
    assert len({s.geonameid for s in area}) > 20
    assert {s.to_status for s in area} == {"UA"}  # Russian troops withdrawing -> Ukraine's
    assert all(s.claimant_side == "RU" for s in area)  # the Russian MoD map: the losing side admits it
