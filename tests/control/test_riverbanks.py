"""River banks resolved to settlements on real data (GeoNames Oskil 514365, Natural Earth course)."""
from frontwatch.control.riverbanks import settlements_on_bank
from frontwatch.control.settlements import load_settlements

OSKIL = 514365
IZIUM = 707292


def _ids(side):
    settlements = load_settlements()
    return {int(settlements.geonameid[i]) for i in settlements_on_bank(OSKIL, side)}


def test_west_and_east_banks_are_disjoint_and_plausible():
    west, east = _ids("west"), _ids("east")
    assert not west & east
    assert 50 < len(west) < 400 and 30 < len(east) < 400
    assert IZIUM in west  # Izium lies west of the Oskil's lower course


def test_unknown_river_or_side_gives_nothing():
    assert settlements_on_bank(OSKIL, "left") == ()
    assert settlements_on_bank(1, "west") == ()
