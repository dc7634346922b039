"""Which side a phrase names, for control: the belligerent that acts or speaks, and aligned outlets.

Proxies count with their patron (DPR/LPR militias, Wagner and Chechen units are Russian-side). A
nationality word that only describes a place ("the Ukrainian city of Kherson") names no actor.
"""
from __future__ import annotations

import re
from typing import Optional
from urllib.parse import urlparse

from frontwatch.control.statuses import RU, UA

_POSSESSIVE = r"(?:'s|’s)?"
_UA_WORDS = (r"ukrain(?:e|ian|ians)", r"kyiv", r"kiev", r"zelensk(?:y|yy|iy)", r"zsu", r"afu", r"azov", r"defenders")
_RU_WORDS = (r"russia(?:n|ns)?", r"moscow", r"kremlin", r"putin", r"pro-russian", r"separatists?", r"wagner", r"chechen",
             r"kadyrov", r"dpr", r"lpr", r"dnr", r"lnr", r"occupiers", r"invaders", r"rashists", r"orcs", r"enemy",
             r"prigozhin", r"shoigu")
_SIDE_RE = re.compile(r"\b(?:(?P<ua>" + "|".join(_UA_WORDS) + r")|(?P<ru>" + "|".join(_RU_WORDS) + r"))" + _POSSESSIVE + r"\b",
                      re.IGNORECASE)
# "Ukrainian city of", "Russian border", "Russian-occupied": the word qualifies a place or a holding.
_NOT_AN_ACTOR_AFTER = re.compile(r"^(?:[- ](?:occupied|held|controlled|annexed|installed|appointed)|\s+(?:city|cities|town|towns|village|villages"
                                 r"|settlements?|port|region|oblast|border|territory|territories|soil|land|capital|side|language|speakers?"
                                 r"|people|civilians|citizens|residents|media|state media|television|tv|news|bloggers?|positions))\b",
                                 re.IGNORECASE)
# Third parties whose word neither belligerent controls.
_INDEPENDENT_RE = re.compile(r"\b(?:U\.?K\.?|Britain|British|U\.?S\.?|American|Pentagon|White House|NATO|ISW|Institute for the Study of War"
                             r"|Western|intelligence|analysts?|satellite|geolocated|journalists?|reporters?|Reuters|AP|AFP|CNN|BBC|UN|OSCE"
                             r"|IAEA|Red Cross)\b")

# Outlets whose unattributed statements carry one side's voice. Others count as independent.
ALIGNED_OUTLETS = {
    "rt.com": RU, "tass.com": RU, "tass.ru": RU, "ria.ru": RU, "sputniknews.com": RU, "news-front.info": RU,
    "en.news-front.info": RU, "interfax.ru": RU, "ukrinform.net": UA, "ukrinform.ua": UA, "censor.net": UA,
    "mil.gov.ua": UA, "mod.gov.ua": UA, "mil.ru": RU,
}


def side_mentions(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, "UA"/"RU") for every word naming a side as an actor, in text order."""
    found = []
    for match in _SIDE_RE.finditer(text):
        if _NOT_AN_ACTOR_AFTER.match(text[match.end():match.end() + 30]):
            continue
        found.append((offset + match.start(), offset + match.end(), UA if match.group("ua") else RU))
    return found


# Forces an outlet names without a nationality are the outlet's own side's ("our units", "the Armed Forces").
_UNNAMED_OWN_FORCES = re.compile(r"\b(?:our\s+(?:troops|forces|units|soldiers|military|army)|the\s+armed\s+forces)\b", re.IGNORECASE)


def side_before(text: str, start: int, end: int, outlet: Optional[str] = None) -> Optional[str]:
    """The side named closest before `end` within text[start:end], or None."""
    mentions = side_mentions(text[start:end], start)
    if mentions:
        return mentions[-1][2]
    if outlet_side(outlet) and _UNNAMED_OWN_FORCES.search(text, start, end):
        return outlet_side(outlet)
    return None


def independent_mention(text: str) -> Optional[str]:
    match = _INDEPENDENT_RE.search(text or "")
    return match.group(0) if match else None


def outlet_side(source: Optional[str]) -> Optional[str]:
    """UA / RU when the outlet speaks for a side, from its domain (or name), else None."""
    if not source:
        return None
    host = (urlparse(source).hostname if "://" in source else source).lower().removeprefix("www.")
    while host:
        if host in ALIGNED_OUTLETS:
            return ALIGNED_OUTLETS[host]
        host = host.partition(".")[2] if "." in host else ""
    return None
