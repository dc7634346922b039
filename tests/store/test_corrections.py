"""Highlight-to-correct storage: pending -> accepted/rejected, audit, rate limit, survives re-derivation."""
import datetime as dt

import pytest

from frontwatch import store
from frontwatch.errors import InputError
from frontwatch.store import corrections as co
from frontwatch.store.ledger import record_result
from frontwatch.store.merge import recompute_event

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


@pytest.fixture
def ledger(db_url, izium_reports):
    engine = store.open_engine(db_url)
    with engine.begin() as conn:
        for raw, result in izium_reports:
            record_result(conn, raw, result, NOW)
    return engine


def _izium(engine):
    return next(e for e in store.search_events(engine, store.EventFilters(include_hidden=True)) if e["geonameid"] == 707292)


def test_accepted_place_fix_changes_the_ledger_with_audit(ledger):
    event = _izium(ledger)
    report = co.submit_correction(ledger, selection="Izium", context="forces recaptured Izium on Saturday",
                                  comment="the article is about Kupiansk", event_id=event["id"],
                                  fix={"geonameid": 703656}, client=co.client_key("203.0.113.9"))
    assert report["status"] == "pending"
    assert [c["id"] for c in co.list_corrections(ledger, status="pending")] == [report["id"]]
    assert _izium(ledger)["location"] == "Izium"  # nothing changes before review
    co.accept_correction(ledger, report["id"], reviewer="alice")
    fixed = store.get_event(ledger, event["id"])
    assert (fixed["location"], fixed["geonameid"], fixed["corrected"]) == ("Kupiansk", 703656, True)
    co.submit_correction(ledger, selection="Saturday", event_id=event["id"], comment="<script>x</script>")
    assert [c["id"] for c in store.get_event(ledger, event["id"])["corrections"]] == [report["id"]]  # accepted only
    history = co.get_correction(ledger, report["id"])["history"]
    assert [h["action"] for h in history] == ["submitted", "accepted"]
    assert history[1]["actor"] == "alice"
    assert history[1]["before"]["location"] == "Izium" and history[1]["after"]["location"] == "Kupiansk"
    # a new report merging into the event re-derives it; the accepted fix stays on top
    with ledger.begin() as conn:
        recompute_event(conn, event["id"], NOW)
    assert store.get_event(ledger, event["id"])["location"] == "Kupiansk"
    with pytest.raises(co.AlreadyReviewed):
        co.reject_correction(ledger, report["id"], reviewer="bob")


def test_not_an_event_hides_it_and_rejection_changes_nothing(ledger):
    event = _izium(ledger)
    date_fix = co.submit_correction(ledger, selection="Saturday", event_id=event["id"], fix={"event_date": "2022-09-09"})
    co.reject_correction(ledger, date_fix["id"], reviewer="alice", note="the text says Saturday the 10th")
    assert store.get_event(ledger, event["id"])["event_date"] == "2022-09-10"
    hide = co.submit_correction(ledger, selection="recaptured", event_id=event["id"], fix={"not_an_event": True})
    co.accept_correction(ledger, hide["id"], reviewer="alice")
    assert store.count_events(ledger) == 1
    assert store.get_event(ledger, event["id"])["hidden"] is True


def test_selection_in_an_article_finds_its_event(ledger):
    article = store.get_article(ledger, 4)  # the Kupiansk article
    report = co.submit_correction(ledger, selection="Kupiansk", context=article["text"], article_id=4,
                                  fix={"fatalities": 2})
    accepted = co.accept_correction(ledger, report["id"], reviewer="alice")
    event = store.get_event(ledger, accepted["event_id"])
    assert event["location"] == "Kupiansk" and event["fatalities"] == 2


@pytest.mark.parametrize("fields, name", [
    ({"selection": ""}, "selection"),
    ({"selection": "x" * 5000}, "selection"),
    ({"selection": "x", "fix": {"colour": 1}}, "fix"),
    ({"selection": "x", "fix": {"sub_event_type": "Bombing"}, "event_id": 1}, "fix"),
    ({"selection": "x", "fix": {"fatalities": -1}, "event_id": 1}, "fix"),
    ({"selection": "x", "fix": {"event_date": "10 Sept"}, "event_id": 1}, "fix"),
    ({"selection": "x", "fix": {"fatalities": 1}}, "fix"),
])
def test_bad_reports_are_refused_naming_the_field(sqlite_url, fields, name):
    # validation happens before the database is touched: one backend is enough
    with pytest.raises(InputError) as error:
        co.submit_correction(store.open_engine(sqlite_url), **fields)
    assert error.value.source == name


def test_unknown_targets_are_not_found(ledger):
    with pytest.raises(co.NotFound):
        co.submit_correction(ledger, selection="x", event_id=9999)
    with pytest.raises(co.NotFound):
        co.accept_correction(ledger, 9999, reviewer="alice")


def test_rate_limit_counts_per_client_and_window(ledger):
    start = dt.datetime(2026, 1, 1, 10, 0, tzinfo=dt.timezone.utc)
    results = [co.check_rate_limit(ledger, "client-a", limit=3, window_seconds=600, now=start)[0] for _ in range(4)]
    assert results == [True, True, True, False]
    assert co.check_rate_limit(ledger, "client-b", limit=3, window_seconds=600, now=start)[0] is True
    later = start + dt.timedelta(seconds=600)
    assert co.check_rate_limit(ledger, "client-a", limit=3, window_seconds=600, now=later)[0] is True


def test_tokens_are_stored_hashed_and_can_be_revoked(ledger):
    from frontwatch.store import tokens

    token = tokens.create_token(ledger, "alice")
    assert tokens.verify_token(ledger, token) == "alice"
    assert tokens.verify_token(ledger, token + "x") is None
    assert tokens.verify_token(ledger, None) is None
    with ledger.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM api_tokens").scalar()
    assert token not in stored and len(stored) == 64
    [listed] = tokens.list_tokens(ledger)
    assert tokens.revoke_token(ledger, listed["id"])
    assert tokens.verify_token(ledger, token) is None
