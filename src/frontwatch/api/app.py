"""The FastAPI application: the ledger API under /api, the map page at /, front-end packages at /vendor.

    app = create_app("sqlite:///var/frontwatch.sqlite")   # None: FRONTWATCH_DB / var/frontwatch.sqlite

OpenAPI documentation is at /docs. Leaflet and friends are served from the project's node_modules
(installed by `make` from package.json), never copied into the repository.
"""
from __future__ import annotations

import importlib
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Optional

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from frontwatch import __version__, config
from frontwatch.api import corrections, events
from frontwatch.api.cache import LedgerCache
from frontwatch.api.errors import install_error_handlers
from frontwatch.api.places import PlaceSearch
from frontwatch.api.ratelimit import RateLimit
from frontwatch.api.replay import ReplayMiddleware
from frontwatch.store import open_engine

STATIC_DIR = Path(__file__).resolve().parents[1] / "web" / "static"
NODE_MODULES = config.SOURCE_ROOT / "node_modules"
# Only the packages the map uses are exposed, not the whole node_modules tree.
VENDOR_PACKAGES = ("leaflet", "supercluster", "topojson-client", "world-atlas", "swagger-ui-dist")
CONTROL_MODULE = "frontwatch.control.api"


def _control_router():
    """The control layer's router when control/api.py exists; a missing module is fine, a broken one is not."""
    try:
        return importlib.import_module(CONTROL_MODULE).router
    except ModuleNotFoundError as exc:
        if exc.name != CONTROL_MODULE:
            raise
        return None


def missing_vendor_packages() -> list[str]:
    return [name for name in VENDOR_PACKAGES if not (NODE_MODULES / name).is_dir()]


def create_app(db_url: Optional[str] = None, rate_limit: Optional[RateLimit] = None, cache: bool = True) -> FastAPI:
    """cache=False answers every request from the database (benchmarks of the cold path)."""
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if cache:
            threading.Thread(target=events.warm_up, args=(app.state,), name="warm-up", daemon=True).start()
        yield

    # docs_url/redoc_url off: FastAPI's pages load Swagger UI from a CDN; /docs below serves it from npm,
    # so the API documentation works with no network, like the map.
    app = FastAPI(title="frontwatch", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="A verified, mapped ledger of conflict events read from news text.")
    app.state.engine = open_engine(db_url)
    app.state.rate_limit = rate_limit or RateLimit()
    app.state.cache = LedgerCache(app.state.engine, max_entries=512 if cache else 0)
    app.state.place_search = PlaceSearch(app.state.engine)
    install_error_handlers(app)
    # Level 5: GeoJSON pages shrink about 8x at a fraction of level 9's CPU cost.
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    app.add_middleware(ReplayMiddleware, cache=app.state.cache)  # outermost: replays the bytes sent

    app.include_router(events.router)
    app.include_router(corrections.router)
    control = _control_router()
    app.state.control = control is not None
    if control is not None:
        app.include_router(control)

    for name in VENDOR_PACKAGES:
        app.mount(f"/vendor/{name}", StaticFiles(directory=NODE_MODULES / name, check_dir=False), name=f"vendor-{name}")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC_DIR / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="frontwatch API",
                                   swagger_js_url="/vendor/swagger-ui-dist/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui-dist/swagger-ui.css",
                                   swagger_favicon_url="data:,")

    return app


def app_from_environment() -> FastAPI:
    """The factory uvicorn's worker processes call (`frontwatch serve --workers N`): settings come from
    FRONTWATCH_DB and FRONTWATCH_API_CACHE ("0" turns the answer cache off)."""
    return create_app(cache=os.environ.get("FRONTWATCH_API_CACHE", "1") != "0")
