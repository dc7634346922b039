"""`frontwatch extract` end to end through the CLI: formats, batches, bad input."""
import csv
import io
import json

import pytest

from frontwatch.cli import main


def run_cli(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory, sample_path):
    paragraphs = sample_path.read_text().split("\n")
    body = "".join(f"<p>{line}</p>" for line in paragraphs if line.strip())
    path = tmp_path_factory.mktemp("html") / "izyum.html"
    path.write_text(f"<html><head><title>At least 1,000 died in Izyum</title></head><body>"
                    f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>{body}</article>"
                    f"<footer>© Example News 2022</footer></body></html>")
    return path


def test_single_text_file_gives_one_json_object(capsys, sample_path):
    code, out, err = run_cli(capsys, "extract", str(sample_path), "--published", "2022-09-13")
    assert code == 0, err
    result = json.loads(out)
    assert result["article"]["published"] == "2022-09-13"
    assert result["events"]


def test_html_input_is_cleaned_the_same_way(capsys, sample_path, sample_html):
    code, out, err = run_cli(capsys, "extract", str(sample_html), "--published", "2022-09-13")
    assert code == 0, err
    result = json.loads(out)
    assert result["article"]["title"] == "At least 1,000 died in Izyum"
    assert "Home" not in result["article"]["text"].split()
    assert any(event["sub_event_type"] == "Government regains territory" for event in result["events"])


def test_csv_output_has_acled_columns_first(capsys, sample_path):
    code, out, err = run_cli(capsys, "extract", str(sample_path), "--published", "2022-09-13", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"]
    assert {row["sub_event_type"] for row in rows} >= {"Government regains territory"}


def test_geojson_output_is_a_feature_collection(capsys, sample_path):
    code, out, err = run_cli(capsys, "extract", str(sample_path), "--published", "2022-09-13", "--format", "geojson")
    assert code == 0, err
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 22 < lon < 41 and 44 < lat < 53  # Ukraine


def test_a_batch_goes_on_past_bad_inputs_and_lists_them(capsys, sample_path, tmp_path):
    (tmp_path / "good.txt").write_text(sample_path.read_text())
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    code, out, err = run_cli(capsys, "extract", str(tmp_path), "--published", "2022-09-13")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["events"]
    assert "empty.txt" in err and "binary.txt" in err
    assert "1 processed, 2 failed" in err


def test_jsonl_with_a_malformed_line_names_the_line(capsys, sample_path, tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": sample_path.read_text(), "published": "2022-09-13"}) + "\n"
                    + "{not json\n")
    code, out, err = run_cli(capsys, "extract", "--jsonl", str(path))
    assert code == 0
    assert json.loads(out.splitlines()[0])["id"] == "a1"
    assert "articles.jsonl:2" in err


def test_nothing_processable_exits_non_zero_with_a_message(capsys, sample_path, tmp_path):
    missing = tmp_path / "missing.txt"
    code, out, err = run_cli(capsys, "extract", str(missing))
    assert code != 0
    assert "missing.txt" in err and "no such file" in err
    assert "Traceback" not in err


def test_a_bad_date_is_a_usage_error(capsys, sample_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(sample_path), "--published", "13/09/2022"])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
