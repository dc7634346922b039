"""Pipeline outputs for the control tests: the sample article and real headlines from the corpora."""
import datetime as dt

import pytest

from frontwatch.config import shared_dir
from frontwatch.model import RawDocument

SAMPLE = shared_dir() / "samples" / "izyum-liberation-2022-09.txt"
# The sample has no date; its events are of 10-12 September 2022 and it was read on the 13th.
SAMPLE_PUBLISHED = dt.date(2022, 9, 13)


@pytest.fixture(scope="session")
def sample_raw() -> RawDocument:
    return RawDocument("izyum-sample", text=SAMPLE.read_text(encoding="utf-8"), published=SAMPLE_PUBLISHED,
                       source="sample", origin=str(SAMPLE))


@pytest.fixture(scope="session")
def sample_result(pipeline, sample_raw):
    return pipeline(sample_raw)
