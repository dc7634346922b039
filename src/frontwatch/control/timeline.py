"""From control statements to changes and a per-settlement timeline.

Statements about one settlement are read in date order. Consecutive statements that give the same status
form one change (its date is the earliest report); a statement with a different status opens the next
change, so reversals ("retaken later") become two changes. Descriptions of a holding ("the liberated city
of Izyum") and the event stage's territorial events support a change but never open one; settlements named only through an area ("the west bank
of the Oskil") open changes with a lower weight.

Weighing: a claim by the side that gains is worth little alone; the losing side admitting it, or an outlet
of neither side, is worth more. A change is "confirmed" when the losing side admits it, or when at least
two outlets report it and not every report is the gaining side's own claim; otherwise it is "claimed". A change
named only by its noun ("Occupation of Mariupol: ...") adds confidence, not confirmation. A single report that a
contrary report soon follows is dropped; descriptions of a holding do not count as further reports there.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional

from frontwatch.control.statements import CONTEST, NAMED, SUPPORT_ONLY, ControlStatement
from frontwatch.control.statuses import CONTESTED, UNKNOWN, opponent
from frontwatch.model import ControlChange

# Weight of one report by whose word it is (probability that it is right, alone).
WEIGHT_GAINING_SIDE = 0.35
WEIGHT_INDEPENDENT = 0.5
WEIGHT_LOSING_SIDE = 0.8
HEDGE_FACTOR = 0.6  # "reportedly", "claims"
AREA_FACTOR = 0.6  # a settlement named only by the area it lies in


@dataclass
class Change:
    """One change with the statements behind it (the ControlChange record plus its evidence)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    to_status: str
    from_status: str = UNKNOWN
    statements: list[ControlStatement] = field(default_factory=list)

    @property
    def date(self) -> dt.date:
        return min(s.date for s in self.statements)

    @property
    def sources(self) -> list[str]:
        return sorted({_outlet(s) for s in self.statements})

    def voice_of(self, statement: ControlStatement) -> str:
        voice = statement.voice
        if self.to_status == CONTESTED or voice == "independent":
            return "independent"
        return "gaining" if voice == self.to_status else "losing" if voice == opponent(self.to_status) else "independent"

    @property
    def confidence(self) -> float:
        # One weight per (outlet, voice): ten reprints of one claim are one claim.
        best: dict[tuple[str, str], float] = {}
        for statement in self.statements:
            voice = self.voice_of(statement)
            weight = {"gaining": WEIGHT_GAINING_SIDE, "losing": WEIGHT_LOSING_SIDE}.get(voice, WEIGHT_INDEPENDENT)
            weight *= HEDGE_FACTOR if statement.hedged else 1.0
            weight *= AREA_FACTOR if statement.via_area else 1.0
            key = (_outlet(statement), voice)
            best[key] = max(best.get(key, 0.0), weight)
        doubt = 1.0
        for weight in best.values():
            doubt *= 1.0 - weight
        return round(1.0 - doubt, 3)

    @property
    def status(self) -> str:
        # The losing side describing the town as held ("occupied Kherson") admits the change; a change named by its
        # noun ("Occupation of Mariupol: ..." as a rubric) does not.
        reports = [s for s in self.statements if s.kind != NAMED]
        voices = {self.voice_of(s) for s in reports if not s.hedged}
        if "losing" in voices:
            return "confirmed"
        outlets = {_outlet(s) for s in reports}
        if len(outlets) >= 2 and voices - {"gaining"}:
            return "confirmed"
        return "claimed"

    def record(self) -> ControlChange:
        evidence = [{"article_id": s.article_id, "start": s.start, "end": s.end, "quote": s.quote,
                     "source": s.source, "claimant": s.claimant, "claimant_side": s.claimant_side,
                     "date": s.date.isoformat()} for s in sorted(self.statements, key=lambda s: (s.date, s.article_id, s.start))]
        return ControlChange(self.geonameid, self.name, self.latitude, self.longitude, self.date, self.from_status,
                             self.to_status, self.status, self.confidence, self.sources, evidence)


def _outlet(statement: ControlStatement) -> str:
    """The outlet; an article without one stands alone ("article 17")."""
    return statement.source or f"article {statement.article_id}"


def settlement_changes(statements: Iterable[ControlStatement]) -> dict[int, list[Change]]:
    """geonameid -> its changes in date order."""
    by_place: dict[int, list[ControlStatement]] = defaultdict(list)
    for statement in statements:
        by_place[statement.geonameid].append(statement)
    return {geonameid: _changes_of(items) for geonameid, items in by_place.items()}


def _changes_of(statements: list[ControlStatement]) -> list[Change]:
    changes: list[Change] = []
    # A report that opens a change is read before reports that only support one on the same day, and reports of
    # fighting before reports of a capture or a withdrawal: "fighting continues" and "forces are withdrawing" on one
    # day end with the withdrawal.
    ordered = sorted(statements, key=lambda s: (s.date, s.kind in SUPPORT_ONLY, s.kind != CONTEST, s.via_area, s.article_id,
                                                s.start))
    for statement in ordered:
        current = changes[-1] if changes else None
        if current is not None and current.to_status == statement.to_status:
            current.statements.append(statement)
        elif current is not None and _disputes(current, statement):
            # One uncorroborated report contradicted soon by a report of the previous status or of fighting: not a
            # change. The contrary report joins the change before, or opens its own.
            changes.pop()
            current = changes[-1] if changes else None
            if current is not None and current.to_status == statement.to_status:
                current.statements.append(statement)
            elif statement.kind not in SUPPORT_ONLY:
                changes.append(_opened_by(statement, current))
        elif statement.kind in SUPPORT_ONLY:
            continue  # nothing to support yet, or it contradicts the last change without reporting news
        else:
            changes.append(_opened_by(statement, current))
    return changes


def _opened_by(statement: ControlStatement, previous: Optional[Change]) -> Change:
    return Change(statement.geonameid, statement.name, statement.latitude, statement.longitude, statement.to_status,
                  previous.to_status if previous else _implied_from(statement), [statement])


DISPUTE_DAYS = 14


def _implied_from(statement: ControlStatement) -> str:
    """Taking, retaking or leaving a town says who held it before; fighting for it does not."""
    if statement.kind == CONTEST:
        return UNKNOWN
    return opponent(statement.to_status) or UNKNOWN


def _disputes(change: Change, statement: ControlStatement) -> bool:
    """A single uncorroborated report, contradicted soon by a report of the previous status or of fighting there
    ("Russia says it took Pisky", then "fierce fighting continues in Pisky" the next day). Claims repeated in
    several reports stand as claimed (Wagner's and Russia's claims of Bakhmut on 20-22 May 2023 while Ukraine
    said it was still fighting)."""
    return (statement.to_status in (change.from_status, CONTESTED) and statement.kind not in SUPPORT_ONLY and change.status == "claimed"
            and len({s.article_id for s in change.statements if s.kind not in SUPPORT_ONLY}) == 1 and (statement.date - change.date).days <= DISPUTE_DAYS)


def derive_changes(statements: Iterable[ControlStatement], start: Optional[dt.date] = None,
                   end: Optional[dt.date] = None, confirmed_only: bool = False) -> list[ControlChange]:
    """Every change (all settlements) dated within [start, end], by date then name."""
    records = []
    for changes in settlement_changes(statements).values():
        for change in changes:
            if (start and change.date < start) or (end and change.date > end):
                continue
            if confirmed_only and change.status != "confirmed":
                continue
            records.append(change.record())
    return sorted(records, key=lambda c: (c.date, c.name, c.geonameid))


def status_on(changes: list[Change], day: dt.date) -> tuple[str, Optional[Change]]:
    """The status of one settlement on a day (after that day's changes), with the change that set it."""
    last = None
    for change in changes:
        if change.date > day:
            break
        last = change
    return (last.to_status, last) if last else (UNKNOWN, None)
