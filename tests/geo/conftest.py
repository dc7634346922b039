"""The gazetteer is built once per session (a no-op when `make` already built it) and opened read-only."""
from __future__ import annotations

import pytest

from frontwatch.config import shared_dir
from frontwatch.geo.build import build
from frontwatch.geo.geoparse import Geoparser
from frontwatch.nlp.spacy_setup import load_english

SAMPLE = shared_dir() / "samples" / "izyum-liberation-2022-09.txt"


@pytest.fixture(scope="session")
def geoparser() -> Geoparser:
    build()
    return Geoparser.open()


@pytest.fixture(scope="session")
def gazetteer(geoparser):
    return geoparser.gazetteer


@pytest.fixture(scope="session")
def nlp():
    return load_english()


@pytest.fixture(scope="session")
def geoparse(geoparser, nlp):
    return lambda text: geoparser(nlp(text))


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_places(geoparse, sample_text):
    return geoparse(sample_text)
