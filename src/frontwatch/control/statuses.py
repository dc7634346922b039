"""The four control statuses and how sides and outside labels map onto them."""
from __future__ import annotations

from typing import Optional

UA = "UA"
RU = "RU"
CONTESTED = "contested"
UNKNOWN = "unknown"
STATUSES = (UA, RU, CONTESTED, UNKNOWN)

# The pipeline names sides by ISO country code ("UKR"/"RUS" or "UA"/"RU"); forces of the self-proclaimed
# republics and Wagner are Russian-side for control purposes.
_SIDE_TO_STATUS = {
    "UA": UA, "UKR": UA, "UKRAINE": UA,
    "RU": RU, "RUS": RU, "RUSSIA": RU, "DPR": RU, "LPR": RU, "DONETSK PR": RU, "LUHANSK PR": RU,
    "CONTESTED": CONTESTED, "GRAY ZONE": CONTESTED, "GREY ZONE": CONTESTED,
}


def status_of_side(side: Optional[str]) -> Optional[str]:
    """UA / RU / contested for a side code or label; None when it names neither belligerent."""
    if not side:
        return None
    return _SIDE_TO_STATUS.get(side.strip().upper())


def opponent(status: str) -> Optional[str]:
    return {UA: RU, RU: UA}.get(status)
