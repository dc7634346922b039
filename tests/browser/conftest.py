"""A real server and a real browser: `frontwatch serve` on 127.0.0.1 at a free port over a ledger made
by `frontwatch ingest` from the sample article, driven by Debian's Chromium through Playwright."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from frontwatch.cli import main as frontwatch
from frontwatch.config import SOURCE_ROOT, shared_dir

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]
ARTIFACTS = SOURCE_ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, db: Path):
        self.db = db
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "frontwatch", "serve", "--port", str(self.port), "--db", str(db)],
            env={**os.environ, "FRONTWATCH_DB": str(db)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"frontwatch serve exited: {self.process.stdout.read()}")
            try:
                if httpx.get(f"{self.url}/api/meta", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("frontwatch serve did not answer within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: scripts/install-system.sh installs Debian's chromium")
    db = tmp_path_factory.mktemp("browser-ledger") / "ledger.sqlite"
    assert frontwatch(["ingest", str(shared_dir() / "samples"), "--db", str(db)]) == 0
    running = Server(db)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def token(server) -> str:
    """A moderator token, made the way users make one: `frontwatch token create` prints it on stdout."""
    made = subprocess.run([sys.executable, "-m", "frontwatch", "token", "create", "--name", "browser test",
                           "--db", str(server.db)], capture_output=True, text=True, check=True)
    return made.stdout.strip()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh tab on the map, waited for until every event is on it; page errors fail the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(server.url + "/")
    tab.wait_for_function("document.body.dataset.ready !== undefined", timeout=60_000)
    assert tab.evaluate("document.body.dataset.ready") == "1", tab.text_content("#count")
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture
def shoot():
    """shoot(page, name): a full-page screenshot under test-artifacts/ (gitignored) for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(tab, name: str) -> Path:
        path = ARTIFACTS / f"browser-{name}.png"
        tab.screenshot(path=str(path))
        return path

    return take
