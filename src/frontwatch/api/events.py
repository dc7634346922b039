"""Read-only routes: events (JSON pages, GeoJSON, compact map points), articles, places, map metadata.

Event lists are answered from the ledger cache (api.cache) and encoded once with orjson: a 1,000-event
GeoJSON page costs ~150 ms of CPU to build from SQLite, a cached one well under a millisecond.
"""
from __future__ import annotations

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from frontwatch.api.basemap import LAYERS, load_layer
from frontwatch.api.deps import event_filters
from frontwatch.api.points import event_points, known_sides
from frontwatch.api.responses import GEOJSON, body_response, encode
from frontwatch.events.ontology import load_ontology
from frontwatch.formats import feature_collection
from frontwatch.store import EventFilters, count_events, get_article, get_event, search_events

log = logging.getLogger("frontwatch.api")
router = APIRouter(prefix="/api", tags=["ledger"])

MAX_PAGE = 5000


@router.get("/events", summary="Events matching the filters, one page at a time")
async def list_events(
    request: Request,
    filters: Annotated[EventFilters, Depends(event_filters)],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    format: Annotated[Literal["json", "geojson"], Query(description="geojson: a FeatureCollection")] = "json",
) -> Response:
    engine, cache = request.app.state.engine, request.app.state.cache
    key = repr(filters)  # a dataclass repr names every field and value: a complete, stable key

    def build():
        page = search_events(engine, filters, limit=limit, offset=offset)
        total = cache.get(("count", key), lambda: count_events(engine, filters))
        if format == "geojson":
            # total/limit/offset ride along as foreign members, which GeoJSON readers ignore.
            return encode({**feature_collection(page), "total": total, "limit": limit, "offset": offset})
        return encode({"total": total, "limit": limit, "offset": offset, "events": page})

    body = await cached(cache, ("events", key, limit, offset, format), build)
    return body_response(request, body, GEOJSON if format == "geojson" else "application/json")


async def cached(cache, key, build):
    """A cached answer straight from the event loop; a miss is computed in the thread pool, so the
    database never blocks the loop and hits never pay for a thread hop."""
    body = cache.lookup(key)
    return body if body is not None else await run_in_threadpool(cache.get, key, build)


def points_key(filters: EventFilters) -> tuple:
    return ("points", repr(filters))


def warm_up(state) -> None:
    """Compute the map's first questions (every event, no filter; the base map) before a visitor asks."""
    try:
        filters = EventFilters()
        state.cache.get(points_key(filters), lambda: encode(event_points(state.engine, filters)))
        state.cache.get("sides", lambda: known_sides(state.engine))
        for layer in LAYERS:
            load_layer(layer)
    except Exception:  # a warm-up must never take the server down; the request path reports errors
        log.exception("warming the map cache failed")


@router.get("/events/points", summary="Every matching event with coordinates, as parallel arrays for the map")
async def list_points(request: Request, filters: Annotated[EventFilters, Depends(event_filters)]) -> Response:
    engine, cache = request.app.state.engine, request.app.state.cache
    body = await cached(cache, points_key(filters), lambda: encode(event_points(engine, filters)))
    return body_response(request, body)


@router.get("/events/{event_id}", summary="One event with its claims, evidence spans and source articles")
def read_event(request: Request, event_id: Annotated[int, Path(ge=1)]):
    event = get_event(request.app.state.engine, event_id)
    if event is None:
        raise HTTPException(404, f"event {event_id} not found")
    # Flat views of the per-article reports, so a client needs no second pass to highlight or cite.
    event["evidence"] = [{"article_id": report["article_id"], "start": span["start"], "end": span["end"]}
                         for report in event["reports"] for span in report["evidence"]]
    event["articles"] = [{"article_id": report["article_id"], "url": report["url"], "title": report["title"],
                          "published": report["published"], "source": report["outlet"]}
                         for report in event["reports"]]
    return event


@router.get("/articles/{article_id}", summary="One article: clean text, places, and the events it reports")
def read_article(request: Request, article_id: Annotated[int, Path(ge=1)]):
    article = get_article(request.app.state.engine, article_id)
    if article is None:
        raise HTTPException(404, f"article {article_id} not found")
    return article


@router.get("/places", summary="Places named q: those in the ledger (most events first), then the gazetteer's")
def list_places(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
                limit: Annotated[int, Query(ge=1, le=100)] = 20):
    return request.app.state.place_search(q, limit)


@router.get("/meta", summary="What the map needs to build its filters")
def meta(request: Request):
    event_types: dict[str, list[str]] = {}
    for sub_event_type, event_type in load_ontology().event_type_of.items():
        event_types.setdefault(event_type, []).append(sub_event_type)
    state = request.app.state
    return {"event_types": event_types, "sides": state.cache.get("sides", lambda: known_sides(state.engine)),
            "control": state.control}


@router.get("/basemap/{layer}", summary="Offline base-map layer (oblasts, rivers, lakes) as GeoJSON")
def basemap(layer: str) -> Response:
    if layer not in LAYERS:
        raise HTTPException(404, f"no base-map layer {layer!r}; there are {', '.join(LAYERS)}")
    return Response(load_layer(layer), media_type=GEOJSON, headers={"Cache-Control": "public, max-age=86400"})
