import json
from pathlib import Path

import pytest

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "frontwatch" / "schema" / "extraction.schema.json"


@pytest.fixture(scope="session")
def sample_path(shared_dir) -> Path:
    return shared_dir / "samples" / "izyum-liberation-2022-09.txt"


@pytest.fixture(scope="session")
def schema():
    return json.loads(SCHEMA.read_text())
