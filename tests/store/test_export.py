"""`frontwatch export` and the shared writers: ACLED columns first, same filters as the API."""
import csv
import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest

from frontwatch import store
from frontwatch.cli import main
from frontwatch.formats import ACLED_COLUMNS, acled_row, feature_collection, write_events
from frontwatch.store.ledger import record_result

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


@pytest.fixture
def ledger_url(db_url, izium_reports):
    engine = store.open_engine(db_url)
    with engine.begin() as conn:
        for raw, result in izium_reports:
            record_result(conn, raw, result, NOW)
    return db_url


def test_acled_csv_has_acled_columns_first_and_filters_apply(ledger_url, capsysbinary):
    assert main(["export", "--db", ledger_url, "--format", "acled-csv", "--q", "Izium"]) == 0
    out = capsysbinary.readouterr().out.decode()
    rows = list(csv.DictReader(io.StringIO(out)))
    header = out.splitlines()[0].split(",")
    assert tuple(header[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert [row["location"] for row in rows] == ["Izium"]
    row = rows[0]
    assert (row["year"], row["disorder_type"], row["iso"], row["country"], row["region"]) == \
        ("2022", "Political violence", "804", "Ukraine", "Europe")
    assert row["n_sources"] == "3" and row["inter1"] == "State forces"


def test_geojson_jsonl_parquet(ledger_url, tmp_path, capsysbinary):
    assert main(["export", "--db", ledger_url, "--format", "geojson", "--bbox", "37,49,38,50"]) == 0
    collection = json.loads(capsysbinary.readouterr().out)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 2
    kupiansk = next(f for f in collection["features"] if f["properties"]["location"] == "Kupiansk")
    assert kupiansk["geometry"] == {"type": "Point", "coordinates": [37.61517, 49.71055]}
    assert main(["export", "--db", ledger_url, "--format", "jsonl", "--end", "2022-09-09"]) == 0
    assert capsysbinary.readouterr().out == b""
    target = tmp_path / "events.parquet"
    assert main(["export", "--db", ledger_url, "--format", "parquet", "-o", str(target)]) == 0
    table = pq.read_table(target)
    assert table.num_rows == 2 and tuple(table.column_names[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert sorted(table.column("location").to_pylist()) == ["Izium", "Kupiansk"]


def test_bad_export_arguments_are_one_line_errors(ledger_url, capsys):
    assert main(["export", "--db", ledger_url, "--start", "yesterday"]) == 2
    assert "start: 'yesterday' is not a date" in capsys.readouterr().err
    assert main(["export", "--db", ledger_url, "--format", "parquet"]) == 2
    assert "--output" in capsys.readouterr().err


def test_writers_take_extraction_events_too(izium_reports):
    _, result = izium_reports[0]
    events = result.as_json()["events"]
    row = acled_row(events[0])
    assert list(row)[:len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert (row["event_id_cnty"], row["year"], row["territory_to"]) == ("a1-1", 2022, "UA")
    assert feature_collection(events)["features"][0]["properties"]["location"] == "Izium"
    buffer = io.BytesIO()
    assert write_events(events, "acled-csv", buffer) == 1
    assert buffer.getvalue().decode().splitlines()[1].startswith("a1-1,2022-09-10,2022,1,Political violence,Battles,")
