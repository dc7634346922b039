"""Every API error is JSON {"error": "..."} with the status that fits, never a traceback."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontwatch.errors import FrontwatchError, InputError, SetupError

log = logging.getLogger("frontwatch.api")


def error_response(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            parts.append("request body is not valid JSON")
            continue
        where = ".".join(str(item) for item in error.get("loc", ()) if item not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException):
        return error_response(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError):
        return error_response(422, _validation_message(exc))

    @app.exception_handler(InputError)
    async def input_error(_request: Request, exc: InputError):
        return error_response(400, str(exc))

    @app.exception_handler(SetupError)
    async def setup_error(_request: Request, exc: SetupError):
        log.error("setup: %s", exc)
        return error_response(503, str(exc))

    @app.exception_handler(FrontwatchError)
    async def frontwatch_error(_request: Request, exc: FrontwatchError):
        return error_response(400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception):
        # The details go to the server log; the client learns only that it was our fault.
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal error (logged on the server)")
