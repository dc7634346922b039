"""Statements of control in one article: "Ukrainian troops liberated Izyum", "Russia says it captured
Soledar", "fighting in Bakhmut", each tied to a settlement, a date, the side that gains, who says it and
the exact span of text.

Input is the pipeline's ExtractionResult (clean text, resolved places, dates, claims, events); the
statements are read from the text around each populated place with patterns of the control verbs, and
from the territorial events (`territory.to`) that the event stage found. Only places that are GeoNames
populated places in Ukraine count: control is decided per settlement.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

import numpy as np

from frontwatch.control.riverbanks import settlements_on_bank
from frontwatch.control.settlements import haversine_km, load_settlements
from frontwatch.control.sides import independent_mention, outlet_side, side_before, side_mentions
from frontwatch.control.statuses import CONTESTED, RU, UA, opponent, status_of_side
from frontwatch.model import ExtractionResult, Place

# Kinds of statement. "state" describes a holding ("Russian-occupied Melitopol", "the liberated city of
# Izyum") and "event" is a territorial event of the event stage: both support a change that the control
# patterns report but never open one (measured on the dev corpora: event-stage territorial events opening
# changes took precision from 0.39 to 0.28 at the same recall).
GAIN, REGAIN, ENTER, LOSS, CONTEST, FALL, STATE, EVENT = "gain", "regain", "enter", "loss", "contested", "fall", "state", "event"
# A change named by its noun ("the occupation of Mariupol", "Capture of Mariupol:" as an item's rubric) supports too,
# but does not even confirm it: the noun names a process or a topic as often as a done change.
NAMED = "named"
SUPPORT_ONLY = (STATE, EVENT, NAMED)


@dataclass
class ControlStatement:
    geonameid: int
    name: str
    latitude: float
    longitude: float
    date: dt.date
    to_status: str  # UA / RU / contested
    kind: str
    article_id: str
    source: Optional[str]  # the outlet
    claimant: Optional[str]  # who says it, as written ("Russia's defence ministry"); None: the outlet itself
    claimant_side: Optional[str]  # UA / RU, "independent", or None when the outlet states it as fact
    hedged: bool
    start: int  # evidence span in the article text
    end: int
    quote: str
    via_area: bool = False  # the settlement was named by an area ("the west bank of the Oskil")

    @property
    def voice(self) -> str:
        """Whose word this is: the claimant's side, else the outlet's alignment, else independent."""
        return self.claimant_side or outlet_side(self.source) or "independent"


AREA_ANCHOR_KM = 60.0
# Verb forms that put the agent before the verb and the place after it.
_ACTIVE = [
    (REGAIN, r"liberat(?:e|es|ed|ing)|recaptur(?:e|es|ed|ing)|retak(?:e|es|en|ing)|retook"
             r"|regain(?:s|ed|ing)?(?:\s+(?:full\s+)?control\s+(?:of|over))?|restor(?:e|es|ed|ing)\s+(?:full\s+)?control\s+(?:of|over)|reclaim(?:s|ed|ing)?|(?:took|take|takes|taken|taking)\s+back"
             r"|de-?occup(?:y|ies|ied)|free(?:s|d)?"),
    (GAIN, r"captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|overr(?:an|un|uns)|claim(?:s|ed)?\s+(?:full\s+)?control\s+(?:of|over)"
           r"|(?:declar(?:e|es|ed)|claim(?:s|ed)?|announc(?:e|es|ed))\s+victory\s+(?:in|at|over)"
           r"|clear(?:s|ed)|(?:drove|drive|drives|driven|push(?:es|ed)?|kick(?:s|ed)?|knock(?:s|ed)?|forc(?:e|es|ed)|oust(?:s|ed)?)"
           r"(?:\s+(?:[\w-]+\s+){1,3}?out\s+of|\s+out\s+(?:[\w-]+\s+){1,3}?from)"
           r"|(?:(?:is|are|was|were|now|in)\s+)(?:full|complete|total)\s+control\s+(?:of|over)"
           r"|(?:take|takes|took|taken|taking|gain(?:s|ed)?|establish(?:es|ed)?|assum(?:e|es|ed)|seiz(?:e|es|ed))\s+"
           r"(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)|(?:took|take|takes|taken)"),
    (ENTER, r"enter(?:s|ed)?|(?:raise[sd]?|hoist(?:s|ed)?|install(?:s|ed)?|plant(?:s|ed)?|put\s+up)\s+(?:the\s+|a\s+|their\s+)?"
            r"(?:[\w'’]+\s+)?flags?\s+(?:(?:on|at)\s+(?:the\s+)?(?:highest\s+point|heights?|hills?|centre|center|administration)\s+)?"
            r"(?:over|in|above|of|overlooking)"
            # The flag named first: "a Russian tricolour flying above the shattered village of Ocheretyne".
            r"|(?:ukrainian|russian|ukraine[’']s|russia[’']s)\s+(?:national\s+)?(?:flags?|tricolou?rs?)\s+(?:(?:is|was|were|has\s+been|have\s+been|now|again)\s+)*"
            r"(?:raised|hoisted|planted|put\s+up|flies|flying|flown|waves|waving)\s+(?:again\s+)?(?:over|above|in)"),
    (LOSS, r"(?:withdr(?:aw|aws|ew|awn|awing)|retreat(?:s|ed|ing)?|pull(?:s|ed|ing)?\s+(?:out|back)|fle[ed]|flees)\s+(?:from|of)"
           # A force that leaves a town ("The Russian army left Chernobyl"); people who leave it are refugees.
           r"|(?:troops|forces|army|military|soldiers|units|garrison|occupiers|invaders|russians)\s+(?:have\s+|has\s+|had\s+)?"
           r"(?:(?:finally|completely|fully|already|hastily)\s+)?(?:left|leave|leaves|leaving|fled|flee|flees|fleeing)"
           r"|(?:abandon(?:s|ed|ing)?|los(?:e|es|t|ing)\s+(?:full\s+)?control\s+(?:of|over))"
           r"|(?:was|were|been|being|are|is|get|got)\s+(?:pushed|driven|kicked|forced|ousted)\s+out\s+of"
           r"|ced(?:e|es|ed|ing)\s+(?:full\s+)?control\s+(?:of|over)"),
    (CONTEST, r"(?:fight(?:s|ing)?|battl(?:e|es|ing)|clash(?:es)?|struggle|combat|storm(?:s|ed|ing)?|fire-?fights?|hostilities"
              r"|(?:street|urban)\s+(?:fighting|battles?|combat))"
              r"(?:\s+between\s+[\w-]+\s+and\s+[\w-]+(?:\s+(?:troops|forces|units|soldiers|fighters))?)?"
              r"\s+(?:(?:are\s+|is\s+)?(?:underway|ongoing|rag(?:e|es|ing)|continu(?:e|es|ing))\s+)?"
              r"(?:for|in|inside|over|at|around)(?:\s+(?:(?:the\s+)?streets\s+of|control\s+of|the\s+outskirts\s+of))?"
              r"|assaults?\s+on|storm(?:s|ed)|encircl(?:e|es)|advanc(?:e|es|ed|ing)\s+(?:on|into)"
              # A side holding a share of the town: "Russian invaders control part of the city of Sievierodonetsk".
              r"|control(?:s|led|ling)?\s+(?:about\s+|nearly\s+|almost\s+|only\s+)?(?:part|parts|most|half|\d+\s*%"
              r"|(?:the\s+)?(?:eastern|western|northern|southern|central)\s+(?:districts|parts?|half|outskirts))\s+of"),
]
# Nouns of the same events ("the liberation of Kherson", "the fall of Mariupol") mostly recall or
# anticipate a change ("before the liberation of", "forecast for liberation of"): they support only.
_NOUNS = r"liberation|release|capture|recapture|seizure|fall|occupation|de-?occupation"
# Saying that a capture happened makes the noun news of the act ("announced the liberation of Kherson").
_ANNOUNCED = re.compile(r"\b(?:claim(?:s|ed|ing)?|announc(?:e|es|ed|ing)|declar(?:e|es|ed|ing)|confirm(?:s|ed|ing)?|report(?:s|ed)?)"
                        r"\s+(?:the\s+)?(?:(?:complete|full|total|final)\s+)?$", re.IGNORECASE)
_DEPARTURE_BEFORE = re.compile(r"\b(?:withdrawal|retreat|pull-?out)\s+(?:of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:troops|forces|army|units"
                               r"|military|soldiers)\s+)?from\s+(?:the\s+)?(?:(?:city|town|village|settlement)\s+of\s+)?$", re.IGNORECASE)
_NOUN_STATE = re.compile(rf"\b(?P<noun>{_NOUNS})\s+of\s+(?:the\s+)?(?:(?:city|town|village|settlement|port)\s+of\s+)?$", re.IGNORECASE)
# A participle right after these words is an adjective ("in captured Mariupol"), not news of the act.
_ADJECTIVE_BEFORE = re.compile(r"\b(?:in|into|to|of|the|a|an|temporarily|newly|recently|already|partially|fully|from|at|near|for"
                               r"|across|around|besieged|and|still|once|formerly|now)\s*$|\w-$", re.IGNORECASE)
_BATTLE_OVER_BEFORE = re.compile(r"\b(?:won|wins?|lost|lose|loses|end(?:s|ed)?|ending|after|since|anniversary|history)"
                                 r"\s+(?:(?:the|of|to|this|that|a)\s+){0,2}$", re.IGNORECASE)
_SMALL_GROUPS_BEFORE = re.compile(r"\b(?:sabotage|saboteurs?|reconnaissance|recon|drg|infiltrat\w*)\b[^,;:]*$", re.IGNORECASE)
# A gerund after these is an aim, not an act ("focuses on capturing", "the goal of taking").
_GERUND_AIM_BEFORE = re.compile(r"\b(?:on|at|of|for|towards?|about|without|in|by|at|into)\s*$", re.IGNORECASE)
# Words after the place that make it an aim or a forecast ("Wagner withdrawal from Bakhmut could be").
_MODAL_AFTER = re.compile(r"^\W*(?:\w+\W+)?(?:could|may|might|would|will|should|must|can|soon|next|is\s+next)\b", re.IGNORECASE)
_FAILED_AFTER = re.compile(r"^[^.;:]*?\b(?:fail(?:s|ed)?|did\s+not\s+succeed|(?:was|were)\s+unsuccessful)\b", re.IGNORECASE)
# A settlement name used for something else: "the Kharkiv region", "the Izium direction", "Kherson NPP".
_NOT_THE_SETTLEMENT = re.compile(r"^(?:'s|’s)?(?:\s*[-–—]?\s*(?-i:[A-Z])[\w'’-]+)?\s*(?:region|oblast|district|raion|direction|highway|road|axis|front|sector|area|community"
                                 r"|hromada|province|nuclear|npp|power|plant|airport|airfield|reservoir|river|bridge|dam|railway|line"
                                 r"|branch|office|base|council|administration|mayor|hospital|school|-based|based"
                                 r"|resident|inhabitant|citizen|civilian|people|defender|garrison|evacuee|child|children|famil(?:y|ie)"
                                 r"|outskirt|suburb|surrounding|environ|vicinit(?:y|ie)|thermal|tpp|hpp|chp|factor(?:y|ie)|mill|disaster"
                                 r"|site|zone|fighter|regiment|battalion|brigade|soldier|servicem[ae]n|troop|unit)s?\b",
                                 re.IGNORECASE)

# Verb forms that put the place first: "Kherson liberated", "Lysychansk falls to Russian forces".
_PASSIVE = [
    (REGAIN, r"(?:liberated|recaptured|retaken|freed|de-?occupied|back\s+under\s+Ukrainian\s+control)"),
    # Headline style "Slavutych occupied: ..." ends the clause right after the participle.
    (GAIN, r"(?:captured|seized|taken|overrun|occupied)(?=\s+by|\s*[:;!—–]|\s+-\s|\s*$)"),
    # "Kherson returns to control of Ukraine", "... returned under Ukrainian control": to the side named.
    (FALL, r"return(?:s|ed)?\s+(?:to|under)\s+(?:the\s+)?(?:control\s+of\b|(?=(?:[\w-]+(?:'s|’s)?\s+){1,2}control\b))"
           r"|(?:falls?|fell|fallen)\s+to|(?:is|was|now|fully|completely|remains?)?\s*under\s+(?:full\s+|complete\s+)?"
           r"(?:the\s+)?(?:control\s+of|(?=(?:[\w-]+(?:'s|’s)?\s+){1,2}control\b))"),
    # "Mariupol cleared of Ukrainian forces": the side named after "of" is gone.
    (LOSS, r"(?:(?:completely|fully|entirely)\s+)?cleared\s+of(?=\s+(?:the\s+)?(?:[\w-]+\s+(?:troops|forces|units|army|military|fighters)"
           r"|(?:[\w-]+\s+)?(?:occupiers|invaders|enemy|russians)\b))"),
    (CONTEST, r"(?:is\s+|was\s+|remains?\s+)?(?:under\s+siege|besieged|encircled|surrounded|contested)\b"
              r"|(?:\d+\s*%|partly|partially)\s+under\s+(?:[\w-]+(?:'s|’s)?\s+){0,2}control\b"),
]
# "the liberated city of Izyum", "Russian-occupied Melitopol": holdings, not news of a change.
_STATE_BEFORE = re.compile(r"(?:(?P<side>russian|ukrainian|kyiv|moscow)[- ](?:occupied|held|controlled|captured)"
                           r"|(?P<lib>liberated|occupied|captured|de-?occupied|besieged|encircled|embattled|recaptured|retaken))"
                           r"\s+(?:(?:\w+\s+){0,2}(?:city|town|village|settlement|port)\s+of\s+)?$", re.IGNORECASE)

# Words that may stand between the verb and the place ("liberated the strategic eastern city of").
_FILLER_WORDS = (r"the|a|an|of|key|strategic|east|west|north|south|north-?east|south-?east|north-?west|south-?west|important"
                 r"|major|besieged|embattled|occupied|eastern|southern|northern|western|central"
                 r"|north-?eastern|south-?eastern|north-?western|south-?western|frontline|front-line|port|industrial|small|nearby"
                 r"|regional|ukrainian|russian|city|cities|town|towns|village|villages|settlements?|hub|centre|center|capital"
                 r"|administrative|outskirts|most|all|parts?|half|rest|remainder|much|whole|entire|back|again|fully|completely"
                 r"|nearly|almost|urban-type|railway|logistics|symbolic|devastated|ruined|shattered|destroyed|battered|war-torn"
                 r"|strategically|embattled|last|remaining"
                 r"|\w+-held|\w+-occupied|\w+-controlled|\w+\s+region(?:'s|’s)|\w+\s+oblast(?:'s|’s)")
# "recaptured 20% of the city of Sievierodonetsk": a share of the town (made contested by _PARTIAL).
_FILLER = re.compile(rf"^(?:\s*(?:(?:{_FILLER_WORDS})\b|\d+\s*%|\d+\s+percent\b))*\s*$", re.IGNORECASE)
_QUALIFIES_NEXT = re.compile(r"^(?:\s+(?:region|oblast)(?:'s|’s)?)?\s+(?:village|town|city|settlement)s?\s+of\b", re.IGNORECASE)
_PARTIAL = re.compile(r"\b(?:part|parts|most|half|much|outskirts)\b|\d+\s*%", re.IGNORECASE)
_LIST_OF_AXES = re.compile(r"^(?:\s*(?:,|and|&)\s*[A-Z][\w'’-]+)*\s*(?:directions|axes|areas|sectors|regions|districts|oblasts)\b")
# Places only near, around or partly taken are not the place that changed hands.
_NOT_THE_WHOLE_PLACE = re.compile(r"\b(?:around|near|outside|outskirts\s+of|towards?|(?:west|east|north|south)\s+of|most\s+of|part\s+of"
                                  r"|parts\s+of|half\s+of|\d+\s*%\s+of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:,|and|,\s*and|as well as|&)\s*(?:the\s+)?(?:(?:city|town|village|villages|settlements?)\s+of\s+)?$", re.IGNORECASE)
# A verb governed by these is not news that it happened ("failed to capture", "could fall", "denies").
_IRREALIS = re.compile(
    r"(?:n't|\b(?:not|never|no|fail(?:s|ed|ing)?|attempt(?:s|ed|ing)?|tr(?:y|ies|ied|ying)|seek(?:s|ing)?|aim(?:s|ed|ing)?"
    r"|plan(?:s|ned|ning)?|want(?:s|ed)?|intend(?:s|ed)?|bid|push(?:es|ing)?|efforts?|could|may|might|would|will|shall|'ll"
    r"|poised|about(?!\s+\d)|close|threat(?:en|ens|ened)?|vow(?:s|ed)?|prepar(?:e|es|ed|ing)|ready|order(?:s|ed)?|expect(?:s|ed)?"
    r"|unable|hop(?:e|es|ed|ing)|den(?:y|ies|ied)|fake|false|rumou?rs?|if|whether|can|cannot|should|must|goal|aims?"
    r"|verge|brink|ahead|threatens|mission|ambition|call(?:s|ed)?|urge(?:s|d)?|demand(?:s|ed)?|unsuccessful(?:ly)?"
    r"|forecast|predict(?:s|ed)?|until|unless|reject(?:s|ed)?|refut(?:e|es|ed)|dismiss(?:es|ed)?|repel(?:s|led)?"
    r"|repuls(?:e|es|ed)|conditions|reduce|simulat(?:e|es|ed)))\b(?:\W+\w+){0,2}?\W*$",
    re.IGNORECASE)
_HEDGES = re.compile(r"\b(?:claim(?:s|ed|ing)?|reportedly|allegedly|purported(?:ly)?|unconfirmed|apparently|appears?|seems?|"
                     r"may have|might have|possibly|probably|likely)\b", re.IGNORECASE)
# The rest of the sentence gainsays the report ("..., but the city is remaining unseized"): a claim at most.
_CONTRADICTED = re.compile(r"\b(?:but|however|yet|though|although|while)\b[^.;]*?\b(?:remain(?:s|ed|ing)?\s+(?:unseized|uncaptured"
                           r"|under\s+(?:ukrainian|russian)\s+control|in\s+(?:ukrainian|russian)\s+hands)"
                           r"|(?:is|was|has|have)\s+not\s+(?:been\s+)?(?:captured|seized|taken|fallen)"
                           r"|still\s+(?:holds?|controls?|in\s+control|fighting)|insist(?:s|ed)?"
                           r"|den(?:y|ies|ied)|refut(?:e|es|ed))", re.IGNORECASE)
_AREA = re.compile(r"\b(?P<side>west(?:ern)?|east(?:ern)?|north(?:ern)?|south(?:ern)?)\s+bank\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_BANK_SIDES = {"west": "west", "east": "east", "nort": "north", "sout": "south"}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“A-Z0-9])|\n+")
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:but|while|whereas|after|as|when)\b", re.IGNORECASE)

_ACTIVE_RE = [(kind, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for kind, pattern in _ACTIVE]
_PASSIVE_RE = [(kind, re.compile(rf"(?:{pattern})", re.IGNORECASE)) for kind, pattern in _PASSIVE]


def find_statements(result: ExtractionResult) -> list[ControlStatement]:
    """Every control statement in one article, in text order."""
    article = result.article
    if article.published is None and not result.dates:
        return []
    text = article.text
    settlements = [place for place in result.places
                   if _is_settlement(place) and not _NOT_THE_SETTLEMENT.match(text[place.end:place.end + 30])]
    rivers = [place for place in result.places if place.feature_class == "H" and place.geonameid]
    statements: list[ControlStatement] = []
    for start, end in _sentences(article.text):
        if text[start:end].rstrip(" \"”’)").endswith("?"):
            continue  # "Will Severodonetsk be captured?" asks, it does not report
        in_sentence = [p for p in settlements if start <= p.start and p.end <= end]
        rivers_here = [p for p in rivers if start <= p.start and p.end <= end]
        if in_sentence or rivers_here:
            statements.extend(_sentence_statements(result, start, end, in_sentence, rivers_here))
    statements.extend(_event_statements(result, statements))
    return statements


def _is_settlement(place: Place) -> bool:
    if not place.geonameid or place.country_code not in (None, "UA"):
        return False
    return int(place.geonameid) in load_settlements().index_of


def _sentences(text: str):
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


@dataclass
class _Link:
    kind: str
    place: Place
    trigger_start: int
    trigger_end: int
    to_status: Optional[str]
    area: Optional[Place] = None  # a river when the place was named by "the west bank of the X"
    area_side: Optional[str] = None


def _sentence_statements(result, start, end, places, rivers) -> list[ControlStatement]:
    text = result.article.text
    links: list[_Link] = []
    for kind, pattern in _ACTIVE_RE:
        for match in pattern.finditer(text, start, end):
            contest_by_effort = False
            if _irrealis(text, start, match.start()):
                if kind not in (GAIN, REGAIN, ENTER) or not _ongoing_effort(text, start, match.start()):
                    continue
                contest_by_effort = True  # "the enemy is trying to establish control over Bakhmut": fought for, not taken
            word = match.group(0).split()[0].lower()
            before = text[max(start, match.start() - 20):match.start()]
            if word in ("capture", "recapture", "seizure") and re.match(r"\s+of\b", text[match.end():match.end() + 4]):
                continue  # the noun: read as a holding by the _NOUN_STATE rule
            if word.endswith("ing") and kind in (GAIN, REGAIN, ENTER) and (
                    _GERUND_AIM_BEFORE.search(before) or not _agent_named(result, start, match)):
                continue  # "focuses on capturing", "Why capturing Sloviansk has been a key goal": no act reported
            if kind == CONTEST and _BATTLE_OVER_BEFORE.search(text, max(start, match.start() - 30), match.start()):
                continue  # "we won the battle for Kyiv", "declares end to battle for Mariupol": the fighting is over
            if kind == ENTER and _SMALL_GROUPS_BEFORE.search(text, max(start, match.start() - 40), match.start()):
                continue  # "sabotage groups have entered Kyiv": raiders, not a force that holds the town
            agent = _agent(result, start, match.start(), match.end(), kind)
            to_status = _to_status(kind, agent)
            link_kind = kind
            if contest_by_effort or (kind == ENTER and _HEIGHTS_ABOVE.search(match.group(0))):
                # A flag "on the highest point above Sviatohirsk": the side holds ground over the town, which is fought for.
                link_kind, to_status = CONTEST, CONTESTED
            elif kind == GAIN and "control" in match.group(0).lower() and _STILL_BEFORE.search(before):
                link_kind = STATE  # "Russian military remains in full control of city of Kherson": a holding, not news
            elif re.search(r"(?:ed|en)$", word) and kind in (GAIN, REGAIN) and (
                    _ADJECTIVE_BEFORE.search(before) or match.start() == start or not _agent_named(result, start, match)):
                # "in captured Mariupol", "Liberated Kherson: ..." describe a holding.
                link_kind = STATE
                to_status = RU if kind == GAIN else _liberator(result)
            linked = [place for place in _places_after(text, match.end(), places, kind) if not _unrealised_after(text, place, end)]
            if linked and kind == ENTER and _FLAG.search(match.group(0)) and _HELD_BY.search(text, match.end(), linked[0].start):
                continue  # "Ukrainian flag hoisted in Russian-occupied city of Kherson": a protest in a town the other side holds
            if linked and kind in (GAIN, REGAIN, ENTER) and _PARTIAL.search(text[match.end():linked[0].start]):
                # "control over part of Sievierodonetsk", "entered the outskirts of Severodonetsk": the town is split, not taken
                to_status = CONTESTED
            links.extend(_Link(link_kind, place, match.start(), match.end(), to_status) for place in linked)
            for river, side in _banks_after(text, match.end(), end, rivers):
                links.append(_Link(link_kind, river, match.start(), match.end(), to_status, river, side))
    for place in places:
        if any(link.place is place for link in links):
            continue
        not_whole = _NOT_THE_WHOLE_PLACE.search(text, max(start, place.start - 30), place.start)
        if not_whole:
            if _PARTIAL.search(not_whole.group(0)) and not _unrealised_after(text, place, end):
                # "Most of Severodonetsk is under Russian control": the town is split, fought for
                links.extend(dataclasses.replace(link, to_status=CONTESTED) for link in _passive_links(result, start, end, place)
                             if link.kind in (GAIN, FALL, REGAIN))
            continue
        passive = [] if _unrealised_after(text, place, end) else _passive_links(result, start, end, place)
        links.extend(passive)
        if passive:
            continue
        window = max(start, place.start - 60)
        state = _STATE_BEFORE.search(text, window, place.start)
        noun = _NOUN_STATE.search(text, window, place.start)
        departure = None if state or noun or _unrealised_after(text, place, end) or _DESTINATION.match(text, place.end) \
            else _DEPARTURE_BEFORE.search(text, window, place.start)  # not "Wagner withdrawal from Bakhmut could be", "retreat from Odesa to Crimea"
        if (state or noun or departure) and _irrealis(text, start, (state or noun or departure).start()):
            continue  # "Russia still hasn't completely captured Bakhmut", "can neither confirm nor deny Russian withdrawal from"
        if state:
            word = (state.group("lib") or "").lower()
            side = status_of_side({"russian": "RU", "moscow": "RU", "ukrainian": "UA", "kyiv": "UA"}.get((state.group("side") or "").lower()))
            if word in ("besieged", "encircled", "embattled"):
                side = CONTESTED
            elif word in ("occupied", "captured"):
                side = RU
            elif word:
                side = _liberator(result)
            links.append(_Link(STATE, place, state.start(), state.end(), side))
        elif noun:
            word = noun.group("noun").lower()
            regained = word in ("liberation", "release", "recapture", "deoccupation", "de-occupation")
            by = re.match(r"\s+by\s+(.{0,40})", text[place.end:end], re.S)
            by_side = side_mentions(by.group(1)) if by else []
            if _ANNOUNCED.search(text, window, noun.start()) or (by_side and not text[start:noun.start()].strip()):
                # "Wagner chief claims complete capture of Bakhmut": the claim of the act, not a recollection; so is a report
                # headed by the act and its doer ("Release of Trostyanets by Ukrainian soldiers: ...").
                kind = REGAIN if regained else GAIN
                agent = by_side[0][2] if by_side else _agent(result, start, noun.start(), noun.end(), kind)
                links.append(_Link(kind, place, noun.start(), noun.end(), _to_status(kind, agent)))
            else:
                links.append(_Link(NAMED, place, noun.start(), noun.end(), _liberator(result) if regained else RU))
        elif departure:
            # The side named with the noun leaves: "Russia's withdrawal from Kherson", "retreat of Ukraine's forces from
            # Severodonetsk". Announced, it is the act ("Russia announces withdrawal from Kherson city"); else it names it.
            leaving = side_mentions(text[max(window, departure.start() - 25):place.start])
            to_status = opponent(leaving[-1][2]) if leaving else None
            kind = LOSS if _ANNOUNCED.search(text, window, departure.start()) else NAMED
            links.append(_Link(kind, place, departure.start(), departure.end(), to_status))
    statements = []
    for link in links:
        if link.to_status is None or (link.kind == CONTEST and _fronts_apart(link, links)):
            continue
        statements.extend(_statements_for(result, start, end, link))
    return statements


# Towns that one report of fighting names together lie on one front; "Heavy fighting rages in Donetsk and Kharkiv"
# (250 km apart) names the regions the cities give their names to.
FRONTS_APART_KM = 100.0


def _fronts_apart(link: _Link, links: list[_Link]) -> bool:
    if link.area is not None or link.place.latitude is None:
        return False
    together = [other.place for other in links if other.trigger_start == link.trigger_start and other.area is None
                and other.place.latitude is not None]
    return any(haversine_km(link.place.latitude, link.place.longitude, p.latitude, p.longitude) > FRONTS_APART_KM
               for p in together)


def _unrealised_after(text: str, place: Place, sentence_end: int) -> bool:
    """Words after the place make the act a forecast or a failure ("Russian advances on Pisky, Pervomaiske fail")."""
    return bool(_MODAL_AFTER.match(text[place.end:min(sentence_end, place.end + 30)])
                or _FAILED_AFTER.match(text[place.end:min(sentence_end, place.end + 60)]))


# An aim anywhere earlier in the clause governs coordinated verbs too ("trying to break through ... and
# establish full control over Mariupol").
_AIM = re.compile(r"\b(?:(?:tr(?:y|ies|ied|ying)|attempt(?:s|ed|ing)?|seek(?:s|ing)?|aim(?:s|ed|ing)?|plan(?:s|ned|ning)?|want(?:s|ed)?"
                  r"|intend(?:s|ed|ing)?|prepar(?:e|es|ed|ing)|efforts?)\s+to|focus(?:es|ed|ing)?\s+(?:[\w-]+\s+){0,3}?on"
                  r"|task(?:s|ed)?\s+(?:[\w-]+\s+){0,3}?(?:to|with))\b", re.IGNORECASE)


_INFINITIVE = re.compile(r"\bto\s+$", re.IGNORECASE)
_CLAIMED_TO = re.compile(r"\bclaim(?:s|ed|ing)?\s+to\s*$", re.IGNORECASE)
_FORCED_TO = re.compile(r"\b(?:forced|compelled|made|had)\s+to\s*$", re.IGNORECASE)


# A denial governs the whole clause after it ("Ukraine denies Russian forces have captured Soledar").
_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|dismiss(?:es|ed|ing)|reject(?:s|ed|ing)|fake|false(?:ly)?)\b",
                     re.IGNORECASE)


def _irrealis(text: str, sentence_start: int, trigger_start: int) -> bool:
    clause_start = sentence_start
    for match in _CLAUSE_BREAK.finditer(text, sentence_start, trigger_start):
        clause_start = match.end()
    if _DENIAL.search(text, clause_start, trigger_start):
        return True
    if _CLAIMED_TO.search(text, max(sentence_start, trigger_start - 20), trigger_start):
        return False  # "Russia claimed to take control of Kherson": a claim of the act (hedged)
    forced = _FORCED_TO.search(text, max(sentence_start, trigger_start - 25), trigger_start)
    if forced:
        return _irrealis(text, sentence_start, forced.start())  # "were forced to abandon Kherson" happened; "may be forced to" not
    if _IRREALIS.search(text, max(sentence_start, trigger_start - 40), trigger_start):
        return True
    if _INFINITIVE.search(text, max(sentence_start, trigger_start - 10), trigger_start):
        return True  # "to capture Kyiv"; but "access to the retaken city" is not an infinitive
    return bool(_AIM.search(text, clause_start, trigger_start))


_FLAG = re.compile(r"\b(?:flags?|tricolou?rs?)\b", re.IGNORECASE)
_HELD_BY = re.compile(r"-(?:occupied|held|controlled)\b", re.IGNORECASE)
# "remains in full control of": a holding that goes on.
_STILL_BEFORE = re.compile(r"\b(?:remains?|remained|still|stays?|stayed|keeps?|kept)\s+$", re.IGNORECASE)
_HEIGHTS_ABOVE = re.compile(r"\b(?:highest\s+point|heights?|hills?)\s+(?:above|over|overlooking)$", re.IGNORECASE)
# An effort under way to take a town, in the present ("is trying to establish control over", "attempts to seize",
# "focused on taking control of", "fighting to liberate"): the town is fought for. Plans, promises and past tries
# ("will try to", "plans to", "tried to") say nothing of fighting there now.
_ONGOING_EFFORT = re.compile(r"\b(?:(?:is|are)\s+(?:still\s+|now\s+)?(?:trying|attempting|striving)\s+to|attempts\s+to"
                             r"|focus(?:es|ed|ing)?\s+(?:[\w-]+\s+){0,3}?on(?:\s+taking)?|fight(?:s|ing)\s+to)\s+$", re.IGNORECASE)


def _ongoing_effort(text: str, sentence_start: int, trigger_start: int) -> bool:
    effort = _ONGOING_EFFORT.search(text, max(sentence_start, trigger_start - 40), trigger_start)
    return (effort is not None and not _irrealis(text, sentence_start, effort.start())
            and not _STOPPED.search(text, sentence_start, effort.start()))


# "stopped enemy assault attempts ..., as well as attempts to capture the villages of Spirne": efforts that ended.
_STOPPED = re.compile(r"\b(?:stop(?:s|ped)?|repel(?:s|led)?|repuls(?:e|es|ed)|thwart(?:s|ed)?|foil(?:s|ed)?|halt(?:s|ed)?"
                      r"|prevent(?:s|ed)?|disrupt(?:s|ed)?|frustrat(?:e|es|ed))\b", re.IGNORECASE)


# "liberated 12 settlements in the Kherson direction, namely Dudchany, Piatykhatky, ...": a count, then the list.
_COUNTED_LIST = re.compile(r"\s+(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|more)\s+(?:more\s+)?"
                           r"(?:settlements|villages|towns|localities)\b[^.;]{0,80}?(?:,?\s*(?:namely|including)\b|:|\s[—–-])\s*",
                           re.IGNORECASE)


def _places_after(text: str, position: int, places: list[Place], kind: str) -> list[Place]:
    """The place the verb governs, and the places listed with it ("entered Volchansk and Velyky Burluk")."""
    linked: list[Place] = []
    freed_from = _FREED_FROM.match(text, position) if kind == REGAIN else None
    if freed_from:
        position = freed_from.end()  # "liberated from the Russian invaders the village of Sloboda"
    counted = _COUNTED_LIST.match(text, position)
    if counted:
        position = counted.end()  # the names after "namely" are the places; "Kherson" of "the Kherson direction" is not
    for place in sorted((p for p in places if p.start >= position), key=lambda p: p.start):
        gap = text[position:place.start]
        if not (_FILLER.match(gap) if not linked else _LIST_JOIN.match(gap)):
            break
        if not linked and _QUALIFIES_NEXT.match(text[place.end:place.end + 40]):
            position = place.end  # "took Donetsk village of Pisky": the first name only locates the second
            continue
        if place.relation and not linked and not (kind in (GAIN, REGAIN, ENTER) and place.relation.startswith("outskirts")):
            break  # "fighting near X" is not fighting for X; entering its outskirts is (made contested by _PARTIAL)
        linked.append(place)
        position = place.end
    if linked and (_NOT_THE_SETTLEMENT.match(text[position:position + 30]) or _LIST_OF_AXES.match(text[position:position + 80])):
        return []  # "in Bakhmut, Avdiivka directions": the list qualifies something else
    if kind == LOSS and (_DESTINATION.match(text, position) or _OBJECT_AFTER.match(text, position)):
        return []  # "retreating from Kharkiv to Izium", "withdrew from Sevastopol almost all ships": no town given up
    return linked


_REGION_AFTER = re.compile(r"\s+(?:region|oblast)\b", re.IGNORECASE)
# Whom a place was freed from, said before the place.
_FREED_FROM = re.compile(r"\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:invaders|occupiers|occupants|enemy|aggressors?|troops|forces"
                         r"|army|russians|orcs)\b", re.IGNORECASE)


# "to Izium", "towards the Oskil" name where a force goes; "to better defend themselves" says why it leaves.
_DESTINATION = re.compile(r"\s+(?:to|towards?)\s+(?:the\s+)?[A-Z]")


# "withdrew from Sevastopol almost all ships": what was withdrawn follows the place.
_OBJECT_AFTER = re.compile(r"\s+(?:almost\s+|nearly\s+)?(?:all|most|some|many|several|part|its|their|\d+)\b(?!\s+(?:of\s+)?(?:the\s+)?(?:region|oblast))",
                           re.IGNORECASE)


def _banks_after(text: str, position: int, end: int, rivers: list[Place]):
    """("the western bank of the Oskol River") -> (river place, "west"): an area resolved to settlements."""
    for river in rivers:
        if river.start < position or river.start - position > 160:
            continue
        bank = _AREA.search(text, position, river.start)
        if bank and not re.search(r"[.;]", text[position:bank.start()]):
            yield river, _BANK_SIDES[bank.group("side").lower()[:4]]


# A place (or the list it heads) right after a preposition or a verb is the object of what precedes ("troops broke
# into Kharkiv and the city of Nova Kakhovka fell", "visited Bucha, Borodianka, and Irpin liberated from the
# Russian invaders"), not the subject of a passive that follows.
_OBJECT_BEFORE = re.compile(r"\b(?:into|in|to|from|near|at|on|for|towards?|around|inside|outside|through|via|with"
                            r"|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|\w+ed)\s+(?:the\s+)?$", re.IGNORECASE)


def _passive_links(result, sentence_start, sentence_end, place) -> list[_Link]:
    text = result.article.text
    links = []
    head = place
    for earlier in sorted((p for p in result.places if sentence_start <= p.start and p.end <= head.start), key=lambda p: -p.start):
        join = text[earlier.end:head.start]
        if not _LIST_JOIN.match(join) or re.search(r"\bthe\s+\w+\s+of\b", join):
            break  # "... into Kharkiv and the city of Nova Kakhovka fell": a new subject, not a list
        head = earlier
    if _OBJECT_BEFORE.search(text, max(sentence_start, head.start - 20), head.start):
        return links
    # Skip the gap words and further listed places after this one.
    position = place.end
    for later in sorted((p for p in result.places if p.start >= place.end and p.end <= sentence_end), key=lambda p: p.start):
        if not _LIST_JOIN.match(text[position:later.start]) or _REGION_AFTER.match(text, later.end):
            break  # "Irpin, Kyiv region, was liberated": the region locates the town (read below), it is not listed with it
        position = later.end  # "Bucha, Vorzel and Hostomel under enemy's control"
    # "Chuhuiv in Kharkiv region", "Irpin, Kyiv region, was liberated", "Kreminna, in Luhansk, ...".
    locating = re.match(r"\s*,?\s*in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:Ukraine|region|oblast)\b,?|\s*,\s*(?:in\s+)?(?:the\s+)?"
                        r"(?:[\w'’-]+\s+)?(?:region|oblast|Ukraine|(?-i:[A-Z])[\w'’-]+)\s*,", text[position:sentence_end], re.IGNORECASE)
    position += locating.end() if locating else 0
    # "Melitopol, Zaporizhzhia region, captured by the Russian army, ...": between commas and with no auxiliary, the participle
    # describes the town's holding; "Irpin, Kyiv region, was liberated" reports the act.
    appositive = locating is not None and re.fullmatch(r"\s*,.*,\s*", locating.group(0), re.S) is not None
    gap = re.match(r"(?:\s*(?:,|and|or|has|have|had|is|are|was|were|been|being|now|fully|completely|officially|finally"
                   r"|reportedly|effectively|also|largely|mostly|almost|nearly|temporarily|again)\b)*\s*", text[position:sentence_end])
    position += gap.end() if gap else 0
    for kind, pattern in _PASSIVE_RE:
        match = pattern.match(text, position, sentence_end)
        if not match or _irrealis(text, sentence_start, place.start):
            continue
        after = text[match.end():min(sentence_end, match.end() + 60)]
        agent = None
        by = re.match(r"\s*(?:by|to)\s+(.*)", after, re.IGNORECASE | re.S)
        if by:
            mentions = side_mentions(by.group(1)[:40])
            agent = mentions[0][2] if mentions else None
        if kind == FALL and agent is None:
            mentions = side_mentions(text[match.start():min(sentence_end, match.end() + 40)])
            agent = mentions[0][2] if mentions else None
        if kind == REGAIN and agent is None:
            agent = _liberator(result)
        if kind == LOSS:
            mentions = side_mentions(after[:40])
            agent = opponent(mentions[0][2]) if mentions else None
        to_status = CONTESTED if kind == CONTEST else agent if kind in (GAIN, FALL, REGAIN, LOSS) else None
        if appositive and kind in (GAIN, REGAIN) and not re.search(r"\b(?:has|have|had|is|are|was|were|been|now)\b", gap.group(0)):
            kind = STATE
        links.append(_Link(kind, place, match.start(), match.end(), to_status))
        break
    return links


def _agent(result, sentence_start: int, trigger_start: int, trigger_end: int, kind: str) -> Optional[str]:
    """The side that acts: named just before the verb in its clause, else the verb's usual agent."""
    text = result.article.text
    clause_start = sentence_start
    for match in _CLAUSE_BREAK.finditer(text, sentence_start, trigger_start):
        clause_start = match.end()
    side = side_before(text, clause_start, trigger_start, result.article.source)
    if side is None and _PRONOUN_SUBJECT.match(text, clause_start, trigger_start):
        # "Russia's forces suffer their greatest setback when they are forced to abandon Kherson": the pronoun's side.
        side = side_before(text, sentence_start, clause_start, result.article.source)
    inside = side_mentions(text[trigger_start:trigger_end])
    if side is None and inside and kind in (LOSS, GAIN):
        # The force named in the verb phrase leaves ("the occupiers left") or is driven out ("knocked the Russian occupiers out of").
        side = inside[0][2] if kind == LOSS else opponent(inside[0][2])
    flag = re.search(r"\b(ukrain|russia)(?:ian|n|e[’']s|[’']s)\s+(?:national\s+)?(?:flags?|tricolou?rs?)\b", text[trigger_start:trigger_end], re.IGNORECASE)
    if flag:
        side = UA if flag.group(1).lower() == "ukrain" else RU  # whose flag goes up, not who is named before
    if side is None and kind in (GAIN, REGAIN):
        # "Izium was retaken by Ukrainian forces" style: the agent after "by".
        by = re.match(r"\s+(?:\w+\s+){0,3}?by\s+(.{0,40})", text[trigger_end:trigger_end + 60], re.IGNORECASE | re.S)
        if by and side_mentions(by.group(1)):
            side = side_mentions(by.group(1))[0][2]
    if side is None and kind == REGAIN:
        side = _liberator(result)
    elif side is None and kind == GAIN:
        side = RU  # "X captured" with nobody named: in this war's reporting, Russia's capture
    return side


_PRONOUN_SUBJECT = re.compile(r"\s*(?:they|it)\b", re.IGNORECASE)


def _agent_named(result, sentence_start: int, match) -> bool:
    """Does the clause name who acted, before the verb or after "by"? A participle with no agent before a
    place name is an adjective ("the demined, captured Mariupol")."""
    text = result.article.text
    clause_start = sentence_start
    for clause in _CLAUSE_BREAK.finditer(text, sentence_start, match.start()):
        clause_start = clause.end()
    if side_before(text, clause_start, match.start(), result.article.source):
        return True
    if re.search(r"\b(?:troops|forces|army|military|soldiers|units|defenders|fighters|they|we|it)\b",
                 text[clause_start:match.start()], re.IGNORECASE):
        return True
    return bool(re.match(r"\s+(?:\w+\s+){0,3}?by\b", text[match.end():match.end() + 40], re.IGNORECASE))


def _liberator(result) -> str:
    """Who liberates when the text does not say: the outlet's own side for aligned outlets (Russian state
    media "liberate" towns too), otherwise Ukraine, the word's meaning in independent and Ukrainian reporting."""
    return outlet_side(result.article.source) or UA


def _to_status(kind: str, agent: Optional[str]) -> Optional[str]:
    if kind == CONTEST:
        return CONTESTED
    if agent not in (UA, RU):
        return None
    return opponent(agent) if kind == LOSS else agent


# "has been under siege for two weeks": the fighting began before the report, which cannot date it.
_FOUGHT_SINCE_BEFORE = re.compile(r"\b(?:for\s+(?:\w+\s+)?(?:days|weeks|months)|ha(?:s|ve)\s+been)\b", re.IGNORECASE)


def _statements_for(result, sentence_start, sentence_end, link: _Link) -> list[ControlStatement]:
    text = result.article.text
    article = result.article
    date = _date_of(result, sentence_start, sentence_end, link.trigger_start)
    if date is None:
        return []
    claimant, claimant_side = _claimant(result, sentence_start, sentence_end, link.trigger_start)
    evidence_start = min(link.trigger_start, link.place.start)
    evidence_end = max(link.trigger_end, link.place.end)
    quote = text[sentence_start:sentence_end].strip()
    hedged = bool(_HEDGES.search(text, sentence_start, sentence_end)
                  or _CONTRADICTED.search(text, max(link.trigger_end, link.place.end), sentence_end))
    kind, to_status = link.kind, link.to_status
    if kind == ENTER and hedged and (claimant_side or outlet_side(article.source)) == to_status:
        # "Pro-Russian separatists claim to have entered Soledar": an attacker's own word that its troops are in
        # the town says it is fought for, not taken.
        kind, to_status = CONTEST, CONTESTED
    elif kind == CONTEST and _FOUGHT_SINCE_BEFORE.search(text, max(sentence_start, link.trigger_start - 30),
                                                        min(sentence_end, link.trigger_end + 40)):
        kind = STATE  # a description of the town's state: it supports a contested change but does not open one
    common = dict(date=date, to_status=to_status, kind=kind, article_id=result.id, source=article.source,
                  claimant=claimant, claimant_side=claimant_side, hedged=hedged, start=evidence_start,
                  end=evidence_end, quote=quote)
    if link.area is not None:
        settlements = load_settlements()
        anchors = [p for p in result.places if p.feature_class == "P" and p.latitude is not None]
        return [ControlStatement(int(settlements.geonameid[i]), settlements.name[i], float(settlements.latitude[i]),
                                 float(settlements.longitude[i]), via_area=True, **common)
                for i in settlements_on_bank(link.area.geonameid, link.area_side)
                if _near_any(settlements.latitude[i], settlements.longitude[i], anchors)]
    settlements = load_settlements()
    index = _settlement_in_context(result, link.place, sentence_start, sentence_end)
    return [ControlStatement(int(settlements.geonameid[index]), settlements.name[index], float(settlements.latitude[index]),
                             float(settlements.longitude[index]), **common)]


# How much closer to the places named with it another record of the same name must be to replace the geoparser's.
CONTEXT_MARGIN_KM = 20.0


def _settlement_in_context(result, place: Place, sentence_start: int, sentence_end: int) -> int:
    """The settlement record (index) that the place means: among the records the geoparser weighed for the name,
    the one nearest the other places named in the sentence (else in the article) when it is clearly nearer than
    the geoparser's pick ("liberated ... Kostromka, Kalynivske, Blahodatne": the Blahodatne among those villages)."""
    settlements = load_settlements()
    chosen = settlements.index_of[int(place.geonameid)]
    options = [settlements.index_of[c] for c in place.candidates if c in settlements.index_of and c != place.geonameid]
    if not options:
        return chosen
    # Towns and oblasts locate a village; the country's centre does not.
    others = [p for p in result.places if p.text != place.text and p.latitude is not None and p.country_code == "UA"
              and (p.feature_class == "P" or (p.feature_code or "").startswith("ADM"))]
    anchors = [p for p in others if sentence_start <= p.start and p.end <= sentence_end] or others
    if not anchors:
        return chosen
    latitudes = np.array([p.latitude for p in anchors])
    longitudes = np.array([p.longitude for p in anchors])

    def mean_km(index: int) -> float:
        return float(np.mean(haversine_km(settlements.latitude[index], settlements.longitude[index], latitudes, longitudes)))

    best = min(options, key=mean_km)
    return best if mean_km(best) < mean_km(chosen) - CONTEXT_MARGIN_KM else chosen


def _near_any(latitude: float, longitude: float, anchors: list[Place]) -> bool:
    """A river bank is hundreds of km long: the article means the stretch near the places it names."""
    return any(haversine_km(latitude, longitude, p.latitude, p.longitude) <= AREA_ANCHOR_KM for p in anchors)


def _date_of(result, sentence_start: int, sentence_end: int, trigger: int) -> Optional[dt.date]:
    """The day the sentence gives (closest to the verb), else the publication date."""
    published = result.article.published
    in_sentence = [d for d in result.dates if sentence_start <= d.start and d.end <= sentence_end
                   and (published is None or d.date_start <= published)]
    days = [d for d in in_sentence if d.date_start == d.date_end and d.kind != "duration"]
    if days:
        return min(days, key=lambda d: abs(d.start - trigger)).date_start
    if published and any(d.date_end < published - dt.timedelta(days=1) and d.kind != "duration" for d in in_sentence):
        return None  # "In March, Bucha was occupied": an earlier change that we cannot date to a day
    if published and not in_sentence and _recalls_earlier_month(result.article.text[sentence_start:sentence_end], published):
        return None  # the same, where no sentence dates are at hand (statements re-read from the ledger)
    return published


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
           "december")
_MONTH_PHRASE = re.compile(r"\b(?:in|since|during|by|until|from|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?"
                           r"(?P<month>" + "|".join(_MONTHS) + r")\b(?:\s+(?P<year>\d{4}))?|\b(?:last|previous)\s+(?:year|month)\b",
                           re.IGNORECASE)


def _recalls_earlier_month(sentence: str, published: dt.date) -> bool:
    """"In March of this year, the city of Bucha was occupied" in an August report: a recollection."""
    for match in _MONTH_PHRASE.finditer(sentence):
        if not match.group("month"):
            return True  # "last year", "last month"
        month = _MONTHS.index(match.group("month").lower()) + 1
        year = int(match.group("year")) if match.group("year") else published.year
        if (year, month) < (published.year, published.month):
            return True
    return False


def _claimant(result, sentence_start: int, sentence_end: int, trigger: int) -> tuple[Optional[str], Optional[str]]:
    """Who says the sentence: the attribution stage's claim covering the verb, else a reporting phrase."""
    for claim in result.claims:
        if claim.start <= trigger < claim.end or sentence_start <= claim.start < sentence_end:
            side = status_of_side(claim.claimant_side)
            third_state = bool(claim.claimant_side) and len(claim.claimant_side) == 2 and side is None
            if side is None and (third_state or (claim.claimant and independent_mention(claim.claimant))):
                side = "independent"  # another state's officials, analysts, journalists
            if claim.claimant or side:
                return claim.claimant, side
    return _reporting_phrase(result.article.text, sentence_start, sentence_end)


_REPORTING = re.compile(r"\b(?:says?|said|claims?|claimed|reports?|reported|announced?|confirm(?:s|ed)?|according\s+to|tells?|told)\b",
                        re.IGNORECASE)


def _reporting_phrase(text: str, start: int, end: int) -> tuple[Optional[str], Optional[str]]:
    for match in _REPORTING.finditer(text, start, end):
        window_start = max(start, match.start() - 80)
        window = text[window_start:min(end, match.end() + 60)]
        before = text[window_start:match.start()]
        after = text[match.end():min(end, match.end() + 60)]
        # "Russia says ..." names the claimant before; "..., according to Ukraine's military" after.
        piece = after if match.group(0).lower().startswith("according") else (before.split(",")[-1] if "," in before else before)
        if not match.group(0).lower().startswith("according") and not before.strip():
            piece = after
        independent = independent_mention(piece)
        mentions = side_mentions(piece)
        if independent:
            return independent, "independent"
        if mentions:
            return piece.strip(" ,\"“”") or window, mentions[-1][2] if piece is before else mentions[0][2]
    return None, None


def _only_irrealis_triggers(text: str, start: int, end: int) -> bool:
    triggers = [match for _, pattern in _ACTIVE_RE for match in pattern.finditer(text, start, end)]
    return bool(triggers) and all(_irrealis(text, start, match.start()) for match in triggers)


def _event_statements(result: ExtractionResult, found: list[ControlStatement]) -> list[ControlStatement]:
    """Territorial events of the event stage, for settlements the text patterns did not already give."""
    statements = []
    seen = {(s.geonameid, s.to_status) for s in found}
    settlements = load_settlements()
    for event in result.events:
        if event.territory is None or not event.geonameid or int(event.geonameid) not in settlements.index_of:
            continue
        to_status = status_of_side(event.territory.to)
        date = event.event_date or result.article.published
        if to_status is None or date is None or (int(event.geonameid), to_status) in seen:
            continue
        evidence = event.evidence[0] if event.evidence else None
        start, end = (evidence.start, evidence.end) if evidence else (0, 0)
        if evidence and _only_irrealis_triggers(result.article.text, start, end):
            continue  # the event stage read a denial or an aim as the act
        if evidence and _date_of(result, start, end, start) is None:
            continue  # "In March of this year, the city of Bucha was occupied", reported in July
        claim = event.claims[0] if event.claims else None
        side = status_of_side(claim.claimant_side) if claim else None
        index = settlements.index_of[int(event.geonameid)]
        statements.append(ControlStatement(
            int(event.geonameid), settlements.name[index], float(settlements.latitude[index]),
            float(settlements.longitude[index]), date, to_status, EVENT, result.id,
            result.article.source, claim.claimant if claim else None, side, bool(claim and claim.hedges), start, end,
            result.article.text[start:end]))
    return statements


_ANY_CONTROL_WORD = re.compile(r"\b(?:" + "|".join([*(f"(?:{pattern})" for _, pattern in _ACTIVE), *(f"(?:{pattern})" for _, pattern in _PASSIVE),
                                         _NOUNS, r"occupied|held|controlled|besieged|encircled|embattled|bank\s+of"]) + r")\b", re.IGNORECASE)


def mentions_control(text: str) -> bool:
    """Cheap test: does the text use any word that a control statement needs?"""
    return bool(text) and _ANY_CONTROL_WORD.search(text) is not None
