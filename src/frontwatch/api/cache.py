"""Answers computed from the ledger, reused until the ledger changes.

The map and API clients ask the same questions again and again (the same filters, the next page of
them, the total for every page). A cached answer is valid while the ledger has not changed: for SQLite
the database and WAL files' size and modification time change with every commit (checked per request
with two stat calls, about 10 µs), so entries live until then (10 minutes at most, a safety net); on
other backends, where no such stamp exists, entries expire after 30 seconds. Changes made through this
API (accepting a correction) clear the cache at once.
"""
from __future__ import annotations

import gzip
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy import Engine


class EncodedBody:
    """A JSON body and its gzip form, both made once, where the answer is computed (in a worker
    thread), so serving a cached answer never compresses on the event loop."""

    __slots__ = ("raw", "gzipped")

    def __init__(self, raw: bytes):
        self.raw = raw
        self.gzipped = gzip.compress(raw, compresslevel=5)

    @property
    def size(self) -> int:
        return len(self.raw)


def _size(value: Any) -> int:
    return getattr(value, "size", 1)  # bodies count their bytes, small answers (counts, lists) one each


class LedgerCache:
    """At most `max_entries` answers and `max_bytes` of encoded bodies (a 1,000-event GeoJSON page is
    about 1 MB), least recently used first out."""

    def __init__(self, engine: Engine, max_entries: int = 512, max_bytes: int = 256 * 2**20):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        # Plain strings: os.stat on a str skips pathlib's conversion on every request.
        self.files = (database, f"{database}-wal") if database and database != ":memory:" else ()
        # A 30 s expiry in the first version made every answer of a 60 s load test be rebuilt mid-run.
        self.ttl = 600.0 if self.files else 30.0
        self.entries: OrderedDict[Hashable, tuple[tuple, float, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def stamp(self) -> tuple:
        marks = []
        for path in self.files:
            try:
                stat = os.stat(path)
                marks.append((stat.st_mtime_ns, stat.st_size))
            except FileNotFoundError:
                marks.append(None)
        return tuple(marks)

    def lookup(self, key: Hashable) -> Any:
        """The cached answer while still valid, else None (cheap enough for the event loop)."""
        if self.max_entries <= 0:
            return None
        stamp, now = self.stamp(), time.monotonic()
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None and entry[0] == stamp and now - entry[1] < self.ttl:
                self.entries.move_to_end(key)
                return entry[2]
        return None

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached answer, or compute() stored as one; the stamp is taken before computing, so a
        commit landing meanwhile makes the stored answer stale rather than wrongly fresh."""
        found = self.lookup(key)
        if found is not None:
            return found
        stamp = self.stamp()
        value = compute()
        self.put(key, value, stamp)
        return value

    def put(self, key: Hashable, value: Any, stamp: tuple) -> None:
        """Store an answer computed while the ledger was at `stamp` (taken before computing it)."""
        if self.max_entries <= 0:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.bytes -= _size(old[2])
            self.entries[key] = (stamp, time.monotonic(), value)
            self.bytes += _size(value)
            while self.entries and (len(self.entries) > self.max_entries or self.bytes > self.max_bytes):
                self.bytes -= _size(self.entries.popitem(last=False)[1][2])

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.bytes = 0
