"""Read-only routes: events (JSON pages, GeoJSON, compact map points), articles, places, map metadata."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from frontwatch.api.basemap import LAYERS, load_layer
from frontwatch.api.deps import engine_of, event_filters
from frontwatch.api.geojson import feature_collection
from frontwatch.api.points import event_points, known_sides
from frontwatch.events.ontology import load_ontology
from frontwatch.store import EventFilters, count_events, get_article, get_event, search_events

router = APIRouter(prefix="/api")

MAX_PAGE = 5000


@router.get("/events", summary="Events matching the filters, one page at a time")
def list_events(
    filters: Annotated[EventFilters, Depends(event_filters)],
    engine: Annotated[Engine, Depends(engine_of)],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    format: Annotated[Literal["json", "geojson"], Query(description="geojson: a FeatureCollection")] = "json",
):
    page = search_events(engine, filters, limit=limit, offset=offset)
    total = count_events(engine, filters)
    if format == "geojson":
        return feature_collection(page, total=total, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "events": page}


@router.get("/events/points", summary="Every matching event with coordinates, as parallel arrays for the map")
def list_points(filters: Annotated[EventFilters, Depends(event_filters)],
                engine: Annotated[Engine, Depends(engine_of)]):
    return event_points(engine, filters)


@router.get("/events/{event_id}", summary="One event with its claims, evidence spans and sources")
def read_event(event_id: Annotated[int, Path(ge=1)], engine: Annotated[Engine, Depends(engine_of)]):
    event = get_event(engine, event_id)
    if event is None:
        raise HTTPException(404, f"event {event_id} not found")
    # Flat views of the per-article reports, so a client needs no second pass to highlight or cite.
    event["evidence"] = [{"article_id": report["article_id"], "start": span["start"], "end": span["end"]}
                         for report in event["reports"] for span in report["evidence"]]
    event["sources"] = [{"article_id": report["article_id"], "url": report["url"], "title": report["title"],
                         "published": report["published"], "source": report["outlet"]}
                        for report in event["reports"]]
    return event


@router.get("/articles/{article_id}", summary="One article: clean text, places, and the events it reports")
def read_article(article_id: Annotated[int, Path(ge=1)], engine: Annotated[Engine, Depends(engine_of)]):
    article = get_article(engine, article_id)
    if article is None:
        raise HTTPException(404, f"article {article_id} not found")
    return article


@router.get("/places", summary="Places named q: those in the ledger (most events first), then the gazetteer's")
def list_places(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
                limit: Annotated[int, Query(ge=1, le=100)] = 20):
    return request.app.state.place_search(q, limit)


@router.get("/meta", summary="What the map needs to build its filters")
def meta(request: Request, engine: Annotated[Engine, Depends(engine_of)]):
    event_types: dict[str, list[str]] = {}
    for sub_event_type, event_type in load_ontology().event_type_of.items():
        event_types.setdefault(event_type, []).append(sub_event_type)
    return {"event_types": event_types, "sides": known_sides(engine), "control": request.app.state.control}


@router.get("/basemap/{layer}", summary="Offline base-map layer (oblasts, rivers, lakes) as GeoJSON")
def basemap(layer: str):
    if layer not in LAYERS:
        raise HTTPException(404, f"no base-map layer {layer!r}; there are {', '.join(LAYERS)}")
    return Response(load_layer(layer), media_type="application/geo+json",
                    headers={"Cache-Control": "public, max-age=86400"})
