"""Reader reports of mistakes (public, rate-limited per client) and their moderation (Bearer token only)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine

from frontwatch.api.deps import engine_of
from frontwatch.store.corrections import (STATUSES, AlreadyReviewed, NotFound, accept_correction, check_rate_limit,
                                          client_key, list_corrections, reject_correction, submit_correction)
from frontwatch.store.tokens import verify_token

router = APIRouter(prefix="/api/corrections", tags=["corrections"])


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
    fix: Optional[Fix] = None


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Optional[str] = Field(None, max_length=2000)


def client_address(request: Request) -> str:
    # The socket peer only: X-Forwarded-For is whatever the client wants it to be.
    return request.client.host if request.client else "unknown"


# auto_error off: a missing or non-Bearer header gets our JSON 401 below, not FastAPI's 403.
bearer_scheme = HTTPBearer(auto_error=False, description="a token printed by `frontwatch token create`")


def moderator(engine: Annotated[Engine, Depends(engine_of)],
              credentials: Annotated[Optional[HTTPAuthorizationCredentials], Depends(bearer_scheme)]) -> str:
    """The name of the token holder; 401 without a valid `Authorization: Bearer TOKEN`."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or not credentials.credentials.strip():
        raise HTTPException(401, "moderation needs a token: Authorization: Bearer TOKEN (frontwatch token create)",
                            headers=challenge)
    name = verify_token(engine, credentials.credentials.strip())
    if name is None:
        raise HTTPException(401, "token not recognised (revoked or mistyped)", headers=challenge)
    return name


@router.post("", status_code=201, summary="Report a mistake (public; rate-limited per client address)")
def create_correction(request: Request, report: CorrectionIn, engine: Annotated[Engine, Depends(engine_of)]):
    limit = request.app.state.rate_limit
    client = client_key(client_address(request))
    allowed, retry_after = check_rate_limit(engine, client, limit=limit.requests, window_seconds=limit.seconds)
    if not allowed:
        raise HTTPException(429, f"too many reports from your address: {limit.requests} per {limit.seconds} s; "
                                 f"try again in {retry_after} s", headers={"Retry-After": str(retry_after)})
    fix = report.fix.model_dump(mode="json", exclude_none=True) if report.fix else None
    try:
        return submit_correction(engine, selection=report.selection, context=report.context, comment=report.comment,
                                 article_id=report.article_id, event_id=report.event_id, fix=fix, client=client)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("", summary="Reports by status, oldest first (moderators: Authorization: Bearer TOKEN)")
def read_corrections(engine: Annotated[Engine, Depends(engine_of)], _moderator: Annotated[str, Depends(moderator)],
                     status: Annotated[Optional[Literal[STATUSES]], Query()] = "pending",
                     limit: Annotated[int, Query(ge=1, le=500)] = 100,
                     offset: Annotated[int, Query(ge=0)] = 0):
    items = list_corrections(engine, status=status, limit=limit, offset=offset)
    return {"status": status, "limit": limit, "offset": offset, "count": len(items), "corrections": items}


def _review(request: Request, engine: Engine, reviewer: str, correction_id: int, review: Optional[ReviewIn], decide):
    try:
        result = decide(engine, correction_id, reviewer=f"token:{reviewer}", note=review.note if review else None)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except AlreadyReviewed as exc:
        raise HTTPException(409, str(exc)) from None
    request.app.state.cache.clear()  # the ledger changed: no answer from before may be served again
    return result


@router.post("/{correction_id}/accept", summary="Accept: apply the fix to the ledger, with an audit entry")
def accept(request: Request, correction_id: Annotated[int, Path(ge=1)], engine: Annotated[Engine, Depends(engine_of)],
           reviewer: Annotated[str, Depends(moderator)], review: Optional[ReviewIn] = None):
    return _review(request, engine, reviewer, correction_id, review, accept_correction)


@router.post("/{correction_id}/reject", summary="Reject: the ledger stays as it is; the decision is audited")
def reject(request: Request, correction_id: Annotated[int, Path(ge=1)], engine: Annotated[Engine, Depends(engine_of)],
           reviewer: Annotated[str, Depends(moderator)], review: Optional[ReviewIn] = None):
    return _review(request, engine, reviewer, correction_id, review, reject_correction)
