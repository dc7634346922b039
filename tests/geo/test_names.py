from frontwatch.geo.names import is_latin_or_cyrillic, normalize, russian_bgn, transliterations


def test_normalize_folds_case_apostrophes_diacritics_and_adjective_endings():
    assert normalize("Kup’yans'k") == normalize("Kupyansʼk") == normalize("KUPYANSK")
    assert normalize("Velykyi Burluk") == normalize("Velyky Burluk") == normalize("Velykyy Burluk")
    assert normalize("Stratford-upon-Avon") == "stratford upon avon"
    assert normalize("Vovčansk") == "vovcansk"
    assert normalize("U.S.") == "us"
    assert normalize("Izium") != normalize("Izyum")  # spellings differ; the index holds both


def test_ukrainian_and_russian_transliterations():
    assert {"Izium", "Izyum"} <= transliterations("Ізюм")
    assert "Velykyi Burluk" in transliterations("Великий Бурлук")
    assert "Volchansk" in transliterations("Волчанск")
    assert "Oskol" in transliterations("Оскол")
    assert "Kupiansk" in transliterations("Куп’янськ")
    assert russian_bgn("Елец") == "Yelets"
    assert {"Novomikhailovka", "Novomikhaylovka"} <= transliterations("Новомихайловка")  # news style and BGN
    assert "Krasnoe" in transliterations("Красное")
    assert {"Khrystoforivka", "Hrystoforivka"} <= transliterations("Христофорівка")
    assert transliterations("Kharkiv") == set()


def test_scripts_kept_in_the_index():
    assert is_latin_or_cyrillic("Ĥarkivo") and is_latin_or_cyrillic("Харків")
    assert not is_latin_or_cyrillic("哈爾科夫") and not is_latin_or_cyrillic("خاركوف")
