"""`frontwatch control` and /api/control on a real ledger written by the store from pipeline outputs."""
import csv
import datetime as dt
import io
import json

import pytest

pytest.importorskip("frontwatch.geo.geoparse", reason="the pipeline needs the geoparser")

from fastapi.testclient import TestClient  # noqa: E402

from frontwatch.api.app import create_app  # noqa: E402
from frontwatch.cli import main  # noqa: E402
from frontwatch.control.commands import CSV_COLUMNS  # noqa: E402
from frontwatch.store import open_engine  # noqa: E402
from frontwatch.store.ledger import record_result  # noqa: E402


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, sample_raw, sample_result):
    url = f"sqlite:///{tmp_path_factory.mktemp('control') / 'ledger.sqlite'}"
    engine = open_engine(url)
    with engine.begin() as conn:
        record_result(conn, sample_raw, sample_result, dt.datetime.now(dt.timezone.utc))
    return url


def run(capsys, *argv):
    code = main(["control", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_place_timeline(capsys, ledger):
    code, out, _ = run(capsys, "--db", ledger, "--place", "Izium", "--format", "json")
    assert code == 0
    (izium,) = json.loads(out)
    assert izium["geonameid"] == 707292 and izium["status_now"] == "UA"
    first = izium["changes"][0]
    assert first["date"] == "2022-09-10" and first["to_status"] == "UA" and first["evidence"]


def test_changes_as_csv(capsys, ledger):
    code, out, _ = run(capsys, "--db", ledger, "--changes", "--from", "2022-09-01", "--to", "2022-09-30")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_id = {int(row["geonameid"]): row for row in rows}
    assert by_id[689304]["date"] == "2022-09-12" and by_id[689304]["to"] == "UA"
    assert {row["status"] for row in rows} <= {"confirmed", "claimed"}


def test_snapshot_geojson(capsys, ledger):
    code, out, _ = run(capsys, "--db", ledger, "--date", "2022-09-13", "--format", "geojson")
    assert code == 0
    areas = json.loads(out)
    statuses = {f["properties"].get("status") for f in areas["features"] if f["properties"]["kind"] == "area"}
    assert {"UA", "unknown"} <= statuses
    assert areas["settlements"]["UA"] >= 3


def test_snapshot_csv_lists_settlements_with_evidence(capsys, ledger):
    code, out, _ = run(capsys, "--db", ledger, "--date", "2022-09-11", "--format", "csv")
    assert code == 0
    rows = {int(row["geonameid"]): row for row in csv.DictReader(io.StringIO(out))}
    assert rows[707292]["control"] == "UA" and rows[707292]["since"] == "2022-09-10"
    assert 689304 not in rows  # Vovchansk: entered on the 12th


def test_before_any_report_everything_is_unknown(capsys, ledger):
    code, out, _ = run(capsys, "--db", ledger, "--date", "2022-01-01")
    assert code == 0 and "UA 0, RU 0, contested 0" in out


def test_bad_date_is_a_clear_error(capsys, ledger):
    code, _, err = run(capsys, "--db", ledger, "--date", "13/09/2022")
    assert code == 2 and "--date" in err and "YYYY-MM-DD" in err and "Traceback" not in err


def test_unknown_place_is_a_clear_error(capsys, ledger):
    code, _, err = run(capsys, "--db", ledger, "--place", "Atlantis")
    assert code == 2 and "Atlantis" in err


def test_empty_place_is_a_clear_error_not_a_list_of_changes(capsys, ledger):
    code, out, err = run(capsys, "--db", ledger, "--place", "")
    assert code == 2 and "place" in err and out == ""


def test_api_control_layer(ledger):
    client = TestClient(create_app(ledger))
    areas = client.get("/api/control/areas", params={"date": "2022-09-13"})
    assert areas.status_code == 200 and areas.json()["type"] == "FeatureCollection"
    points = client.get("/api/control", params={"date": "2022-09-13"}).json()
    assert any(f["properties"]["geonameid"] == 707292 and f["properties"]["status"] == "UA" for f in points["features"])
    timeline = client.get("/api/control/timeline", params={"place": "Izyum"}).json()
    assert timeline[0]["changes"][0]["date"] == "2022-09-10"
    bad = client.get("/api/control/areas", params={"date": "yesterday"})
    assert bad.status_code == 400
