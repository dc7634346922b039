"""`frontwatch ingest` / `reextract` with the real pipeline on real inputs (sample article, corpus headlines)."""
import csv
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from frontwatch import store
from frontwatch.cli import main
from frontwatch.store import corrections as co
from frontwatch.store.fingerprint import ledger_fingerprint
from frontwatch.store.queries import ledger_counts

SAMPLE = "samples/izyum-liberation-2022-09.txt"


def _headlines(shared_dir, target, name, rows):
    """The first `rows` lines of a corpus CSV (its header makes the reader pick the corpus preset)."""
    with open(shared_dir / "corpus" / name, newline="", encoding="utf-8") as source, \
            open(target / name, "w", newline="", encoding="utf-8") as out:
        reader = csv.reader(source)
        writer = csv.writer(out)
        for index, row in enumerate(reader):
            if index > rows:
                break
            writer.writerow(row)


def _sample_and_headlines(shared_dir, tmp_path, ruwa_rows: int, cnn_rows: int = 0):
    """An input folder: the sample article and the first rows of the headline corpora."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(shared_dir / SAMPLE, folder / "izyum.txt")
    _headlines(shared_dir, folder, "ruwa_headlines_dev.csv", ruwa_rows)
    if cnn_rows:
        _headlines(shared_dir, folder, "cnn_liveblog_headlines_dev.csv", cnn_rows)
    return folder


@pytest.fixture
def inputs(tmp_path, shared_dir):
    return _sample_and_headlines(shared_dir, tmp_path, 30, 15)


def test_ingest_then_rerun_adds_nothing(db_url, inputs, pipeline, capsys):
    assert main(["ingest", str(inputs), "--db", db_url]) == 0
    first = capsys.readouterr().err
    engine = store.open_engine(db_url)
    counts = ledger_counts(engine)
    assert counts["articles"] >= 40 and counts["events"] >= 1
    assert "ingested" in first and "items/s" in first
    fingerprint = ledger_fingerprint(engine)
    assert main(["ingest", str(inputs), "--db", db_url]) == 0
    second = capsys.readouterr().err
    assert f"ingested 0, duplicate {counts['articles']}" in second
    assert ledger_fingerprint(engine) == fingerprint
    izium = store.search_events(engine, store.EventFilters.from_params(
        q="Izyum liberated", sub_event_type="Government regains territory"))
    assert [(event["event_date"], event["geonameid"]) for event in izium] == [("2022-09-10", 707292)]


def test_failed_inputs_are_kept_with_reason_and_retried(sqlite_url, tmp_path, shared_dir, pipeline, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "late.txt").write_bytes(b"")
    assert main(["ingest", str(folder), "--db", sqlite_url]) == 1  # nothing could be processed
    err = capsys.readouterr().err
    assert "failed 1" in err and "late.txt" in err
    engine = store.open_engine(sqlite_url)
    assert ledger_counts(engine)["failed"] == 1
    assert main(["ingest", str(folder), "--db", sqlite_url]) == 0  # not retried unless asked
    assert "skipped 1 that failed before" in capsys.readouterr().err
    shutil.copy(shared_dir / SAMPLE, folder / "late.txt")
    assert main(["ingest", "--retry-failed", "--db", sqlite_url, "--published", "2022-09-13"]) == 0
    counts = ledger_counts(engine)
    assert (counts["articles"], counts["failed"]) == (1, 0)


def test_reextract_keeps_accepted_corrections(db_url, shared_dir, pipeline, capsys):
    assert main(["ingest", str(shared_dir / SAMPLE), "--db", db_url, "--published", "2022-09-13"]) == 0
    engine = store.open_engine(db_url)
    event = store.search_events(engine, store.EventFilters.from_params(q="Izyum liberated"))[0]
    correction = co.submit_correction(engine, selection="Izium", event_id=event["id"], fix={"fatalities": 7777})
    co.accept_correction(engine, correction["id"], reviewer="alice")
    before = ledger_counts(engine)
    assert main(["reextract", "--db", db_url]) == 0
    assert "corrections re-attached 1, lost 0" in capsys.readouterr().err
    after = ledger_counts(engine)
    assert (after["articles"], after["events"], after["reports"]) == (before["articles"], before["events"], before["reports"])
    retargeted = co.get_correction(engine, correction["id"])
    fixed = store.get_event(engine, retargeted["event_id"])
    assert fixed["fatalities"] == 7777 and fixed["sub_event_type"] == event["sub_event_type"]
    assert fixed["id"] == event["id"]  # unchanged extraction: the event keeps its id (links stay valid)
    assert [h["action"] for h in retargeted["history"]] == ["submitted", "accepted", "reapplied"]


def _ingest_process(inputs, db, *extra):
    return subprocess.Popen([sys.executable, "-m", "frontwatch", "ingest", str(inputs), "--db", str(db), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.mark.slow
def test_kill_9_then_rerun_equals_an_uninterrupted_run(tmp_path, shared_dir, pipeline):
    inputs = _sample_and_headlines(shared_dir, tmp_path, 20)
    whole, killed = tmp_path / "whole.sqlite", tmp_path / "killed.sqlite"
    assert main(["ingest", str(inputs), "--db", str(whole), "--batch-size", "2"]) == 0
    engine = store.open_engine(str(killed))  # created before the writer starts, so polling never races it
    process = _ingest_process(inputs, killed, "--batch-size", "2")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None and ledger_counts(engine)["articles"] < 4:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)  # mid-run: some batches committed, one in flight, more to come
    process.wait()
    partial = ledger_counts(engine)["articles"]
    total = ledger_counts(store.open_engine(str(whole)))["articles"]
    assert 0 < partial < total
    assert main(["ingest", str(inputs), "--db", str(killed), "--batch-size", "2"]) == 0
    assert ledger_counts(engine)["articles"] == total
    assert ledger_fingerprint(engine) == ledger_fingerprint(store.open_engine(str(whole)))


@pytest.mark.slow
def test_dask_workers_build_the_same_ledger(tmp_path, shared_dir, pipeline):
    inputs = _sample_and_headlines(shared_dir, tmp_path, 30)
    local, spread = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    assert main(["ingest", str(inputs), "--db", str(local)]) == 0
    assert main(["ingest", str(inputs), "--db", str(spread), "--workers", "2", "--batch-size", "8"]) == 0
    assert ledger_fingerprint(store.open_engine(str(spread))) == ledger_fingerprint(store.open_engine(str(local)))
