"""`frontwatch eval quantities`: value + unit accuracy on quantulum3's own gold sentences.

A gold quantity is found when a predicted one has the same value (relative tolerance 1e-6) and the same
unit. Our unit names are quantulum3's except where frontwatch names them for conflict counts: "count" is
quantulum3's "dimensionless", "percent" its "percentage", "fraction" a dimensionless ratio. quantulum3
alone, with the same retrained unit classifier, is the baseline in the same run. Accuracy is found gold
/ all gold (recall); precision is matched predictions / all predictions.
"""
from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path

from frontwatch.config import shared_dir
from frontwatch.errors import FrontwatchError, InputError
from frontwatch.evaluate.report import f1, print_table

GOLD_FILES = {"quantities": "quantities.json", "ambiguity": "quantities.ambiguity.json"}
OUR_UNITS = {"count": "dimensionless", "percent": "percentage", "fraction": "dimensionless"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--errors", type=int, default=0, help="print up to N gold quantities we miss")


def run(args: argparse.Namespace) -> int:
    folder = shared_dir() / "eval" / "quantities" / "quantulum3"
    from frontwatch.nlp.quantities import find_quantities, unit_classifier_path
    from frontwatch.nlp.spacy_setup import load_english
    from quantulum3 import parser
    nlp = load_english()
    classifier = str(unit_classifier_path())

    def frontwatch(sentences: list[str]) -> list[list[tuple[float, str]]]:
        return [[(q.value, OUR_UNITS.get(q.unit, q.unit)) for q in find_quantities(doc)] for doc in nlp.pipe(sentences)]

    def quantulum3(sentences: list[str]) -> list[list[tuple[float, str]]]:
        return [[(q.value, q.unit.name) for q in parser.parse(sentence, classifier_path=classifier)]
                for sentence in sentences]

    rows = []
    for set_name, file_name in GOLD_FILES.items():
        sentences, gold = load_gold(folder / file_name)
        for system_name, system in (("frontwatch", frontwatch), ("quantulum3", quantulum3)):
            started = time.perf_counter()
            predicted = system(sentences)
            elapsed = time.perf_counter() - started
            accuracy, precision, misses = score(gold, predicted)
            rows.append([set_name, system_name, sum(map(len, gold)), accuracy, precision, f1(accuracy, precision),
                         f"{elapsed:.2f}"])
            if args.errors and system_name == "frontwatch":
                for index, wanted in misses[:args.errors]:
                    print(f"missed {wanted} in {sentences[index]!r}: got {predicted[index]}")
    print_table("quantulum3 gold: value + unit", ["set", "system", "gold", "accuracy", "precision", "F1", "seconds"],
                rows)
    return 0


def load_gold(path: Path) -> tuple[list[str], list[list[tuple[float, str]]]]:
    if not path.exists():
        raise FrontwatchError(f"{path}: quantulum3 gold not found (set FRONTWATCH_SHARED)")
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not JSON: {exc}") from exc
    return [item["req"] for item in items], [[(float(r["value"]), r["unit"]) for r in item["res"]] for item in items]


def score(gold: list[list[tuple[float, str]]], predicted: list[list[tuple[float, str]]]):
    found = matched_predictions = 0
    misses = []
    for index, (wanted, got) in enumerate(zip(gold, predicted)):
        available = list(got)
        for quantity in wanted:
            hit = next((candidate for candidate in available if _same(candidate, quantity)), None)
            if hit is None:
                misses.append((index, quantity))
                continue
            available.remove(hit)
            found += 1
        matched_predictions += len(got) - len(available)
    total_gold = sum(map(len, gold))
    total_predicted = sum(map(len, predicted))
    return (found / total_gold if total_gold else 0.0,
            matched_predictions / total_predicted if total_predicted else 0.0, misses)


def _same(predicted: tuple[float, str], gold: tuple[float, str]) -> bool:
    return predicted[1] == gold[1] and math.isclose(predicted[0], gold[0], rel_tol=1e-6, abs_tol=1e-9)
