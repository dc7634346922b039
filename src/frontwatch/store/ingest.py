"""Feeding inputs through the pipeline into the ledger: idempotent, resumable, with a progress bar.

Each batch of new inputs runs through Pipeline.pipe and is written in one transaction, in input order,
by this process only (workers only extract). A crash or Ctrl-C loses at most the batch in flight; a
re-run skips what was committed (same URL or same normalised text) and so ends with the same ledger.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from sqlalchemy import Engine, select

from frontwatch.errors import InputError
from frontwatch.model import ExtractionResult, RawDocument
from frontwatch.store.ledger import is_known, raw_from_json, raw_hash, record_failure, record_result, url_key
from frontwatch.store.schema import articles
from frontwatch.store.transaction import writing

Extractor = Callable[[list[RawDocument]], Iterator]  # a batch of inputs -> ExtractionResult | Failure each


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicate: int = 0
    failed: int = 0
    skipped_failed: int = 0  # failed in an earlier run; retried only with --retry-failed
    events: int = 0
    seconds: float = 0.0
    reasons: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)  # reason -> first input that failed with it

    @property
    def processed(self) -> int:
        return self.ingested + self.duplicate + self.failed

    def lines(self) -> list[str]:
        rate = self.processed / self.seconds if self.seconds else 0.0
        lines = [f"ingested {self.ingested}, duplicate {self.duplicate}, failed {self.failed}"
                 + (f", skipped {self.skipped_failed} that failed before (use --retry-failed)" if self.skipped_failed else "")
                 + f"; {self.events} event reports; {self.seconds:.1f} s ({rate:.1f} items/s)"]
        for reason, count in self.reasons.most_common(10):
            lines.append(f"  failed ×{count}: {reason} (e.g. {self.examples[reason]})")
        return lines


def _failure(summary: IngestSummary, origin: str, reason: str) -> None:
    summary.failed += 1
    summary.reasons[reason] += 1
    summary.examples.setdefault(reason, origin)


def _unreadable(item: InputError) -> RawDocument:
    """An input the reader could not read: kept under its name so that --retry-failed reads it again."""
    return RawDocument(id=item.source, origin=item.source)


class Ingestor:
    def __init__(self, engine: Engine, extract: Extractor, batch_size: int = 32, progress=None):
        self.engine = engine
        self.extract = extract
        self.batch_size = batch_size
        self.progress = progress  # callable(n_done) or None
        self.summary = IngestSummary()
        self.retry = False

    def run(self, items: Iterable[RawDocument | InputError], retry: bool = False) -> IngestSummary:
        """Ingest every item; with `retry`, items that failed before are processed again."""
        started = time.perf_counter()
        self.retry = retry
        batch: list[RawDocument] = []
        seen: set[str] = set()
        try:
            for item in items:
                if isinstance(item, InputError):
                    self._record_unreadable(item)
                    self._advance(1)
                    continue
                keys = {raw_hash(item)} | ({url_key(item.url)} if item.url else set())
                if keys & seen:
                    self.summary.duplicate += 1
                    self._advance(1)
                    continue
                known = self._known(item)
                if known and not (retry and known["status"] == "failed"):
                    if known["status"] == "failed":
                        self.summary.skipped_failed += 1
                    else:
                        self.summary.duplicate += 1
                    self._advance(1)
                    continue
                seen |= keys
                batch.append(item)
                if len(batch) >= self.batch_size:
                    self._process(batch)
                    batch = []
            if batch:
                self._process(batch)
        finally:
            self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _advance(self, n: int) -> None:
        if self.progress:
            self.progress(n)

    def _known(self, raw: RawDocument) -> Optional[dict]:
        with self.engine.connect() as conn:
            return is_known(conn, raw)

    def _record_unreadable(self, item: InputError) -> None:
        raw = _unreadable(item)
        with writing(self.engine) as conn:
            known = is_known(conn, raw)
            if known and known["status"] == "ok":
                self.summary.duplicate += 1
                return
            if known and not self.retry:
                self.summary.skipped_failed += 1
                return
            record_failure(conn, raw, item.reason, dt.datetime.now(dt.timezone.utc))
        _failure(self.summary, item.source, item.reason)

    def _process(self, batch: list[RawDocument]) -> None:
        outputs = list(self.extract(batch))
        now = dt.datetime.now(dt.timezone.utc)
        counts = IngestSummary()
        with writing(self.engine) as conn:  # one transaction per batch: all of it or none of it
            for raw, output in zip(batch, outputs):
                if isinstance(output, ExtractionResult):
                    outcome, _ = record_result(conn, raw, output, now)
                    if outcome == "duplicate":
                        counts.duplicate += 1
                    else:
                        counts.ingested += 1
                        counts.events += len(output.events)
                else:
                    record_failure(conn, raw, output.error, now)
                    _failure(counts, output.origin, output.error)
        # Only counted once committed, so the summary never claims what a crash took back.
        self.summary.ingested += counts.ingested
        self.summary.duplicate += counts.duplicate
        self.summary.events += counts.events
        self.summary.failed += counts.failed
        self.summary.reasons.update(counts.reasons)
        for reason, origin in counts.examples.items():
            self.summary.examples.setdefault(reason, origin)
        self._advance(len(batch))


def failed_inputs(engine: Engine) -> list[RawDocument | InputError]:
    """Inputs that failed before, as they were read (unreadable ones are read again from their origin)."""
    from frontwatch.ingest.readers import read_sources

    with engine.connect() as conn:
        rows = conn.execute(select(articles.c.raw, articles.c.error).where(articles.c.status == "failed")
                            .order_by(articles.c.id)).all()
    items: list[RawDocument | InputError] = []
    for row in rows:
        raw = raw_from_json(row.raw)
        if raw.text is not None or raw.html is not None:
            items.append(raw)
        elif Path(raw.origin).exists() or re.match(r"^https?://", raw.origin, re.IGNORECASE):
            items.extend(read_sources([raw.origin]))
        else:  # e.g. one malformed line of a JSONL file: nothing to read again, the reason stands
            items.append(InputError(raw.origin, row.error))
    return items


def print_summary(summary: IngestSummary, stream=None) -> None:
    for line in summary.lines():
        print(line, file=stream or sys.stderr)
