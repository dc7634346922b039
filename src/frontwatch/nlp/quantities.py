"""Numbers in an article as ranges with qualifiers, each tied to what it counts.

quantulum3 finds numbers and units ("1,000", "80%", "one-fifth", "50 km"); our rules add what it misses:
the qualifier before a number ("at least", "about", "more than", "up to") turned into low/high bounds,
vague amounts ("hundreds of", "dozens of", "several") coded by ACLED's conventions, and the counted noun
phrase (Quantity.entity) from the dependency parse. Dates, times of day, ordinals and years are not counts
and are dropped.

Vague amounts follow ACLED's fatality conventions for the conservative `value`: 10 for "tens", 12 for
"dozens", 100 for "hundreds" (ACLED FAQ "Fatalities", 2023), and by the same rule 1,000 for "thousands";
"several" is 10 as in ACLED's codebook for "several"/"many" (from the codebook's text as we remember it,
not re-checked here), with low 3 so a reader who takes "several" as three is still inside the range.
`low`/`high` give the range the word allows.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import warnings as python_warnings
from importlib.metadata import version
from pathlib import Path
from typing import Optional

from frontwatch.config import data_dir
from frontwatch.model import Quantity
from frontwatch.nlp.dates import date_spans
from frontwatch.nlp.numbers import NUMBER, WORD_NUMBER, parse_number

# value (ACLED's coding), low, high for vague amounts; the longest phrase is tried first.
VAGUE_AMOUNTS = {
    "hundreds of thousands": (100_000, 100_000, 999_999),
    "tens of thousands": (10_000, 10_000, 99_999),
    "thousands": (1_000, 1_000, 9_999),
    "millions": (1_000_000, 1_000_000, None),
    "hundreds": (100, 100, 999),
    "scores": (20, 20, 99),
    "dozens": (12, 12, 99),
    "tens": (10, 10, 99),
    "several": (10, 3, None),
    "a handful of": (3, 2, 9),
    "a few": (3, 2, 9),
}
VAGUE = re.compile(r"\b(?P<phrase>(?i:%s))(?:\s+of)?\b(?=\s+(?P<next>\S+))" % "|".join(
    re.escape(phrase) for phrase in sorted(VAGUE_AMOUNTS, key=len, reverse=True)))
TIME_UNITS = re.compile(r"(?i)^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|times)\b")

# Qualifier words right before a number -> how they bound it. A band is +-10 % around the number.
QUALIFIERS = [
    ("at least", "low"), ("no fewer than", "low"), ("no less than", "low"), ("a minimum of", "low"),
    ("more than", "low"), ("over", "low"), ("in excess of", "low"), ("upwards of", "low"),
    ("up to", "high"), ("as many as", "high"), ("at most", "high"), ("no more than", "high"),
    ("fewer than", "high"), ("less than", "high"), ("under", "high"), ("nearly", "high"), ("almost", "high"),
    ("about", "band"), ("around", "band"), ("approximately", "band"), ("roughly", "band"), ("some", "band"),
    ("an estimated", "band"), ("estimated", "band"), ("circa", "band"), ("approx.", "band"),
    ("around", "band"), ("close to", "high"),
]
QUALIFIER = re.compile(r"(?i)\b(?P<q>%s)\s+(?:only\s+)?$" % "|".join(
    re.escape(word) for word, _ in sorted(QUALIFIERS, key=lambda item: len(item[0]), reverse=True)))
QUALIFIER_BOUNDS = dict(QUALIFIERS)
BAND = 0.1
RANGE = re.compile(rf"(?i)\b(?:(?P<between>between)\s+)?(?P<low>{NUMBER})\s*(?P<join>-|–|—|to|and)\s*(?P<high>{NUMBER})$")
FRACTION = re.compile(r"(?i)\b(?:half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b|/")
ORDINAL = re.compile(r"(?i)^\d+(?:st|nd|rd|th)$|^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$")
TIME_OF_DAY = re.compile(r"(?i)\b\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|GMT|UTC|CET|EET)\b|\b\d{1,2}:\d\d\b")
# Numbers in words that quantulum3 can miss in context ("a dozen civilians").
WORD_COUNT = re.compile(rf"\b(?i:(?:a|an)\s+(?:dozen|couple|hundred|thousand|million|billion)\b|{WORD_NUMBER})\b")
HAS_NUMBER = re.compile(rf"[\d¼½¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]|{NUMBER}|{VAGUE.pattern}")
UNIT_NAMES = {"dimensionless": "count", "percentage": "percent", "per cent": "percent", "dozen": "count",
              "gross": "count"}
UNIT_MULTIPLIERS = {"dozen": 12, "gross": 144}

logging.getLogger("quantulum3").setLevel(logging.ERROR)


def find_quantities(doc) -> list[Quantity]:
    """Quantities of the doc in text order, without dates, times, ordinals and years."""
    text = doc.text
    excluded = date_spans(doc, text) + [match.span() for match in TIME_OF_DAY.finditer(text)]
    found: list[Quantity] = []
    # quantulum3 costs ~7 ms a sentence: run it only where a number remains once dates are masked out
    masked = list(text)
    for start, end in excluded:
        masked[start:end] = " " * (end - start)
    masked_text = "".join(masked)
    for sentence in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
        if HAS_NUMBER.search(masked_text, sentence.start_char, sentence.end_char):
            found.extend(_sentence_quantities(text, sentence, excluded))
            found.extend(_word_counts(text, sentence, excluded))
    found.extend(_vague_quantities(text, excluded))
    found = _without_overlaps(found)
    for quantity in found:
        if quantity.unit in ("count", "percent", "fraction"):
            quantity.entity = counted_entity(doc, quantity.start, quantity.end)
    return found


def _sentence_quantities(text: str, sentence, excluded: list[tuple[int, int]]) -> list[Quantity]:
    from quantulum3 import parser
    quantities = []
    offset = sentence.start_char
    for parsed in parser.parse(sentence.text, classifier_path=str(unit_classifier_path())):
        if parsed.span[0] < 0 or not parsed.surface.strip():
            # quantulum3 returns span (-1, n) and an empty surface for a range at the start of a text
            # ("Between 10 and 15 drones"): take the span up to its end and let the range rule read it
            parsed_start = 0
        else:
            parsed_start = parsed.span[0]
        start, end = parsed_start + offset, parsed.span[1] + offset
        surface = text[start:end]
        if _overlaps(start, end, excluded) or ORDINAL.match(surface.strip()):
            continue
        repaired = _repair_unit(text, start, end, parsed)
        if repaired is None:
            continue
        start, end, value, unit = repaired
        surface = text[start:end]
        if unit == "count" and FRACTION.search(surface) and value < 10:
            unit = "fraction"
        quantity = Quantity(value, value, value, unit, None, surface, start, end)
        if parsed.uncertainty:
            quantity.low, quantity.high, quantity.qualifier = value - parsed.uncertainty, value + parsed.uncertainty, "range"
        else:
            _qualify(text, quantity)
        quantities.append(quantity)
    return quantities


CURRENCY_SYMBOLS = {"$": "dollar", "£": "pound sterling", "€": "euro", "¥": "japanese yen", "₴": "ukrainian hryvnia",
                    "₽": "russian ruble"}
# "$2.8bn", "£221.16 million", "$-99.99": the amount right after the symbol, with its scale
MONEY = re.compile(r"(?P<symbol>[$£€¥₴₽])\s?(?P<sign>-)?(?P<number>\d[\d,]*(?:\.\d+)?)\s*"
                   r"(?P<scale>(?i:bn|mn|mln|tn|k|m|billion|million|trillion|thousand)\b)?")
SCALE_VALUES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "bn": 1e9,
                "billion": 1e9, "tn": 1e12, "trillion": 1e12}
NUMBER_AT_START = re.compile(rf"(?:(?:a|an)\s+)?(?:{NUMBER})(?:\s+(?:hundred|thousand|million|billion))?", re.IGNORECASE)
UNIT_TEXT = re.compile(rf"^[\s$£€¥₴₽]*(?:(?:a|an)\s+|[\d½¼¾⅓⅔.,]+|{NUMBER})"
                       rf"(?:\s*(?:hundred|thousand|million|billion|trillion|bn|mn|m)\b)?[\s-]*", re.IGNORECASE)
# quantulum3's classifier takes "50 minutes" for minutes of arc now and then; news means time
SPELLED_TIME = {"minute of arc": "minute", "second of arc": "second"}


def _repair_unit(text: str, start: int, end: int, parsed) -> Optional[tuple[int, int, float, str]]:
    """(start, end, value, unit) of a quantulum3 quantity, with what it gets wrong in news put right:
    money with an abbreviated scale ("$2.8bn": not "dollar barn newton"), words read as unit symbols
    ("Three leaks": league kelvin second -> a count of leaks; "a key": exayear -> nothing)."""
    surface = text[start:end]
    unit = UNIT_NAMES.get(parsed.unit.name, parsed.unit.name)
    value = float(parsed.value) * UNIT_MULTIPLIERS.get(parsed.unit.name, 1)
    money = MONEY.search(text, start, min(len(text), end + 12))
    if money and money.start() < end and unit.startswith(CURRENCY_SYMBOLS[money.group("symbol")]) \
            and (money.group("scale") or (unit != CURRENCY_SYMBOLS[money.group("symbol")] and " per " not in unit)):
        amount = float(money.group("number").replace(",", "")) * SCALE_VALUES.get((money.group("scale") or "").lower(), 1)
        return money.start(), money.end(), -amount if money.group("sign") else amount, CURRENCY_SYMBOLS[money.group("symbol")]
    unit_text = UNIT_TEXT.sub("", surface).strip().rstrip(".")
    if unit in SPELLED_TIME and unit_text.lower().startswith(SPELLED_TIME[unit]):
        return start, end, value, SPELLED_TIME[unit]
    if unit in ("count", "percent") or (_unit_named(unit_text, parsed.unit) and _defined_unit(parsed.unit.name)):
        if surface.split()[0].lower() in ("a", "an") and unit_text in set(parsed.unit.symbols):
            return None  # "a TV" is no teravolt
        return start, end, value, unit
    number = NUMBER_AT_START.match(surface.strip())
    if number is None or number.group(0).lower() in ("a", "an"):
        return None
    count = parse_number(number.group(0))
    if count is None:
        return None
    leading = len(surface) - len(surface.lstrip())
    return start, start + leading + number.end(), count, "count"


@functools.lru_cache(maxsize=1024)
def _defined_unit(name: str) -> bool:
    """A unit quantulum3 defines, or a rate of defined units ("dollar per hour"), not a product of symbol
    pieces it assembled from a word ("euro inch teraampere" from "euros in ta")."""
    from quantulum3 import load
    names = load.units("en_US").names
    def factor_defined(factor: str) -> bool:
        words = re.sub(r"^(?:square|cubic) ", "", factor.strip()).split(" to the ")[0]
        return words in names or (len(words.split()) == 2 and all(word in names for word in words.split()))

    return name in names or name in UNIT_NAMES or all(factor_defined(part) for part in name.split(" per "))


def _unit_named(unit_text: str, unit) -> bool:
    """The text after the number is one of the unit's names or symbols (not a word quantulum3 split
    into unit symbols)."""
    symbols = set(unit.symbols)
    if not unit_text.isalpha() or unit_text in symbols:
        return True  # symbols, exponents, "km cubed": quantulum3's own business
    if len(unit_text) <= 2:  # "8,500 U" is no atomic mass unit ("u"): symbols keep their case
        return not any(unit_text.lower() == symbol.lower() for symbol in symbols)
    names = {name.lower() for name in unit.surfaces} | {unit.name.lower()}
    plurals = names | {name + "s" for name in names} | {name + "es" for name in names}
    return unit_text.lower() in plurals


def _word_counts(text: str, sentence, excluded: list[tuple[int, int]]) -> list[Quantity]:
    """Numbers written in words that count a noun: right before a plural noun or "of", or a number word
    the parse attaches to a noun a few words on ("one Ukrainian soldier", "one militiaman")."""
    quantities = []
    token_starts = {token.idx: token for token in sentence}
    for match in WORD_COUNT.finditer(sentence.text):
        start, end = match.start() + sentence.start_char, match.end() + sentence.start_char
        value = parse_number(match.group(0))
        if value is None or _overlaps(start, end, excluded):
            continue
        if match.start() > 0 and start not in token_starts:
            continue
        following = next((token for token in sentence if token.idx >= end), None)
        number = next((token for token in reversed(sentence) if token.idx < end), None)
        counts_a_noun = number is not None and number.dep_ == "nummod" and number.head.pos_ in ("NOUN", "PROPN") \
            and 0 < number.head.i - number.i <= 3 and number.lower_ not in ("a", "an")
        if following is None or not (following.tag_ in ("NNS", "NNPS") or _of_nouns(following) or counts_a_noun):
            continue
        quantity = Quantity(value, value, value, "count", None, match.group(0), start, end)
        _qualify(text, quantity)
        quantities.append(quantity)
    return quantities


def _of_nouns(token) -> bool:
    """"of" followed by a noun phrase ("two of the soldiers"), not by a pronoun ("one of them")."""
    return token.lower_ == "of" and any(child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN")
                                        for child in token.children)


def _qualify(text: str, quantity: Quantity) -> None:
    """Read the qualifier or the range that precedes the number into low/high."""
    before = text[max(0, quantity.start - 40):quantity.start]
    ranged = RANGE.search(before + text[quantity.start:quantity.end]) if quantity.unit == "count" else None
    if ranged and ranged.group("join").lower() == "and" and not ranged.group("between"):
        ranged = None  # "45 and 50 cases" are two numbers; "between 45 and 50" is a range
    if ranged and ranged.start("high") >= len(before):
        low, high = parse_number(ranged.group("low")), parse_number(ranged.group("high"))
        if low is not None and high is not None and low < high:
            quantity.start -= len(before) - ranged.start()
            quantity.text = text[quantity.start:quantity.end]
            quantity.value, quantity.low, quantity.high, quantity.qualifier = (low + high) / 2, low, high, "range"
            return
    match = QUALIFIER.search(before)
    if not match:
        return
    word = match.group("q").lower()
    bound = QUALIFIER_BOUNDS[word]
    value = quantity.value
    quantity.qualifier = word
    quantity.start -= len(before) - match.start()
    quantity.text = text[quantity.start:quantity.end]
    if bound == "low":
        quantity.low, quantity.high = value, None
    elif bound == "high":
        quantity.low, quantity.high = None, value
    else:
        quantity.low, quantity.high = value * (1 - BAND), value * (1 + BAND)


def _vague_quantities(text: str, excluded: list[tuple[int, int]]) -> list[Quantity]:
    quantities = []
    for match in VAGUE.finditer(text):
        if TIME_UNITS.match(match.group("next")) or _overlaps(match.start(), match.end(), excluded):
            continue
        phrase = match.group("phrase").lower()
        value, low, high = VAGUE_AMOUNTS[phrase]
        qualifier = match.group(0).lower()
        quantities.append(Quantity(float(value), float(low), float(high) if high else None, "count", qualifier,
                                   match.group(0), match.start(), match.end()))
    return quantities


def counted_entity(doc, start: int, end: int) -> Optional[str]:
    """What a number counts: the noun it modifies ("1,000 residents"), or the object of "of" after it
    ("80% of the city's infrastructure", "hundreds of Russian forces"), with its coordinated nouns
    ("towns and villages") and compound modifiers."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    last = span[-1]
    noun = None
    if last.lower_ == "of":  # "hundreds of": the span already holds the preposition
        objects = [child for child in last.children if child.dep_ == "pobj"]
        noun = objects[0] if objects else None
    elif last.pos_ in ("NOUN", "PROPN") and last.lower_ not in ("%", "percent", "cent") and not last.like_num \
            and last.lower_ not in VAGUE_WORDS:
        noun = last
    elif last.head.pos_ in ("NOUN", "PROPN") and 0 < last.head.i - last.i <= 4 \
            and last.dep_ in ("nummod", "amod", "quantmod", "compound") \
            and not any(token.is_punct for token in last.doc[last.i + 1:last.head.i]):
        noun = last.head
    else:
        following = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if following is not None and following.lower_ == "of":
            objects = [child for child in following.children if child.dep_ == "pobj"]
            noun = objects[0] if objects else None
        elif following is not None and following.pos_ in ("NOUN", "PROPN"):
            # "20 armoured vehicles" -> vehicles; "300 tank crews" -> the compound's head
            noun = following.head if following.dep_ == "compound" and following.head.i > following.i else following
    if noun is None or noun.i < last.i:
        return None
    return _noun_phrase(noun)


# Words that are the number itself, not what it counts.
VAGUE_WORDS = {"hundreds", "thousands", "dozens", "tens", "millions", "scores", "several", "few", "handful",
               "dozen", "hundred", "thousand", "million", "billion", "couple"}


def _noun_phrase(noun) -> str:
    modifiers = [child for child in noun.lefts if child.dep_ in ("compound", "amod") and child.i < noun.i
                 and not child.like_num and child.lower_ not in VAGUE_WORDS]
    start = min([noun.i] + [modifier.i for modifier in modifiers])
    last = noun
    for conjunct in noun.conjuncts:
        if conjunct.i > noun.i and conjunct.i - noun.i <= 3:
            last = conjunct
    return noun.doc[start:last.i + 1].text


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _without_overlaps(quantities: list[Quantity]) -> list[Quantity]:
    ordered = sorted(quantities, key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Quantity] = []
    for quantity in ordered:
        if kept and quantity.start < kept[-1].end:
            continue
        kept.append(quantity)
    return kept


@functools.lru_cache(maxsize=1)
def unit_classifier_path() -> Path:
    """quantulum3's unit classifier, trained for the installed scikit-learn (the pickle quantulum3 ships
    does not load under scikit-learn 1.9). Trained once (~5 s) from quantulum3's own training set and kept
    under the data directory; deterministic (SGD random_state=0)."""
    import joblib
    import numpy
    from quantulum3 import classifier
    path = data_dir() / "quantulum3" / f"unit-classifier-q{version('quantulum3')}-sk{version('scikit-learn')}-f.joblib"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with python_warnings.catch_warnings():
        python_warnings.simplefilter("ignore")
        model = classifier.train_classifier(store=False, n_jobs=1)
    # Column-major weights: predicting multiplies a sparse row by coef_.T, which scipy would otherwise
    # copy to C order on every call (12 ms a prediction, half of quantulum3's time on news).
    model["clf"].coef_ = numpy.asfortranarray(model["clf"].coef_)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    with partial.open("wb") as handle:
        joblib.dump(model, handle)
    os.replace(partial, path)  # atomic: a parallel process never reads half a file
    return path
