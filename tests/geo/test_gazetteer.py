import time

import pytest

from frontwatch.errors import InputError, SetupError
from frontwatch.geo.build import add_dump, build
from frontwatch.geo.gazetteer import _RECORD_SELECT, Gazetteer, haversine_km


@pytest.mark.parametrize("spellings, geonameid", [
    (["Izium", "Izyum", "Изюм", "Ізюм"], 707292),
    (["Vovchansk", "Volchansk", "Вовчанськ"], 689304),
    (["Velykyi Burluk", "Velyky Burluk", "Velikiy Burluk", "Великий Бурлук"], 690193),
    (["Oskil", "Oskol"], 514365),
    (["Kupiansk", "Kupyansk", "Куп’янськ", "Kup'yansk"], 703656),
    (["Kharkiv Oblast"], 706482),
])
def test_every_spelling_finds_the_record(gazetteer, spellings, geonameid):
    for spelling in spellings:
        assert geonameid in {record.geonameid for record, _ in gazetteer.candidates(spelling)}, spelling


def test_worldwide_coverage(gazetteer):
    def ids(name):
        return {record.geonameid for record, _ in gazetteer.candidates(name)}
    assert 4331987 in ids("Louisiana")  # admin1CodesASCII
    assert 4338356 in ids("Rapides Parish")  # admin2Codes, placed at a member place
    assert 6252001 in ids("U.S.") and 6255148 in ids("Europe")
    assert any(record.feature_code == "STM" for record, _ in gazetteer.candidates("Siverskyi Donets"))


def test_record_for_the_event_stage(gazetteer):
    record = gazetteer.get(707292)
    assert (record.name, record.admin1, record.admin2, record.country) == ("Izyum", "Kharkiv Oblast", "Izyum Raion", "Ukraine")
    assert record.latitude == pytest.approx(49.207, abs=0.01) and record.longitude == pytest.approx(37.277, abs=0.01)
    assert gazetteer.get(-999_999_999) is None
    united_states = gazetteer.get(6252001)
    assert united_states.coord_source == "centroid" and 35 < united_states.latitude < 42  # not at the capital
    australia = gazetteer.get(2077456)  # its mainland, not Ashmore and Cartier Islands, which share its code
    assert -30 < australia.latitude < -20 and 128 < australia.longitude < 140


def test_lookups_use_indexes(gazetteer):
    for sql, args in [("SELECT geonameid, quality FROM names WHERE key = ?", ("izyum",)),
                      ("SELECT * FROM places WHERE geonameid = ?", (1,)),
                      ("SELECT key FROM names WHERE geonameid = ?", (707292,)),  # a dump replacing its records
                      ("SELECT geonameid FROM admin1 WHERE country_code=? AND admin1_code=?", ("UA", "07")),
                      (_RECORD_SELECT + " WHERE p.geonameid = ?", (707292,))]:
        plan = " ".join(row[-1] for row in gazetteer.connection.execute("EXPLAIN QUERY PLAN " + sql, args))
        assert "SCAN" not in plan, plan


def test_search_and_nearby(gazetteer):
    assert 706483 in {record.geonameid for record in gazetteer.search("Kharki")}
    near_izium = {record.geonameid for record in gazetteer.near(49.207, 37.277, 30)}
    assert 707292 in near_izium and 706483 not in near_izium


def test_build_is_a_fast_no_op_when_nothing_changed(gazetteer):
    started = time.monotonic()
    rebuilt, meta = build()
    assert not rebuilt and meta["builder_version"]
    assert time.monotonic() - started < 1.0


def test_opens_quickly(gazetteer):
    started = time.monotonic()
    Gazetteer.open(gazetteer.path).get(707292)
    assert time.monotonic() - started < 2.0


def test_missing_or_foreign_files_are_clear_errors(tmp_path):
    with pytest.raises(SetupError, match="does not exist"):
        Gazetteer.open(tmp_path / "none.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SetupError):
        Gazetteer.open(junk)
    with pytest.raises(InputError, match="no such file"):
        add_dump(tmp_path / "RU.zip", tmp_path / "gazetteer.sqlite")


def test_a_region_without_coordinates_sits_at_the_centre_of_its_places(gazetteer):
    texas = gazetteer.get(4736286)  # admin1CodesASCII has no coordinates
    assert texas.coord_source == "member"
    assert 29.5 < texas.latitude < 34 and -103 < texas.longitude < -96  # inside Texas
    assert haversine_km(texas.latitude, texas.longitude, 29.763, -95.363) > 150  # not at Houston, its largest city


def test_activity_is_where_the_corpus_names_places(gazetteer):
    pisky_by_donetsk, pisky_in_poltava, houston = (gazetteer.get(i) for i in (9113066, 697498, 4699066))
    assert pisky_by_donetsk.activity > 0.8 > 0.2 > pisky_in_poltava.activity
    assert houston.activity == 0.0


def test_an_unknown_population_is_a_typical_one(gazetteer):
    village = gazetteer.get(9113066)  # Pisky, GeoNames gives 9 people
    assert gazetteer.population(village) == village.population == 9
    unknown = gazetteer.get(692588)  # Stepanivka, Donetsk Oblast: population unknown (0)
    assert unknown.population == 0 and 100 < gazetteer.population(unknown) < 2000
    texas = gazetteer.get(4736286)  # admin1CodesASCII gives no population, and a region has no typical one
    assert gazetteer.population(texas) == texas.population == 0
