"""`frontwatch reextract`: re-derive every event from the stored inputs after a code change.

All in one transaction: readers keep seeing the old ledger until the new one is complete (and a crash
leaves the old one intact). Articles, corrections and their history stay; events, reports, claims and
place mentions are rebuilt (an event keeps its id when its first report comes back unchanged), then every correction finds its event again from its anchor and accepted
fixes are re-applied (store.corrections.retarget_corrections).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select

from frontwatch.model import ExtractionResult
from frontwatch.store.corrections import retarget_corrections
from frontwatch.store.ledger import clear_derived, raw_from_json, store_derived, sync_id_sequences
from frontwatch.store.merge import outlet_of
from frontwatch.store.schema import articles
from frontwatch.store.transaction import writing


@dataclass
class ReextractSummary:
    articles: int = 0
    events: int = 0
    failed: int = 0
    retargeted: int = 0
    lost: int = 0

    def line(self) -> str:
        return (f"re-extracted {self.articles} articles: {self.events} event reports, {self.failed} failed; "
                f"corrections re-attached {self.retargeted}, lost {self.lost}")


def reextract(engine: Engine, extract, batch_size: int = 32, progress=None) -> ReextractSummary:
    summary = ReextractSummary()
    now = dt.datetime.now(dt.timezone.utc)
    with writing(engine) as conn:
        rows = conn.execute(select(articles.c.id, articles.c.raw).where(articles.c.status == "ok")
                            .order_by(articles.c.id)).all()
        reuse_ids = clear_derived(conn)
        for start in range(0, len(rows), batch_size):
            chunk = rows[start:start + batch_size]
            raws = [raw_from_json(row.raw) for row in chunk]
            for row, output in zip(chunk, extract(raws)):
                if isinstance(output, ExtractionResult):
                    data = output.as_json()
                    article = output.article
                    conn.execute(articles.update().where(articles.c.id == row.id).values(
                        title=article.title, published=article.published,
                        published_inferred=article.published_inferred, language=article.language,
                        text=article.text, removed=data["article"]["removed"], warnings=data["warnings"],
                        extracted_at=now))
                    source = conn.execute(select(articles.c.source, articles.c.url).where(articles.c.id == row.id)).first()
                    store_derived(conn, row.id, data, outlet_of(source.source, source.url), now, reuse_ids)
                    summary.articles += 1
                    summary.events += len(data["events"])
                else:
                    conn.execute(articles.update().where(articles.c.id == row.id).values(
                        status="failed", error=output.error))
                    summary.failed += 1
            if progress:
                progress(len(chunk))
        sync_id_sequences(conn)
        counts = retarget_corrections(conn, now)
    summary.retargeted, summary.lost = counts["retargeted"], counts["lost"]
    return summary
