"""Reader corrections: submit (public, rate-limited), moderate (token holders), audit, survive re-extraction.

    c = submit_correction(engine, selection="Kupiansk", context="...", comment="wrong town",
                          event_id=12, fix={"geonameid": 703656}, client=client_key("203.0.113.9"))
    list_corrections(engine, status="pending")
    accept_correction(engine, c["id"], reviewer="token:alice")   # applies the fix, writes the audit entry
    reject_correction(engine, c["id"], reviewer="token:alice", note="the text says Izium")
    allowed, retry_after = check_rate_limit(engine, client_key(address))

A correction stores an `anchor`: the article spans of its target (each report's article, extracted event
id, type, place and evidence; the selection's offsets in the article). Re-extraction rebuilds the ledger
with new event rows; `retarget_corrections` finds each correction's event again from its anchor, and the
accepted fixes are re-applied every time an event is re-derived (store.merge.recompute_event).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Optional

from sqlalchemy import Connection, Engine, delete, select

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.store.fixes import validate_fix
from frontwatch.store.merge import recompute_event
from frontwatch.store.schema import articles, correction_history, corrections, events, rate_limits, reports
from frontwatch.store.transaction import dialect_insert, writing

STATUSES = ("pending", "accepted", "rejected")
MAX_SELECTION = 2000
MAX_CONTEXT = 5000
MAX_COMMENT = 5000
RATE_LIMIT = 10  # corrections per client and window: enough for a careful reader, not for a flood
RATE_WINDOW_SECONDS = 3600
_SNAPSHOT_COLUMNS = ("event_date", "time_precision", "event_type", "sub_event_type", "location", "geonameid",
                     "latitude", "longitude", "admin1", "fatalities", "fatalities_low", "fatalities_best",
                     "fatalities_high", "hidden")


class NotFound(FrontwatchError):
    """The correction, event or article named does not exist (HTTP 404)."""


class AlreadyReviewed(FrontwatchError):
    """Accept/reject on a correction that is no longer pending (HTTP 409)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def client_key(address: str) -> str:
    """What the ledger stores about a client: a hash of its address, never the address."""
    return hashlib.sha256(f"frontwatch-client:{address}".encode()).hexdigest()[:32]


def check_rate_limit(engine: Engine, client: str, scope: str = "corrections", limit: int = RATE_LIMIT,
                     window_seconds: int = RATE_WINDOW_SECONDS, now: Optional[dt.datetime] = None) -> tuple[bool, int]:
    """Count one request of `client` in the current fixed window: (allowed, seconds until the window ends)."""
    now = now or _now()
    stamp = int(now.timestamp())
    window = stamp - stamp % window_seconds
    retry_after = window + window_seconds - stamp
    with writing(engine) as conn:
        conn.execute(delete(rate_limits).where(rate_limits.c.scope == scope, rate_limits.c.window_start < window))
        # One atomic upsert: concurrent requests of one client can never both read the old count.
        insert = dialect_insert(conn)(rate_limits).values(client=client, scope=scope, window_start=window, count=1)
        count = conn.execute(insert.on_conflict_do_update(
            index_elements=["client", "scope", "window_start"], set_={"count": rate_limits.c.count + 1},
        ).returning(rate_limits.c.count)).scalar_one()
    return count <= limit, retry_after


def _text_field(name: str, value: Any, limit: int, required: bool = False) -> Optional[str]:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(name, "is required (the text you selected)")
        return None
    if not isinstance(value, str):
        raise InputError(name, "must be text")
    if len(value) > limit:
        raise InputError(name, f"is {len(value)} characters long; the limit is {limit}")
    if "\x00" in value:
        raise InputError(name, "contains a NUL character")
    return value


def _event_anchor(conn: Connection, event_id: int) -> list[dict]:
    rows = conn.execute(select(reports.c.article_id, reports.c.article_event_id, reports.c.sub_event_type,
                               reports.c.geonameid, reports.c.event_date, reports.c.data)
                        .where(reports.c.event_id == event_id).order_by(reports.c.id)).all()
    return [{"article_id": row.article_id, "article_event_id": row.article_event_id,
             "sub_event_type": row.sub_event_type, "geonameid": row.geonameid,
             "event_date": row.event_date.isoformat() if row.event_date else None,
             "evidence": [[span["start"], span["end"]] for span in (row.data or {}).get("evidence", [])]}
            for row in rows]


def _selection_span(text: Optional[str], selection: str, context: Optional[str]) -> Optional[list[int]]:
    """Where the selection sits in the article: inside its context when the context is found."""
    if not text:
        return None
    base = 0
    if context:
        at = text.find(context)
        if at >= 0:
            inner = context.find(selection)
            if inner >= 0:
                return [at + inner, at + inner + len(selection)]
            base = at
    at = text.find(selection, base)
    if at < 0:
        at = text.find(selection)
    return [at, at + len(selection)] if at >= 0 else None


def submit_correction(engine: Engine, *, selection: Any, context: Any = None, comment: Any = None,
                      article_id: Optional[int] = None, event_id: Optional[int] = None, fix: Any = None,
                      client: Optional[str] = None) -> dict:
    """Store a reader's report as pending; validates every field (InputError names the field)."""
    selection = _text_field("selection", selection, MAX_SELECTION, required=True)
    context = _text_field("context", context, MAX_CONTEXT)
    comment = _text_field("comment", comment, MAX_COMMENT)
    fix = validate_fix(fix)
    now = _now()
    with writing(engine) as conn:
        anchor: dict[str, Any] = {}
        if event_id is not None:
            if conn.execute(select(events.c.id).where(events.c.id == event_id)).first() is None:
                raise NotFound(f"event {event_id} does not exist")
            anchor["reports"] = _event_anchor(conn, event_id)
        if article_id is not None:
            text = conn.execute(select(articles.c.text).where(articles.c.id == article_id)).scalar()
            if text is None and conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
                raise NotFound(f"article {article_id} does not exist")
            anchor["selection"] = _selection_span(text, selection, context)
        if fix and event_id is None and article_id is None:
            raise InputError("fix", "a fix needs the event_id or article_id it applies to")
        correction_id = conn.execute(corrections.insert().values(
            status="pending", selection=selection, context=context, comment=comment, article_id=article_id,
            event_id=event_id, fix=fix, anchor=anchor, client=client, created_at=now)).inserted_primary_key[0]
        conn.execute(correction_history.insert().values(correction_id=correction_id, event_id=event_id,
                                                        action="submitted", actor=None, at=now))
        return _correction(conn, correction_id)


def _correction(conn: Connection, correction_id: int) -> dict:
    row = conn.execute(select(corrections).where(corrections.c.id == correction_id)).first()
    if row is None:
        raise NotFound(f"correction {correction_id} does not exist")
    data = {key: (value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value)
            for key, value in row._mapping.items() if key not in ("client", "anchor")}
    return data


def get_correction(engine: Engine, correction_id: int) -> dict:
    with engine.connect() as conn:
        data = _correction(conn, correction_id)
        data["history"] = [{key: (value.isoformat() if isinstance(value, dt.datetime) else value)
                            for key, value in row._mapping.items()}
                           for row in conn.execute(select(correction_history)
                                                   .where(correction_history.c.correction_id == correction_id)
                                                   .order_by(correction_history.c.id))]
    return data


def list_corrections(engine: Engine, status: Optional[str] = None, limit: int = 100, offset: int = 0) -> list[dict]:
    if status is not None and status not in STATUSES:
        raise InputError("status", f"{status!r} is not one of {', '.join(STATUSES)}")
    query = select(corrections.c.id)
    if status:
        query = query.where(corrections.c.status == status)
    query = query.order_by(corrections.c.id).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [_correction(conn, correction_id) for correction_id in conn.execute(query).scalars().all()]


def _snapshot(conn: Connection, event_id: Optional[int]) -> Optional[dict]:
    if event_id is None:
        return None
    row = conn.execute(select(*(events.c[name] for name in _SNAPSHOT_COLUMNS)).where(events.c.id == event_id)).first()
    if row is None:
        return None
    return {key: (value.isoformat() if isinstance(value, dt.date) else value) for key, value in row._mapping.items()}


def _target_event(conn: Connection, correction) -> Optional[int]:
    """The event a correction is about: the one named, else the one whose evidence holds the selection."""
    if correction.event_id is not None:
        return correction.event_id
    span = (correction.anchor or {}).get("selection")
    if correction.article_id is None or not span:
        return None
    for row in conn.execute(select(reports.c.event_id, reports.c.data)
                            .where(reports.c.article_id == correction.article_id).order_by(reports.c.id)):
        for evidence in (row.data or {}).get("evidence", []):
            if evidence["start"] < span[1] and span[0] < evidence["end"]:
                return row.event_id
    return None


def _pending(conn: Connection, correction_id: int):
    row = conn.execute(select(corrections).where(corrections.c.id == correction_id).with_for_update()).first()
    if row is None:
        raise NotFound(f"correction {correction_id} does not exist")
    if row.status != "pending":
        raise AlreadyReviewed(f"correction {correction_id} is already {row.status}")
    return row


def accept_correction(engine: Engine, correction_id: int, reviewer: str, note: Optional[str] = None) -> dict:
    """Accept: the fix changes the ledger event now and after every re-derivation; audit before/after."""
    now = _now()
    with writing(engine) as conn:
        correction = _pending(conn, correction_id)
        event_id = _target_event(conn, correction)
        if correction.fix and event_id is None:
            raise InputError(f"correction {correction_id}", "its fix names no event that still exists")
        before = _snapshot(conn, event_id)
        values = {"status": "accepted", "reviewed_at": now, "reviewed_by": reviewer, "review_note": note}
        if event_id is not None and correction.event_id is None:
            values["event_id"] = event_id
            values["anchor"] = {**(correction.anchor or {}), "reports": _event_anchor(conn, event_id)}
        conn.execute(corrections.update().where(corrections.c.id == correction_id).values(**values))
        if correction.fix:
            recompute_event(conn, event_id, now)
        conn.execute(correction_history.insert().values(
            correction_id=correction_id, event_id=event_id, action="accepted", actor=reviewer, at=now,
            before=before, after=_snapshot(conn, event_id)))
        return _correction(conn, correction_id)


def reject_correction(engine: Engine, correction_id: int, reviewer: str, note: Optional[str] = None) -> dict:
    now = _now()
    with writing(engine) as conn:
        correction = _pending(conn, correction_id)
        conn.execute(corrections.update().where(corrections.c.id == correction_id).values(
            status="rejected", reviewed_at=now, reviewed_by=reviewer, review_note=note))
        conn.execute(correction_history.insert().values(
            correction_id=correction_id, event_id=correction.event_id, action="rejected", actor=reviewer, at=now))
        return _correction(conn, correction_id)


def _anchor_score(anchor_reports: list[dict], report) -> int:
    """How surely a re-extracted report is one the correction was about (0: not at all)."""
    best = 0
    for anchored in anchor_reports:
        if anchored["article_id"] != report.article_id:
            continue
        spans = [(span["start"], span["end"]) for span in (report.data or {}).get("evidence", [])]
        overlap = any(start < end_ and start_ < end for start, end in anchored["evidence"] for start_, end_ in spans)
        if overlap and anchored["sub_event_type"] == report.sub_event_type:
            best = max(best, 4)
        elif overlap:
            best = max(best, 3)
        elif anchored["sub_event_type"] == report.sub_event_type and anchored["geonameid"] == report.geonameid:
            best = max(best, 2)
    return best


def retarget_corrections(conn: Connection, now: dt.datetime) -> dict[str, int]:
    """After re-extraction: point every anchored correction at its event again and re-apply accepted fixes."""
    found = lost = 0
    for correction in conn.execute(select(corrections).where(corrections.c.status != "rejected")
                                   .order_by(corrections.c.id)).all():
        anchor_reports = (correction.anchor or {}).get("reports") or []
        if not anchor_reports:
            continue
        article_ids = sorted({item["article_id"] for item in anchor_reports})
        scores: dict[int, int] = {}
        for report in conn.execute(select(reports.c.event_id, reports.c.article_id, reports.c.sub_event_type,
                                          reports.c.geonameid, reports.c.data)
                                   .where(reports.c.article_id.in_(article_ids))):
            score = _anchor_score(anchor_reports, report)
            if score:
                scores[report.event_id] = scores.get(report.event_id, 0) + score
        event_id = max(sorted(scores), key=lambda key: scores[key]) if scores else None
        conn.execute(corrections.update().where(corrections.c.id == correction.id).values(event_id=event_id))
        if event_id is None:
            lost += 1
            continue
        found += 1
        if correction.status == "accepted" and correction.fix:
            before = _snapshot(conn, event_id)
            recompute_event(conn, event_id, now)
            conn.execute(correction_history.insert().values(
                correction_id=correction.id, event_id=event_id, action="reapplied", actor="reextract", at=now,
                before=before, after=_snapshot(conn, event_id)))
    return {"retargeted": found, "lost": lost}

