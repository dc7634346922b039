"""Actors in ACLED's style, their side codes and ACLED actor types (inter codes).

An actor mention is classified by the words that name it: the state's armed forces of a named country
("Ukrainian troops", "the Russian army", "Russia's Ministry of Defence"), non-state armed groups
("rebels", "militants", "Wagner"), protesters, rioters and civilians. Russia–Ukraine actors get ACLED's
own names ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"); other states get
"Military Forces of <Country>".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from frontwatch.nlp.nationality import NATIONALITIES, NATIONALITY_PATTERN, OCCUPIER_PATTERN, nationality

# ACLED's names for the forces of the states in the Russia–Ukraine war (the year is the government's start).
ACLED_STATE_FORCES = {"UA": "Military Forces of Ukraine (2019-)", "RU": "Military Forces of Russia (2000-)",
                      "BY": "Military Forces of Belarus (1994-)"}

STATE_FORCE_WORDS = (r"troops?", r"forces?", r"army", r"armed forces", r"military", r"soldiers?", r"servicem[ae]n", r"units?", r"brigades?",
                     r"battalions?", r"regiments?", r"defen[cs]e (forces|ministry)", r"ministry of defen[cs]e", r"general staff", r"navy", r"air force",
                     r"national guard", r"guards?", r"marines", r"paratroopers", r"police", r"security forces", r"government forces",
                     r"occupiers", r"invaders", r"militar(y|ies)", r"defenders", r"artillerymen", r"gendarmerie", r"sbu", r"fsb", r"rosgvardia",
                     r"officers", r"authorities")
# The state acting through its police and courts ("local authorities arrested three activists"), named by no
# armed word: an actor, but not an armed party ("the authorities hit back with sanctions" is no act of war).
_UNARMED_STATE = re.compile(r"\bauthorities\b", re.IGNORECASE)
NON_STATE_WORDS = (r"rebels?", r"insurgents?", r"militants?", r"jihadists?", r"militias?", r"militiam[ae]n", r"gunmen", r"armed (men|groups?)",
                   r"separatists?", r"terrorists?", r"extremists?", r"islamists?", r"bandits", r"guerrillas?", r"fighters", r"mercenar(y|ies)",
                   r"wagner", r"is|isis|isil|daesh|islamic state", r"al[- ]shabaa?b", r"boko haram", r"taliban", r"houthis?", r"al[- ]qaeda",
                   r"hezbollah", r"ypg", r"sdf", r"pkk", r"hts", r"al[- ]nusra", r"mai[- ]mai", r"adf", r"farc", r"eln", r"npa",
                   r"dnr|lnr|dpr|lpr", r"proxies", r"partisans")
PROTESTER_WORDS = (r"protesters?", r"demonstrators?", r"activists", r"marchers", r"strikers")
RIOTER_WORDS = (r"rioters?", r"mobs?", r"vigilantes?", r"angry (crowd|residents|villagers)")
CIVILIAN_WORDS = (r"civilians?", r"residents?", r"people", r"villagers?", r"children", r"women", r"locals?", r"inhabitants", r"passengers",
                  r"farmers?", r"worshippers", r"students?", r"journalists?", r"doctors?", r"patients", r"families", r"pensioners", r"volunteers")

ACTOR_CLASSES = {"state": STATE_FORCE_WORDS, "nonstate": NON_STATE_WORDS, "protesters": PROTESTER_WORDS,
                 "rioters": RIOTER_WORDS, "civilians": CIVILIAN_WORDS}
INTER_CODE_OF_CLASS = {"state": 1, "nonstate": 2, "rioters": 5, "protesters": 6, "civilians": 7}

_CLASS_PATTERNS = {name: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE) for name, words in ACTOR_CLASSES.items()}
@dataclass(frozen=True)
class Actor:
    name: str  # ACLED style: "Military Forces of Russia (2000-)", "Civilians (Ukraine)", "Rebel group"
    side: str  # ISO alpha-2 of the state whose forces act, "civilians" or "unknown"
    actor_class: str  # "state", "nonstate", "protesters", "rioters", "civilians"
    inter: int  # ACLED actor type code
    start: int = -1
    end: int = -1


def actor_class(text: str) -> Optional[str]:
    """The kind of actor a phrase names ("state", "nonstate", "protesters", "rioters", "civilians"), or None.

    Non-state words win over state words in one phrase ("rebel fighters", "Wagner units"); protesters and
    rioters over civilians ("student protesters").
    """
    found = {name for name, pattern in _CLASS_PATTERNS.items() if pattern.search(text)}
    for name in ("nonstate", "state", "rioters", "protesters", "civilians"):
        if name in found:
            return name
    return None


# War reporting names fighting parties by more than the class words: "the enemy", "the Russians", the
# separatist republics and the Ukrainian army's acronyms (AFU, ZSU; APU in Russian sources).
_ARMED_PARTY_EXTRA = re.compile(r"\b(enemy|russians|ukrainians|dpr|lpr|dnr|lnr|afu|apu|zsu|ssu|wagnerians?|militia\w*|gunners|aviation)\b", re.IGNORECASE)


def armed_class(text: str) -> Optional[str]:
    """actor_class, with the state named only as its authorities not counted as armed ("state" by a force word)."""
    kind = actor_class(text)
    if kind == "state" and not _CLASS_PATTERNS["state"].search(_UNARMED_STATE.sub(" ", text)):
        return None
    return kind


def names_armed_party(text: str, as_subject: bool = False) -> bool:
    """The phrase names armed forces or an armed group; as the subject of an act of war a state's name
    does too ("Russia hit Kharkiv" — the state acts through its forces)."""
    if armed_class(text) in ("state", "nonstate") or _ARMED_PARTY_EXTRA.search(text) or OCCUPIER_PATTERN.search(text):
        return True
    return as_subject and nationality(text) is not None


def state_forces_name(iso: str) -> str:
    if iso in ACLED_STATE_FORCES:
        return ACLED_STATE_FORCES[iso]
    country = next((name for code, name in NATIONALITIES.values() if code == iso), iso)
    return f"Military Forces of {country}"


def actor_from_phrase(text: str, start: int = -1, end: int = -1, country_of_event: Optional[str] = None) -> Optional[Actor]:
    """An Actor from the words that name it; None when the phrase names no actor."""
    kind = actor_class(text) or ("state" if OCCUPIER_PATTERN.search(text) else None)
    if kind is None:
        return None
    iso = nationality(text)
    if kind == "state":
        if iso is None:
            return Actor("Military Forces (unidentified)", "unknown", kind, 1, start, end)
        return Actor(state_forces_name(iso), iso, kind, 1 if iso == country_of_event or country_of_event is None else 8, start, end)
    if kind == "civilians":
        country = _country_name(iso or country_of_event)
        return Actor(f"Civilians ({country})" if country else "Civilians", "civilians", kind, 7, start, end)
    if kind == "nonstate":
        return Actor(_named_group(text) or "Unidentified Armed Group", "unknown", kind, 2, start, end)
    country = _country_name(iso or country_of_event)
    label = "Protesters" if kind == "protesters" else "Rioters"
    return Actor(f"{label} ({country})" if country else label, "unknown", kind, INTER_CODE_OF_CLASS[kind], start, end)


def _country_name(iso: Optional[str]) -> Optional[str]:
    return next((name for code, name in NATIONALITIES.values() if code == iso), None) if iso else None


def _named_group(text: str) -> Optional[str]:
    """A named non-state group as written ("Wagner Group", "Islamic State"), else None."""
    match = re.search(r"\b(wagner( group)?|islamic state|al[- ]shabaa?b|boko haram|taliban|houthis?|hezbollah|al[- ]qaeda)\b", text, re.IGNORECASE)
    return match.group(1).title() if match else None


def find_actor_mentions(text: str, offset: int = 0, country_of_event: Optional[str] = None) -> list[Actor]:
    """Every actor phrase in `text`: a class word with the nationality words just before it ("Ukraine's
    General Staff", "Russian troops"), in text order. Offsets are shifted by `offset`."""
    actors = []
    for name, pattern in _CLASS_PATTERNS.items():
        for match in pattern.finditer(text):
            left = max(0, match.start() - 40)
            prefix = text[left:match.start()]
            # Nationality words count only when nothing but modifiers separates them from the class word.
            nat = list(NATIONALITY_PATTERN.finditer(prefix))
            start = left + nat[-1].start() if nat and not re.search(r"[.,;:!?]|\b(and|but|from|of|by|with|against|in|on)\b", prefix[nat[-1].end():]) else match.start()
            actor = actor_from_phrase(text[start:match.end()], offset + start, offset + match.end(), country_of_event)
            if actor is not None and actor.actor_class == name:
                actors.append(actor)
    actors.sort(key=lambda actor: actor.start)
    # A shorter mention inside a longer one ("forces" in "Russian forces") is the same actor.
    kept: list[Actor] = []
    for actor in actors:
        if kept and actor.start < kept[-1].end:
            if actor.end - actor.start > kept[-1].end - kept[-1].start:
                kept[-1] = actor
            continue
        kept.append(actor)
    return kept
