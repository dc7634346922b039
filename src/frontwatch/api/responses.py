"""JSON responses encoded with orjson, sent gzipped when the client accepts it."""
from __future__ import annotations

from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import Response

from frontwatch.api.cache import EncodedBody

GEOJSON = "application/geo+json"
JSON = "application/json"


def encode(data: Any) -> EncodedBody:
    # Column names from SQLAlchemy are str subclasses, which orjson accepts only with OPT_NON_STR_KEYS.
    return EncodedBody(orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS))


def body_response(request: Request, body: EncodedBody, media_type: str = JSON) -> Response:
    headers = {"Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(body.gzipped, media_type=media_type, headers=headers)
    return Response(body.raw, media_type=media_type, headers=headers)
