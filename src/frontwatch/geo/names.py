"""Name normalisation and generated transliterations, shared by the gazetteer build and the matcher.

Both sides of every lookup go through `normalize`, so a spelling difference that it folds away
(case, diacritics, apostrophes, hyphens, dots, Slavic adjective endings) can never cause a miss.
"""
from __future__ import annotations

import re
import unicodedata

from translitua import UkrainianBGN, UkrainianKMU, translit

APOSTROPHES = "'’ʼ`´ʹ‘\"“”ʻ"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}.]")
_SEPARATOR_RE = re.compile(r"[\s\-‐‑‒–—_/,()]+")
# Velykyi / Velykyy / Velyky / Velikiy / Velikij are one adjective ending in the usual romanisations.
_ADJECTIVE_ENDING_RE = re.compile(r"(?:yi|iy|yy|ii|ij|yj)\b")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")


def normalize(name: str) -> str:
    """The key every name is indexed and looked up under."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(char for char in decomposed if not unicodedata.combining(char))
    text = _APOSTROPHE_RE.sub("", name.casefold())
    text = _SEPARATOR_RE.sub(" ", text).strip()
    return _ADJECTIVE_ENDING_RE.sub("y", text)


def is_cyrillic(name: str) -> bool:
    return bool(_CYRILLIC_RE.search(name))


def is_latin_or_cyrillic(name: str) -> bool:
    """Names in other scripts never occur in English news text, so the index leaves them out."""
    for char in name:
        if char.isalpha() and not (char < "\u0250" or "\u02B0" <= char <= "\u02FF" or "\u1E00" <= char <= "\u1EFF" or "\u0400" <= char <= "\u04FF"):
            return False
    return True


# Russian BGN/PCGN (1947), without the optional diacritics and middle dots.
_RUSSIAN_BGN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_VOWELS_AND_SIGNS = set("аеёиоуыэюяйъьіїє")


def russian_bgn(name: str) -> str:
    return _romanise_russian(name, _RUSSIAN_BGN, iotated_e=True)


# News agencies' loose romanisation of Russian: й and е as plain i and e ("Novomikhailovka", "Krasnoe",
# "Kuteinikovo" where BGN writes Novomikhaylovka, Krasnoye, Kuteynikovo).
_RUSSIAN_LOOSE = {**_RUSSIAN_BGN, "й": "i", "е": "e", "ё": "e"}


def russian_loose(name: str) -> str:
    return _romanise_russian(name, _RUSSIAN_LOOSE, iotated_e=False)


def _romanise_russian(name: str, table: dict[str, str], iotated_e: bool) -> str:
    out = []
    previous = ""
    for char in name:
        lower = char.lower()
        if iotated_e and lower in ("е", "ё") and (not previous or previous in _VOWELS_AND_SIGNS or not previous.isalpha()):
            latin = "ye" if lower == "е" else "yo"  # word-initial and after vowels/signs BGN writes ye/yë
        else:
            latin = table.get(lower, char)
        if char != lower and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = lower
    return "".join(out)


def transliterations(name: str) -> set[str]:
    """Latin spellings of a Cyrillic name: Ukrainian national 2010 (KMU), also with h for х as news often
    writes it ("Hrystoforivka"), and BGN for Ukrainian text; Russian BGN/PCGN and the loose news style for
    Russian text (all when the letters do not tell the language apart)."""
    if not is_cyrillic(name):
        return set()
    letters = set(name)
    variants: set[str] = set()
    if not letters & _RUSSIAN_ONLY:
        national = translit(name, UkrainianKMU)
        variants |= {national, national.replace("kh", "h").replace("Kh", "H"), translit(name, UkrainianBGN)}
    if not letters & _UKRAINIAN_ONLY:
        variants |= {russian_bgn(name), russian_loose(name)}
    return {variant for variant in variants if not is_cyrillic(variant)}
