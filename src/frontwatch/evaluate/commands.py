"""`frontwatch eval TASK`: each task module has add_arguments(parser) and run(args) -> exit code."""
from __future__ import annotations

import argparse
import importlib

TASKS = {
    "boilerplate": ("frontwatch.evaluate.boilerplate", "main-text extraction vs the Zyte gold"),
    "geoparsing": ("frontwatch.evaluate.geoparsing", "toponym recognition + resolution (LGL, TR-News, GeoVirus)"),
    "ucdp": ("frontwatch.evaluate.ucdp", "UCDP GED Ukraine: location, deaths, dates"),
    "case2021": ("frontwatch.evaluate.case2021", "CASE 2021 ACLED sub-event types (cross-validated)"),
    "dates": ("frontwatch.evaluate.dates", "TempEval-3 DATE normalisation"),
    "quantities": ("frontwatch.evaluate.quantities", "quantulum3 gold quantities"),
    "control": ("frontwatch.evaluate.control", "settlement control changes vs Wikipedia transitions"),
}


def register(subparsers) -> None:
    # Task modules pull in scikit-learn, the pipeline and the gold sets' readers: they are imported only
    # when their task runs, so that every other command starts quickly.
    parser = subparsers.add_parser(
        "eval", help="score frontwatch on the gold sets in ../shared/eval",
        description="Tasks: " + "; ".join(f"{name}: {help_text}" for name, (_, help_text) in TASKS.items())
                    + ". `frontwatch eval TASK --help` lists a task's options.")
    parser.add_argument("task", choices=sorted(TASKS), metavar="TASK", help=", ".join(TASKS))
    parser.add_argument("task_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.set_defaults(func=run_task)


def run_task(args: argparse.Namespace) -> int:
    module_name, help_text = TASKS[args.task]
    module = importlib.import_module(module_name)
    task_parser = argparse.ArgumentParser(prog=f"frontwatch eval {args.task}", description=help_text)
    module.add_arguments(task_parser)
    return module.run(task_parser.parse_args(args.task_args))
