"""ACLED's event vocabulary, read from ../shared/ontology/acled-event-types.json.

frontwatch writes `event_type` / `sub_event_type` exactly as ACLED spells them, so every other module asks
this one for the strings instead of typing them again.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from frontwatch.config import shared_dir
from frontwatch.errors import SetupError

ONTOLOGY_FILE = "ontology/acled-event-types.json"

# CASE 2021 labels for texts that are not ACLED events (diplomacy, blame, disasters, crime).
NON_CONFLICT_CASE_LABELS = ("DIPLO", "ATTRIB", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME")


@dataclass(frozen=True)
class Ontology:
    event_type_of: dict[str, str]  # sub-event type -> event type
    case_code_of: dict[str, str]  # sub-event type -> CASE 2021 label
    inter_codes: dict[int, str]  # ACLED actor-type code -> name

    @property
    def sub_event_types(self) -> list[str]:
        return list(self.event_type_of)

    def sub_event_of_case(self, case_label: str) -> str | None:
        """The ACLED sub-event type behind a CASE 2021 label; None for the non-conflict labels."""
        for sub_event, code in self.case_code_of.items():
            if code == case_label:
                return sub_event
        if case_label in NON_CONFLICT_CASE_LABELS:
            return None
        raise KeyError(f"unknown CASE 2021 label {case_label!r}")

    def inter_code(self, name: str) -> int:
        for code, label in self.inter_codes.items():
            if label == name:
                return code
        raise KeyError(f"unknown ACLED actor type {name!r}")


@functools.lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    path = shared_dir() / ONTOLOGY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SetupError(f"{path}: ACLED ontology file is missing (set FRONTWATCH_SHARED)") from exc
    except json.JSONDecodeError as exc:
        raise SetupError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    event_type_of = {sub: event_type for event_type, subs in data["event_types"].items() for sub in subs}
    missing = set(event_type_of) ^ set(data["case2021_codes"])
    if missing:
        raise SetupError(f"{path}: sub-event types without a CASE 2021 code or the reverse: {sorted(missing)}")
    return Ontology(event_type_of=event_type_of, case_code_of=dict(data["case2021_codes"]),
                    inter_codes={int(code): name for code, name in data["inter_codes"].items()})
