"""Inputs -> model.RawDocument: text and HTML files, stdin, directories, JSONL, CSV, URLs and feeds.

Every reader yields either a RawDocument or an InputError for an item it could not read, and goes on
with the next item, so that a batch processes what it can and lists what it could not.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Optional, Union

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.ingest.csv_columns import CsvMapping, mapping_for_header
from frontwatch.ingest.decode import MAX_HTML_BYTES, MAX_TEXT_BYTES, check_size, declared_html_charset, decode_bytes
from frontwatch.ingest.ids import document_id
from frontwatch.model import RawDocument

ReadResult = Union[RawDocument, InputError]

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
CSV_SUFFIXES = {".csv"}
DIRECTORY_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES

# The war-articles corpus names each file by when it was seen, the outlet's country and the language:
# 20220125T090000Z_GB_en_7d015e6984.txt
_SEEN_FILE_NAME = re.compile(r"^(\d{4})(\d{2})(\d{2})T\d{6}Z_[A-Z]{2}_[a-z]{2}_[0-9a-f]+$")
_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


@dataclass
class ReadOptions:
    """What the caller knows about the inputs.

    `published` and `source` fill in documents that do not carry their own (a JSONL line's date, a CSV
    column, a feed entry's date and the war-articles file names are more specific than one value given
    for a whole batch)."""

    published: Optional[dt.date] = None
    url: Optional[str] = None  # only for a single file or stdin: a URL identifies one page
    source: Optional[str] = None
    csv_mapping: Optional[CsvMapping] = None
    jsonl: bool = False  # treat the inputs (files or "-") as JSONL whatever their name
    allow_private: bool = False  # let URLs resolve to private, loopback and link-local addresses
    fetch_timeout: float = 20.0
    # Feed entries whose link this says the caller already has are skipped, not fetched again
    # (`ingest --follow` polls the same feed); gets the entry's link as the feed gives it.
    known_url: Optional[Callable[[str], bool]] = None


def read_sources(sources: Iterable[str], options: Optional[ReadOptions] = None) -> Iterator[ReadResult]:
    """Every document in the given sources, in order: paths, "-" for stdin, http(s) URLs or feeds."""
    options = options or ReadOptions()
    sources = list(sources)
    if options.url and (len(sources) != 1 or options.jsonl or _is_batch(sources[0])):
        raise FrontwatchError("--url names one page: use it with a single file or stdin")
    web = _Web(options)
    try:
        for source in sources:
            for item in _read_source(source, options, web):
                yield _apply_options(item, options)
    finally:
        web.close()


class _Web:
    """One Fetcher (HTTP client, robots.txt cache) for all the URLs of a call, made on first use."""

    def __init__(self, options: ReadOptions):
        self.options = options
        self.fetcher = None

    def read(self, url: str) -> Iterator[ReadResult]:
        if self.fetcher is None:
            from frontwatch.ingest.fetch import FetchPolicy, Fetcher  # httpx only when URLs are read
            self.fetcher = Fetcher(FetchPolicy(allow_private=self.options.allow_private,
                                               timeout=self.options.fetch_timeout), self.options.known_url)
        return self.fetcher.read(url)

    def close(self) -> None:
        if self.fetcher is not None:
            self.fetcher.close()


def _is_batch(source: str) -> bool:
    path = Path(source)
    return source != "-" and (path.is_dir() or path.suffix.lower() in JSONL_SUFFIXES | CSV_SUFFIXES)


def _apply_options(item: ReadResult, options: ReadOptions) -> ReadResult:
    if isinstance(item, InputError):
        return item
    changes = {}
    if options.published and not item.published:
        changes["published"] = options.published
    if options.source and not item.source:
        changes["source"] = options.source
    if options.url:
        changes["url"] = options.url
        changes["id"] = document_id(url=options.url)
    return replace(item, **changes) if changes else item


def _read_source(source: str, options: ReadOptions, web: _Web) -> Iterator[ReadResult]:
    if source == "-":
        yield from (read_jsonl_stream(sys.stdin.buffer, "stdin") if options.jsonl else [_guard(read_stdin)])
        return
    if re.match(r"^https?://", source, re.IGNORECASE):
        yield from web.read(source)
        return
    path = Path(source)
    if path.is_dir():
        yield from read_directory(path, options)
    elif not path.exists():
        yield InputError(source, "no such file or directory")
    elif options.jsonl:
        yield from read_jsonl(path)
    else:
        yield from read_file(path, options)


def read_file(path: Path, options: Optional[ReadOptions] = None) -> Iterator[ReadResult]:
    """One file, by its extension."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
    elif suffix in CSV_SUFFIXES:
        yield from read_csv(path, options.csv_mapping if options else None)
    elif suffix in HTML_SUFFIXES:
        yield _guard(read_html_file, path)
    elif suffix in TEXT_SUFFIXES or not suffix:
        yield _guard(read_text_file, path)
    else:
        yield InputError(str(path), f"unsupported file type {suffix!r}: expected .txt, .html, .htm, .jsonl or .csv")


def read_directory(directory: Path, options: Optional[ReadOptions] = None) -> Iterator[ReadResult]:
    """Every .txt/.html/.htm/.jsonl/.csv file below `directory`, in name order; other files are not inputs."""
    found = False
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or path.suffix.lower() not in DIRECTORY_SUFFIXES:
                continue
            found = True
            yield from read_file(path, options)
    if not found:
        yield InputError(str(directory), "no .txt, .html, .htm, .jsonl or .csv files in this directory")


def _guard(reader, *args) -> ReadResult:
    try:
        return reader(*args)
    except InputError as exc:
        return exc


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        check_size(path.stat().st_size, str(path), limit)
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def read_text_file(path: Path) -> RawDocument:
    text = decode_bytes(_read_bytes(path, MAX_TEXT_BYTES), str(path))
    return RawDocument(id=document_id(content=text), text=text, published=_date_from_file_name(path),
                       origin=str(path))


def read_html_file(path: Path) -> RawDocument:
    data = _read_bytes(path, MAX_HTML_BYTES)
    html = decode_bytes(data, str(path), declared_html_charset(data), limit=MAX_HTML_BYTES)
    return RawDocument(id=document_id(content=html), html=html, published=_date_from_file_name(path),
                       origin=str(path))


def read_stdin(stream: Optional[BinaryIO] = None) -> RawDocument:
    """Standard input as one document; HTML when it starts like an HTML page, else plain text."""
    if stream is None:
        if sys.stdin.isatty():
            raise InputError("stdin", "is a terminal, not a document: pipe one in (… | frontwatch extract -)")
        stream = sys.stdin.buffer
    data = stream.read(MAX_HTML_BYTES + 1)
    declared = declared_html_charset(data)
    text = decode_bytes(data, "stdin", declared, limit=MAX_HTML_BYTES)
    if looks_like_html(text):
        return RawDocument(id=document_id(content=text), html=text, origin="stdin")
    check_size(len(data), "stdin", MAX_TEXT_BYTES)
    return RawDocument(id=document_id(content=text), text=text, origin="stdin")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096]))


def _date_from_file_name(path: Path) -> Optional[dt.date]:
    match = _SEEN_FILE_NAME.match(path.stem)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def parse_published(value: object, origin: str, name: str = "published") -> Optional[dt.date]:
    """A date from YYYY-MM-DD or an ISO 8601 datetime (the date as written, whatever the time zone)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(origin, f"{name} must be a date string like 2022-09-13, got {json.dumps(value)}")
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(origin, f"{name} {value!r} is not a date: expected YYYY-MM-DD or an ISO datetime") from None


# --- JSONL -----------------------------------------------------------------------------------------

JSONL_FIELDS = {"id", "text", "html", "published", "url", "source"}


def read_jsonl(path: Path) -> Iterator[ReadResult]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        yield from read_jsonl_stream(handle, str(path))


def read_jsonl_stream(stream: BinaryIO, name: str) -> Iterator[ReadResult]:
    """One document per line: {"id", "text" or "html", "published", "url", "source"}; blank lines skipped."""
    seen_any = False
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        seen_any = True
        yield _guard(parse_jsonl_line, line, f"{name}:{number}")
    if not seen_any:
        yield InputError(name, "empty input: no JSON lines")


def parse_jsonl_line(line: bytes, origin: str) -> RawDocument:
    check_size(len(line), origin, MAX_HTML_BYTES)
    try:
        record = json.loads(line.decode("utf-8-sig").strip())
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not UTF-8 (JSON Lines must be UTF-8): {exc.reason} at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object with text or html, got {type(record).__name__}")
    unknown = sorted(set(record) - JSONL_FIELDS)
    if unknown:
        raise InputError(origin, f"unknown field(s) {', '.join(unknown)}: expected {', '.join(sorted(JSONL_FIELDS))}")
    for key in ("id", "text", "html", "url", "source"):
        value = record.get(key)
        if value is not None and not isinstance(value, str) and not (key == "id" and isinstance(value, int)):
            raise InputError(origin, f"{key} must be a string, got {json.dumps(value)[:40]}")
    text, html = record.get("text"), record.get("html")
    if text and html:
        raise InputError(origin, "has both text and html: give one")
    body = text or html
    if not body or not body.strip():
        raise InputError(origin, "empty input: no text or html")
    check_size(len(body.encode("utf-8")), origin, MAX_TEXT_BYTES if text else MAX_HTML_BYTES)
    return RawDocument(
        id=document_id(record.get("id"), record.get("url"), body),
        text=text or None, html=html or None, url=record.get("url") or None, source=record.get("source") or None,
        published=parse_published(record.get("published"), origin), origin=origin)


# --- CSV -------------------------------------------------------------------------------------------

# A CSV file is read whole before decoding (so one encoding is found for it); this caps that.
MAX_CSV_BYTES = 512 * 1024 * 1024


def read_csv(path: Path, mapping: Optional[CsvMapping] = None) -> Iterator[ReadResult]:
    """One document per row; columns by `mapping`, else by a built-in preset recognised from the header."""
    try:
        data = _read_bytes(path, MAX_CSV_BYTES)
        text = decode_bytes(data, str(path), limit=MAX_CSV_BYTES)
    except InputError as exc:
        yield exc
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    try:
        mapping = mapping or mapping_for_header(header, str(path))
        mapping.check_header(header, str(path))
    except InputError as exc:
        yield exc
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputError(f"{path}:{reader.line_num}", f"malformed CSV: {exc}")
            continue
        yield _guard(_document_from_row, row, mapping, f"{path}:{reader.line_num}")


def _document_from_row(row: dict, mapping: CsvMapping, origin: str) -> RawDocument:
    if None in row:
        raise InputError(origin, f"malformed CSV: {len(row) - 1 + len(row[None])} fields where the header has {len(row) - 1}")
    text = "\n".join(row[column].strip() for column in mapping.text if row.get(column) and row[column].strip())
    if not text:
        raise InputError(origin, f"empty input: no text in column {'/'.join(mapping.text)}")
    check_size(len(text.encode("utf-8")), origin)
    url = row.get(mapping.url, "").strip() if mapping.url else ""
    given_id = row.get(mapping.id, "").strip() if mapping.id else ""
    source = (row.get(mapping.source, "").strip() if mapping.source else "") or mapping.fixed_source
    published = parse_published(row.get(mapping.published), origin, mapping.published) if mapping.published else None
    return RawDocument(id=document_id(given_id, url, text), text=text, url=url or None, source=source or None,
                       published=published, origin=origin)
