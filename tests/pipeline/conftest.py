import json
from pathlib import Path

import pytest

from frontwatch.config import shared_dir

SAMPLE = shared_dir() / "samples" / "izyum-liberation-2022-09.txt"
SCHEMA = Path(__file__).resolve().parents[2] / "src" / "frontwatch" / "schema" / "extraction.schema.json"


@pytest.fixture(scope="session")
def pipeline():
    from frontwatch.pipeline import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def schema():
    return json.loads(SCHEMA.read_text())
