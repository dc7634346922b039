"""Time expressions in an English article, normalised to day ranges with ACLED and UCDP precision codes.

Candidates come from one pass of compiled patterns over the text (cheap, so no date parser runs over
sentences without a date). Each candidate is parsed into a spec (a calendar date, a period relative to a
reference day, a range) and then resolved against a reference day: the publication date, or the day the
sentence itself reports ("On Monday, September 12, X said ... in the last 24 hours"). Numeric dates
("2022-09-12", "12/09/2022") go to dateparser, always with languages=["en"] and RELATIVE_BASE set.

Year policy: a date without a year takes the publication year, the previous year when its month comes
after the publication month (news reports the past) unless the sentence speaks of the future ("will",
"next"). Without a publication date the year comes from weekday + day + month: the most recent year, not
after today, in which the most weekday-anchored dates of the text fall on the weekdays the text gives.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

import dateparser

from frontwatch.model import DateMention, Warning
from frontwatch.nlp.numbers import NUMBER, parse_number

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9,
                       "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTH_NAMES, 1)} | MONTH_ABBREVIATIONS
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month; 3 months

MONTH = r"(?:(?:%s)\b|(?:%s)\b\.?)" % ("|".join(MONTH_NAMES), "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)))
# "May" and "March" are also a modal and a verb: alone (no day, no year) they need a cue word before them.
MONTH_ALONE = r"(?:%s)\b" % "|".join(MONTH_NAMES)
WEEKDAY = r"(?:%s)\b" % "|".join(WEEKDAY_NAMES)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
PART = r"(?i:early|mid|late|the end of|the beginning of|the start of|the middle of)"
RANGE_JOIN = r"\s*(?:-|–|—|to|through|until|till)\s*"
UNIT = r"(?:hours?|days?|weeks?|months?|years?)"
CALENDAR_UNIT = r"(?:week(?:end)?|month|year|summer|winter|spring|autumn|fall)"

# Words before a bare number that make it a count, not a year ("about 2000 people").
COUNT_CUES = re.compile(r"(?i)(?:about|around|some|nearly|almost|over|than|least|most|up to|approximately|"
                        r"roughly|estimated|only|just|\$|£|€)\s*$")
# Before a number and a plural noun, these make it a year ("the 2009 elections", "its 2014 accords").
YEAR_DETERMINERS = re.compile(r"(?i)\b(?:the|a|an|its|their|his|her|our|this|that|'s|’s)\s*$")
FUTURE_WORDS = {"will", "'ll", "shall", "wo"}
# "talks are scheduled for March 12", "plans to ... in April", "the upcoming vote in May"
FUTURE_VERBS = {"schedule", "plan"}
FUTURE_ADJECTIVES = {"upcoming", "forthcoming"}
REPORTING_LEMMAS = {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "write", "post"}

PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(pattern)) for name, pattern in [
    ("range_month_days", rf"\b(?:(?P<cue>(?i:between|from))\s+)?(?P<m1>{MONTH})\s+(?P<d1>{DAY}){RANGE_JOIN}"
                         rf"(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("range_between_days", rf"\b(?i:between)\s+(?P<m1>{MONTH})\s+(?P<d1>{DAY})\s+and\s+"
                           rf"(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("range_days_month", rf"\b(?:(?i:between|from)\s+)?(?P<d1>{DAY})(?:{RANGE_JOIN}|\s+and\s+)(?P<d2>{DAY})\s+"
                         rf"(?:of\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("range_months", rf"\b(?i:between|from)\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?\s+(?:to|and|until|through|till)"
                     rf"\s+(?P<m2>{MONTH})(?:,?\s+(?P<y2>{YEAR})\b)?"),
    ("month_day", rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<m>{MONTH})\s+(?P<d>{DAY})\b(?![%,.]?\d)"
                  rf"(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("day_month", rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
                  rf"(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("month_relative_year", rf"\b(?:(?P<part>{PART})[\s-]+)?(?P<m>{MONTH})(?:\s+of)?\s+"
                            rf"(?P<rel>(?i:this|last|next))\s+year\b"),
    ("month_year", rf"\b(?:(?P<part>{PART})[\s-]+)?(?P<m>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR})\b"),
    ("month", rf"\b(?:(?P<cue>(?i:back in|in|since|by|until|till|during|from|before|after|of|last|next|this|"
              rf"early|mid|late|the end of|the beginning of|the start of|the middle of))[\s-]+)?"
              rf"(?P<m>{MONTH_ALONE})(?!\s+\d)"),
    ("decade", rf"\b(?:(?P<part>(?i:early|mid|late))[\s-]+)?(?P<dec>1[89]\d0|20\d0)s\b"),
    ("year_range", rf"\b(?P<y1>{YEAR})\s*[-–/]\s*(?P<y2>{YEAR}|\d\d)\b(?![%.,]?\d)"),
    ("year", rf"\b(?:(?P<part>{PART})[\s-]+)?(?:(?i:fiscal)\s+)?(?P<y>{YEAR})\b(?![%.,]?\d|\s*%|-\d)"),
    ("iso", rf"\b(?P<iso>{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))\b"),
    ("numeric", rf"\b(?P<num>\d{{1,2}}[./]\d{{1,2}}[./]{YEAR})\b"),
    ("weekday", rf"\b(?:(?P<rel>(?i:last|next|this|coming))\s+)?(?P<wd>{WEEKDAY})"),
    ("day_word", r"\b(?P<word>(?i:yesterday|today|tomorrow|tonight|overnight|last night|this morning|"
                 r"this afternoon|this evening))\b"),
    ("weekend", r"\b(?i:over|during|at|on)\s+(?P<span>the\s+weekend)\b"),
    ("week_of_month", rf"\b(?:the\s+)?(?P<ordinal>(?i:first|second|third|fourth|last))\s+(?P<unit>(?i:week|half))\s+of\s+"
                      rf"(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("season_year", rf"\b(?:the\s+)?(?P<season>(?i:summer|winter|spring|autumn|fall))\s+(?:of\s+)?(?P<y>{YEAR})\b"),
    ("calendar_relative", rf"\b(?:(?P<part>(?i:early|mid|late|earlier|later))[\s-]+)?(?:the\s+)?"
                          rf"(?P<rel>(?i:last|next|this|coming|past|previous|current))\s+(?:(?i:fiscal)\s+)?(?P<unit>{CALENDAR_UNIT})\b"),
    ("ago", rf"\b(?P<n>{NUMBER}|(?i:a|an))\s+(?P<unit>{UNIT})\s+ago\b"),
    # Headlines drop the article: "killed in past week" is the seven days to the report ("in last year" stays
    # the calendar year).
    ("period", rf"\b(?i:in|over|during|within|for|throughout)\s+(?P<span>(?P<article>the\s+)?(?P<dir>(?(article)"
               rf"(?i:past|last|previous|next|coming|following)|(?i:past)))\s+(?:(?P<n>{NUMBER})\s+)?(?P<unit>{UNIT}))\b"),
]]


@dataclass
class _Candidate:
    rule: str
    match: re.Match
    start: int
    end: int


@dataclass
class _Resolved:
    start_date: dt.date
    end_date: dt.date
    kind: str
    year_inferred: bool = False
    weekday: Optional[int] = None  # the weekday the text gives, for the consistency check
    extra: dict = field(default_factory=dict)


def find_dates(doc, published: Optional[dt.date]) -> tuple[list[DateMention], list[Warning]]:
    """All time expressions of the doc, resolved against `published` (or an inferred reference day)."""
    text = doc.text
    candidates = _non_overlapping(_candidates(text, doc))
    doc.user_data[_SPANS_KEY] = (len(text), [[candidate.start, candidate.end] for candidate in candidates])
    context = _Context(doc, text, published)
    warnings: list[Warning] = []
    context.infer_year(candidates, warnings)
    mentions: list[DateMention] = []
    resolved_by_span: dict[tuple[int, int], _Resolved] = {}
    for candidate in candidates:
        resolved = _resolve(candidate, context, mentions)
        if resolved is None:
            continue
        resolved_by_span[(candidate.start, candidate.end)] = resolved
        mentions.append(_mention(text, candidate, resolved))
    warnings.extend(_weekday_conflicts(mentions, resolved_by_span))
    guessed = [mention for mention in mentions if mention.year_inferred]
    if guessed and not any(warning.code == "year_inferred" for warning in warnings):
        warnings.append(Warning("year_inferred", "no publication date and no dated day in the text: years of "
                                "dates without one are assumed from today's date", guessed[0].start, guessed[0].end))
    return mentions, warnings


def date_spans(doc, text: str) -> list[tuple[int, int]]:
    """Character spans of the time expressions (unresolved) in doc, whose text is `text` (passed in
    because spaCy rebuilds doc.text on every access): numbers inside them are not counts. find_dates
    leaves them on the doc (plain integers, so the doc still serialises) for the quantity stage."""
    cached = doc.user_data.get(_SPANS_KEY)
    if cached is not None and cached[0] == len(text):
        return [tuple(span) for span in cached[1]]
    return [(candidate.start, candidate.end) for candidate in _non_overlapping(_candidates(text, doc))]


_SPANS_KEY = "frontwatch.date_spans"


# --- candidates ---------------------------------------------------------------------------------

def _candidates(text: str, doc) -> list[_Candidate]:
    found = []
    for rule, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = _core_span(rule, match)
            if rule == "year" and not _is_year(text, doc, match):
                continue
            if rule == "month" and match.group("m") in ("May", "March") and not match.group("cue"):
                continue
            found.append(_Candidate(rule, match, start, end))
    return found


def _core_span(rule: str, match: re.Match) -> tuple[int, int]:
    """The expression without the preposition that cued it ("back in March" -> "March")."""
    if rule in ("period", "weekend"):
        return match.span("span")
    if rule == "month" and match.group("cue") and match.group("cue").lower() in _SPAN_CUES:
        return match.start("cue"), match.end()
    if rule == "month":
        return match.start("m"), match.end()
    if rule in ("range_month_days", "range_between_days"):
        return match.start("m1"), match.end()
    if rule == "range_days_month":
        return match.start("d1"), match.end()
    return match.span()


_SPAN_CUES = {"last", "next", "this", "early", "mid", "late", "the end of", "the beginning of", "the start of",
              "the middle of"}


def _is_year(text: str, doc, match: re.Match) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 people", "about 1500")."""
    if match.group("part"):
        return True
    before = text[max(0, match.start() - 20):match.start()]
    if COUNT_CUES.search(before):
        return False
    # the token after the number, by binary search (building every Token of a long doc costs more)
    index = bisect.bisect_left(range(len(doc)), match.end(), key=lambda i: doc[i].idx)
    if index < len(doc):
        following = doc[index]
        if following.lower_ in ("%", "percent"):
            return False
        if (following.tag_ in ("NNS", "NNPS") or following.lower_ == "of") and not YEAR_DETERMINERS.search(before):
            return False
    return True


def _non_overlapping(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first at each position; an expression inside a longer one is part of it."""
    ordered = sorted(candidates, key=lambda c: (c.match.start(), -(c.match.end() - c.match.start())))
    kept: list[_Candidate] = []
    for candidate in ordered:
        if kept and candidate.match.start() < kept[-1].match.end():
            continue
        kept.append(candidate)
    return kept


# --- resolution ---------------------------------------------------------------------------------

class _Context:
    """Reference days and tense per sentence."""

    def __init__(self, doc, text: str, published: Optional[dt.date]):
        self.doc = doc
        self.text = text
        self.published = published
        self.inferred_reference: Optional[dt.date] = None
        self.sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self.sentence_starts = [sentence.start_char for sentence in self.sentences]
        self.today = dt.date.today()
        self._future: dict[int, bool] = {}

    @property
    def reference(self) -> Optional[dt.date]:
        return self.published or self.inferred_reference

    @property
    def year_is_inferred(self) -> bool:
        return self.published is None

    def sentence_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, char) - 1)

    def dates_a_saying(self, sentence_index: int, mention: DateMention) -> bool:
        """The day is the day of a saying: a reporting verb within a few words of it ("said on Tuesday,
        September 12, that", "On Monday, September 12, X, a deputy, said")."""
        for token in self.sentences[sentence_index]:
            if token.lemma_ in REPORTING_LEMMAS and token.pos_ == "VERB":
                words_between = len(self.text[min(token.idx, mention.end):max(token.idx, mention.start)].split())
                if words_between <= 12:
                    return True
        return False

    def is_future(self, sentence_index: int) -> bool:
        if sentence_index not in self._future:
            self._future[sentence_index] = any(
                (token.tag_ == "MD" and token.lower_ in FUTURE_WORDS)
                or (token.pos_ == "VERB" and token.lemma_ in FUTURE_VERBS and token.tag_ in ("VBN", "VBZ", "VBP"))
                or token.lower_ in FUTURE_ADJECTIVES
                for token in self.sentences[sentence_index])
        return self._future[sentence_index]

    def infer_year(self, candidates: list[_Candidate], warnings: list[Warning]) -> None:
        """No publication date: pick the year in which the text's weekdays fit its dates best."""
        if self.published is not None:
            return
        anchored = []
        for candidate in candidates:
            groups = candidate.match.groupdict()
            if groups.get("wd") and groups.get("m") and groups.get("d") and not groups.get("y"):
                anchored.append((WEEKDAY_NAMES.index(groups["wd"]), MONTH_NUMBERS[_month_key(groups["m"])],
                                 _day(groups["d"]), candidate))
        if not anchored:
            self._reference_from_full_dates(candidates, warnings)
            return
        best: Optional[tuple[int, int, int]] = None
        for year in range(self.today.year, self.today.year - 60, -1):
            fits = [_safe_date(year, month, day) for weekday, month, day, _ in anchored]
            matches = [day is not None and day <= self.today and day.weekday() == weekday
                       for day, (weekday, *_rest) in zip(fits, anchored)]
            score = (sum(matches), int(matches[0]), year)
            if best is None or score > best:
                best = score
        if not best or best[0] == 0:
            return
        year = best[2]
        days = [_safe_date(year, month, day) for weekday, month, day, _ in anchored]
        self.inferred_reference = max(day for day in days if day is not None)
        first = anchored[0][3]
        warnings.append(Warning("year_inferred",
                                f"no publication date: year {year} inferred from the weekday of "
                                f"\"{first.match.group(0)}\"", first.start, first.end))


    def _reference_from_full_dates(self, candidates: list[_Candidate], warnings: list[Warning]) -> None:
        """No publication date and no weekday-dated day: the latest full date the text gives (a dateline,
        "on 24 February 2022") is the reference for yearless and relative expressions."""
        full_dates = []
        for candidate in candidates:
            groups = candidate.match.groupdict()
            if candidate.rule in ("month_day", "day_month") and groups.get("y"):
                day = _safe_date(int(groups["y"]), MONTH_NUMBERS[_month_key(groups["m"])], _day(groups["d"]))
                if day is not None and day <= self.today:
                    full_dates.append((day, candidate))
        if not full_dates:
            return
        day, candidate = max(full_dates, key=lambda item: item[0])
        self.inferred_reference = day
        warnings.append(Warning("year_inferred", f"no publication date: dates without a year are read as of "
                                f"{day.isoformat()}, the latest full date in the text", candidate.start, candidate.end))


def _resolve(candidate: _Candidate, context: _Context, earlier: list[DateMention]) -> Optional[_Resolved]:
    groups = candidate.match.groupdict()
    sentence = context.sentence_index(candidate.start)
    future = context.is_future(sentence)
    rule = candidate.rule
    if rule in ("month_day", "day_month"):
        return _calendar_day(groups, context, future, "weekday" if groups.get("wd") else "absolute",
                             since=_preceded_by(candidate, context, "since"))
    if rule.startswith("range_") and rule != "range_months":
        first = _calendar_day({"m": groups["m1"], "d": groups["d1"], "y": groups.get("y")}, context, future, "range")
        last = _calendar_day({"m": groups.get("m2") or groups["m1"], "d": groups["d2"], "y": groups.get("y")},
                             context, future, "range")
        return _span(first, last)
    if rule == "range_months":
        first = _calendar_month(groups["m1"], groups.get("y1") or groups.get("y2"), None, context, future)
        last = _calendar_month(groups["m2"], groups.get("y2"), None, context, future)
        return _span(first, last)
    if rule == "month_year":
        return _calendar_month(groups["m"], groups["y"], groups.get("part"), context, future)
    if rule == "month_relative_year":
        reference = context.reference or context.today
        year = reference.year + {"this": 0, "last": -1, "next": 1}[groups["rel"].lower()]
        resolved = _calendar_month(groups["m"], str(year), groups.get("part"), context, future)
        resolved.kind, resolved.year_inferred = "relative", context.year_is_inferred
        return resolved
    if rule == "month":
        cue = (groups.get("cue") or "").lower()
        resolved = _calendar_month(groups["m"], None, cue if cue in _PARTS else None, context,
                                   future or cue == "next", strictly_past=cue == "last", this_year=cue == "this")
        if resolved and cue == "since":
            return _since(resolved, context)
        return resolved
    if rule == "year":
        start, end = _part_of(dt.date(int(groups["y"]), 1, 1), dt.date(int(groups["y"]), 12, 31), groups.get("part"))
        resolved = _Resolved(start, end, "absolute")
        return _since(resolved, context) if _preceded_by(candidate, context, "since") else resolved
    if rule == "year_range":
        first, last = int(groups["y1"]), int(groups["y2"])
        if last < 100:  # "1957-58"
            last += first // 100 * 100
        if last <= first:
            return None
        return _Resolved(dt.date(first, 1, 1), dt.date(last, 12, 31), "range")
    if rule == "decade":
        first = int(groups["dec"])
        start, end = _part_of(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), groups.get("part"))
        return _Resolved(start, end, "absolute")
    if rule == "week_of_month":
        month = _calendar_month(groups["m"], groups.get("y"), None, context, future)
        return _week_of_month(month, groups["ordinal"].lower(), groups["unit"].lower()) if month else None
    if rule == "season_year":
        start, end = _season(groups["season"].lower(), dt.date(int(groups["y"]), 1, 1), 0)
        return _Resolved(start, end, "absolute")
    if rule == "iso" or rule == "numeric":
        return _numeric(candidate.match.group(0), context)
    anchor = _anchor(candidate, context, earlier)
    if anchor is None:
        return None
    if rule == "weekday":
        return _weekday(groups, anchor, future, context)
    if rule == "day_word":
        word = groups["word"].lower()
        if word == "overnight":  # reported on day D: the night from D-1 to D
            return _Resolved(anchor - dt.timedelta(days=1), anchor, "relative", context.year_is_inferred)
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        day = anchor + dt.timedelta(days=offset)
        return _Resolved(day, day, "relative", context.year_is_inferred)
    if rule == "weekend":  # the last weekend up to the anchor
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        return _Resolved(saturday, saturday + dt.timedelta(days=1), "relative", context.year_is_inferred)
    if rule == "calendar_relative":
        return _calendar_relative(groups, anchor, context)
    if rule == "ago":
        return _ago(groups, anchor, context)
    if rule == "period":
        return _period(groups, anchor, context)
    return None


_PARTS = {"early", "mid", "late", "the end of", "the beginning of", "the start of", "the middle of"}


def _anchor(candidate: _Candidate, context: _Context, earlier: list[DateMention]) -> Optional[dt.date]:
    """The day a relative expression counts from: a calendar day named earlier in the same sentence (the
    day of the saying: "On Monday, September 12, X said ... yesterday"), else the publication date (or the
    inferred reference day). A bare weekday always counts from the publication date."""
    sentence = context.sentence_index(candidate.start)
    for mention in reversed(earlier):
        if candidate.rule == "weekday" or context.sentence_index(mention.start) != sentence:
            break
        if mention.date_start == mention.date_end and re.search(r"\d", mention.text) \
                and context.dates_a_saying(sentence, mention):
            if context.reference is None or mention.date_start <= context.reference:
                return mention.date_start
    return context.reference


def _preceded_by(candidate: _Candidate, context: _Context, word: str) -> bool:
    before = context.text[max(0, candidate.start - len(word) - 2):candidate.start]
    return before.strip().lower() == word


def _calendar_day(groups: dict, context: _Context, future: bool, kind: str, since: bool = False) -> Optional[_Resolved]:
    month = MONTH_NUMBERS[_month_key(groups["m"])]
    day = _day(groups["d"])
    weekday = WEEKDAY_NAMES.index(groups["wd"]) if groups.get("wd") else None
    inferred = False
    if groups.get("y"):
        year = int(groups["y"])
    else:
        year, inferred = _year_for(month, context, future)
    date = _safe_date(year, month, day)
    if date is None:
        return None
    resolved = _Resolved(date, date, kind, inferred, weekday)
    return _since(resolved, context) if since else resolved


def _calendar_month(name: str, year_text: Optional[str], part: Optional[str], context: _Context, future: bool,
                    strictly_past: bool = False, this_year: bool = False) -> Optional[_Resolved]:
    month = MONTH_NUMBERS[_month_key(name)]
    inferred = False
    if year_text:
        year = int(year_text)
        kind = "absolute"
    else:
        year, inferred = _year_for(month, context, future)
        reference = context.reference
        if strictly_past and reference and month >= reference.month:
            year = reference.year - 1  # "last June" said in June means the June before
        if this_year:
            year = (reference or context.today).year  # "this September"
        kind = "relative"
    start = dt.date(year, month, 1)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    start, end = _part_of(start, end, part)
    return _Resolved(start, end, kind, inferred)


def _year_for(month: int, context: _Context, future: bool) -> tuple[int, bool]:
    reference = context.reference or context.today
    inferred = context.year_is_inferred
    if future:
        return (reference.year + 1 if month < reference.month else reference.year), inferred
    return (reference.year - 1 if month > reference.month else reference.year), inferred


def _part_of(start: dt.date, end: dt.date, part: Optional[str]) -> tuple[dt.date, dt.date]:
    """Early / mid / late thirds of a period; "the end of" is its last third."""
    if not part:
        return start, end
    part = part.lower().strip("- ")
    length = (end - start).days + 1
    third = length // 3
    if part in ("early", "the beginning of", "the start of"):
        return start, start + dt.timedelta(days=third - 1)
    if part in ("mid", "the middle of"):
        return start + dt.timedelta(days=third), start + dt.timedelta(days=2 * third - 1)
    if part in ("late", "the end of"):
        return start + dt.timedelta(days=2 * third), end
    return start, end


def _span(first: Optional[_Resolved], last: Optional[_Resolved]) -> Optional[_Resolved]:
    if first is None or last is None:
        return None
    if last.end_date < first.start_date:  # "December 28 - January 3": the range crosses a year end
        last_end = _safe_date(last.end_date.year + 1, last.end_date.month, last.end_date.day)
        if last_end is None:
            return None
        return _Resolved(first.start_date, last_end, "range", first.year_inferred)
    return _Resolved(first.start_date, last.end_date, "range", first.year_inferred or last.year_inferred)


def _since(resolved: _Resolved, context: _Context) -> _Resolved:
    """"since February 24": from that day to the reference day (a cumulative period)."""
    reference = context.reference
    if reference is None or reference < resolved.start_date:
        return resolved
    return _Resolved(resolved.start_date, reference, "range", resolved.year_inferred)


def _numeric(text: str, context: _Context) -> Optional[_Resolved]:
    base = context.reference or context.today
    parsed = dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
        # ISO; dots are European day.month ("12.09.2022"); slashes American month/day ("9/11/2022")
        "DATE_ORDER": "YMD" if re.match(r"\d{4}-", text) else ("DMY" if "." in text else "MDY")})
    if parsed is None:
        return None
    return _Resolved(parsed.date(), parsed.date(), "absolute")


def _weekday(groups: dict, anchor: dt.date, future: bool, context: _Context) -> _Resolved:
    weekday = WEEKDAY_NAMES.index(groups["wd"])
    relation = (groups.get("rel") or "").lower()
    if relation in ("next", "coming") or (future and relation != "last"):
        offset = (weekday - anchor.weekday()) % 7 or (7 if relation == "next" else 0)
        day = anchor + dt.timedelta(days=offset)
    else:
        offset = (anchor.weekday() - weekday) % 7 or (7 if relation == "last" else 0)
        day = anchor - dt.timedelta(days=offset)
    return _Resolved(day, day, "weekday", context.year_is_inferred, weekday)


def _calendar_relative(groups: dict, anchor: dt.date, context: _Context) -> Optional[_Resolved]:
    relation = groups["rel"].lower()
    unit = groups["unit"].lower()
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(relation, 0)
    part = (groups.get("part") or "").lower()
    if unit in ("week", "weekend"):
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        start, end = (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)) if unit == "weekend" \
            else (monday, monday + dt.timedelta(days=6))
    elif unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + offset
        year, month = divmod(month_index, 12)
        start = dt.date(year, month + 1, 1)
        end = dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    elif unit == "year":
        start, end = dt.date(anchor.year + offset, 1, 1), dt.date(anchor.year + offset, 12, 31)
    else:
        start, end = _season(unit, anchor, offset)
    if part == "earlier" and offset == 0:
        end = min(end, anchor - dt.timedelta(days=1))
    elif part == "later" and offset == 0:
        start = max(start, anchor + dt.timedelta(days=1))
    elif part:
        start, end = _part_of(start, end, part)
    if end < start:
        return None
    return _Resolved(start, end, "relative", context.year_is_inferred)


def _week_of_month(month: _Resolved, ordinal: str, unit: str) -> _Resolved:
    """"the first week of October" (days 1-7), "the second half of March" (16th to the end)."""
    start, end = month.start_date, month.end_date
    if unit == "half":
        middle = start + dt.timedelta(days=14)
        start, end = (start, middle) if ordinal == "first" else (middle + dt.timedelta(days=1), end)
    elif ordinal == "last":
        start = end - dt.timedelta(days=6)
    else:
        start = start + dt.timedelta(weeks=["first", "second", "third", "fourth"].index(ordinal))
        end = start + dt.timedelta(days=6)
    return _Resolved(start, end, month.kind, month.year_inferred)


def _season(name: str, anchor: dt.date, offset: int) -> tuple[dt.date, dt.date]:
    first_month = SEASON_MONTHS[name]

    def season_of(year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, first_month, 1)
        end_month_index = year * 12 + first_month - 1 + 2
        end_year, end_month = divmod(end_month_index, 12)
        return start, dt.date(end_year, end_month + 1, calendar.monthrange(end_year, end_month + 1)[1])

    start, end = season_of(anchor.year)
    if offset < 0:
        while end >= anchor:
            start, end = season_of(start.year - 1)
    elif offset > 0:
        while start <= anchor:
            start, end = season_of(start.year + 1)
    return start, end


def _ago(groups: dict, anchor: dt.date, context: _Context) -> Optional[_Resolved]:
    count = 1.0 if groups["n"].lower() in ("a", "an") else parse_number(groups["n"])
    if count is None or count != int(count):
        return None
    count = int(count)
    unit = groups["unit"].lower().rstrip("s")
    if unit == "hour":
        return _Resolved(anchor, anchor, "relative", context.year_is_inferred)
    if unit == "day":
        day = anchor - dt.timedelta(days=count)
        return _Resolved(day, day, "relative", context.year_is_inferred)
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday(), weeks=count)
        return _Resolved(monday, monday + dt.timedelta(days=6), "relative", context.year_is_inferred)
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 - count, 12)
        return _Resolved(dt.date(year, month + 1, 1),
                         dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1]),
                         "relative", context.year_is_inferred)
    year = anchor.year - count
    return _Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "relative", context.year_is_inferred)


def _period(groups: dict, anchor: dt.date, context: _Context) -> Optional[_Resolved]:
    """"in the last 24 hours", "over the past six months": the period that ends (or starts) at the anchor."""
    count = parse_number(groups["n"]) if groups.get("n") else 1.0
    if count is None:
        return None
    unit = groups["unit"].lower().rstrip("s")
    days = {"hour": count / 24, "day": count, "week": 7 * count}.get(unit)
    if unit == "month":
        back = _shift_months(anchor, -int(count))
        days = (anchor - back).days
    elif unit == "year":
        days = (anchor - _shift_months(anchor, -12 * int(count))).days
    length = dt.timedelta(days=max(1, int(round(days))))
    if groups["dir"].lower() in ("next", "coming", "following"):
        return _Resolved(anchor, anchor + length, "duration", context.year_is_inferred)
    return _Resolved(anchor - length, anchor, "duration", context.year_is_inferred)


def _shift_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# --- output -------------------------------------------------------------------------------------

def precision_codes(start: dt.date, end: dt.date) -> tuple[int, int]:
    """(ACLED time_precision, UCDP date_prec) for a day range.

    ACLED: 1 the day is known, 2 the week (a range of up to 7 days), 3 the month or longer.
    UCDP GED: 1 exact day, 2 a range of 2-6 days, 3 the week, 4 a range of 8-30 days or the month,
    5 more than a month up to a year.
    """
    days = (end - start).days + 1
    if days <= 1:
        return 1, 1
    if days <= 6:
        return 2, 2
    if days == 7:
        return 2, 3
    if days <= 31:
        return 3, 4
    return 3, 5


def _mention(text: str, candidate: _Candidate, resolved: _Resolved) -> DateMention:
    time_precision, date_prec = precision_codes(resolved.start_date, resolved.end_date)
    return DateMention(text[candidate.start:candidate.end], candidate.start, candidate.end, resolved.start_date,
                       resolved.end_date, time_precision, date_prec, resolved.kind, resolved.year_inferred)


def _weekday_conflicts(mentions: list[DateMention], resolved: dict[tuple[int, int], _Resolved]) -> list[Warning]:
    """The text calls a day by a weekday it does not fall on, or calls the same day two weekdays."""
    warnings = []
    named: dict[tuple[int, int], list[tuple[DateMention, int]]] = {}
    for mention in mentions:
        weekday = resolved[(mention.start, mention.end)].weekday
        if weekday is None or mention.date_start != mention.date_end or mention.kind != "weekday":
            continue
        named.setdefault((mention.date_start.month, mention.date_start.day), []).append((mention, weekday))
    for (month, day), uses in named.items():
        for mention, weekday in uses:
            actual = mention.date_start.weekday()
            if weekday == actual:
                continue  # with the year known at most one of two weekdays for a day is right: warn the wrong one
            others = [other.text for other, other_weekday in uses if other_weekday != weekday]
            message = f"\"{mention.text}\": {mention.date_start.isoformat()} was a {WEEKDAY_NAMES[actual]}"
            if others:
                message += f"; the text also says \"{others[0]}\""
            warnings.append(Warning("weekday_conflict", message, mention.start, mention.end))
    return warnings


def _month_key(name: str) -> str:
    return name.rstrip(".")


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _safe_date(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
