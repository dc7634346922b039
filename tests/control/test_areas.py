"""Areas and front line over all of Ukraine's populated places, on real geometry (GeoNames, Natural Earth,
Minregion oblasts): the Oskil front of September 2022 as the test case."""
import time

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from frontwatch.control.areas import control_areas, settlement_cells, ukraine_border
from frontwatch.control.riverbanks import river_course, settlements_on_bank
from frontwatch.control.settlements import load_settlements

OSKIL = 514365


@pytest.fixture(scope="module")
def oskil_front():
    """West bank UA, east bank RU: every other settlement unknown."""
    settlements = load_settlements()
    statuses = {int(settlements.geonameid[i]): "UA" for i in settlements_on_bank(OSKIL, "west")}
    statuses.update({int(settlements.geonameid[i]): "RU" for i in settlements_on_bank(OSKIL, "east")})
    return statuses


def test_snapshot_over_all_settlements_within_five_seconds(oskil_front, tmp_path, monkeypatch):
    """A new process answering a snapshot: cells from the data directory's cache (built once per
    installation, 1-4 s; see test_cells_cache_round_trips), then status by cell, dissolve, front line."""
    monkeypatch.setenv("FRONTWATCH_HOME", str(tmp_path))
    settlement_cells.cache_clear()
    settlement_cells()
    settlement_cells.cache_clear()
    ukraine_border.cache_clear()
    started = time.perf_counter()
    areas = control_areas(oskil_front)
    seconds = time.perf_counter() - started
    assert seconds <= 5.0, f"snapshot took {seconds:.2f} s"
    by_status = {f["properties"]["status"]: f["properties"]["cells"] for f in areas["features"] if f["properties"]["kind"] == "area"}
    assert set(by_status) == {"UA", "RU", "unknown"}
    assert sum(by_status.values()) == len(settlement_cells().polygons)
    assert by_status["unknown"] > 30_000  # no evidence, no colour


def test_cells_cover_ukraine_without_overlap():
    cells = settlement_cells()
    assert len(cells.cell_of) == len(load_settlements()) > 33_000
    border = ukraine_border()
    total = float(shapely.area(cells.polygons).sum())
    assert total == pytest.approx(border.area, rel=0.005)


def test_front_line_runs_along_the_oskil(oskil_front):
    areas = control_areas(oskil_front)
    line_feature = next(f for f in areas["features"] if f["properties"]["kind"] == "front_line")
    assert line_feature["properties"]["length_km"] > 60
    line = shape(line_feature["geometry"])
    course_km = river_course(OSKIL)
    scale = np.array([111.32 * np.cos(np.radians(48.5)), 110.57])
    points = shapely.points(shapely.get_coordinates(line) * scale)
    distances = shapely.distance(points, course_km)
    assert np.median(distances) < 5.0  # the line between banks is the river, give or take a cell


def test_no_front_line_without_both_sides():
    settlements = load_settlements()
    only_ua = {int(settlements.geonameid[i]): "UA" for i in settlements_on_bank(OSKIL, "west")}
    line = next(f for f in control_areas(only_ua)["features"] if f["properties"]["kind"] == "front_line")
    assert line["geometry"] is None and line["properties"]["length_km"] == 0.0


def test_cells_cache_round_trips(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTWATCH_HOME", str(tmp_path))
    settlement_cells.cache_clear()
    built = settlement_cells()
    assert list((tmp_path / "cache" / "control").glob("cells-*.npz"))
    settlement_cells.cache_clear()
    loaded = settlement_cells()
    assert len(loaded.polygons) == len(built.polygons)
    assert all(a.equals(b) for a, b in zip(built.polygons[::997], loaded.polygons[::997]))
    assert (loaded.cell_of == built.cell_of).all()
    settlement_cells.cache_clear()
