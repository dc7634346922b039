"""Answers computed from the ledger, reused until the ledger changes.

The map and API clients ask the same questions again and again (the same filters, the next page of
them, the total for every page). A cached answer is valid while the ledger has not changed: for SQLite
the database and WAL files' size and modification time change with every commit (checked per request
with two stat calls, about 10 µs); other backends, and SQLite as a safety net, expire entries after
`ttl` seconds. Changes made through this API (accepting a correction) clear the cache at once.
"""
from __future__ import annotations

import gzip
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import Engine


class EncodedBody:
    """A JSON body and, made on first request, its gzip form, so a cached answer is compressed once."""

    __slots__ = ("raw", "_gzipped")

    def __init__(self, raw: bytes):
        self.raw = raw
        self._gzipped: Optional[bytes] = None

    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.raw, compresslevel=5)
        return self._gzipped


class LedgerCache:
    def __init__(self, engine: Engine, max_entries: int = 512, ttl: float = 30.0):
        self.max_entries = max_entries
        self.ttl = ttl
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        self.files = (Path(database), Path(f"{database}-wal")) if database and database != ":memory:" else ()
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

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        if self.max_entries <= 0:
            return compute()
        stamp, now = self.stamp(), time.monotonic()
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None and entry[0] == stamp and now - entry[1] < self.ttl:
                self.entries.move_to_end(key)
                return entry[2]
        value = compute()
        with self.lock:
            self.entries[key] = (stamp, now, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
