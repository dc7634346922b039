"""Language of an article: English, Ukrainian or Russian, or None when the text cannot tell.

lingua is restricted to the three languages frontwatch reads (12/12 on short texts, ~52k texts/s, +43 MB
in our measurement) and built once: building the detector is the expensive part.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from lingua import Language, LanguageDetectorBuilder

LANGUAGE_CODES = {Language.ENGLISH: "en", Language.UKRAINIAN: "uk", Language.RUSSIAN: "ru"}
# Fewer letters than this give lingua too little evidence (a headline fragment, a number, a URL).
MIN_LETTERS = 12
# Below this confidence for the best language the answer is a guess: report "unknown" instead.
MIN_CONFIDENCE = 0.5
# Long texts: the first few thousand characters decide as well as the whole and cost far less.
SAMPLE_CHARS = 4000
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# A word needs a few letters before its alphabet says anything ("OK", "km" do not).
MIN_SCRIPT_LETTERS = 3
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")


@functools.lru_cache(maxsize=1)
def _detector():
    return (LanguageDetectorBuilder.from_languages(*LANGUAGE_CODES)
            .with_minimum_relative_distance(0.0)
            .build())


def detect_language(text: str) -> Optional[str]:
    """"en", "uk" or "ru"; None when neither the detector nor the script can tell."""
    sample = (text or "")[:SAMPLE_CHARS]
    if len(LETTER.findall(sample)) >= MIN_LETTERS:
        confidences = _detector().compute_language_confidence_values(sample)
        if confidences and confidences[0].value >= MIN_CONFIDENCE:
            return LANGUAGE_CODES[confidences[0].language]
    return language_by_script(sample)


def language_by_script(text: str) -> Optional[str]:
    """Among the three languages read, the alphabet decides what statistics cannot on a few words.

    A one-word headline ("Sloviansk") or a place list is too short for lingua, but Latin letters can only
    be English here, and letters found in one Cyrillic alphabet only tell Ukrainian from Russian.
    """
    latin, cyrillic = len(LATIN.findall(text)), len(CYRILLIC.findall(text))
    if latin + cyrillic < MIN_SCRIPT_LETTERS:
        return None
    if latin > cyrillic:
        return "en"
    ukrainian, russian = bool(UKRAINIAN_ONLY.search(text)), bool(RUSSIAN_ONLY.search(text))
    if ukrainian != russian:
        return "uk" if ukrainian else "ru"
    return None
