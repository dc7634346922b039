"""`frontwatch eval dates`: DATE expressions of TempEval-3 normalised to their TIMEX3 values.

Each document's creation time (DCT) is the publication date. A predicted mention matches a gold DATE
when the spans overlap (relaxed, as TempEval-3 scores recognition); value accuracy is the share of
matched gold expressions whose normalised value is right. Our day ranges are written as TIMEX3 values
(a day, an ISO week, a season, a month, a quarter, a year, a decade) by the coarsest unit that the range
is exactly, else by the finest unit that contains it. Periods ("the past six months") are TIMEX3
DURATIONs, not DATEs, so they are left out of the predictions. The baseline is dateparser's
search_dates with the same base date, each hit's granularity read from DateDataParser.
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from frontwatch.config import shared_dir
from frontwatch.errors import FrontwatchError, InputError
from frontwatch.evaluate.report import f1, print_table

SETS = {
    "platinum": "Evaluation/te3-platinum",
    "timebank": "Training/TBAQ-cleaned/TimeBank",
    "aquaint": "Training/TBAQ-cleaned/AQUAINT",
}
SEASONS = {(3, 5): "SP", (6, 8): "SU", (9, 11): "FA", (12, 2): "WI"}


@dataclass
class Expression:
    start: int
    end: int
    text: str
    value: Optional[str]


@dataclass
class Document:
    name: str
    text: str
    created: dt.date
    gold: list[Expression]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", choices=sorted(SETS), default="platinum",
                        help="TempEval-3 platinum test (default) or a TBAQ training part")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong values")


def run(args: argparse.Namespace) -> int:
    folder = shared_dir() / "eval" / "dates" / "tempeval3" / SETS[args.set]
    documents = load_documents(folder, args.limit)
    from frontwatch.nlp.dates import find_dates
    from frontwatch.nlp.spacy_setup import load_english
    nlp = load_english()
    docs = list(nlp.pipe(document.text for document in documents))

    def frontwatch(document: Document, index: int) -> list[Expression]:
        mentions, _ = find_dates(docs[index], document.created)
        return [Expression(m.start, m.end, m.text, timex_value(m.date_start, m.date_end))
                for m in mentions if m.kind != "duration"]

    rows = []
    for name, system in (("frontwatch", frontwatch), ("dateparser.search_dates", dateparser_baseline)):
        started = time.perf_counter()
        scores, errors = score(documents, system)
        elapsed = time.perf_counter() - started
        rows.append([name, *scores, f"{elapsed:.2f}"])
        if args.errors and name == "frontwatch":
            for document, gold, predicted in errors[:args.errors]:
                print(f"{document}: {gold.text!r} gold {gold.value} ours {predicted.value} ({predicted.text!r})")
    gold_count = sum(len(document.gold) for document in documents)
    print_table(f"TempEval-3 {args.set}: {len(documents)} documents, {gold_count} DATE expressions",
                ["system", "precision", "recall", "F1", "strict F1", "value accuracy", "value F1", "seconds"],
                rows)
    return 0


def load_documents(folder: Path, limit: Optional[int] = None) -> list[Document]:
    if not folder.is_dir():
        raise FrontwatchError(f"{folder}: TempEval-3 folder not found (set FRONTWATCH_SHARED)")
    paths = sorted(folder.glob("*.tml"))[:limit]
    if not paths:
        raise FrontwatchError(f"{folder}: no .tml files")
    return [read_tml(path) for path in paths]


def read_tml(path: Path) -> Document:
    """The plain text of <TEXT> with the character spans of its DATE TIMEX3 tags, and the DCT."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(str(path), f"not well-formed TimeML: {exc}") from exc
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None:
        raise InputError(str(path), "no DCT or TEXT element")
    created = dt.date.fromisoformat(dct.get("value")[:10])
    pieces: list[str] = []
    gold: list[Expression] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3" and element.get("type") == "DATE":
            gold.append(Expression(start, length, "".join(pieces)[start:length], element.get("value")))

    walk(body)
    return Document(path.stem, "".join(pieces), created, gold)


def timex_value(start: dt.date, end: dt.date) -> str:
    """A day range as a TIMEX3 value: the unit it is exactly, else the finest unit that contains it."""
    if start == end:
        return start.isoformat()
    if (end - start).days <= 6 and start.isocalendar()[:2] == end.isocalendar()[:2]:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    for (first, last), code in SEASONS.items():
        if start.month == first and start.day == 1 and end.month == last and \
                end.day == calendar.monthrange(end.year, last)[1] and (end - start).days < 100:
            return f"{start.year}-{code}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year}-{start.month:02d}"
    if start.year == end.year:
        if (start.month - 1) // 3 == (end.month - 1) // 3 and start.day == 1 and start.month % 3 == 1 \
                and end.month % 3 == 0 and end.day == calendar.monthrange(end.year, end.month)[1]:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        return str(start.year)
    if start.year // 10 == end.year // 10:
        return str(start.year // 10)
    if start.year // 100 == end.year // 100:
        return str(start.year // 100)
    return f"{start.isoformat()}/{end.isoformat()}"


def score(documents: list[Document], system: Callable[[Document, int], list[Expression]]):
    """(precision, recall, F1, strict F1, value accuracy, value F1) and the wrong values."""
    gold_total = predicted_total = matched = strict = correct = 0
    errors = []
    for index, document in enumerate(documents):
        predicted = system(document, index)
        gold_total += len(document.gold)
        predicted_total += len(predicted)
        used: set[int] = set()
        for gold in document.gold:
            overlapping = [i for i, p in enumerate(predicted)
                           if i not in used and p.start < gold.end and gold.start < p.end]
            if not overlapping:
                continue
            best = max(overlapping, key=lambda i: min(gold.end, predicted[i].end) - max(gold.start, predicted[i].start))
            used.add(best)
            matched += 1
            strict += (predicted[best].start, predicted[best].end) == (gold.start, gold.end)
            if predicted[best].value == gold.value:
                correct += 1
            else:
                errors.append((document.name, gold, predicted[best]))
    precision = matched / predicted_total if predicted_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    strict_f1 = f1(strict / predicted_total if predicted_total else 0.0, strict / gold_total if gold_total else 0.0)
    accuracy = correct / matched if matched else 0.0
    value_f1 = f1(correct / predicted_total if predicted_total else 0.0, correct / gold_total if gold_total else 0.0)
    return (precision, recall, f1(precision, recall), strict_f1, accuracy, value_f1), errors


def dateparser_baseline(document: Document, index: int) -> list[Expression]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates
    base = dt.datetime(document.created.year, document.created.month, document.created.day)
    settings = {"RELATIVE_BASE": base}
    found = search_dates(document.text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    expressions, cursor = [], 0
    for surface, moment in found:
        start = document.text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        period = parser.get_date_data(surface).period or "day"
        expressions.append(Expression(start, cursor, surface, _period_value(moment.date(), period)))
    return expressions


def _period_value(day: dt.date, period: str) -> str:
    if period == "year":
        return str(day.year)
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()
