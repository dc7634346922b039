"""Structured fixes a reader can attach to a correction, and how an accepted one changes a ledger event.

A fix is a JSON object with any of these keys (several may be combined):
    {"geonameid": 707292}                      wrong place: the GeoNames record it should be
    {"event_date": "2022-09-10"}               wrong date (day precision)
    {"sub_event_type": "Armed clash"}          wrong type (event_type follows from ACLED's ontology)
    {"fatalities": 12}                         wrong number (or fatalities_low / fatalities_high)
    {"not_an_event": true}                     not an event: hidden from the ledger, kept for audit
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Optional

from frontwatch.errors import InputError

FIX_KEYS = ("geonameid", "event_date", "event_type", "sub_event_type", "fatalities", "fatalities_low",
            "fatalities_high", "not_an_event")
_NUMBER_KEYS = ("fatalities", "fatalities_low", "fatalities_high")


def validate_fix(fix: Any) -> Optional[dict]:
    """The fix in canonical form, or InputError("fix", reason) naming what is wrong."""
    if fix is None or fix == {}:
        return None
    if not isinstance(fix, dict):
        raise InputError("fix", "must be a JSON object")
    unknown = set(fix) - set(FIX_KEYS)
    if unknown:
        raise InputError("fix", f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(FIX_KEYS)}")
    clean: dict[str, Any] = {}
    if "geonameid" in fix:
        clean["geonameid"] = _positive_int("geonameid", fix["geonameid"], allow_zero=False)
    if "event_date" in fix:
        try:
            clean["event_date"] = dt.date.fromisoformat(str(fix["event_date"])).isoformat()
        except ValueError:
            raise InputError("fix", f"event_date {fix['event_date']!r} is not a date (YYYY-MM-DD)") from None
    if "sub_event_type" in fix or "event_type" in fix:
        from frontwatch.events.ontology import load_ontology

        event_type_of = load_ontology().event_type_of
        sub = fix.get("sub_event_type")
        if sub not in event_type_of:
            raise InputError("fix", f"sub_event_type {sub!r} is not one of ACLED's 25 sub-event types")
        if fix.get("event_type") not in (None, event_type_of[sub]):
            raise InputError("fix", f"{sub!r} belongs to {event_type_of[sub]!r}, not {fix['event_type']!r}")
        clean["sub_event_type"] = sub
        clean["event_type"] = event_type_of[sub]
    for key in _NUMBER_KEYS:
        if key in fix:
            clean[key] = _positive_int(key, fix[key], allow_zero=True)
    if "fatalities_low" in clean and "fatalities_high" in clean and clean["fatalities_low"] > clean["fatalities_high"]:
        raise InputError("fix", "fatalities_low exceeds fatalities_high")
    if "not_an_event" in fix:
        if not isinstance(fix["not_an_event"], bool):
            raise InputError("fix", "not_an_event must be true or false")
        if fix["not_an_event"]:
            clean["not_an_event"] = True
    return clean or None


def _positive_int(key: str, value: Any, allow_zero: bool) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InputError("fix", f"{key} must be a whole number")
    try:
        number = int(value)
    except ValueError:
        raise InputError("fix", f"{key} {value!r} is not a whole number") from None
    if number < 0 or (number == 0 and not allow_zero):
        raise InputError("fix", f"{key} must be {'zero or ' if allow_zero else ''}positive")
    return number


PlaceLookup = Callable[[int], Optional[dict]]


def apply_fix(values: dict, fix: dict, place_of: PlaceLookup) -> None:
    """Change an aggregated event row (`values`, column -> value) as the fix says."""
    if "geonameid" in fix:
        place = place_of(fix["geonameid"])
        if place is None:
            raise InputError("fix", f"geonameid {fix['geonameid']} is not in the gazetteer")
        values.update(geonameid=place["geonameid"], location=place["name"], latitude=place["latitude"],
                      longitude=place["longitude"], geo_precision=1)
        if place.get("admin1"):
            values["admin1"] = place["admin1"]
        if place.get("admin2"):
            values["admin2"] = place["admin2"]
    if "event_date" in fix:
        day = dt.date.fromisoformat(fix["event_date"])
        values.update(event_date=day, date_start=day, date_end=day, year=day.year, time_precision=1)
    if "sub_event_type" in fix:
        values.update(event_type=fix["event_type"], sub_event_type=fix["sub_event_type"])
    if "fatalities" in fix:
        number = fix["fatalities"]
        values.update(fatalities=number, fatalities_best=number)
        values["fatalities_low"] = min(values.get("fatalities_low") or number, number)
        values["fatalities_high"] = max(values.get("fatalities_high") or number, number)
    if "fatalities_low" in fix:
        values["fatalities_low"] = fix["fatalities_low"]
        values["fatalities"] = fix["fatalities"] if "fatalities" in fix else fix["fatalities_low"]
    if "fatalities_high" in fix:
        values["fatalities_high"] = fix["fatalities_high"]
    if fix.get("not_an_event"):
        values["hidden"] = True
    values["corrected"] = True
