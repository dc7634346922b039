"""Numbers written as words or digits ("six", "twenty-four", "1,000", "a dozen"), shared by the date and
quantity rules so both read "the past six months" and "six soldiers" the same way."""
from __future__ import annotations

import re
from typing import Optional

UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
# Multipliers: "two hundred", "a dozen" (12), "two dozen" (24), "a couple" (2).
SCALES = {"couple": 2, "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER_WORDS = sorted((set(UNITS) - {"a", "an"}) | set(SCALES), key=len, reverse=True)
# A number in words: "six", "twenty-four", "two hundred", "one thousand five hundred".
WORD_NUMBER = r"(?:%s)(?:[\s-]+(?:and[\s-]+)?(?:%s))*" % ("|".join(NUMBER_WORDS), "|".join(NUMBER_WORDS))
DIGIT_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:{DIGIT_NUMBER}|(?i:{WORD_NUMBER})\b)"


def parse_number(text: str) -> Optional[float]:
    """The value of a number written in digits or English words; None when it is not one."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if re.fullmatch(DIGIT_NUMBER, cleaned):
        return float(cleaned.replace(",", ""))
    total, current, seen = 0, 0, False
    words = re.split(r"[\s-]+", cleaned)
    for index, word in enumerate(words):
        if word == "and":
            continue
        if word in ("a", "an") and (index + 1 == len(words) or words[index + 1] not in SCALES):
            return None  # "a" is one only before a multiplier: "a dozen", "a hundred"
        if word in UNITS:
            current += UNITS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None
