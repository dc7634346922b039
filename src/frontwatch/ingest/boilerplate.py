"""Our boilerplate filter: site chrome that survives main-text extraction, and plain text pasted from pages.

Works paragraph by paragraph on the extracted text. Three kinds of rule, each tied to a reason that goes
to Article.removed:
- line rules: a short paragraph that is chrome by its wording (error-report prompts, "Read also: …",
  subscription and follow prompts, share buttons, cookie notices, advertisement markers, credits,
  copyright, tags). Only short paragraphs are tested, so body prose that mentions these words stays.
- trailing rules: chrome glued to the end of a body paragraph ("… Click To Tweet", "… Read also: …").
- layout rules: a headline of another article pasted between body paragraphs (a short title-cased or
  upper-case line with no final punctuation, with body prose on both sides), and a paragraph repeated
  verbatim (pull quotes, widgets rendered twice).
The patterns are written for the wording sites use in general (English, plus the Ukrainian and Russian
forms of the error-report prompt), not for one page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from frontwatch.ingest.ids import normalise_text
from frontwatch.model import Removed


@dataclass(frozen=True)
class LineRule:
    reason: str
    pattern: re.Pattern
    max_words: int  # longer paragraphs are prose that happens to use the words


def _rule(reason: str, pattern: str, max_words: int = 30) -> LineRule:
    return LineRule(reason, re.compile(pattern, re.IGNORECASE), max_words)


_SOCIAL = r"(facebook|twitter|x|instagram|telegram|youtube|tiktok|linkedin|whatsapp|viber|google news|threads|mastodon)"

LINE_RULES = (
    # "You can also highlight the text and press Ctrl + Enter", "Found a typo? Select it and press
    # Ctrl+Enter", "Виділіть … і натисніть Ctrl+Enter".
    _rule("error-report prompt", r"\bctrl\s*\+\s*enter\b", 40),
    _rule("cross-link", r"^\W*((read|see|watch|listen)\s+(also|more|next|too)|also (read|see)|also on \S+\.[a-z]{2,}|you (may|might) (also )?like"
                        r"|most (read|popular|viewed|shared)|don['’]?t miss|further reading|what to read next|editor'?s picks?)\b",
          30),
    # Words that open body sentences too ("Related to this, …"), so only as a label: followed by a colon.
    _rule("cross-link", r"^\W*(related( (posts?|stor(y|ies)|articles?|content|coverage|news|reading|videos?|topics?))?"
                        r"|more( on this( story)?| from [\w.' ]+| stories| news| coverage| like this)?|recommended"
                        r"( for you| reading)?|top stories|trending( now)?|latest (news|stories))\s*([:|\]]|$)", 30),
    # Ukrainian and Russian sites: "Читайте також: …", "Дивіться також", "По темі", "Новости партнеров".
    _rule("cross-link", r"^\W*(читайте (також|также|ще|еще|більше|больше)|дивіться також|смотрите также|по (темі|теме)"
                        r"|новини партнерів|новости партнеров|вас може зацікавити|вас может заинтересовать)\b", 30),
    _rule("cross-link", r"^\W*(for more( information| news| stories)?|(you can )?(read|find|see) more|more (similar )?"
                        r"(information|messages|news|stories))\b.{0,80}\b(visit|on|at|main page|home ?page|website)\b",
          18),
    _rule("cross-link", r"^\W*click here\b", 20),
    _rule("cross-link", r"^\W*(follow|see|read) (our|the|\w+['’]s) (full |complete |latest |live )?coverage\b"
                        r"|^\W*more [\w ]{1,30}:\s*https?://", 30),
    # Teasers that label the linked story: "… jibe [INSIGHT]", "… outbreak [VIDEO]".
    _rule("cross-link", r"\[(insight|video|pictures|photos|reaction|news|warning|poll|latest|analysis|gallery|live|"
                        r"revealed|explained|comment)\]\W*$", 30),
    _rule("engagement prompt", r"^\W*(tell us what you think|what do you think\?|have your say|if you (enjoyed|liked) "
                               r"this (article|story|piece)|did you (like|enjoy) this)", 40),
    _rule("reading time", r"^\W*(\d+\s*(min|mins|minutes?)\s+read|reading time|tempo de leitura|время чтения|"
                          r"час читання)\b", 8),
    _rule("subscription prompt", r"\b(subscribe|sign up|signup|register)\b.{0,80}\b(newsletters?|channel|updates|inbox|"
                                 r"podcast|digest|emails?|alerts)\b|^\W*subscribe\b|\bnewsletters?\b|\bjoin (us|our)\b"
                                 r".{0,40}\b(channel|community|newsletter|" + _SOCIAL + r")\b"
                                 r"|\bdelivered (to|through|straight to) your (inbox|letterbox|door)\b"
                                 r"|\b(підписуйтес[ья]|подписывайтес[ья]|приєднуйтес[ья]|присоединяйтес[ья])\b", 25),
    _rule("social follow", r"^\W*follow\b.{0,60}\bon\s+" + _SOCIAL + r"\b", 30),
    _rule("social follow", r"^\W*(watch|listen( to)?)\b.{0,60}\b(live|online|on the internet|on our|app|go)\W*$", 15),
    _rule("share buttons", r"^\W*((share|tweet|email|print|copy link|pin|save)( this( article| story| page| post)?)?"
                           r"( on| via| to)?( " + _SOCIAL + r")?|click to (share|tweet)|like this (story|article)\?.*share.*)\W*$",
          12),
    _rule("cookie notice", r"\b(we|this (site|website)|our (site|website)) uses? cookies\b|\bcookie (policy|settings|"
                           r"preferences|consent)\b|\baccept (all )?cookies\b", 60),
    _rule("advertisement", r"^\W*(advertisement|advertising|sponsored( content)?|ad|promoted( content)?|"
                           r"(story|article) continues (below|after)\b.*|continue reading( below| the main story)?|"
                           r"(the )?(rest|continuation) of the (text|article|story|material)\b.*(below|under)\b.*|"
                           r"scroll (down )?to continue\b.*|expand|show more|load more|comments?|\d+ comments?|реклама)\W*$",
          20),
    _rule("credits", r"^\W*\(?\s*((additional )?reporting by|writing by|editing by|compiled by|written by|edited by)\b", 40),
    _rule("credits", r"\bcontributed (reporting|to this (report|story|article))\W*$", 40),
    _rule("credits", r"^\W*(author|authors|photo|photos|image|images|video|picture|illustration)s?\s*(/\s*\w+\s*)?[:|]"
                     r"|^\W*(image|photo) (source|caption|credit)\b|\b(reprinted from|see the original)\b"
                     r"|\bmay be reached at\b|^\W*(e-?mail|contact|reach) (the )?\w+( \w+)? (at|on|via)\b"
                     r"|\bfollow (him|her|them|me)\b.{0,30}(\btwitter\b|@)", 30),
    _rule("copyright", r"^\W*(©|\(c\)|copyright\b)|\ball rights reserved\b|\bfor your personal,? non-commercial use\b", 40),
    _rule("tags", r"^\W*(tags?|topics?|filed under|categories|category|keywords)\s*:", 30),
)

# Chrome glued to the end of a body paragraph: removed from the paragraph, the prose before it stays.
TRAILING_RULES = (
    ("share buttons", re.compile(r"\s*\bclick to (tweet|share)\W*$", re.IGNORECASE)),
    ("cross-link", re.compile(r"(?<=[.!?\"”’])\s*\b(read|see) (also|more)\s*:\s*[^.!?]*$", re.IGNORECASE)),
    ("error-report prompt", re.compile(r"(?<=[.!?\"”’])\s*[^.!?]*\bctrl\s*\+\s*enter\b[^.!?]*[.!?]?$", re.IGNORECASE)),
)

# Words that title case leaves in lower case ("Troops Massed in Russia to Enter Ukraine War").
_MINOR_WORDS = frozenset("""a an the and or but nor for so yet of in on at to by with from as into onto over
under up off out via per vs vs. v after amid before than is are was be""".split())
_SENTENCE_END = re.compile(r"[.!?…;:][\s'\"”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Shorter lines are labels and captions ("Source: Radio Liberty", "PAP / EPA"), not headlines.
HEADLINE_MIN_WORDS = 5
HEADLINE_MAX_WORDS = 20
MAX_PASTED_RUN = 3  # more headline-shaped lines in a row are a list (of names, products), not teasers
BODY_MIN_WORDS = 12
_LIST_OR_TABLE = ("- ", "* ", "• ", "|")  # how trafilatura writes list items and table rows


def filter_boilerplate(paragraphs: list[str]) -> tuple[list[str], list[Removed]]:
    """The paragraphs to keep (in order) and what was removed, with reasons."""
    removed: list[Removed] = []
    kept: list[str] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        reason = line_rule_reason(paragraph)
        if reason:
            removed.append(Removed(paragraph, reason))
            continue
        paragraph = _strip_trailing(paragraph, removed)
        key = normalise_text(paragraph)
        # Only prose is compared: short lines (list items, table headers, interview questions) repeat
        # legitimately.
        if is_body(paragraph) and key in seen:
            removed.append(Removed(paragraph, "duplicate paragraph"))
            continue
        seen.add(key)
        kept.append(paragraph)
    return _drop_pasted_headlines(kept, removed)


def line_rule_reason(paragraph: str) -> str | None:
    words = len(paragraph.split())
    for rule in LINE_RULES:
        if words <= rule.max_words and rule.pattern.search(paragraph):
            return rule.reason
    return None


def _strip_trailing(paragraph: str, removed: list[Removed]) -> str:
    for reason, pattern in TRAILING_RULES:
        match = pattern.search(paragraph)
        if match and match.start() > 0:
            removed.append(Removed(match.group().strip(), reason))
            paragraph = paragraph[:match.start()].rstrip()
    return paragraph


def _drop_pasted_headlines(paragraphs: list[str], removed: list[Removed]) -> tuple[list[str], list[Removed]]:
    """Headline-shaped lines (up to MAX_PASTED_RUN in a row, as sites paste two or three teasers) with
    body prose right before and right after."""
    shaped = [not paragraph.startswith(_LIST_OR_TABLE) and looks_like_headline(paragraph) for paragraph in paragraphs]
    drop = set()
    index = 0
    while index < len(paragraphs):
        if not shaped[index]:
            index += 1
            continue
        end = index
        while end < len(paragraphs) and shaped[end]:
            end += 1
        if (end - index <= MAX_PASTED_RUN and index > 0 and end < len(paragraphs)
                and is_body(paragraphs[index - 1]) and is_body(paragraphs[end])):
            drop.update(range(index, end))
        index = end
    removed.extend(Removed(paragraphs[index], "pasted headline of another article") for index in sorted(drop))
    return [paragraph for index, paragraph in enumerate(paragraphs) if index not in drop], removed


def is_body(paragraph: str) -> bool:
    """Running prose: long enough and ending like a sentence."""
    return len(paragraph.split()) >= BODY_MIN_WORDS and bool(_SENTENCE_END.search(paragraph.rstrip()))


def looks_like_headline(paragraph: str) -> bool:
    """A short line in title case or upper case with no sentence-final punctuation."""
    text = paragraph.strip()
    words = _WORD.findall(text)
    if not HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS or _SENTENCE_END.search(text):
        return False
    content = [word for word in words if word.lower() not in _MINOR_WORDS]
    lower = sum(1 for word in content if not word[0].isupper())
    # Title case capitalises every content word; a lower-case one is a sentence ("Russia fights for
    # Donbas, Ukraine for Kherson"), one slip is tolerated in a long headline.
    return len(content) >= 4 and lower <= (1 if len(content) >= 8 else 0)
