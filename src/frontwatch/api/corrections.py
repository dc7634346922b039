"""Reader reports of mistakes (public, rate-limited per client) and their moderation (Bearer token only)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine

from frontwatch.api.deps import engine_of
from frontwatch.store import corrections as store_corrections
from frontwatch.store import tokens

router = APIRouter(prefix="/api/corrections")


class Fix(BaseModel):
    """A structured fix (store.fixes): any of these keys, several may be combined."""

    model_config = ConfigDict(extra="forbid")

    geonameid: Optional[int] = Field(None, ge=1, description="wrong place: the right GeoNames record (GET /api/places?q=)")
    event_date: Optional[dt.date] = Field(None, description="wrong date: the right day")
    event_type: Optional[str] = Field(None, max_length=60, description="follows from sub_event_type; checked if given")
    sub_event_type: Optional[str] = Field(None, max_length=60, description="wrong type: ACLED sub-event type, spelled as ACLED does")
    fatalities: Optional[int] = Field(None, ge=0, le=10_000_000, description="wrong number of fatalities")
    fatalities_low: Optional[int] = Field(None, ge=0, le=10_000_000)
    fatalities_high: Optional[int] = Field(None, ge=0, le=10_000_000)
    not_an_event: Optional[bool] = Field(None, description="true: this is not an event")


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    selection: str = Field(min_length=1, max_length=2000, description="the text the reader highlighted")
    context: Optional[str] = Field(None, max_length=5000, description="text around the selection")
    comment: Optional[str] = Field(None, max_length=2000)
    article_id: Optional[int] = Field(None, ge=1)
    event_id: Optional[int] = Field(None, ge=1)
    start: Optional[int] = Field(None, ge=0, description="selection start in the article text")
    end: Optional[int] = Field(None, ge=0, description="selection end in the article text")
    fix: Optional[Fix] = None


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Optional[str] = Field(None, max_length=2000)


def client_address(request: Request) -> str:
    # The socket peer only: X-Forwarded-For is whatever the client wants it to be.
    return request.client.host if request.client else "unknown"


def moderator(engine: Annotated[Engine, Depends(engine_of)],
              authorization: Annotated[Optional[str], Header()] = None) -> str:
    """The name of the token holder; 401 without a valid `Authorization: Bearer TOKEN`."""
    challenge = {"WWW-Authenticate": "Bearer"}
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "moderation needs a token: Authorization: Bearer TOKEN (frontwatch token create)",
                            headers=challenge)
    name = tokens.verify_token(engine, token.strip())
    if name is None:
        raise HTTPException(401, "token not recognised (revoked or mistyped)", headers=challenge)
    return name
