"""Trigger words for each ACLED sub-event type, taken from the codebook's definitions.

They serve three purposes: features for the trained classifier (a strong prior that generalises beyond
the few hundred training snippets), the keyword baseline that `frontwatch eval case2021` reports, and
the sentence-level detector that build_events uses to find every event in an article.
Each pattern is matched case-insensitively on word boundaries.
"""
from __future__ import annotations

import functools
import re

NOT_CONFLICT = "not conflict"

# A few words in between: "seized nine pistols, 31 magazines and ammunition", "set up a new military post".
_GAP = r"(?:\W+\w+){0,5}?\W+"
_WEAPONS = (r"(weapons|arms|ammunitions?|ammo|firearms|rifles|pistols|revolvers|guns|explosives|cartridges|caches?|ieds?"
            r"|improvised explosive devices?|grenades|mines|rockets|mortars)")
_PROTESTERS = r"(protesters|protestors|demonstrators)"

# A capitalised "March" on its own is the month ("hopes for March easing of border curbs"), hence the
# case-sensitive "march" among the protest words.
# Sub-event type (or a non-conflict class) -> patterns. Order within the dict is the tie-break order of
# the keyword baseline: the more specific weapon or act comes before the generic one.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "Chemical weapon": (r"chemical (weapon|attack|agent|munition)s?", r"chlorine", r"sarin", r"mustard gas",
                        r"nerve (agent|gas)", r"toxic (gas|substance|chemical)s?", r"poison(ous)? gas"),
    "Suicide bomb": (r"suicide (bomb|attack|vest|car|truck|blast|bombing)\w*", r"suicide bomber", r"blew (himself|herself|themselves) up",
                     r"self-detonat\w*", r"explosive[- ]laden (vest|belt)"),
    "Grenade": (r"(hand )?grenades?", r"rpgs?"),
    "Remote explosive/landmine/IED": (r"ieds?", r"improvised explosive", r"road ?side bomb", r"land ?mines?", r"(anti-(tank|personnel) )?mines? (exploded|blast)",
                                      r"car bomb(ing)?", r"bomb (exploded|went off|blast)", r"explosive device", r"booby[- ]trap\w*",
                                      r"stepped on a mine", r"remote(ly)?[- ]detonat\w*", r"sticky bomb", r"hit a mine"),
    "Air/drone strike": (r"air ?strikes?", r"air raids?", r"drones?", r"uavs?", r"warplanes?", r"fighter jets?", r"jets", r"helicopter gunships?",
                         r"aerial (bombardment|attack|bombing)s?", r"bomb(ed|ing)s? from the air", r"shahed", r"kamikaze", r"air force", r"aircraft",
                         r"helicopters?", r"barrel bombs?"),
    "Shelling/artillery/missile attack": (r"shell(ed|ing|s)", r"artillery", r"mortars?", r"missiles?", r"rockets?", r"grad", r"multiple rocket",
                                          r"howitzers?", r"cruise missiles?", r"ballistic", r"bombard\w*", r"projectiles?", r"cluster munitions?"),
    "Sexual violence": (r"rap(e|ed|es|ing|ist)", r"sexual(ly)? (violence|assault|abuse|harass\w*|exploitation)", r"sexually assault\w*", r"molest\w*"),
    "Abduction/forced disappearance": (r"abduct\w*", r"kidnap\w*", r"forced(ly)? disappear\w*", r"taken hostage", r"hostages?", r"went missing",
                                       r"forcibly (taken|deported|removed)", r"disappeared"),
    "Attack": (r"gunmen", r"(massacr|execut|lynch|behead)\w*", r"(shot|stabbed|hacked|beat|beaten)( \w+){0,2} (dead|to death)", r"killed civilians",
               r"attack(ed|s)? (a |the )?(village|villagers|civilians|residents|worshippers|passengers|farmers|market)",
               r"opened fire on", r"murder\w*", r"assassinat\w*", r"gun attacks?", r"shot and killed"),
    "Armed clash": (r"clash(ed|es)?", r"fighting", r"fought", r"gun ?battles?", r"firefights?", r"exchange(d)? (of )?fire", r"ambush\w*",
                    r"skirmish\w*", r"battles?", r"offensive", r"engag(ed|ement) (with|in combat)", r"repel(led)?", r"repuls\w*", r"assault",
                    r"attack(s|ed|ing)?", r"hostilities", r"combat"),
    "Government regains territory": (r"recaptur\w*", r"retook", r"retake\w*", r"retaken", r"regain\w*", r"liberat\w*", r"reclaim\w*", r"won back",
                                     r"back under (government|state|army) control", r"recover(ed)? (control|the town|the city|the area|territory)",
                                     r"de-?occup\w*", r"cleared (of|the area)", r"flushed out", r"push(ed)? back"),
    "Non-state actor overtakes territory": (r"captur(ed|es|ing) (the |a )?(town|city|village|area|district|territory|base|region|locality|localities)",
                                            r"seiz(ed|es|ing) (control|the town|the city|the village|the area|territory|\w+ villages?)", r"took (over|control)",
                                            r"taken over", r"overr(a|u)n", r"occupied", r"fell to", r"under (the )?control of",
                                            r"advanc(ed|es|ing) (into|on)", r"storm(ed)?", r"entered the (town|city|village)",
                                            r"(took|take|taken|taking|seiz\w*|gain\w*|wrest\w*|assum\w*) (full |complete |total )?control", r"seized back"),
    "Peaceful protest": (r"protest\w*", r"demonstrat\w*", r"rall(y|ies|ied)", r"(?-i:march)|march(ed|es)", r"sit-?in", r"strikes? (by|of) (workers|teachers|doctors|employees)",
                         r"picket\w*", r"vigil", r"took to the streets", r"gather(ed)? (outside|in front)", r"petition"),
    "Protest with intervention": (r"dispers\w*", r"(police|security forces) (broke up|detained|arrested)", r"riot police", r"tear ?gas", r"water cannons?",
                                  r"cordon\w*", r"blocked (protesters|demonstrators|the march)", r"rubber bullets",
                                  r"pepper[- ]spray\w*", r"broke up", r"break up",
                                  r"(detained|arrested) (during|at) (the |a )?(unsanctioned |illegal )?(protests?|rall(y|ies)|demonstrations?)"),
    "Excessive force against protesters": (r"(fired|shot|opened fire) (on|at|into) (protesters|demonstrators|the crowd|crowds)",
                                           r"(protesters|demonstrators) (were )?(killed|shot|beaten)", r"live (ammunition|rounds|fire)",
                                           r"brutal(ly)? (crack ?down|attacked|beaten)", r"crack(ed)? ?down", r"beat(en)? (up )?(protesters|demonstrators|students)",
                                           r"(violently|brutally|forcibly) (suppress\w*|dispers\w*|crush\w*|broke up|attack\w*)",
                                           r"suppress\w* (the |a |their )?(peaceful )?(protest|demonstration|rally|march)\w*", r"live (bullets|rounds)",
                                           r"(killing|killed|shot|wounding|injuring) (\w+ ){0,2}" + _PROTESTERS,
                                           _PROTESTERS + r" (were |was )?(killed|shot|beaten|injured|wounded)", r"attacks? (against|on) (\w+ )?" + _PROTESTERS),
    "Violent demonstration": (r"riot\w*", r"(threw|throwing|hurled|pelted) (stones|rocks|petrol bombs|molotov|bottles)\w*", r"torched", r"set (fire|ablaze)",
                              r"vandali[sz]\w*", r"clash(ed)? with (police|security forces)", r"stormed", r"defied", r"block(ed|ing) (roads?|highways?|traffic)",
                              r"barricad\w*", r"burn(ed|ing|t) (tyres|tires|vehicles|cars)",
                              r"clash\w* (broke out )?(between|with) (the )?(police|security forces|riot police|officers)", r"(police|security forces) clashed with",
                              r"scuffl\w*", r"(shut|shutting) down (roads|streets)", r"block(ed|ing) (streets?|thoroughfares)", r"(light|lit|set) fires?",
                              r"petrol bombs?", r"molotov\w*"),
    "Mob violence": (r"mob", r"lynch\w*", r"vigilante\w*", r"angry (crowd|villagers|residents)", r"mob justice", r"communal (violence|clash\w*)",
                     r"cow vigilant\w*", r"beaten by (a )?(crowd|villagers)"),
    "Agreement": (r"agree(d|ment)s?", r"cease-?fire", r"truce", r"peace (deal|accord|talks|agreement)", r"signed", r"prisoner (exchange|swap)", r"swap",
                  r"deal", r"accord", r"negotiat\w*", r"memorandum", r"pact",
                  r"surrender\w*"),  # CASE 2021 codes a group's surrender to its enemy as an agreement
    "Arrests": (r"arrest\w*", r"detain\w*", r"apprehend\w*", r"taken into custody", r"custody", r"nabbed", r"rounded up", r"jailed", r"held for questioning"),
    "Change to group/activity": (r"reinforc\w*", r"deploy\w*", r"troops? (build-?up|movement|withdraw\w*)", r"withdr(e|a)w\w*", r"merg(ed|er)", r"splinter",
                                 r"disband\w*", r"join(ed)? forces", r"new (commander|leader)", r"appoint\w*", r"recruit\w*", r"training", r"mobili[sz]\w*",
                                 r"curfew", r"state of emergency", r"relocat\w*", r"redeploy\w*", r"pledged allegiance", r"surrender\w*"),
    "Disrupted weapons use": (r"defus\w*", r"dismantl\w*", r"(bomb|explosive|ied|mine)s? (was |were )?(found|discovered|detected)", r"weapons? caches?",
                              r"arms caches?", r"(seiz|confiscat|recover)\w* (weapons|arms|ammunition|explosives|rifles|guns)",
                              r"shot down", r"intercept\w*", r"downed", r"air defen[cs]e", r"destroyed (a |an )?(drone|missile)", r"foiled", r"thwart\w*",
                              r"bomb disposal", r"demin\w*", r"controlled explosion", r"neutrali[sz]ed",
                              r"(seiz|confiscat|recover|found|discover|unearth)\w*" + _GAP + _WEAPONS,
                              _WEAPONS + _GAP + r"(seized|found|discovered|recovered|confiscated|cleared|unearthed)",
                              r"(destroy|defus|dismantl)\w*" + _GAP + r"(caches?|ieds?|improvised explosive devices?|landmines|mines)",
                              r"stash(es)?", r"caches?"),
    "Headquarters or base established": (r"(set|setting) up (a )?(base|headquarters|camp|checkpoint|outpost)", r"establish\w* (a |an |new )?(base|headquarters|camp|military|outpost|position)",
                                         r"headquarters", r"new base", r"military base", r"outpost", r"opened (a )?(base|office)", r"stationed",
                                         r"(set(ting)? up|establish\w*)(?:\W+\w+){0,4}?\W+(posts?|points?|barracks|bases?|camps?|outposts?|checkpoints?)",
                                         r"observation (posts?|points?)", r"(posts?|points?|bases?|camps?|barracks) (was|were|has been|have been|had been) (established|set up)"),
    "Looting/property destruction": (r"loot\w*", r"plunder\w*", r"pillag\w*", r"ransack\w*", r"burn(ed|t) (down )?(houses|homes|shops|property|villages?)",
                                     r"destroy(ed|ing)? (houses|homes|property|crops|infrastructure|healthcare|hospitals?|schools?|facilities)",
                                     r"demolish\w*", r"raz(ed|ing)", r"confiscat\w* (property|land|livestock)", r"steal\w*|stole\w*", r"vandalis\w*", r"arson"),
    "Non-violent transfer of territory": (r"handed (over|back)", r"hand(ing)? over", r"withdr(e|a)w\w* from", r"pulled out", r"vacat(ed|es)", r"retreat\w*",
                                          r"abandon(ed)? (their )?(positions|the town|the city|the area|bases?)", r"evacuat\w* (the )?(town|city|base|garrison)",
                                          r"transfer(red)? (control|the territory)", r"ceded", r"left the (town|city|area)", r"crossed into"),
    "Other": (r"mass graves?", r"bodies (were )?(found|discovered|exhumed)", r"exhum\w*", r"unidentified bodies", r"cyber ?attack"),
    # Not ACLED events: CASE 2021 keeps them apart so that a conflict ledger can leave them out.
    "DIPLO": (r"diplomat\w*", r"ambassador\w*", r"summit", r"sanction\w*", r"foreign minist\w*", r"talks with", r"expel\w*", r"embassy", r"visit(ed)?",
              r"bilateral", r"condemn\w*", r"urged"),
    "ATTRIB": (r"blam\w*", r"accus\w*", r"claimed responsibility", r"responsib\w*", r"denied", r"rejected (accusation|claims)\w*", r"deni(es|al)", r"held responsible"),
    "NATURAL_DISASTER": (r"earthquake", r"flood\w*", r"landslide", r"eruption", r"volcan\w*", r"cyclone", r"hurricane", r"typhoon", r"tornado",
                         r"drought", r"wildfire", r"tsunami", r"storm", r"heavy rain\w*", r"avalanche", r"magnitude"),
    "MAN_MADE_DISASTER": (r"accident", r"collapse\w*", r"fire broke out", r"blaze", r"derail\w*", r"crash(ed|es)?", r"leak\w*", r"gas (cylinder|explosion)",
                          r"capsiz\w*", r"poisoning", r"adulterated", r"stampede", r"fire ?fighters", r"spill"),
    "ORG_CRIME": (r"drug\w*", r"traffick\w*", r"cartel", r"smuggl\w*", r"fraud", r"robber\w*", r"gang\w*", r"money laundering", r"narcotic\w*", r"cocaine",
                  r"heroin", r"extortion", r"pornograph\w*", r"ransom", r"contraband", r"bribe\w*"),
}

@functools.lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern]:
    return {label: re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE) for label, patterns in TRIGGERS.items()}


@functools.lru_cache(maxsize=8192)
def trigger_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of the trigger words of each class found in `text` (only classes with at least one hit).
    Cached: the event stage asks about the same sentence several times. Callers must not modify it."""
    hits = {}
    for label, pattern in _compiled().items():
        spans = [match.span() for match in pattern.finditer(text)]
        if spans:
            hits[label] = spans
    return hits


def trigger_counts(text: str) -> list[int]:
    """Number of trigger matches per class, in TRIGGERS order: the classifier's rule features."""
    hits = trigger_hits(text)
    return [len(hits.get(label, ())) for label in TRIGGERS]


def keyword_label(text: str) -> str:
    """The keyword baseline: the class with the most trigger hits, ties to the earlier (more specific) class."""
    counts = trigger_counts(text)
    best = max(range(len(counts)), key=lambda index: (counts[index], -index))
    return list(TRIGGERS)[best] if counts[best] else NOT_CONFLICT
