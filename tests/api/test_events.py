"""The read side of the API on a real ledger: lists, filters, pages, GeoJSON, details, places, errors."""
from __future__ import annotations

import pytest

from frontwatch.events.ontology import load_ontology

IZIUM = 707292  # GeoNames id of Izium, the town the sample article is about


def all_events(client, **params) -> list[dict]:
    answer = client.get("/api/events", params={"limit": 5000, **params}).json()
    assert answer["total"] == len(answer["events"])
    return answer["events"]


def test_events_are_listed_with_acled_types_and_total(any_client):
    answer = any_client.get("/api/events").json()
    assert answer["total"] >= 2 and answer["offset"] == 0 and answer["limit"] == 100
    ontology = load_ontology().event_type_of
    for event in answer["events"]:
        assert ontology[event["sub_event_type"]] == event["event_type"]
    assert any(event["geonameid"] == IZIUM for event in answer["events"]), "the sample's Izium events are missing"


def test_filters_narrow_the_list_and_combine(any_client):
    events = all_events(any_client)
    event_type = events[0]["event_type"]
    typed = all_events(any_client, event_type=event_type)
    assert typed and all(e["event_type"] == event_type for e in typed)
    assert len(typed) <= len(events)

    izium = [e for e in events if e["geonameid"] == IZIUM]
    around_izium = all_events(any_client, bbox="37.0,49.0,37.5,49.4")
    assert {e["id"] for e in izium} <= {e["id"] for e in around_izium}
    assert all(37.0 <= e["longitude"] <= 37.5 and 49.0 <= e["latitude"] <= 49.4 for e in around_izium)
    assert all_events(any_client, bbox="20.0,44.0,21.0,45.0") == []  # Serbia: nothing there

    day = izium[0]["event_date"]
    same_day = all_events(any_client, start=day, end=day)
    assert same_day and all(e["event_date"] == day for e in same_day)
    assert all_events(any_client, end="2000-01-01") == []

    found = all_events(any_client, q=izium[0]["location"])
    assert {e["id"] for e in izium} <= {e["id"] for e in found}
    assert all_events(any_client, q="zzzqqqnonexistentword") == []
    side = izium[0]["side1"]
    assert all(side in (e["side1"], e["side2"]) for e in all_events(any_client, side=side))


def test_pages_split_the_list_without_overlap(any_client):
    total = any_client.get("/api/events").json()["total"]
    ids = [any_client.get("/api/events", params={"limit": 1, "offset": offset}).json()["events"][0]["id"]
           for offset in range(total)]
    assert len(set(ids)) == total
    beyond = any_client.get("/api/events", params={"limit": 1, "offset": total}).json()
    assert beyond["events"] == [] and beyond["total"] == total


def test_geojson_is_a_feature_collection_in_lon_lat(any_client):
    answer = any_client.get("/api/events", params={"format": "geojson", "limit": 1000})
    assert answer.headers["content-type"].startswith("application/geo+json")
    collection = answer.json()
    assert collection["type"] == "FeatureCollection" and collection["total"] == len(collection["features"])
    for feature in collection["features"]:
        properties = feature["properties"]
        if feature["geometry"] is not None:
            assert feature["geometry"]["coordinates"] == [properties["longitude"], properties["latitude"]]
        assert feature["id"] == properties["id"]


def test_points_feed_matches_the_mapped_events(any_client):
    points = any_client.get("/api/events/points").json()
    mapped = [e for e in all_events(any_client) if e["latitude"] is not None]
    assert sorted(points["id"]) == sorted(e["id"] for e in mapped)
    assert points["total"] == len(mapped) + points["unmapped"]
    by_id = {e["id"]: e for e in mapped}
    for i, event_id in enumerate(points["id"]):
        assert points["types"][points["type"][i]] == by_id[event_id]["event_type"]
        assert points["date"][i] == by_id[event_id]["event_date"]


def test_event_detail_has_claims_evidence_and_source_articles(any_client):
    event_id = next(e["id"] for e in all_events(any_client) if e["geonameid"] == IZIUM)
    event = any_client.get(f"/api/events/{event_id}").json()
    assert event["articles"] and event["evidence"]
    texts = {}
    for source in event["articles"]:
        article = any_client.get(f"/api/articles/{source['article_id']}").json()
        texts[article["id"]] = article["text"]
    for span in event["evidence"]:
        assert 0 <= span["start"] < span["end"] <= len(texts[span["article_id"]])
    for claim in event["claims"]:
        assert texts[claim["article_id"]][claim["start"]:claim["end"]] == claim["quote"]


def test_article_carries_text_places_and_events(client):
    event = all_events(client)[0]
    article_id = client.get(f"/api/events/{event['id']}").json()["articles"][0]["article_id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["text"] and article["status"] == "ok"
    assert any(reported["event_id"] == event["id"] for reported in article["events"])
    for place in article["places"]:
        assert article["text"][place["start"]:place["end"]] == place["text"]


def test_places_search_finds_ledger_places_first(any_client):
    places = any_client.get("/api/places", params={"q": "Iz"}).json()["places"]
    assert places and places[0]["geonameid"] == IZIUM and places[0]["n_events"] >= 1


def test_meta_lists_acled_types_and_the_sides_in_the_ledger(client):
    meta = client.get("/api/meta").json()
    assert meta["event_types"]["Battles"] == ["Armed clash", "Government regains territory",
                                              "Non-state actor overtakes territory"]
    sides = {side for e in all_events(client) for side in (e["side1"], e["side2"]) if side}
    assert set(meta["sides"]) == sides


@pytest.mark.parametrize("path, status, words", [
    ("/api/events?start=10-09-2022", 400, "start"),
    ("/api/events?start=2022-09-12&end=2022-09-10", 400, "after"),
    ("/api/events?bbox=37,49,38", 400, "bbox"),
    ("/api/events?bbox=37,95,38,96", 400, "bbox"),
    ("/api/events?q=%21%21%21", 400, "q"),
    ("/api/events?limit=0", 422, "limit"),
    ("/api/events?limit=100000", 422, "limit"),
    ("/api/events?offset=-1", 422, "offset"),
    ("/api/events?format=kml", 422, "format"),
    ("/api/events/999999", 404, "event 999999"),
    ("/api/events/abc", 422, "event_id"),
    ("/api/articles/999999", 404, "article 999999"),
    ("/api/places", 422, "q"),
    ("/api/basemap/roads", 404, "roads"),
    ("/api/nothing-here", 404, "Not Found"),
])
def test_bad_requests_get_json_errors_with_the_right_status(client, path, status, words):
    response = client.get(path)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_base_map_layers_come_from_the_shared_boundaries(client):
    oblasts = client.get("/api/basemap/oblasts").json()
    assert len(oblasts["features"]) == 27  # 24 oblasts, Kyiv city, Crimea, Sevastopol
    assert "Харківська область" in {f["properties"]["name"] for f in oblasts["features"]}
    rivers = {f["properties"]["name"] for f in client.get("/api/basemap/rivers").json()["features"]}
    assert {"Dnipro", "Oskol", "Seversky Donets"} <= rivers


def test_map_page_and_front_end_packages_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/js/main.js" in page.text
    assert client.get("/vendor/leaflet/dist/leaflet.js").status_code == 200
    assert client.get("/vendor/supercluster/dist/supercluster.min.js").status_code == 200
    assert client.get("/vendor/world-atlas/countries-50m.json").status_code == 200
    docs = client.get("/docs").text
    assert "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in docs and "cdn." not in docs  # works offline
    assert client.get("/vendor/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


def test_places_beyond_the_ledger_come_from_the_gazetteer(client):
    lviv = 702550
    places = client.get("/api/places", params={"q": "Lviv"}).json()
    assert "warning" not in places
    found = next(place for place in places["places"] if place["geonameid"] == lviv)
    assert found["n_events"] == 0 and found["country_code"] == "UA"
    assert abs(found["latitude"] - 49.84) < 0.05 and abs(found["longitude"] - 24.02) < 0.05


def test_repeated_requests_are_replayed_until_the_ledger_changes(client, ledger_url, shared_dir):
    from frontwatch.cli import main as frontwatch

    path = "/api/events?format=geojson&limit=1000"
    first, again = client.get(path), client.get(path)
    assert first.status_code == again.status_code == 200 and again.content == first.content
    assert client.get("/api/events?start=2022-13-01").status_code == 400
    assert client.get("/api/events?start=2022-13-01").status_code == 400  # errors are never replayed as answers
    article = shared_dir / "corpus" / "war-articles" / "20220903T103000Z_PL_en_d1709e05f2.txt"  # not in the ledger
    assert frontwatch(["ingest", str(article), "--db", ledger_url]) == 0  # a write by another connection
    after = client.get(path).json()
    assert after["total"] > first.json()["total"]
