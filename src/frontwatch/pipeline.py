"""source -> Article -> annotated Doc -> places, dates, quantities, claims -> Events.

Stages run in this order and each takes only what earlier stages returned; no stage reaches back.
Heavy resources (spaCy, the gazetteer) are loaded once per Pipeline.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Optional

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.events.assemble import build_events
from frontwatch.geo.geoparse import Geoparser
from frontwatch.ingest.clean import clean_document
from frontwatch.model import Article, ExtractionResult, RawDocument, Warning
from frontwatch.nlp.attribution import find_claims
from frontwatch.nlp.dates import find_dates
from frontwatch.nlp.language import detect_language
from frontwatch.nlp.quantities import find_quantities
from frontwatch.nlp.spacy_setup import load_english


@dataclass
class Failure:
    """An input that could not be processed: kept, with its reason, so it can be retried."""

    id: str
    origin: str
    error: str


@functools.lru_cache(maxsize=1)
def shared_pipeline() -> "Pipeline":
    """The pipeline of this process (the CLI, a test session or a Dask worker), loaded once and reused."""
    return Pipeline()


class Pipeline:
    def __init__(self, geoparser: Optional[Geoparser] = None):
        self.nlp = load_english()
        self.geoparser = geoparser or Geoparser.open()

    def __call__(self, raw: RawDocument) -> ExtractionResult:
        result = next(self.pipe([raw]))
        if isinstance(result, Failure):
            raise InputError(result.origin, result.error)
        return result

    def pipe(self, raws: Iterable[RawDocument], batch_size: int = 16) -> Iterator[ExtractionResult | Failure]:
        """Results in input order; a failing input yields a Failure and the others go on."""
        cleaned: list[tuple[RawDocument, Article | Failure]] = []
        for raw in raws:
            cleaned.append((raw, self._clean(raw)))
            if len(cleaned) >= batch_size:
                yield from self._annotate_batch(cleaned)
                cleaned = []
        if cleaned:
            yield from self._annotate_batch(cleaned)

    def _clean(self, raw: RawDocument) -> Article | Failure:
        try:
            article = clean_document(raw)
            article.language = detect_language(article.text)
            return article
        except FrontwatchError as exc:
            return Failure(raw.id, raw.origin or raw.id, str(getattr(exc, "reason", exc)))

    def _annotate_batch(self, batch: list[tuple[RawDocument, Article | Failure]]) -> Iterator[ExtractionResult | Failure]:
        english = [article.text for _, article in batch if isinstance(article, Article) and article.language == "en"]
        docs = iter(self.nlp.pipe(english))
        for raw, article in batch:
            if isinstance(article, Failure):
                yield article
            elif article.language != "en":
                yield ExtractionResult(raw.id, article, warnings=[Warning(
                    "language_unsupported",
                    f"language {article.language or 'unknown'}: only English gets events so far")])
            else:
                yield self._extract(raw.id, article, next(docs))

    def _extract(self, article_id: str, article: Article, doc) -> ExtractionResult:
        places = self.geoparser(doc)
        dates, warnings = find_dates(doc, article.published)
        quantities = find_quantities(doc)
        claims = find_claims(doc, dates)
        events = build_events(article_id, article, doc, places, dates, quantities, claims)
        return ExtractionResult(article_id, article, places, events, warnings, dates, quantities, claims)
