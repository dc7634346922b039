"""Stable document ids: the id an input gives, else a hash of its URL, else of its normalised text.

The same article read twice (from a file, a JSONL line or a feed) gets the same id, so the ledger can
ingest idempotently.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAMETER = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def normalise_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    query = urlencode([(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING_PARAMETER.match(key)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def normalise_text(text: str) -> str:
    """Text compared for identity: Unicode-normalised, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _digest(kind: str, key: str) -> str:
    return kind + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def document_id(given: str | None = None, url: str | None = None, content: str | None = None) -> str:
    if given is not None and str(given).strip():
        return str(given).strip()
    if url:
        return _digest("u", normalise_url(url))
    return _digest("t", normalise_text(content or ""))
