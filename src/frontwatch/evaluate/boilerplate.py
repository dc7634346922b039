"""`frontwatch eval boilerplate`: main-text extraction against the Zyte article-extraction benchmark.

Token-level scores per page (bags of lower-cased word tokens, so a token counts as often as it occurs),
averaged over pages, for frontwatch's clean_document and, in the same run, for trafilatura alone: with
its default settings and with favor_precision (our first stage), so the filter's own effect shows.
"""
from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from frontwatch.config import shared_dir
from frontwatch.errors import FrontwatchError, SetupError
from frontwatch.evaluate.report import f1, print_table
from frontwatch.ingest.clean import clean_document
from frontwatch.ingest.decode import MAX_HTML_BYTES, declared_html_charset, decode_bytes
from frontwatch.model import RawDocument

_TOKEN = re.compile(r"\w+")


def add_arguments(parser) -> None:
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (in id order)")
    parser.add_argument("--data", type=Path, default=None,
                        help="benchmark folder with ground-truth.json and html/ (default ../shared/eval/boilerplate/zyte)")


@dataclass
class Score:
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    page_f1: list[float] = field(default_factory=list)
    empty: int = 0
    seconds: float = 0.0

    def add(self, predicted: str, gold: str) -> None:
        predicted_tokens, gold_tokens = tokens(predicted), tokens(gold)
        overlap = sum((predicted_tokens & gold_tokens).values())
        precision = overlap / sum(predicted_tokens.values()) if predicted_tokens else 0.0
        recall = overlap / sum(gold_tokens.values()) if gold_tokens else 0.0
        self.empty += not predicted_tokens
        self.precision.append(precision)
        self.recall.append(recall)
        self.page_f1.append(f1(precision, recall))

    def row(self, name: str) -> list[object]:
        pages = len(self.precision)
        precision, recall = sum(self.precision) / pages, sum(self.recall) / pages
        return [name, pages, precision, recall, f1(precision, recall), sum(self.page_f1) / pages, self.empty,
                1000 * self.seconds / pages]


def tokens(text: str) -> Counter:
    return Counter(token.lower() for token in _TOKEN.findall(text or ""))


def load_pages(folder: Path, limit: int | None) -> list[tuple[str, str, str]]:
    """(page id, decoded HTML, gold body) for each page, in id order."""
    truth_path = folder / "ground-truth.json"
    if not truth_path.exists():
        raise SetupError(f"{truth_path} not found: set FRONTWATCH_SHARED to the shared data folder")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        data = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        html = decode_bytes(data, page_id, declared_html_charset(data), limit=MAX_HTML_BYTES)
        pages.append((page_id, html, truth[page_id]["articleBody"]))
    return pages


def _ours(html: str, url: str | None) -> str:
    try:
        return clean_document(RawDocument(id="page", html=html, url=url)).text
    except FrontwatchError:
        return ""


def systems() -> dict[str, Callable[[str, str | None], str]]:
    return {
        "trafilatura (default)": lambda html, url: trafilatura.extract(html, url=url) or "",
        "trafilatura favor_precision": lambda html, url: trafilatura.extract(
            html, url=url, favor_precision=True, include_comments=False) or "",
        "frontwatch (trafilatura + filter)": _ours,
    }


def run(args) -> int:
    folder = args.data or shared_dir() / "eval" / "boilerplate" / "zyte"
    pages = load_pages(folder, args.limit)
    if not pages:
        raise FrontwatchError("no pages to score (--limit must be at least 1)")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    scores = {name: Score() for name in systems()}
    for page_id, html, gold in pages:
        for name, extract in systems().items():
            started = time.perf_counter()
            predicted = extract(html, truth[page_id].get("url"))
            scores[name].seconds += time.perf_counter() - started
            scores[name].add(predicted, gold)
    print_table(f"Main-text extraction, Zyte benchmark ({len(pages)} pages): token precision / recall / F1",
                ["system", "pages", "precision", "recall", "F1", "mean page F1", "empty", "ms/page"],
                [score.row(name) for name, score in scores.items()])
    return 0
