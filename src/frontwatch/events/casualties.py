"""Casualty figures in a sentence: killed vs wounded vs captured vs missing, military vs civilian.

A figure is a Quantity (from nlp.quantities) next to a casualty word in the same clause ("at least 1,000
residents died", "two soldiers were wounded", "hundreds ... were taken prisoner"). A casualty word with no
figure still says something: "there are dead" means at least one death and an open upper bound (UCDP's
rule: a sound low, no invented high), "several killed" follows ACLED's conventions for vague amounts, and
"heavy casualties" says people were harmed without saying how many or how.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from frontwatch.model import Quantity

# The verb or noun that says what happened to the people counted.
CASUALTY_WORDS = {
    "killed": r"kill\w*|dead|die|died|dies|death\w*|deceased|lives|bodies|fatalit\w*|perish\w*|slain|massacred|executed|shot dead|lifeless|toll|"
              r"(?-i:KIA)(?:['’]?s)?",  # military reports: "1 KIA, 2 WIA" (killed / wounded in action; not the car maker Kia)
    "wounded": r"wound\w*|injur\w*|hurt|hospitali[sz]ed|(?-i:WIA)(?:['’]?s)?",
    "captured": r"captur\w*|prisoners?|captives?|pows?|surrender\w*|taken prisoner",
    "missing": r"missing|disappeared",
}
# Kinds that say people were harmed, i.e. that violence happened.
HARM_KINDS = ("killed", "wounded", "casualties")
_KIND_PATTERNS = {kind: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for kind, words in CASUALTY_WORDS.items()}
_MILITARY = re.compile(r"\b((?-i:KIA|WIA)|soldiers?|troops|servicem[ae]n|militar\w*|fighters|militants|rebels|officers|personnel|forces|combatants|marines)\b", re.IGNORECASE)
_CIVILIAN = re.compile(r"\b(civilians?|residents?|people|children|women|villagers|inhabitants|passengers|locals|pensioners|protesters|demonstrators)\b", re.IGNORECASE)
# ACLED's conventions for vague amounts when no number is given.
VAGUE_AMOUNTS = {"several": 10, "many": 10, "scores": 20, "dozens": 12, "hundreds": 100, "thousands": 1000}
_VAGUE = re.compile(r"\b(several|many|scores|dozens|hundreds|thousands)\b", re.IGNORECASE)
_CUMULATIVE = re.compile(r"\b(since (the )?(start|beginning|outbreak) of|since (february|feb\.?) 24|since the (full-scale )?invasion|"
                         r"since \d{4}|in total|so far|to date|overall|total (of|number)|cumulative)\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(no|none|nobody|without)\b[^.;]{0,20}$", re.IGNORECASE)
# Words that report deaths by themselves; "death toll" or "casualties" alone do not say anyone died here, a
# toll that rises does.
# "The death of" or "in memory of" says someone died only of fighters or civilians (not "the death of the
# Queen", "in memory of her father"): "condolences over death of commander of 128th brigade", "In memory of
# the fighter of the International Defense Legion".
_WAR_DEAD = (r"([\w-]+[\s,]+){0,5}?(soldiers?|servicem[ae]n|servicewom[ae]n|fighters?|militants?|rebels?|officers?|commanders?|militiam[ae]n|"
             r"infantrym[ae]n|marines?|paratroopers?|defenders?|troops|civilians)\b")
_VAGUE_DEATH = re.compile(r"\b(killed|kills|killing|dead|died|dies|dying|perished|slain|lost their lives|shot dead|were executed|"
                         r"death toll (rises|rose|risen|mounts|mounted|climbs|climbed|grows|grew|hits|reaches|reached)|"
                         r"(beat|beaten|stabbed|hacked|tortured|burned|burnt|starved|trampled)(\s+\w+){0,3}?\s+to death|"
                         rf"deaths? of(?=\s+{_WAR_DEAD})|in memory of(?=\s+{_WAR_DEAD}))\b", re.IGNORECASE)
_APPROXIMATELY = r"(\s+(about|over|more than|up to|some|almost|nearly|around))?\s*$"
# Ministry-of-defence speech: "destroyed about 60 Ukrainian soldiers", "eliminated 60 invaders", "lost up to 95
# servicemen", "losses ... amounted to 80 servicemen": people destroyed or lost are dead.
_MOD_SPEAK = re.compile(r"\b(destroyed|eliminated|neutrali[sz]ed|liquidated|lost|los(es|ing))\b" + _APPROXIMATELY, re.IGNORECASE)
_LOSSES_AMOUNT = re.compile(r"\blosses\b.{0,80}\b(amounted( to)?|totall?ed|reached|were)\b" + _APPROXIMATELY, re.IGNORECASE)
_COMBATANTS = (r"(soldiers|servicemen|militants|fighters|mercenaries|troops|nationalists|personnel|invaders|occupiers|militiamen|"
               r"paratroopers|marines|people|"
               r"military(?!\s+(vehicles?|equipment|hardware|trucks?|facilit\w+|depots?|targets?|objects?|aircraft|installations?|infrastructure)))")
_PERSONS_AFTER = re.compile(rf"^\W*(\w+\W+){{0,3}}?{_COMBATANTS}\b", re.IGNORECASE)
# "250 servicemen lost in Donetsk direction", not "200 people lost their homes".
_PERSONS_LOST = re.compile(rf"^\W*(\w+\W+){{0,2}}?{_COMBATANTS}\s+(were\s+|have\s+been\s+)?lost\b"
                           r"(?!\s+(their|his|her|its|the|a|an|all|everything|homes?|jobs?|power|contact|touch)\b)", re.IGNORECASE)
# "would lead to casualties", "to avoid casualties": harm foreseen or feared, not reported.
_POSSIBLE = re.compile(r"\b(would|could|may|might|will|if|risks?|fears?|avoid\w*|prevent\w*|minimi[sz]\w*|without)\b", re.IGNORECASE)
# "Heavy casualties reported", "suffer losses": people killed or wounded, with no number and no split.
_VAGUE_CASUALTIES = re.compile(r"\bcasualties\b|\bsuffer\w*\s+(\w+\s+)?losses\b", re.IGNORECASE)
_ONE_PERSON = r"(man|woman|boy|girl|child|soldier|serviceman|servicewoman|civilian|person|resident|officer|journalist|militiaman|volunteer|medic|policeman|commander)"
_WINDOW = 90  # characters on each side of a figure in which its casualty word must stand
# What a figure counts when it is not people: "shell DPR 18 times", "amid 23 enemy attacks", "launch 300 mines",
# "lost two companies" (units, whose strength is not said).
_COUNTED_THINGS = re.compile(r"\b(times|attacks?|shellings?|violations?|breaches|mines|shells|rounds|projectiles|missiles|rockets|drones|"
                             r"strikes|sorties|localities|settlements|villages|towns|cities|houses|buildings|homes|companies|platoons|"
                             r"battalions|brigades|regiments|positions|tanks|vehicles|weapons|guns|hours|days|weeks|months|years)$",
                             re.IGNORECASE)
# "Two wounded Ukrainian soldiers die in hospital": "wounded" describes who died.
_WOUNDED_WHO_DIED = re.compile(r"^\s*(wounded|injured)\s+(\w+\s+){0,2}?\w+\s+(die|died|dies|succumbed)\b", re.IGNORECASE)
# "100 soldiers killed and wounded": one figure for both, so no death toll.
_KILLED_AND_WOUNDED = re.compile(r"^\W*(\w+\W+){0,3}?(killed|dead)\s+(and|or|and/or)\s+(wounded|injured)\b", re.IGNORECASE)


@dataclass
class Casualty:
    kind: str  # "killed", "wounded", "captured", "missing"; "casualties": killed or wounded, not said which
    low: Optional[int]
    best: Optional[int]
    high: Optional[int]  # None: open upper bound
    group: Optional[str]  # "military", "civilian" or None when the text does not say
    text: str
    start: int
    end: int
    cumulative: bool = False
    quantity: Optional[Quantity] = None

    def as_json(self) -> dict:
        return {"kind": self.kind, "low": self.low, "best": self.best, "high": self.high, "group": self.group,
                "text": self.text, "start": self.start, "end": self.end, "cumulative": self.cumulative}


def find_casualties(text: str, sentence_start: int, sentence_end: int, quantities: list[Quantity]) -> list[Casualty]:
    """Casualty figures in text[sentence_start:sentence_end]; `quantities` are the article's quantities."""
    sentence = text[sentence_start:sentence_end]
    cumulative = bool(_CUMULATIVE.search(sentence))
    found: list[Casualty] = []
    for quantity in quantities:
        if not (sentence_start <= quantity.start and quantity.end <= sentence_end) or _is_measure(quantity) or _in_link(text, quantity) \
                or _COUNTED_THINGS.search(quantity.entity or ""):
            continue
        kind, group = _kind_near(text, quantity.start, quantity.end, sentence_start, sentence_end)
        if kind is None:
            continue
        if kind == "killed" and _KILLED_AND_WOUNDED.match(text[quantity.end:sentence_end]):
            kind = "casualties"
        low, best, high = _bounds(quantity)
        if low is None and best is None:
            continue
        found.append(Casualty(kind, low, best, high, group, quantity.text, quantity.start, quantity.end, cumulative, quantity))
    if not any(casualty.kind == "killed" for casualty in found):
        vague = _vague_deaths(text, sentence_start, sentence_end, found)
        if vague:
            vague.cumulative = cumulative
            found.append(vague)
    if not any(casualty.kind in ("killed", "wounded") for casualty in found):
        unsplit = _vague_casualties(text, sentence_start, sentence_end)
        if unsplit:
            unsplit.cumulative = cumulative
            found.append(unsplit)
    return found


def _in_link(text: str, quantity: Quantity) -> bool:
    """A number inside a URL or a handle ("unian.info/war/10253403-...-1-kia") counts nobody."""
    left = text.rfind(" ", 0, quantity.start) + 1
    right = text.find(" ", quantity.end)
    word = text[left:right if right >= 0 else len(text)]
    return bool(re.search(r"://|www\.|\w/\w|@\w", word))


def _is_measure(quantity: Quantity) -> bool:
    """Percentages, distances, money and dates are not head counts."""
    unit = (quantity.unit or "").lower()
    return bool(unit) and not re.search(r"dimensionless|people|person|count|^$", unit)


def _kind_near(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[Optional[str], Optional[str]]:
    """The casualty word nearest to a figure (after it first: "1,000 residents died") within its clause."""
    after = _clause(text[end:min(sentence_end, end + _WINDOW)], forward=True)
    before = _clause(text[max(sentence_start, start - _WINDOW):start], forward=False)
    best: Optional[tuple[int, str]] = None
    for kind, pattern in _KIND_PATTERNS.items():
        for match in pattern.finditer(after):
            distance = match.start()
            if best is None or distance < best[0]:
                best = (distance, kind)
        for match in pattern.finditer(before):
            gap = len(before) - match.end()
            # "kills 16, injures 114": a verb right before the figure governs it; otherwise the words after
            # the figure are the more usual order ("16 killed").
            distance = 0 if gap <= 2 else gap + 5
            if best is None or distance < best[0]:
                best = (distance, kind)
    if best is not None and best[1] == "wounded" and _WOUNDED_WHO_DIED.match(after):
        best = (best[0], "killed")  # "Two wounded Ukrainian soldiers die in hospital": the wounded are the dead
    if best is None:
        if (_MOD_SPEAK.search(before) or _LOSSES_AMOUNT.search(before)) and _PERSONS_AFTER.match(after) or _PERSONS_LOST.match(after):
            return "killed", "military"
        return None, None
    context = before[-30:] + " " + after[:40]
    group = "military" if _MILITARY.search(context) else "civilian" if _CIVILIAN.search(context) else None
    return best[1], group


def _clause(fragment: str, forward: bool) -> str:
    """Cut a fragment at the nearest clause boundary so that a figure never borrows another clause's verb."""
    if forward:
        return re.split(r"[;:–—]|\band\b(?= \d)|, (?:while|whereas|but|and)\b", fragment)[0]
    return re.split(r"[;:–—,]|\band\b|\bwhile\b|\bbut\b", fragment)[-1]


def _bounds(quantity: Quantity) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """UCDP-style low/best/high from a quantity: "at least 1,000" -> 1000/1000/open, "10 to 15" -> 10/12/15."""
    as_int = lambda value: int(round(value)) if value is not None else None  # noqa: E731
    low, high, value = as_int(quantity.low), as_int(quantity.high), as_int(quantity.value)
    if low is None and high is None:
        low = high = value
    if low is None:
        low = value if value is not None else None
    best = value if value is not None else low
    if quantity.qualifier and re.search(r"at least|more than|over|upwards|hundreds|dozens|thousands|scores", quantity.qualifier, re.IGNORECASE):
        high = None if high == low else high  # an open upper bound stays open
    return low, best, high


def _vague_deaths(text: str, sentence_start: int, sentence_end: int, found: list[Casualty]) -> Optional[Casualty]:
    """Deaths said without a number: "there are dead", "several killed", "a man was shot dead"."""
    sentence = text[sentence_start:sentence_end]
    match = _VAGUE_DEATH.search(sentence)
    if match is None or _NEGATED.search(sentence[:match.start()]):
        return None
    # A figure's own word ("two wounded soldiers died") is not another report; a figure in another clause
    # ("three militiamen wounded, one killed") leaves this one to tell.
    if any(casualty.start <= sentence_start + match.start() < casualty.end + _WINDOW
           and not re.search(r"[,;:–—]|\band\b", text[casualty.end:sentence_start + match.start()]) for casualty in found):
        return None
    vague = _VAGUE.search(sentence[max(0, match.start() - 40):match.end() + 20])
    start, end = sentence_start + match.start(), sentence_start + match.end()
    if vague:
        amount = VAGUE_AMOUNTS[vague.group(1).lower()]
        return Casualty("killed", amount, amount, None, None, match.group(0), start, end)
    singular = re.search(r"\b(a|one|an) (\w+ ){0,2}(was |is |has been )?$", sentence[:match.start()], re.IGNORECASE) \
        or re.search(rf"\b{_ONE_PERSON}\s+(was |is |has been )?$", sentence[:match.start()], re.IGNORECASE) \
        or re.match(rf"\s*(one|a|an|body|{_ONE_PERSON})\b", sentence[match.end():], re.IGNORECASE)
    if singular:
        return Casualty("killed", 1, 1, 1, None, match.group(0), start, end)
    # Unnamed plural deaths: at least one for sure, two as the best guess, no invented upper bound.
    plural = re.search(r"\b(people|civilians|soldiers|residents|persons)\b", sentence, re.IGNORECASE)
    return Casualty("killed", 1, 2 if plural else 1, None, None, match.group(0), start, end)


def _vague_casualties(text: str, sentence_start: int, sentence_end: int) -> Optional[Casualty]:
    """ "Heavy casualties reported", "there were casualties", "suffer losses": people were killed or wounded,
    how many and which is not said (no figure, so no fatalities either)."""
    sentence = text[sentence_start:sentence_end]
    match = _VAGUE_CASUALTIES.search(sentence)
    if match is None or _NEGATED.search(sentence[:match.start()]) or _POSSIBLE.search(sentence[max(0, match.start() - 80):match.start()]):
        return None
    context = sentence[max(0, match.start() - 30):match.end() + 30]
    group = "military" if _MILITARY.search(context) else "civilian" if _CIVILIAN.search(context) else None
    return Casualty("casualties", None, None, None, group, match.group(0), sentence_start + match.start(), sentence_start + match.end())
