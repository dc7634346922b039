"""`frontwatch train classifier [--output PATH]`: train the sub-event classifier now, reproducibly.

The classifier otherwise trains on first use; this command does it ahead of time (for a deployment or
after a change to the training data), reports its cross-validated scores on the same snippets and
writes the model where `extract` and `ingest` load it, or to --output.
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from frontwatch.errors import FrontwatchError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "train", help="train the event classifier from ../shared (fixed seed) and report its CV scores",
        description="Trains the ACLED sub-event classifier on the CASE 2021 snippets in ../shared/eval/case2021, "
                    "reports its k-fold cross-validated scores and writes the model.")
    parser.add_argument("model", choices=["classifier"], help="the model to train (classifier: ACLED sub-event types)")
    parser.add_argument("--output", type=Path,
                        help="file to write the model to (default: the cache in var/models/ that extract and ingest load)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds for the reported scores (default 5)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from frontwatch.evaluate.case2021 import acled_scores, cross_validated_labels
    from frontwatch.events.classifier import SEED, read_training_data, save_model, train_model
    from frontwatch.nlp.spacy_setup import load_english

    if args.folds < 2:
        raise FrontwatchError(f"--folds {args.folds}: cross-validation needs at least 2 folds")
    if args.output is not None and args.output.is_dir():
        raise FrontwatchError(f"--output {args.output}: is a directory; give the model's file name")
    started = time.perf_counter()
    texts, labels = read_training_data()
    if args.folds > len(texts):
        raise FrontwatchError(f"--folds {args.folds}: more folds than the {len(texts)} training snippets")
    docs = list(load_english().pipe(texts))
    scores = acled_scores(labels, cross_validated_labels(docs, np.array(labels), args.folds, SEED))
    model = train_model(docs, labels)
    try:
        path = save_model(model, args.output)
    except OSError as exc:
        raise FrontwatchError(f"cannot write the model to {exc.filename or args.output}: {exc.strerror or exc}") from exc
    print(f"model: {path}")
    print(f"trained on {len(texts)} CASE 2021 snippets ({len(set(labels))} classes), seed {SEED}, "
          f"in {time.perf_counter() - started:.1f} s")
    print(f"{args.folds}-fold CV: weighted F1 {scores['weighted F1']:.3f}, macro F1 {scores['macro F1']:.3f} over the 25 ACLED "
          f"classes; accuracy {scores['accuracy']:.3f} over all 30")
    return 0
