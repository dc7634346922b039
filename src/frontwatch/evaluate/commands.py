"""`frontwatch eval TASK`: each task module has add_arguments(parser) and run(args) -> exit code."""
from __future__ import annotations

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
    parser = subparsers.add_parser("eval", help="score frontwatch on the gold sets in ../shared/eval")
    tasks = parser.add_subparsers(dest="task", metavar="TASK", required=True)
    for name, (module_name, help_text) in TASKS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        task_parser = tasks.add_parser(name, help=help_text)
        module.add_arguments(task_parser)
        task_parser.set_defaults(func=module.run)
