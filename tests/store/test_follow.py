"""`frontwatch ingest FEED --follow`: a real process polling a real feed on 127.0.0.1 that gains an entry."""
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from functools import partial

import pytest

from frontwatch import store
from frontwatch.store.queries import ledger_counts

SAMPLE = "samples/izyum-liberation-2022-09.txt"
FETCHED: list[str] = []  # paths the server was asked for, in order


class RecordingHandler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        FETCHED.append(self.path)
        super().do_GET()

    def log_message(self, *args):
        pass


def _page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def _feed(base: str, pages: list[str]) -> str:
    items = "".join(f"<item><title>{name}</title><link>{base}/{name}.html</link>"
                    f"<pubDate>Tue, 13 Sep 2022 08:00:00 GMT</pubDate></item>" for name in pages)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>{items}</channel></rss>'


def _wait_for_articles(engine, count: int, process: subprocess.Popen, deadline: float) -> None:
    while ledger_counts(engine)["articles"] < count:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, f"fewer than {count} articles in time"
        time.sleep(0.2)


@pytest.mark.slow
def test_follow_ingests_new_feed_entries_and_fetches_each_page_once(tmp_path, shared_dir):
    paragraphs = (shared_dir / SAMPLE).read_text(encoding="utf-8").splitlines()
    site = tmp_path / "site"
    site.mkdir()
    (site / "izyum.html").write_text(_page("Izyum liberated", paragraphs), encoding="utf-8")
    (site / "vovchansk.html").write_text(_page("Vovchansk entered", paragraphs[6:10]), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(RecordingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (site / "feed.xml").write_text(_feed(base, ["izyum"]), encoding="utf-8")
    db = tmp_path / "ledger.sqlite"
    engine = store.open_engine(str(db))  # created before the writer starts, so polling never races it
    process = subprocess.Popen(
        [sys.executable, "-m", "frontwatch", "ingest", f"{base}/feed.xml", "--db", str(db), "--follow",
         "--interval", "0.5", "--allow-private"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        # A shell starts background jobs with SIGINT ignored, and Python then installs no Ctrl-C handler:
        # give the child the disposition of a terminal's foreground process.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 300
        _wait_for_articles(engine, 1, process, deadline)
        (site / "feed.xml").write_text(_feed(base, ["vovchansk", "izyum"]), encoding="utf-8")
        _wait_for_articles(engine, 2, process, deadline)
        polls_before = FETCHED.count("/feed.xml")
        while FETCHED.count("/feed.xml") < polls_before + 2:  # two more polls: nothing new, nothing refetched
            assert time.monotonic() < deadline
            time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        server.shutdown()
    assert process.returncode == 130 and "interrupted" in stderr.decode()
    assert FETCHED.count("/izyum.html") == 1 and FETCHED.count("/vovchansk.html") == 1
    assert ledger_counts(engine)["articles"] == 2
    izium = store.search_events(engine, store.EventFilters.from_params(sub_event_type="Government regains territory"))
    assert 707292 in {event["geonameid"] for event in izium}
