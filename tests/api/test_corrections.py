"""Highlight-to-correct through the API: public reports, rate limit, token-only moderation, the fix
reaching the ledger (and every cached answer) with an audit entry."""
from __future__ import annotations

import pytest

from frontwatch.api.ratelimit import RateLimit
from frontwatch.store.queries import correction_history_of

IZIUM = 707292


def izium_event(client) -> dict:
    events = client.get("/api/events", params={"limit": 5000}).json()["events"]
    return next(e for e in events if e["geonameid"] == IZIUM)


def report_on(client, event: dict, **fields) -> dict:
    detail = client.get(f"/api/events/{event['id']}").json()
    span = detail["evidence"][0]
    text = client.get(f"/api/articles/{span['article_id']}").json()["text"]
    body = {"selection": text[span["start"]:span["end"]],
            "context": text[max(0, span["start"] - 100):span["end"] + 100],
            "comment": "the type is wrong", "article_id": span["article_id"], "event_id": event["id"], **fields}
    response = client.post("/api/corrections", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def other_type(event: dict) -> str:
    return "Armed clash" if event["sub_event_type"] != "Armed clash" else "Air/drone strike"


def test_accepted_fix_changes_the_ledger_with_an_audit_entry(any_client, any_token):
    event = izium_event(any_client)
    new_type = other_type(event)
    any_client.get("/api/events", params={"format": "geojson", "limit": 1000})  # fill the answer cache first
    report = report_on(any_client, event, fix={"sub_event_type": new_type})
    assert report["status"] == "pending" and report["fix"]["sub_event_type"] == new_type
    assert any_client.get(f"/api/events/{event['id']}").json()["sub_event_type"] == event["sub_event_type"]

    queue = any_client.get("/api/corrections", params={"status": "pending"}, headers=bearer(any_token)).json()
    assert [item["id"] for item in queue["corrections"]] == [report["id"]]

    accepted = any_client.post(f"/api/corrections/{report['id']}/accept", headers=bearer(any_token))
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert accepted.json()["reviewed_by"] == "token:test moderator"

    changed = any_client.get(f"/api/events/{event['id']}").json()
    assert changed["sub_event_type"] == new_type and changed["corrected"] is True
    features = any_client.get("/api/events", params={"format": "geojson", "limit": 1000}).json()["features"]
    assert next(f for f in features if f["id"] == event["id"])["properties"]["sub_event_type"] == new_type
    history = correction_history_of(any_client.app.state.engine, report["id"])
    accepted_entry = next(entry for entry in history if entry["action"] == "accepted")
    assert accepted_entry["before"]["sub_event_type"] == event["sub_event_type"]
    assert accepted_entry["after"]["sub_event_type"] == new_type
    assert any_client.get("/api/corrections", headers=bearer(any_token)).json()["corrections"] == []

    again = any_client.post(f"/api/corrections/{report['id']}/accept", headers=bearer(any_token))
    assert again.status_code == 409 and "already accepted" in again.json()["error"]


def test_not_an_event_hides_it_from_lists_and_map(any_client, any_token):
    event = izium_event(any_client)
    report = report_on(any_client, event, fix={"not_an_event": True})
    assert any_client.post(f"/api/corrections/{report['id']}/accept", headers=bearer(any_token)).status_code == 200
    assert event["id"] not in [e["id"] for e in any_client.get("/api/events", params={"limit": 5000}).json()["events"]]
    assert event["id"] not in any_client.get("/api/events/points").json()["id"]
    assert any_client.get(f"/api/events/{event['id']}").json()["hidden"] is True


def test_rejected_report_leaves_the_ledger_as_it_was(any_client, any_token):
    event = izium_event(any_client)
    report = report_on(any_client, event, fix={"sub_event_type": other_type(event)})
    rejected = any_client.post(f"/api/corrections/{report['id']}/reject", json={"note": "the text says otherwise"},
                           headers=bearer(any_token))
    assert rejected.status_code == 200 and rejected.json()["review_note"] == "the text says otherwise"
    assert any_client.get(f"/api/events/{event['id']}").json()["sub_event_type"] == event["sub_event_type"]
    assert [c["id"] for c in any_client.get("/api/corrections", params={"status": "rejected"},
                                        headers=bearer(any_token)).json()["corrections"]] == [report["id"]]


@pytest.mark.parametrize("headers, words", [
    ({}, "needs a token"),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, "needs a token"),
    ({"Authorization": "Bearer fw_not-a-real-token"}, "not recognised"),
])
def test_moderation_needs_a_valid_bearer_token(client, headers, words):
    event = izium_event(client)
    report = report_on(client, event)
    for method, path in (("get", "/api/corrections"), ("post", f"/api/corrections/{report['id']}/accept"),
                         ("post", f"/api/corrections/{report['id']}/reject")):
        response = getattr(client, method)(path, headers=headers)
        assert response.status_code == 401 and words in response.json()["error"]
        assert response.headers["www-authenticate"] == "Bearer"


def test_revoked_token_is_refused(client, token):
    from frontwatch.store.tokens import list_tokens, revoke_token

    engine = client.app.state.engine
    assert client.get("/api/corrections", headers=bearer(token)).status_code == 200
    revoke_token(engine, list_tokens(engine)[0]["id"])
    assert client.get("/api/corrections", headers=bearer(token)).status_code == 401


@pytest.mark.parametrize("body, status, words", [
    ({}, 422, "selection"),
    ({"selection": ""}, 422, "selection"),
    ({"selection": "x" * 2001}, 422, "selection"),
    ({"selection": "Izium", "fix": {"colour": "red"}}, 422, "colour"),
    ({"selection": "Izium", "event_id": 1, "fix": {"sub_event_type": "Skirmish"}}, 400, "sub_event_type"),
    ({"selection": "Izium", "event_id": 1, "fix": {"event_date": "10/09/2022"}}, 422, "event_date"),
    ({"selection": "Izium", "event_id": 1, "fix": {"fatalities": -3}}, 422, "fatalities"),
    ({"selection": "Izium", "fix": {"geonameid": IZIUM}}, 400, "event_id or article_id"),
    ({"selection": "Izium", "event_id": 999999}, 404, "event 999999"),
    ({"selection": "Izium", "article_id": 999999}, 404, "article 999999"),
    ({"selection": "Izium", "admin": True}, 422, "admin"),
])
def test_bad_reports_are_refused_naming_the_field(client, body, status, words):
    response = client.post("/api/corrections", json=body)
    assert response.status_code == status, response.text
    assert words in response.json()["error"]


def test_body_that_is_not_json_is_refused(client):
    response = client.post("/api/corrections", content=b"selection=Izium",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and "not valid JSON" in response.json()["error"]


def test_unknown_correction_is_not_found(client, token):
    response = client.post("/api/corrections/999999/accept", headers=bearer(token))
    assert response.status_code == 404 and "999999" in response.json()["error"]


def test_markup_in_a_report_is_stored_and_returned_as_plain_text(client, token):
    event = izium_event(client)
    markup = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    report = report_on(client, event, comment=markup)
    listed = client.get("/api/corrections", headers=bearer(token)).json()["corrections"]
    assert next(item for item in listed if item["id"] == report["id"])["comment"] == markup


def test_public_reports_are_rate_limited_per_client(ledger_url, client_for):
    client = client_for(ledger_url, rate_limit=RateLimit(requests=2, seconds=3600))
    body = {"selection": "Izium", "comment": "a reader's report"}
    assert [client.post("/api/corrections", json=body).status_code for _ in range(2)] == [201, 201]
    refused = client.post("/api/corrections", json=body)
    assert refused.status_code == 429 and "too many reports" in refused.json()["error"]
    assert 0 < int(refused.headers["retry-after"]) <= 3600


def test_changes_made_outside_the_api_are_seen_at_once(ledger_url, client_for):
    from frontwatch.store.corrections import accept_correction, submit_correction

    client = client_for(ledger_url)
    event = izium_event(client)
    assert event["id"] in client.get("/api/events/points").json()["id"]  # now cached
    engine = client.app.state.engine  # the store writes directly, as `frontwatch ingest` would
    report = submit_correction(engine, selection="Izium", event_id=event["id"], fix={"not_an_event": True})
    accept_correction(engine, report["id"], reviewer="another process")
    assert event["id"] not in client.get("/api/events/points").json()["id"]
