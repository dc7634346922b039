"""Shared fixtures: spaCy and the trained classifier load once per session; texts run through the real
upstream stages (dates, quantities, attribution) before the event stage."""
import datetime as dt

import pytest

from frontwatch.config import shared_dir
from frontwatch.model import Article

SAMPLE = shared_dir() / "samples" / "izyum-liberation-2022-09.txt"


@pytest.fixture(scope="session")
def nlp():
    from frontwatch.nlp.spacy_setup import load_english
    return load_english()


@pytest.fixture(scope="session")
def classifier():
    from frontwatch.events.classifier import load_classifier
    return load_classifier()


@pytest.fixture(scope="session")
def annotate(nlp, classifier):
    """text -> (article, doc, dates, quantities, claims) through the real stages."""
    from frontwatch.nlp.attribution import find_claims
    from frontwatch.nlp.dates import find_dates
    from frontwatch.nlp.quantities import find_quantities

    def run(text: str, published: dt.date | None):
        article = Article(url=None, source="test", title=None, published=published, language="en", text=text)
        doc = nlp(text)
        dates, _ = find_dates(doc, published)
        quantities = find_quantities(doc)
        return article, doc, dates, quantities, find_claims(doc, dates)
    return run


@pytest.fixture(scope="session")
def sample_text():
    from frontwatch.ingest.clean import clean_document
    from frontwatch.model import RawDocument
    raw = RawDocument(id="izyum", text=SAMPLE.read_text(encoding="utf-8"), published=dt.date(2022, 9, 13), origin=str(SAMPLE))
    return clean_document(raw).text
