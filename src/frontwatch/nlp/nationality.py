"""Which country a phrase names, by adjective or name ("Ukrainian troops", "Russia's Ministry of Defence").

Shared by attribution (a claimant's side) and event assembly (an actor's side), so it sits in the NLP layer
that both build on.
"""
from __future__ import annotations

import re
from typing import Optional

# Country adjective / name -> (ISO alpha-2, country name). Covers the parties of the Russia–Ukraine war
# and the states most often named beside them; an unknown nationality stays "unknown", never guessed.
NATIONALITIES: dict[str, tuple[str, str]] = {
    "ukrainian": ("UA", "Ukraine"), "ukraine": ("UA", "Ukraine"), "kyiv": ("UA", "Ukraine"), "kiev": ("UA", "Ukraine"),
    "russian": ("RU", "Russia"), "russia": ("RU", "Russia"), "moscow": ("RU", "Russia"), "kremlin": ("RU", "Russia"),
    "belarusian": ("BY", "Belarus"), "belarus": ("BY", "Belarus"),
    "north korean": ("KP", "North Korea"), "n. korean": ("KP", "North Korea"),
    "polish": ("PL", "Poland"), "poland": ("PL", "Poland"), "american": ("US", "United States"), "us": ("US", "United States"),
    "u.s.": ("US", "United States"), "british": ("GB", "United Kingdom"), "turkish": ("TR", "Turkey"), "syrian": ("SY", "Syria"),
    "israeli": ("IL", "Israel"), "iraqi": ("IQ", "Iraq"), "iranian": ("IR", "Iran"), "georgian": ("GE", "Georgia"),
}

NATIONALITY_PATTERN = re.compile(r"\b(" + "|".join(re.escape(name) for name in sorted(NATIONALITIES, key=len, reverse=True))
                                  + r")(?:'s|’s)?\b", re.IGNORECASE)
# "Russian" forces outside Russia are invaders, not insurgents: the occupiers' words name them too.
OCCUPIER_PATTERN = re.compile(r"\b(occupiers|occupation forces|invaders|rashists|orcs)\b", re.IGNORECASE)


def nationality(text: str) -> Optional[str]:
    """ISO alpha-2 of the country a phrase names by adjective or name ("Ukrainian troops" -> "UA")."""
    match = NATIONALITY_PATTERN.search(text)
    if match:
        return NATIONALITIES[match.group(1).lower()][0]
    # In the Russia–Ukraine reporting this product reads first, bare "occupiers" are Russia's forces.
    return "RU" if OCCUPIER_PATTERN.search(text) else None
