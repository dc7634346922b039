"""A digest of the ledger's content, independent of row ids and timestamps.

Two ledgers with the same fingerprint hold the same articles, the same events made of the same reports
and claims, and the same corrections: the check behind "kill -9 then re-run ends with the same database"
(PostgreSQL sequences skip ids after a rolled-back batch, so ids alone cannot be compared).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import Engine, select

from frontwatch.store.schema import articles, claims, corrections, events, reports

_VOLATILE = {"id", "event_id_cnty", "timestamp", "created_at", "updated_at", "ingested_at", "extracted_at",
             "reviewed_at", "event_id", "article_id", "report_id"}


def _plain(row) -> dict:
    return {key: (value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value)
            for key, value in row._mapping.items() if key not in _VOLATILE}


def ledger_content(engine: Engine) -> dict:
    with engine.connect() as conn:
        article_key = {row.id: row.raw_hash for row in conn.execute(select(articles.c.id, articles.c.raw_hash))}
        article_rows = sorted((_plain(row) for row in conn.execute(select(articles))),
                              key=lambda row: row["raw_hash"])
        for row in article_rows:
            row.pop("origin", None)  # the same input read from another path is the same article
            if row.get("raw"):
                row["raw"] = {k: v for k, v in row["raw"].items() if k != "origin"}
        claim_rows: dict[int, list] = {}
        for claim in conn.execute(select(claims)):
            claim_rows.setdefault(claim.report_id, []).append(_plain(claim))
        event_reports: dict[int, list] = {}
        for report in conn.execute(select(reports)):
            item = _plain(report)
            item["article"] = article_key[report.article_id]
            item["claims"] = sorted(claim_rows.get(report.id, []), key=json.dumps)
            event_reports.setdefault(report.event_id, []).append(item)
        event_rows = []
        for event in conn.execute(select(events)):
            item = _plain(event)
            item["reports"] = sorted(event_reports.get(event.id, []), key=lambda r: (r["article"], r["article_event_id"] or ""))
            event_rows.append(item)
        correction_rows = [_plain(row) for row in conn.execute(select(corrections).order_by(corrections.c.id))]
    event_rows.sort(key=lambda e: json.dumps(e, sort_keys=True, default=str))
    return {"articles": article_rows, "events": event_rows, "corrections": correction_rows}


def ledger_fingerprint(engine: Engine) -> str:
    content = json.dumps(ledger_content(engine), sort_keys=True, default=str)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()
