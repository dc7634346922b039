"""Control statements in real headlines of the corpora, through the real pipeline."""
import datetime as dt

import pytest

pytest.importorskip("frontwatch.geo.geoparse", reason="the pipeline needs the geoparser")

from frontwatch.control.statements import find_statements  # noqa: E402
from frontwatch.model import RawDocument  # noqa: E402

HEADLINES = {
    # ruwa 2022-04-19, reuters.com
    "kreminna": ("Regional governor says Russian forces have seized east Ukrainian city of Kreminna", "2022-04-19", "reuters.com"),
    # cnn 2023-05-01
    "bakhmut_not_yet": ("Russia still hasn't completely captured Bakhmut, Ukraine military says", "2023-05-01", "CNN"),
    # cnn 2022-03-17: a person captured, not a town
    "mayor": ("Mayor of Velykoburlutska in northeastern Ukraine \"captured\" by Russian forces, Kharkiv official says", "2022-03-17", "CNN"),
    # ruwa 2022-11-13: an area with no place to anchor it
    "dnipro": ("Ukrainian military says it has liberated 179 settlements on the west bank of the Dnipro River", "2022-11-13", "reuters.com"),
    # ruwa 2022-04-01: a region, not the city
    "region": ("Russians retreating from Chernihiv region - local administration chief", "2022-04-01", "ukrinform.net"),
    # cnn 2022-03-31: the participle describes the city
    "retaken": ("CNN was granted rare access to the retaken Ukrainian city of Irpin. Here's what our reporters saw.", "2022-03-31", "CNN"),
    # ruwa 2022-03-15, title + description as the CSV reader joins them
    "siege": ("Izium under siege for two weeks, the situation not better than in Mariupol\n\nThe city of Izium has been "
              "under siege for two weeks, and the situation is now not better than in Mariupol. — Ukrinform.", "2022-03-15",
              "ukrinform.net"),
}


@pytest.fixture(scope="module")
def statements(pipeline):
    raws = [RawDocument(key, text=text, published=dt.date.fromisoformat(day), source=source)
            for key, (text, day, source) in HEADLINES.items()]
    return {result.id: find_statements(result) for result in pipeline.pipe(raws)}


def test_capture_reported_by_the_losing_side(statements):
    (kreminna,) = statements["kreminna"]
    assert (kreminna.name, kreminna.to_status, kreminna.date) == ("Kreminna", "RU", dt.date(2022, 4, 19))


def test_denied_or_personal_captures_are_not_changes(statements):
    assert statements["bakhmut_not_yet"] == []
    assert statements["mayor"] == []
    assert statements["region"] == []


def test_area_without_anchor_is_not_guessed(statements):
    assert statements["dnipro"] == []


def test_adjective_supports_only(statements):
    assert [s.kind for s in statements["retaken"]] == ["state"]


def test_siege_is_contested(statements):
    assert {(s.name, s.to_status) for s in statements["siege"]} == {("Izyum", "contested")}
