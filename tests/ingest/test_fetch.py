"""URL and feed fetching against a real http.server on 127.0.0.1 (allowed explicitly for these tests)."""
import http.server
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest.clean import clean_document
from frontwatch.ingest.fetch import FetchPolicy, Fetcher, check_address, read_url
from frontwatch.ingest.readers import ReadOptions, read_sources
from frontwatch.model import RawDocument

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "izyum-liberation-2022-09.txt"
LOOPBACK = FetchPolicy(allow_private=True, timeout=5)
REQUESTS: list[tuple[str, str]] = []  # (path, user agent) as the server saw them


class RecordingHandler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        REQUESTS.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/slow.html":
            time.sleep(2)  # longer than the test's timeout
        super().do_GET()

    def log_message(self, *args):
        pass  # keep the test output clean


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Izyum liberated</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>Izyum liberated</h1>{body}</article>"
            f"<footer>© Example News</footer></body></html>")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    paragraphs = SAMPLE.read_text(encoding="utf-8").splitlines()
    (root / "izyum.html").write_text(_page(paragraphs), encoding="utf-8")
    (root / "kupiansk.html").write_text(_page(paragraphs[4:8]), encoding="utf-8")
    (root / "private").mkdir()
    (root / "private" / "page.html").write_text(_page(paragraphs[:3]), encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (root / "big.html").write_bytes(b"<html><body><p>" + b"a" * 300_000 + b"</p></body></html>")
    (root / "slow.html").write_text(_page(paragraphs[:2]), encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    handler = partial(RecordingHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "feed.xml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>{base}/</link>
<item><title>Izyum liberated</title><link>{base}/izyum.html</link><pubDate>Tue, 13 Sep 2022 08:00:00 GMT</pubDate></item>
<item><title>Kupiansk</title><link>{base}/kupiansk.html</link><pubDate>Mon, 12 Sep 2022 18:00:00 GMT</pubDate></item>
<item><title>Hidden</title><link>{base}/private/page.html</link></item>
<item><title>Gone</title><link>{base}/missing.html</link></item>
</channel></rss>""", encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_loopback_is_refused_unless_allowed(site):
    [refused] = read_url(f"{site}/izyum.html")
    assert isinstance(refused, InputError)
    assert "127.0.0.1" in refused.reason and "--allow-private" in refused.reason
    for address in ("http://10.0.0.8/a", "http://169.254.169.254/latest/meta-data", "http://[::1]/"):
        with pytest.raises(InputError, match="refused"):
            check_address(address, FetchPolicy())
    with pytest.raises(InputError, match="only http and https"):
        check_address("file:///etc/passwd", FetchPolicy(allow_private=True))


def test_page_is_fetched_and_cleaned(site):
    [raw] = read_url(f"{site}/izyum.html", LOOPBACK)
    assert isinstance(raw, RawDocument) and raw.url == f"{site}/izyum.html" and raw.source == "127.0.0.1"
    article = clean_document(raw)
    assert article.title == "Izyum liberated"
    assert "at least 1,000 people were killed" in article.text
    assert "Ctrl + Enter" not in article.text and "Home" not in article.text


def test_robots_txt_is_honoured(site):
    [refused] = read_url(f"{site}/private/page.html", LOOPBACK)
    assert isinstance(refused, InputError) and "robots.txt" in refused.reason


def test_size_cap_and_content_type(site):
    [too_big] = read_url(f"{site}/big.html", FetchPolicy(allow_private=True, max_bytes=100_000))
    assert isinstance(too_big, InputError) and "too large" in too_big.reason
    [image] = read_url(f"{site}/photo.png", LOOPBACK)
    assert isinstance(image, InputError) and "unsupported content type image/png" in image.reason
    [slow] = read_url(f"{site}/slow.html", FetchPolicy(allow_private=True, timeout=0.5))
    assert isinstance(slow, InputError) and slow.reason == "timed out after 0.5 s"
    [missing] = read_url(f"{site}/nothing-here.html", LOOPBACK)
    assert isinstance(missing, InputError) and missing.reason == "HTTP 404 File not found"


def test_feed_entries_are_fetched_with_their_dates(site):
    results = list(read_sources([f"{site}/feed.xml"], ReadOptions(allow_private=True, fetch_timeout=5)))
    documents = [item for item in results if isinstance(item, RawDocument)]
    assert [document.url for document in documents] == [f"{site}/izyum.html", f"{site}/kupiansk.html"]
    assert [str(document.published) for document in documents] == ["2022-09-13", "2022-09-12"]
    assert all(document.source == "Example News" for document in documents)
    reasons = [item.reason for item in results if isinstance(item, InputError)]
    assert len(reasons) == 2 and "robots.txt" in reasons[0] and "HTTP 404" in reasons[1]


def test_feed_entries_the_caller_has_are_not_fetched_again(site):
    REQUESTS.clear()
    options = ReadOptions(allow_private=True, known_url=lambda url: url.endswith("/izyum.html"))
    results = list(read_sources([f"{site}/feed.xml"], options))
    assert [item.url for item in results if isinstance(item, RawDocument)] == [f"{site}/kupiansk.html"]
    assert "/izyum.html" not in [path for path, _ in REQUESTS]


def test_one_robots_fetch_per_site_and_a_named_user_agent(site):
    REQUESTS.clear()
    results = list(read_sources([f"{site}/izyum.html", f"{site}/kupiansk.html"], ReadOptions(allow_private=True)))
    assert all(isinstance(item, RawDocument) for item in results)
    assert [path for path, _ in REQUESTS] == ["/robots.txt", "/izyum.html", "/kupiansk.html"]
    assert all(agent.startswith("frontwatch/") for _, agent in REQUESTS)


def test_robots_rules_are_fetched_once_per_site(site):
    with Fetcher(LOOPBACK) as fetcher:
        assert fetcher.allowed_by_robots(f"{site}/izyum.html")
        assert not fetcher.allowed_by_robots(f"{site}/private/page.html")
        assert len(fetcher._robots) == 1
