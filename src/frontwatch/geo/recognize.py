"""Toponym recognition: a gazetteer matcher over capitalised token runs, merged with spaCy's GPE/LOC.

The small English model tags rare towns as PERSON or ORG, so the matcher finds names on its own; to
keep out false friends a name the NER did not call a place needs evidence: the parser and tagger see
a proper noun that is not part of a person's name, a demonym, a date or a number, and either the NER
gave it no label at all or the text frames it as a place (a locative preposition, a region or river
word, a list with other places).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from frontwatch.geo.gazetteer import QUALITY_ALTERNATE, QUALITY_MAIN, Gazetteer
from frontwatch.geo.names import is_cyrillic, normalize
from frontwatch.nlp.spacy_setup import english_words

MAX_NAME_TOKENS = 6
CONNECTORS = {"of", "de", "del", "la", "le", "du", "des", "upon", "on", "am", "an", "der", "da", "do", "sur", "al",
              "el", "-", "'", "’", "the"}  # "the" inside "Democratic Republic of the Congo"
REGION_WORDS = {"region", "oblast", "obl", "province", "raion", "rayon", "district", "county", "parish", "governorate",
                "krai", "hromada", "municipality", "prefecture", "canton"}
WATER_WORDS = {"river", "lake", "reservoir"}
# A sentence-initial name the tagger could not judge is taken when it is the main name of such a place.
WELL_KNOWN_POPULATION = 10_000
WELL_KNOWN_REGION_CODES = {"ADM1", "ADM2", "PCLI"}
STATE_CODES = {"ADM1", "PCLI"}
BIG_CITY_POPULATION = 50_000
# Words that may stand beside a name in a text that is nothing but the name ("Yesaulivka village").
FEATURE_WORDS = {"village", "town", "city", "settlement", "hamlet", "airport", "station"} | REGION_WORDS | WATER_WORDS
# Nouns that name settlements through "of": "the village of Klishchiivka", "the towns of Soledar and Bakhmut".
SETTLEMENT_NOUNS = {"village", "town", "city", "settlement", "hamlet", "locality", "suburb"}
PLACE_LABELS = {"GPE", "LOC"}
STREET_WORDS = {"road", "street", "avenue", "ave", "boulevard", "drive", "lane", "way", "highway", "court",
                "place", "square", "park", "bridge", "school", "high", "mall", "hotel"}
# Abbreviated street types after a name ("1935 Orchard St."): the name is a street's.
STREET_ABBREVIATIONS = {"st", "rd", "ave", "blvd", "ln", "dr", "hwy", "pkwy", "ct", "pl", "ter", "cir"}
STREET_TYPES = {"street", "road", "avenue", "boulevard", "drive", "lane", "parkway", "streets", "roads", "avenues"}
# Nouns a place name modifies when it says where people, authorities or areas belong ("an Alexandria man",
# "Saratoga native", "Fargo police", "Barrow and Jackson counties").
LOCAL_NOUNS = {"man", "men", "woman", "women", "boy", "boys", "girl", "girls", "teen", "teens", "teenager",
               "teenagers", "youth", "couple", "parents", "children", "kids", "family", "families", "resident",
               "residents", "native", "natives", "police", "officers", "officials", "authorities", "area", "areas",
               "counties", "townships", "mayor", "council", "schools", "voters", "students", "businesses", "home",
               "homes", "neighborhood", "neighbourhood", "suburb", "suburbs", "outskirts", "downtown", "jail",
               "prison", "school"}
# Titles before a person's name ("coach Ripley", "Sen. Lincoln"): the name after them is a person's.
PERSON_TITLES = {"mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov", "governor", "lt", "sgt", "capt",
                 "captain", "col", "gen", "general", "maj", "cpl", "pvt", "det", "detective", "officer", "judge",
                 "coach", "president", "mayor", "sheriff", "deputy", "trooper", "rev", "reverend", "prof",
                 "professor", "attorney", "secretary", "minister", "chairman", "chairwoman", "spokesman",
                 "spokeswoman", "commissioner", "councilman", "councilwoman", "superintendent", "principal"}
# Offices a town's or county's name opens ("Fargo Mayor Dennis Walaker", "DuPage Sheriff", "Huntsville Fire
# Department", "Dublin City Council").
OFFICE_WORDS = {"mayor", "sheriff", "police", "fire", "city", "county", "township", "council", "schools",
                "superintendent", "commissioner", "councilman", "councilwoman", "aldermen", "selectmen"}
PARTY_INITIALS = {"D", "R", "I", "DFL", "GOP"}
SPEECH_VERBS = {"say", "tell", "explain", "add", "ask", "recall", "note", "insist", "argue", "reply", "respond",
                "exclaim", "comment", "admit", "write", "suggest", "state", "contend"}
# Words before a place's name that speak of a part of it ("Metro Nashville", "Downtown Greer").
AREA_WORDS = {"metro", "greater", "downtown", "historic", "inner", "outer"}
# A dateline: a place name in capitals before a dash or colon ("HUDSON -- Officials said...", "BEIRUT: ...").
DATELINE_DASHES = {"--", "—", "–", "-", ":"}
FUNCTION_POS = {"VERB", "AUX", "ADJ", "ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM", "PART", "INTJ"}
COMPASS_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central",
                 "midwest", "northern", "southern", "eastern", "western"}
NOT_PLACE_LABELS = {"NORP", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE",
                    "LAW", "WORK_OF_ART", "EVENT", "PRODUCT"}
# Names of things that are often named after the place they are in ("Fargo City Council", "Columbia
# Metropolitan Airport", "Nashville Film Festival", "the Dublin Singers").
NAMED_AFTER_PLACE_LABELS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT"}
# Labels the NER gives a lone city's name by mistake.
MISTAKEN_LABELS = {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "FAC"}
LOCATIVE_WORDS = {"in", "near", "of", "from", "to", "at", "outside", "around", "towards", "toward", "into",
                  "through", "across", "between", "via", "beyond", "within", "throughout", "outskirts", "entered",
                  "liberated", "recaptured", "retook", "captured", "shelled", "struck", "hit", "reached", "left"}
STRONG_LOCATIVE_WORDS = {"in", "near", "at", "outside", "around", "towards", "toward", "into", "through", "across",
                         "between", "beyond", "within", "throughout", "outskirts", "entered", "liberated",
                         "recaptured", "retook", "shelled"}
# Nouns whose "on" names where they hit ("an attack on Sakhanka").
ATTACK_NOUNS = {"attack", "strike", "airstrike", "assault", "offensive", "raid", "advance", "shelling", "bombardment"}
# Verbs whose object is a place, in any form (the word sets above hold their past forms).
STRONG_LOCATIVE_VERBS = {"enter", "liberate", "recapture", "retake", "shell", "leave", "abandon", "storm", "encircle",
                         "besiege"}
# Nouns of holding and losing ground whose "of" / "over" names a place ("control of Rubizhne", "the liberation
# of Kherson"). Not "the battle for X": features and topic headings name it long after ("Inside the battle for
# Kherson"), which the control timeline would read as fighting now.
CONTROL_NOUNS = {"control", "liberation", "capture", "recapture", "fall", "siege", "encirclement", "occupation",
                 "defence", "defense", "storming", "outskirts"}
# Verbs whose "from" / "out of" names the place left ("withdrew from Kherson", "driven out of Lyman").
DEPARTURE_VERBS = {"withdraw", "retreat", "flee", "pull", "expel", "drive", "oust", "push", "knock", "evacuate",
                   "liberate", "free", "clear"}
# A name followed by what happened to it, the passive headline frame ("Kupiansk de-occupied", "Balakliia
# cleared of occupiers", "Kherson returned under Ukrainian control"): the tagger reads such names as persons.
CONTROL_PARTICIPLE_RE = re.compile(
    r"^\s+(?:(?:has|have|had)\s+been\s+|(?:was|were|is|are)\s+)?(?:fully\s+|finally\s+|completely\s+)?"
    r"(?:liberated|de-?occupied|recaptured|retaken|captured|seized|cleared\s+of|returned\s+(?:to|under)|"
    r"returns\s+(?:to|under)|shelled)\b", re.IGNORECASE)
LOCATIVE_VERBS = STRONG_LOCATIVE_VERBS | {"capture", "strike", "hit", "reach"}
COMPASS = r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?"
# "eastern Ukraine", "in the south of Donetsk Oblast", "in the northern part of X": a part of the place.
PART_RE = re.compile(r"\b(?:(?:in\s+)?the\s+)?(?P<side>north|south|east|west|northeast|northwest|southeast|southwest|"
                     r"north-east|north-west|south-east|south-west)(?:ern)?(?:\s+(?:part\s+)?of(?:\s+the)?)?\s+$", re.IGNORECASE)
RELATION_RE = re.compile(
    r"\b(?P<rel>(?:(?:\d[\d,.]*|a few|several)\s*(?:km|kilometres|kilometers|miles|mi)\s+)?" + COMPASS + r"\s+of"
    r"|(?:the\s+)?(?:east|west|left|right|north|south|eastern|western|northern|southern)\s+bank\s+of"
    r"|near|nearby|outside(?:\s+of)?|around|close\s+to|next\s+to|in\s+the\s+vicinity\s+of|on\s+the\s+outskirts\s+of"
    r"|outskirts\s+of|in\s+the\s+area\s+of|in\s+the\s+direction\s+of|in\s+the\s+[a-z-]*\s*part\s+of"
    r"|on\s+the\s+(?:approaches|road)\s+to|along)\s+(?:the\s+)?$", re.IGNORECASE)
# "north of X": only a place has a north.
COMPASS_OF_RE = re.compile(r"\b" + COMPASS + r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "the Siverskyi Donets River's east bank": the relation may follow the name.
TRAILING_BANK_RE = re.compile(r"^(?:['’]s)?\s+(?P<side>east|west|left|right|north|south)(?:ern)?\s+bank\b", re.IGNORECASE)


@dataclass
class Mention:
    start: int  # character offsets into doc.text
    end: int
    text: str
    key: str  # normalised name looked up in the gazetteer
    source: str  # "gazetteer", "ner" or "both"
    hint: Optional[str] = None  # "admin" or "water" when the text says "X Region" / "the X River"
    relation: Optional[str] = None
    token_start: int = 0
    token_end: int = 0


def without_possessive(span):
    """"Sri Lanka's" -> "Sri Lanka" (the NER's entities may end with the possessive)."""
    return span[:-1] if len(span) > 1 and span[-1].lower_ in ("'s", "’s") else span


def after_titles(span):
    """The name in "Huntsville Fire Chief Tom Grisham" (the NER's person): what follows the last title."""
    titles = [token.i for token in span if token.lower_.rstrip(".") in PERSON_TITLES | OFFICE_WORDS | {"chief"}]
    return span.doc[titles[-1] + 1:span.end] if titles else span


def starts_upper(token) -> bool:
    return bool(token.text) and token.text[0].isupper()


def name_like(span) -> bool:
    if not starts_upper(span[0]) or not starts_upper(span[-1]) and not span[-1].text[0].isdigit():
        return False
    return all(starts_upper(token) or token.lower_ in CONNECTORS for token in span[1:-1])


class ToponymRecognizer:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, doc) -> list[Mention]:
        mentions = self._gazetteer_matches(doc)
        mentions = self._merge_ner(doc, mentions)
        mentions = self._filter(doc, mentions)
        for mention in mentions:
            mention.relation = self._relation(doc, mention)
            if mention.relation and mention.relation.endswith("bank of") and not mention.hint:
                mention.hint = "water"  # only rivers and lakes have banks
        return mentions

    def _gazetteer_matches(self, doc) -> list[Mention]:
        found = []
        # A short text all in lower case ("stepanovka") is a name listed with no care for case.
        any_case = doc.text.islower() and len(doc) <= MAX_NAME_TOKENS
        i = 0
        while i < len(doc):
            match = self._match_at(doc, i, any_case) if any_case or starts_upper(doc[i]) else None
            if match is None:
                i += 1
                continue
            found.append(match)
            i = match.token_end
        return found

    def _match_at(self, doc, i: int, any_case: bool = False) -> Optional[Mention]:
        prefix_hint = None
        first = i
        if doc[i].lower_ in WATER_WORDS and i + 1 < len(doc) and starts_upper(doc[i + 1]):
            prefix_hint, i = "water", i + 1  # "River Thames", "Lake Erie"
        limit = min(len(doc), i + MAX_NAME_TOKENS)
        for end in range(limit, i, -1):
            span = doc[i:end]
            if any(token.is_sent_start for token in span[1:]) or not (any_case or name_like(span)):
                continue
            key = normalize(span.text)
            if not self.gazetteer.has_key(key) or self._city_of_an_office(doc, span):
                continue
            if prefix_hint:
                full = normalize(doc[first:end].text)
                if self.gazetteer.has_key(full):
                    key = full
                return self._mention(doc, first, end, key, "gazetteer", "water")
            return self._with_suffix(doc, i, end, key)
        return None

    def _city_of_an_office(self, doc, span) -> bool:
        """'Alexandria City Public Schools', 'Dublin City Council': "City" belongs to the office's name
        (the city of Dublin's council), so the place is the shorter name when the gazetteer has it."""
        return (len(span) > 1 and span[-1].lower_ == "city" and span.end < len(doc) and starts_upper(doc[span.end])
                and not doc[span.end].is_sent_start and self.gazetteer.has_key(normalize(span[:-1].text)))

    def _with_suffix(self, doc, start: int, end: int, key: str) -> Mention:
        """'Kharkiv Region', 'the Oskil River': the generic word joins the span and tells the kind."""
        if end < len(doc):
            word = doc[end].lower_
            hint = "admin" if word in REGION_WORDS else "water" if word in WATER_WORDS else None
            longer_name = end + 1 < len(doc) and starts_upper(doc[end + 1]) and not doc[end + 1].is_sent_start
            if hint and doc[end].is_lower:
                return self._mention(doc, start, end, key, "gazetteer", hint)  # "the Matara district"
            if hint and not longer_name:
                full = normalize(doc[start:end + 1].text)
                return self._mention(doc, start, end + 1, full if self.gazetteer.has_key(full) else key, "gazetteer", hint)
        last = doc[end - 1].lower_  # a full name such as "Kherson Oblast" is in the gazetteer as it is
        hint = "admin" if last in REGION_WORDS else "water" if last in WATER_WORDS else None
        return self._mention(doc, start, end, key, "gazetteer", hint)

    @staticmethod
    def _mention(doc, start: int, end: int, key: str, source: str, hint: Optional[str]) -> Mention:
        if end < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_ and (
                "." in doc[end - 1].text or end + 1 < len(doc) and doc[end + 1].is_lower):
            end += 1  # "W.Va." and "W. Phila. shooting" keep the abbreviation's dot, which the tokenizer split off
        span = doc[start:end]
        return Mention(span.start_char, span.end_char, span.text, key, source, hint, token_start=start, token_end=end)

    def _merge_ner(self, doc, mentions: list[Mention]) -> list[Mention]:
        by_token = {}
        for mention in mentions:
            for index in range(mention.token_start, mention.token_end):
                by_token[index] = mention
        result = list(mentions)
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            ent = without_possessive(ent)  # "the United Kingdom's"
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            if start >= ent.end or not starts_upper(doc[start]):
                continue
            overlapping = {id(by_token[i]): by_token[i] for i in range(start, ent.end) if i in by_token}
            if overlapping:
                # The NER agrees only when it marks the same name: "City" in "Fargo City" stays doubtful.
                for mention in overlapping.values():
                    if mention.token_start == start and mention.token_end >= ent.end:
                        mention.source = "both"
                continue
            key = normalize(doc[start:ent.end].text)
            if self.gazetteer.has_key(key):
                result.append(self._with_suffix(doc, start, ent.end, key))
                result[-1].source = "ner"
        return sorted(result, key=lambda m: m.start)

    def _filter(self, doc, mentions: list[Mention]) -> list[Mention]:
        accepted, pending = [], []
        # Words of the people the article names in full: "Jones" alone later is Mr Jones, not Jones, Texas.
        # (An "entity" that is a place name as a whole, like "Velyky Burluk", is the NER's mistake.)
        person_words = {token.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                        and not self.gazetteer.has_key(normalize(without_possessive(ent).text))
                        for token in after_titles(ent) if token.is_alpha}
        titled_words = self._titled_or_initialled_names(doc)
        person_words |= titled_words
        # Words the article itself writes in lower case are common words where they are capitalised too
        # ("City Council" beside "the city"): a place's name is never written so.
        lowercase_words = {token.lower_ for token in doc if token.is_alpha and token.is_lower}
        for mention in mentions:
            span = doc[mention.token_start:mention.token_end]
            words = {token.lower_ for token in span if token.is_alpha}
            if self._names_only(doc, span) and (self._well_known_place(mention) or not words <= english_words()):
                # A text that is nothing but a gazetteer name ("Ilovaysk", "Vuhledar", "Luhansk Airport") gives
                # the NER no context: its label (nationality, product, person) is a guess, so the name stands.
                accepted.append(mention)
                continue
            if mention.source == "gazetteer" and words and not mention.hint and not is_cyrillic(mention.text) \
                    and words <= person_words:
                continue
            if words and not mention.hint and words <= titled_words:
                continue  # the NER's "coach Ripley" as a GPE
            verdict = self._verdict(doc, mention, lowercase_words)
            if verdict == "accept":
                accepted.append(mention)
            elif verdict == "maybe":
                pending.append(mention)
        # A doubtful name listed with accepted places ("Izium, Kupiansk and Balakliia") is one of them,
        # and a name means the same in the whole article (one sense per discourse).
        changed = True
        while changed and pending:
            changed = False
            for mention in list(pending):
                if any(self._listed_together(doc, mention, other) or other.key == mention.key
                       or self._place_of_a_state(doc, mention, other) for other in accepted):
                    accepted.append(mention)
                    pending.remove(mention)
                    changed = True
        return sorted(accepted, key=lambda m: m.start)

    @staticmethod
    def _titled_or_initialled_names(doc) -> set[str]:
        """Words of names written as people's are: after a title ("coach Ripley", "Mayor Dennis Walaker")
        or around a middle initial ("Tyrise M. Bell"), whatever the NER made of them."""
        words = set()
        for token in doc[:-1]:
            following = doc[token.i + 1]
            if token.lower_.rstrip(".") in PERSON_TITLES and starts_upper(following) and following.is_alpha:
                words.add(following.lower_)
                if token.i + 2 < len(doc) and starts_upper(doc[token.i + 2]) and doc[token.i + 2].is_alpha:
                    words.add(doc[token.i + 2].lower_)
            elif (re.fullmatch(r"[A-Z]\.", following.text) and token.i + 2 < len(doc) and starts_upper(token)
                  and token.is_alpha and doc[token.i + 2].is_alpha and starts_upper(doc[token.i + 2])):
                words.update((token.lower_, doc[token.i + 2].lower_))
        return words

    def _verdict(self, doc, mention: Mention, lowercase_words: set[str]) -> str:
        span = doc[mention.token_start:mention.token_end]
        if self._names_a_street(doc, span):
            return "reject"  # "1935 Orchard St.", "Darby Street", whatever the NER says
        if mention.source in ("ner", "both"):
            return "accept"
        if mention.hint:
            return "accept"
        head = span[0]
        if is_cyrillic(mention.text):
            return "accept"  # a Cyrillic name the gazetteer knows: the English tagger and NER cannot judge it
        words = [token.lower_ for token in span if token.is_alpha and token.lower_ not in CONNECTORS]
        if words and all(word in lowercase_words for word in words):
            return "reject"
        labels = {token.ent_type_ for token in span}
        if len(span) == 1 and head.lower_ in COMPASS_WORDS:
            return "reject"
        if self._ends_place_entity(doc, span):
            return "accept"  # "Northeast Georgia", "W. Columbia": the NER's place, with a direction before it
        if CONTROL_PARTICIPLE_RE.match(doc.text[mention.end:mention.end + 60]) and not self._inside_longer_name(doc, span):
            return "accept"  # "Kupiansk de-occupied", whatever the tagger calls it
        named_thing = self._in_named_thing(doc, span)
        if (self._is_whole_entity(doc, span, "ORG") or len(span) > 1 and self._is_whole_entity(doc, span, "PERSON")) \
                and self._names_a_state(mention):
            return "accept"  # "the U.S." as the NER's organisation, "Sri Lanka" as its person: the state
        if len(labels) == 1 and labels <= MISTAKEN_LABELS and self._is_whole_entity(doc, span, head.ent_type_) \
                and self._big_city(mention):
            return "accept"  # "a Winnipeg jail" as the NER's product
        if labels == {"ORG"} and len(span) == 1 and self._is_whole_entity(doc, span, "ORG") and self._big_city(mention):
            return "accept"  # the small NER's organisation "Bakhmut", "Mariupol": a city's own name, nothing longer
        if (labels - {"NORP"} - NAMED_AFTER_PLACE_LABELS) & NOT_PLACE_LABELS or (
                labels & NOT_PLACE_LABELS - {"NORP"} and not named_thing):
            return "reject"
        if "NORP" in labels and self._big_city(mention):
            return "accept"  # the NER's nationality "Aleppo"
        if "NORP" in labels and not (self._locative_cue(doc, mention) and not self._modifies_noun(doc, span)):
            return "reject"  # a demonym ("Russian forces"), unless the text frames it as a place
        if self._speaks(span) and not self._well_known_place(mention):
            return "reject"  # "explained Amber", "said McDonald": a speaker is a person
        if self._heads_an_office(doc, span) or self._residence(doc, span) or self._constituency(doc, span):
            return "accept"  # "Fargo Mayor Dennis Walaker", "Rebecca Sears, 41, of Grovetown", "Mindy Miller of Ravenel"
        for ent in doc.ents:
            overlaps = ent.start < span.end and span.start < ent.end
            ent = without_possessive(ent)
            if overlaps and ent.label_ == "PERSON" and (ent.start < span.start or ent.end > span.end):
                return "reject"  # a part of a person's name ("Maksym Strelnyk")
        if self._names_only(doc, span) or self._dateline(doc, span):
            return "accept"  # a caption, dateline or source listing that is just the place's name
        if named_thing:
            # Its name says where the organisation or venue is ("University of Rochester"); a name opening
            # it may be a person's ("Lincoln Day Dinner"), so only a state's name is taken at once there, and
            # a lesser-known name waits for the article to use it as a place elsewhere.
            known = self._names_a_state(mention) or (
                named_thing == "ends" and self._well_known_place(mention))
            return "accept" if known else "maybe"
        if self._inside_longer_name(doc, span):
            return "reject"  # "Main Street", "Darren Ripley": a name, but of something else
        if self._modifies_local_noun(doc, span):
            return "accept"  # "an Alexandria man", "Saratoga native", "Fargo police"
        if head.is_sent_start and self._well_known_place(mention) and (
                (not labels - PLACE_LABELS - {""} and all(token.pos_ == "PROPN" for token in span))
                or ("PERSON" not in labels and not any(token.lower_ in english_words() or token.is_stop
                                                       for token in span if token.is_alpha))):
            return "accept"  # "Kharkiv was shelled", "Izium under siege": the tagger is weakest at a sentence's start
        if self._named_by_settlement_noun(span):
            return "accept"  # "the towns of Soledar and Bakhmut", "the settlements of X, Y and Z"
        if COMPASS_OF_RE.search(doc.text[max(0, mention.start - 40):mention.start]):
            return "accept"  # "north of Bakhmut", "10 km southeast of Izium", however the tagger reads the name
        words = [token for token in span if token.is_alpha and token.lower_ not in CONNECTORS]
        if not words or any(token.pos_ in FUNCTION_POS for token in words):
            return "reject"  # a capitalised verb, adjective, pronoun...
        if len(span) == 1 and "." not in head.text and (len(head.text) <= 3 or head.is_upper):
            return "reject"  # short names and acronyms need the NER's agreement (abbreviations like "Ga." do not)
        if self._locative_cue(doc, mention, strong_only=bool(labels & {"ORG", "PERSON"})):
            return "accept"
        proper = all(token.pos_ == "PROPN" for token in words)
        if proper and not labels - {""} and not head.is_sent_start:
            return "accept"
        return "maybe"

    def _well_known_place(self, mention: Mention) -> bool:
        """The name is the current name of a town of some size or of a region, not only an alternate spelling."""
        return any(quality >= QUALITY_MAIN and (record.feature_code in WELL_KNOWN_REGION_CODES or (
                   record.feature_class == "P" and record.population >= WELL_KNOWN_POPULATION))
                   for record, quality in self.gazetteer.candidates_for_key(mention.key))

    def _big_city(self, mention: Mention) -> bool:
        """The current name of a city no demonym is spelt like (the NER calls "Aleppo" a nationality)."""
        return any(quality >= QUALITY_MAIN and record.feature_class == "P" and record.population >= BIG_CITY_POPULATION
                   for record, quality in self.gazetteer.candidates_for_key(mention.key))

    def _names_a_state(self, mention: Mention) -> bool:
        """The name is the current name of a country or first-level region ("the Minnesota Department of
        Transportation", "the U.S. House"), whose institutions are named after them."""
        return any(quality >= QUALITY_ALTERNATE and record.feature_code in STATE_CODES
                   for record, quality in self.gazetteer.candidates_for_key(mention.key))

    @staticmethod
    def _names_only(doc, span) -> bool:
        """The whole text is this name, maybe with a feature word ("Debaltseve", "Krasne village")."""
        return all(span.start <= token.i < span.end or not token.is_alpha or token.lower_ in FEATURE_WORDS
                   for token in doc)

    @staticmethod
    def _ends_place_entity(doc, span) -> bool:
        """The NER's GPE/LOC ends with this name and has only compass words or initials before it."""
        entity = next((ent for ent in doc.ents if ent.start <= span.start < ent.end), None)
        end = span.end - 1 if span[-1].text == "." else span.end  # "Phila." and the NER's "Phila"
        if entity is None or entity.label_ not in PLACE_LABELS or without_possessive(entity).end not in (span.end, end):
            return False
        return all(token.lower_ in COMPASS_WORDS or (len(token.text) == 2 and token.text.endswith("."))
                   for token in doc[entity.start:span.start])

    @staticmethod
    def _is_whole_entity(doc, span, label: str) -> bool:
        return any(ent.label_ == label and without_possessive(ent).end == span.end
                   and ent.start + (ent[0].lower_ == "the") == span.start for ent in doc.ents)

    @staticmethod
    def _in_named_thing(doc, span) -> Optional[str]:
        """"opens" when the name opens a longer organisation, facility or work name the NER found ("Fargo
        City Council", "the Alexandria Zoo"), "ends" when it ends one after "of" ("the University of
        Rochester")."""
        for ent in doc.ents:
            if ent.label_ in NAMED_AFTER_PLACE_LABELS and ent.start <= span.start and span.end <= ent.end:
                start = ent.start + (1 if ent[0].lower_ == "the" else 0)
                opening = start
                while opening < span.start and doc[opening].lower_ in COMPASS_WORDS | AREA_WORDS:
                    opening += 1  # "the Western Pennsylvania Kennel Association"
                # Not "Dokuchayevsk - DPR command": a name and its source, which the NER ran together.
                spaced_dash = (span.end < len(doc) and doc[span.end].text in DATELINE_DASHES
                               and bool(doc[span.end - 1].whitespace_))
                # Nor "Rubizhne, Lyman": a list the NER ran together.
                listed = span.end < len(doc) and doc[span.end].text == ","
                if opening == span.start and ent.end > span.end and not spaced_dash and not listed:
                    return "opens"
                of_before = span.start - 1
                while of_before > start and doc[of_before].lower_ in COMPASS_WORDS | {"the"}:
                    of_before -= 1  # "the Spina Bifida Association of Western Pennsylvania"
                if ent.end == span.end and of_before > start and doc[of_before].lower_ == "of":
                    return "ends"
        return None

    @staticmethod
    def _names_a_street(doc, span) -> bool:
        """'1935 Orchard St.', 'Darby Street', 'between North and Strickland avenues'."""
        after = doc[span.end] if span.end < len(doc) else None
        if after is None:
            return False
        if after.lower_.rstrip(".") in STREET_ABBREVIATIONS and starts_upper(after):
            return True
        if after.lower_ in STREET_TYPES:
            return True
        # the first of a list of streets: "North and Strickland avenues"
        rest = doc[span.end:span.end + 3]
        return (len(rest) == 3 and rest[0].lower_ in ("and", "&") and starts_upper(rest[1])
                and rest[2].lower_ in STREET_TYPES and rest[2].is_lower)

    @staticmethod
    def _dateline(doc, span) -> bool:
        """'HUDSON -- Officials said', 'SOUTH CHARLESTON, W.Va. -- ', 'BEIRUT: ': a name in capitals before a
        dash or colon, maybe with its state and the station between."""
        if not span.text.isupper() or len(span.text) < 3:
            return False
        rest = doc[span.end:span.end + 8]
        for index, token in enumerate(rest):
            if token.text in DATELINE_DASHES:  # "EDMONTON, Ky. (WBKO) -- One man is dead"
                return all(t.text in (",", "(", ")") or t.text.endswith(".") or t.is_upper or t.text[0].isupper()
                           for t in rest[:index])
        return False

    @staticmethod
    def _speaks(span) -> bool:
        root = span.root
        return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS

    @staticmethod
    def _constituency(doc, span) -> bool:
        """A US politician's party and home: "Rep. Charles Rangel, D-N.Y.", "Tony Sertich, DFL-Chisholm"."""
        return (span.start >= 2 and doc[span.start - 1].text == "-" and not doc[span.start - 1].whitespace_
                and not doc[span.start - 2].whitespace_ and doc[span.start - 2].text in PARTY_INITIALS)

    @staticmethod
    def _residence(doc, span) -> bool:
        """Where a named person lives or comes from: "<person>, <age>, of X", "<person> of X"."""
        if span.start < 2 or doc[span.start - 1].lower_ not in ("of", "from"):
            return False
        before = doc[span.start - 2]
        if before.text == "," and span.start >= 3 and doc[span.start - 3].like_num:
            return True
        return before.ent_type_ == "PERSON"

    @staticmethod
    def _heads_an_office(doc, span) -> bool:
        """The name opens the title of a local office or service, not after another name word."""
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if after is None or after.lower_ not in OFFICE_WORDS:
            return False
        return before is None or span[0].is_sent_start or not (before.is_alpha and starts_upper(before)) or before.is_stop

    @staticmethod
    def _modifies_local_noun(doc, span) -> bool:
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.text == "-" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "based":
            return True  # "Columbia-based"
        return after is not None and after.is_lower and after.lower_ in LOCAL_NOUNS

    @staticmethod
    def _modifies_noun(doc, span) -> bool:
        after = doc[span.end] if span.end < len(doc) else None
        return after is not None and after.pos_ in ("NOUN", "PROPN") and after.is_lower

    @staticmethod
    def _named_by_settlement_noun(span) -> bool:
        """The name is what a settlement noun names through "of" ("the village of X"), alone or in a list
        ("the towns of X and Y": the tagger often misreads the later names, even as adverbs)."""
        token = span.root
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        preposition = token.head
        return (token.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.i != preposition.i
                and preposition.head.lemma_.lower() in SETTLEMENT_NOUNS)

    @staticmethod
    def _inside_longer_name(doc, span) -> bool:
        """True for a name inside a longer proper name ("Darren Ripley", "Dublin Road") unless it opens the
        name of an organisation ("Gainesville Police", "Izium City Council"), which is located there."""
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if (before is not None and not span[0].is_sent_start and before.is_alpha and starts_upper(before)
                and not before.is_stop and before.lower_ not in COMPASS_WORDS | AREA_WORDS  # "North Texas", "Metro Nashville"
                and not (before.is_sent_start and before.pos_ != "PROPN")):  # "Near Bakhmut, ...": capitalised as the first word
            return True
        if (after is not None and after.lower_ == "of" and span.end + 1 < len(doc) and starts_upper(doc[span.end + 1])
                and doc[span.end + 1].lower_ != "the"):
            return True  # "University of Rochester", "Bank of America": the head of a longer name
        if after is None or after.is_sent_start or not after.is_alpha or not starts_upper(after):
            return False
        if after.lower_ in REGION_WORDS | WATER_WORDS:
            return False
        return not (after.ent_type_ == "ORG" and span[0].ent_type_ == "ORG" and after.lower_ not in STREET_WORDS)

    @staticmethod
    def _locative_cue(doc, mention: Mention, strong_only: bool = False) -> bool:
        """A word before the name that frames it as a place. For a name the NER took for a person or an
        organisation, "of", "to", "from" and verbs are not enough ("talking to Hamas")."""
        i = mention.token_start - 1
        while i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 0:
            return False
        if doc[i].pos_ == "VERB" and doc[i].lemma_.lower() in (STRONG_LOCATIVE_VERBS if strong_only else LOCATIVE_VERBS):
            return True  # any form of the verb: "liberating Kherson", "shells Kharkiv"
        if doc[i].lower_ in ("from", "of"):
            verb = doc[i].head.head if doc[i].head.lower_ == "out" else doc[i].head
            if verb.pos_ == "VERB" and verb.lemma_.lower() in DEPARTURE_VERBS:
                return True  # "withdrew from Kherson", "knocked out of Lyman": the place left
        if doc[i].lower_ in ("of", "over") and i > 0 and doc[i - 1].lemma_.lower() in CONTROL_NOUNS:
            return True  # "took control of Rubizhne", "the liberation of Kherson"
        if doc[i].lower_ == "on" and i > 0 and doc[i - 1].lemma_.lower() in ATTACK_NOUNS:
            return True  # "an attack on Sakhanka", "strikes on Nova Kakhovka": what is attacked there is a place
        return doc[i].lower_ in (STRONG_LOCATIVE_WORDS if strong_only else LOCATIVE_WORDS)

    def _place_of_a_state(self, doc, mention: Mention, other: Mention) -> bool:
        """"Ukraine's Donetsk", "Russia's Belgorod": a whole name after a country's or region's possessive
        that the gazetteer has there (not "Brazil's Kaka", "Utah's Zion National Park", "Ottawa's
        Macdonald-Cartier International Airport")."""
        if other.token_end + 1 != mention.token_start or doc[other.token_end].lower_ not in ("'s", "’s"):
            return False
        after = doc[mention.token_end] if mention.token_end < len(doc) else None
        hyphenated = after is not None and after.text in DATELINE_DASHES and not doc[mention.token_end - 1].whitespace_
        if after is not None and (starts_upper(after) or hyphenated):
            return False
        states = [record for record, quality in self.gazetteer.candidates_for_key(other.key)
                  if quality >= QUALITY_ALTERNATE and record.feature_code in STATE_CODES]
        return any(record.country_code == state.country_code
                   and (state.feature_code == "PCLI" or record.admin1_code == state.admin1_code)
                   for record, _ in self.gazetteer.candidates_for_key(mention.key) for state in states)

    @staticmethod
    def _listed_together(doc, mention: Mention, other: Mention) -> bool:
        if mention.token_end <= other.token_start:
            between = doc[mention.token_end:other.token_start]
        elif other.token_end <= mention.token_start:
            between = doc[other.token_end:mention.token_start]
        else:
            return False
        if 0 < len(between) <= 2 and all(token.lower_ in {",", "and", "or", "&"} for token in between):
            return True
        # "Oleksandrivka in the Kherson Oblast", "Cottonport, Louisiana": placed inside an accepted region
        return (other.token_start >= mention.token_end and other.hint == "admin" and 0 < len(between) <= 2
                and all(token.lower_ in {",", "in", "the"} for token in between))

    @staticmethod
    def _relation(doc, mention: Mention) -> Optional[str]:
        window_start = max(0, mention.start - 60)
        before = doc.text[window_start:mention.start]
        part = PART_RE.search(before)
        if part and not part.group(0).lstrip().lower().startswith(part.group("side").lower() + " of"):
            return part.group("side").lower().replace("-", "") + " part of"  # not "east of X", which is outside it
        match = RELATION_RE.search(before)
        if not match:
            trailing = TRAILING_BANK_RE.match(doc.text[mention.end:mention.end + 30])
            return f"{trailing.group('side').lower()} bank of" if trailing else None
        relation = re.sub(r"\s+", " ", match.group("rel").lower())
        return relation[4:] if relation.startswith("the ") else relation
