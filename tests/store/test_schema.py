"""The schema migrates on both backends and the query API answers on an empty ledger."""
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from frontwatch import store
from frontwatch.errors import InputError
from frontwatch.store.database import normalise_url
from frontwatch.store.migrations import LATEST, migrate
from frontwatch.store.schema import schema_version


def test_new_ledger_is_at_latest_version_and_migration_is_idempotent(db_url):
    engine = store.open_engine(db_url)
    assert migrate(engine) == LATEST  # a second run changes nothing
    with engine.connect() as conn:
        versions = conn.execute(select(schema_version.c.version)).scalars().all()
        assert versions == list(range(1, LATEST + 1))
        tables = set(inspect(conn).get_table_names())
    assert {"articles", "places", "events", "reports", "claims", "corrections", "correction_history",
            "api_tokens", "rate_limits"} <= tables
    assert store.ledger_counts(engine)["events"] == 0


def test_backend_search_structures_exist(db_url):
    engine = store.open_engine(db_url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
            assert {"events_fts", "events_rtree"} <= names
        else:
            assert conn.execute(text("SELECT extname FROM pg_extension WHERE extname='postgis'")).scalar() == "postgis"
            indexes = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename='events'")).scalars())
            assert {"ix_events_geom", "ix_events_search_tsv"} <= indexes


@pytest.mark.parametrize("params, parameter", [
    ({"start": "2022-13-01"}, "start"),
    ({"bbox": "30,50,20"}, "bbox"),
    ({"bbox": "40,45,30,52"}, "bbox"),
    ({"start": "2022-09-10", "end": "2022-09-01"}, "start"),
    ({"colour": "red"}, "filters"),
])
def test_bad_filters_name_the_parameter(params, parameter):
    with pytest.raises(InputError) as error:
        store.EventFilters.from_params(**params)
    assert error.value.source == parameter


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bare_db_url(request, tmp_path):
    """An empty database that has never been migrated."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = "bare_" + tmp_path.name[-8:].replace("-", "_").lower()
    server.execute(f"CREATE DATABASE {name}")
    yield server.url(name)
    store.close_engine(server.url(name))
    server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_version_1_ledger_is_migrated_step_by_step(bare_db_url):
    from sqlalchemy import create_engine

    from frontwatch.store.migrations import STEPS, _stamp, current_version

    old = create_engine(normalise_url(bare_db_url))
    with old.begin() as conn:
        STEPS[0](conn)
        conn.execute(text("CREATE INDEX ix_reports_match ON reports (event_type, date_start)"))
        conn.execute(text("DROP INDEX ix_events_match"))  # as version 1 shipped
        _stamp(conn, [1])
    assert migrate(old) == LATEST
    with old.connect() as conn:
        assert current_version(conn) == LATEST
        assert "ix_events_match" in {index["name"] for index in inspect(conn).get_indexes("events")}
        assert "ix_reports_match" not in {index["name"] for index in inspect(conn).get_indexes("reports")}
    old.dispose()


@pytest.mark.parametrize("command, url, message", [
    ("export", "mysql://host/db", "unsupported database 'mysql'"),
    ("export", "postgresql://nobody@127.0.0.1:1/none", "cannot open the ledger postgresql+psycopg://nobody@127.0.0.1:1/none"),
    ("ingest", "/proc/ledger.sqlite", "cannot open the ledger sqlite:////proc/ledger.sqlite"),
    ("export", "/etc/hostname", "cannot open the ledger sqlite:////etc/hostname: file is not a database"),
    ("export", "/nonexistent/ledger.sqlite", "no ledger at /nonexistent/ledger.sqlite"),
    ("reextract", "/nonexistent/ledger.sqlite", "no ledger at /nonexistent/ledger.sqlite"),
])
def test_unusable_ledger_urls_are_one_line_errors(command, url, message, capsys, shared_dir):
    from frontwatch.cli import main

    sources = [str(shared_dir / "samples")] if command == "ingest" else []
    assert main([command, *sources, "--db", url]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not Path("/nonexistent").exists()  # a reading command never creates a ledger (or its folder)
