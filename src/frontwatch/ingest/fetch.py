"""Fetching pages and RSS/Atom feeds, politely and safely.

- Every hop (the URL and each redirect) is resolved first and refused when any address is private,
  loopback, link-local, multicast or reserved, unless the policy allows it: a feed or a user must not be
  able to make frontwatch read the machine's own services. (The check happens before connecting; a DNS
  answer that changes between the check and the connection is not defended against.)
- Size and time are capped for each response; the body is streamed and dropped past the cap.
- robots.txt is honoured for the user agent `frontwatch` (RFC 9309: unreachable robots.txt means
  "disallow", a 4xx other than 401/403 means "no rules").
"""
from __future__ import annotations

import datetime as dt
import io
import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from frontwatch import __version__
from frontwatch.errors import InputError
from frontwatch.ingest.decode import MAX_HTML_BYTES, declared_html_charset, decode_bytes
from frontwatch.ingest.ids import document_id
from frontwatch.model import RawDocument

ROBOTS_AGENT = "frontwatch"
USER_AGENT = f"{ROBOTS_AGENT}/{__version__} (conflict-news reader; honours robots.txt)"
MAX_ROBOTS_BYTES = 512 * 1024
FEED_TYPES = ("rss", "atom", "xml")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    timeout: float = 20.0  # seconds for one response, connection to last byte
    max_bytes: int = MAX_HTML_BYTES
    max_redirects: int = 5
    obey_robots: bool = True


@dataclass
class Fetched:
    url: str  # after redirects
    content_type: str
    charset: Optional[str]
    body: bytes


def check_address(url: str, policy: FetchPolicy) -> None:
    """InputError unless `url` is http(s) and its host resolves only to addresses the policy allows."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "only http and https URLs can be fetched")
    if policy.allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(url, f"cannot resolve host {parts.hostname}: {exc.strerror}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise InputError(url, f"refused: {parts.hostname} resolves to {address}, a private, loopback or "
                                  "link-local address (allow it explicitly with --allow-private)")


class Fetcher:
    """One HTTP client and one robots.txt cache for a run."""

    def __init__(self, policy: Optional[FetchPolicy] = None, known_url: Optional[Callable[[str], bool]] = None):
        self.policy = policy or FetchPolicy()
        # Feed entries whose page the caller already has are not fetched again (a polled feed repeats them).
        self.known_url = known_url or (lambda url: False)
        # trust_env=False: proxies from the environment would connect on our behalf to addresses we
        # did not check.
        self.client = httpx.Client(headers={"User-Agent": USER_AGENT}, follow_redirects=False, trust_env=False)
        self._robots: dict[str, Optional[urllib.robotparser.RobotFileParser]] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def get(self, url: str, max_bytes: Optional[int] = None, check_robots: bool = True) -> Fetched:
        for _ in range(self.policy.max_redirects + 1):
            check_address(url, self.policy)
            if check_robots and self.policy.obey_robots and not self.allowed_by_robots(url):
                raise InputError(url, f"robots.txt of {urlsplit(url).netloc} disallows fetching this page")
            fetched, location = self._get_once(url, max_bytes or self.policy.max_bytes)
            if fetched:
                return fetched
            url = location
        raise InputError(url, f"more than {self.policy.max_redirects} redirects")

    def _get_once(self, url: str, max_bytes: int) -> tuple[Optional[Fetched], str]:
        deadline = time.monotonic() + self.policy.timeout
        try:
            with self.client.stream("GET", url, timeout=self.policy.timeout) as response:
                if response.is_redirect:
                    return None, urljoin(url, response.headers["location"])
                if response.status_code >= 400:
                    raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
                declared = int(response.headers.get("content-length") or 0)
                if declared > max_bytes:
                    raise InputError(url, f"too large: {declared} bytes, the limit is {max_bytes}")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputError(url, f"too large: more than {max_bytes} bytes, the limit")
                    if time.monotonic() > deadline:
                        raise InputError(url, f"timed out after {self.policy.timeout:g} s")
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "")
                return Fetched(str(response.url), content_type.split(";")[0].strip().lower(),
                               response.charset_encoding, b"".join(chunks)), ""
        except httpx.TimeoutException:
            raise InputError(url, f"timed out after {self.policy.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise InputError(url, f"cannot fetch: {exc}") from None

    def allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._load_robots(site)
        rules = self._robots[site]
        return rules is None or rules.can_fetch(ROBOTS_AGENT, url)

    def _load_robots(self, site: str) -> Optional[urllib.robotparser.RobotFileParser]:
        rules = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        try:
            fetched = self.get(site + "/robots.txt", MAX_ROBOTS_BYTES, check_robots=False)
        except InputError as exc:
            status = exc.reason.split()[1] if exc.reason.startswith("HTTP ") else ""
            if status.startswith("4") and status not in ("401", "403"):
                return None  # no robots.txt: no rules
            rules.disallow_all = True
            return rules
        rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        return rules

    # --- documents ---------------------------------------------------------------------------------

    def read(self, url: str) -> Iterator[RawDocument | InputError]:
        """A page as one document, or a feed as one document per entry."""
        try:
            fetched = self.get(url)
        except InputError as exc:
            yield exc
            return
        if is_feed(fetched):
            yield from self.read_feed(fetched, url)
        else:
            yield self._guard_page(fetched, url)

    def _guard_page(self, fetched: Fetched, origin: str, **metadata) -> RawDocument | InputError:
        try:
            return page_document(fetched, origin, **metadata)
        except InputError as exc:
            return exc

    def read_feed(self, fetched: Fetched, origin: str) -> Iterator[RawDocument | InputError]:
        """Each entry's linked page (fetched, robots honoured); the entry's own content when it has no link."""
        feed = feedparser.parse(io.BytesIO(fetched.body), response_headers={"content-location": fetched.url})
        if feed.bozo and not feed.entries:
            yield InputError(origin, f"malformed feed: {feed.get('bozo_exception')}")
            return
        if not feed.entries:
            yield InputError(origin, "feed has no entries")
            return
        source = feed.feed.get("title") or urlsplit(fetched.url).hostname
        for number, entry in enumerate(feed.entries, start=1):
            published = _entry_date(entry)
            link = entry.get("link")
            if link and self.known_url(link):
                continue
            if link:
                try:
                    page = self.get(link)
                except InputError as exc:
                    yield exc
                    continue
                yield self._guard_page(page, link, source=source, published=published)
                continue
            body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary")
            if not body:
                yield InputError(f"{origin} entry {number}", "feed entry has neither a link nor content")
                continue
            yield RawDocument(id=document_id(entry.get("id"), None, body), html=body, source=source,
                              published=published, origin=f"{origin} entry {number}")


def is_feed(fetched: Fetched) -> bool:
    if any(kind in fetched.content_type for kind in FEED_TYPES):
        return True
    head = fetched.body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and any(tag in fetched.body[:4096].lower() for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def page_document(fetched: Fetched, origin: str, source: Optional[str] = None,
                  published: Optional[dt.date] = None) -> RawDocument:
    if fetched.content_type and not fetched.content_type.startswith(PAGE_TYPES):
        raise InputError(origin, f"unsupported content type {fetched.content_type}: expected an HTML or text page")
    is_html = fetched.content_type != "text/plain"
    declared = fetched.charset or (declared_html_charset(fetched.body) if is_html else None)
    content = decode_bytes(fetched.body, origin, declared, limit=MAX_HTML_BYTES)
    return RawDocument(id=document_id(url=fetched.url), html=content if is_html else None,
                       text=None if is_html else content, url=fetched.url,
                       source=source or urlsplit(fetched.url).hostname, published=published, origin=origin)


def _entry_date(entry) -> Optional[dt.date]:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def read_url(url: str, policy: Optional[FetchPolicy] = None) -> Iterator[RawDocument | InputError]:
    with Fetcher(policy) as fetcher:
        yield from fetcher.read(url)
