"""spaCy loads once per session; the sample article is read through the real cleaning stage, as the
pipeline reads it, so spans and sentences are the product's."""
import pytest

from frontwatch.config import shared_dir

SAMPLE = shared_dir() / "samples" / "izyum-liberation-2022-09.txt"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from frontwatch.nlp.spacy_setup import load_english
    return load_english()


@pytest.fixture(scope="session")
def sample_doc(nlp, sample_text):
    from frontwatch.ingest.clean import clean_document
    from frontwatch.model import RawDocument
    article = clean_document(RawDocument(id="izyum", text=sample_text, origin=str(SAMPLE)))
    return nlp(article.text)
