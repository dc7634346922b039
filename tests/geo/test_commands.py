"""The CLI as users call it: places table, lookups, and clear one-line errors for bad input."""
from frontwatch.cli import main


def test_geoparse_prints_the_places_table(geoparser, capsys, tmp_path):
    text = tmp_path / "report.txt"
    text.write_text("Ukrainian troops entered Volchansk, north of Kharkiv.", encoding="utf-8")
    assert main(["geoparse", str(text)]) == 0
    out = capsys.readouterr().out
    assert "689304" in out and "706483" in out and "north of" in out


def test_gazetteer_lookup(geoparser, capsys):
    assert main(["gazetteer", "lookup", "Ізюм"]) == 0
    assert "707292" in capsys.readouterr().out
    assert main(["gazetteer", "lookup", "Qqqzzzxxx"]) == 1


def test_bad_inputs_are_one_line_errors(geoparser, capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Kharkiv \xe9t\xe9".encode("latin-1"))
    for argument, reason in [(str(empty), "empty text"), (str(tmp_path / "missing.txt"), "no such file"),
                             (str(latin1), "not UTF-8")]:
        assert main(["geoparse", argument]) == 2
        err = capsys.readouterr().err
        assert reason in err and argument in err and "Traceback" not in err
    assert main(["gazetteer", "add", str(tmp_path / "RU.zip")]) == 2
    assert "no such file" in capsys.readouterr().err
