"""Readers on real inputs: the sample article, the war-articles corpus, the headline CSVs, and bad input."""
import datetime as dt
import io
import itertools
import json
import shutil
from pathlib import Path

import pytest

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.ingest.csv_columns import parse_csv_columns
from frontwatch.ingest.readers import ReadOptions, read_csv, read_sources, read_stdin
from frontwatch.model import RawDocument

SHARED = Path(__file__).resolve().parents[3] / "shared"
SAMPLE = SHARED / "samples" / "izyum-liberation-2022-09.txt"
CORPUS = SHARED / "corpus"
WAR_ARTICLE = CORPUS / "war-articles" / "20220125T090000Z_GB_en_7d015e6984.txt"


def documents(results):
    return [item for item in results if isinstance(item, RawDocument)]


def failures(results):
    return [item for item in results if isinstance(item, InputError)]


def test_text_file_with_published_option():
    [document] = read_sources([str(SAMPLE)], ReadOptions(published=dt.date(2022, 9, 13)))
    assert document.text.startswith("According to a local deputy of the liberated city of Izyum")
    assert document.published == dt.date(2022, 9, 13)
    assert document.origin == str(SAMPLE) and document.html is None


def test_ids_are_stable_and_follow_the_text_not_the_path(tmp_path):
    copy = tmp_path / "renamed.txt"
    shutil.copy(SAMPLE, copy)
    [first] = read_sources([str(SAMPLE)])
    [second] = read_sources([str(copy)])
    assert first.id == second.id and first.id.startswith("t")
    [with_url] = read_sources([str(SAMPLE)], ReadOptions(url="https://www.example.org/izyum?utm_source=x#top"))
    [same_page] = read_sources([str(copy)], ReadOptions(url="https://WWW.example.org/izyum/"))
    assert with_url.id == same_page.id != first.id


def test_war_article_file_name_gives_the_date():
    [document] = read_sources([str(WAR_ARTICLE)])
    assert document.published == dt.date(2022, 1, 25)
    assert "Macron" in document.text


def test_published_and_source_options_fill_in_only_what_documents_lack(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Izium", "published": "2022-09-10", "source": "Kyiv Post"}) + "\n"
                    + json.dumps({"id": "b", "text": "Kupiansk"}) + "\n")
    first, second = read_sources([str(path)], ReadOptions(published=dt.date(2022, 9, 13), source="wire"))
    assert (first.published, first.source) == (dt.date(2022, 9, 10), "Kyiv Post")
    assert (second.published, second.source) == (dt.date(2022, 9, 13), "wire")


def test_directory_is_read_recursively_by_extension(tmp_path):
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    shutil.copy(WAR_ARTICLE, tmp_path / "nested" / "deeper" / WAR_ARTICLE.name)
    (tmp_path / "nested" / "page.htm").write_text("<html><body><p>Kharkiv was shelled overnight.</p></body></html>")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "j1", "text": "Kupiansk was retaken."}) + "\n")
    (tmp_path / "notes.md").write_text("not an input")
    (tmp_path / "empty.txt").write_bytes(b"")
    results = list(read_sources([str(tmp_path)]))
    assert len(documents(results)) == 4
    assert {document.id for document in documents(results)} >= {"j1"}
    assert any(document.html for document in documents(results))
    [failure] = failures(results)
    assert failure.source.endswith("empty.txt") and failure.reason == "empty input"


def test_the_war_articles_corpus_reads_without_failures():
    results = list(read_sources([str(CORPUS / "war-articles")]))
    assert len(documents(results)) == 447 and not failures(results)
    assert all(document.published and 2022 <= document.published.year <= 2024 for document in documents(results))


def test_stdin_text_and_html():
    document = read_stdin(io.BytesIO(SAMPLE.read_bytes()))
    assert document.origin == "stdin" and document.text and document.html is None
    page = read_stdin(io.BytesIO("<!DOCTYPE html><html><body><p>Київ</p></body></html>".encode("cp1251")))
    assert page.html and "Київ" in page.html
    with pytest.raises(InputError, match="stdin: empty input"):
        read_stdin(io.BytesIO(b""))


def test_jsonl_good_and_bad_lines_are_named_by_file_and_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Izium was liberated.", "published": "2022-09-10", "source": "Kyiv Post"}),
        "",
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "html": "<p>Vovchansk</p>", "published": "2022-09-12T08:30:00+03:00",
                    "url": "https://example.org/c"}),
        json.dumps({"id": "d"}),
        json.dumps({"id": "e", "text": "x", "published": "12/09/2022"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "f", "text": "Kupiansk", "title": "unexpected"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with path.open("ab") as handle:
        handle.write(b'{"id": "g", "text": "\xcf\xf0\xe8\xe2\xe5\xf2"}\n')
    results = list(read_sources([str(path)]))
    good = documents(results)
    assert [document.id for document in good] == ["a", "c"]
    assert good[0].published == dt.date(2022, 9, 10) and good[0].source == "Kyiv Post"
    assert good[1].published == dt.date(2022, 9, 12) and good[1].html == "<p>Vovchansk</p>"
    reasons = {failure.source: failure.reason for failure in failures(results)}
    assert set(reasons) == {f"{path}:{line}" for line in (3, 5, 6, 7, 8, 9)}
    assert reasons[f"{path}:3"] == "malformed JSON: Unterminated string starting at (column 21)"
    assert "no text or html" in reasons[f"{path}:5"]
    assert "not a date" in reasons[f"{path}:6"]
    assert "JSON object" in reasons[f"{path}:7"]
    assert "unknown field(s) title" in reasons[f"{path}:8"]
    assert "not UTF-8" in reasons[f"{path}:9"]


def test_ruwa_headlines_preset_is_recognised_by_header():
    rows = list(itertools.islice(read_csv(CORPUS / "ruwa_headlines_dev.csv"), 200))
    good = documents(rows)
    # Some rows of the corpus have a URL but neither title nor description: listed, not dropped.
    assert len(good) == 143
    assert {failure.reason for failure in failures(rows)} == {"empty input: no text in column title/description"}
    assert failures(rows)[0].source.endswith("ruwa_headlines_dev.csv:4")
    first = good[0]
    assert first.text == "Ukraine invasion: Misleading claims continue to go viral"
    assert first.published == dt.date(2022, 2, 28) and first.source == "bbc.co.uk"
    assert first.url == "https://www.bbc.co.uk/news/60554910" and first.id.startswith("u")
    assert first.origin.endswith("ruwa_headlines_dev.csv:2")
    later = documents(itertools.islice(read_csv(CORPUS / "ruwa_headlines_dev.csv"), 2300))
    with_description = [document for document in later if "\n" in document.text]  # title, then description
    assert with_description[0].text.startswith("Adm. Stavridis: Ukraine strikes major warship")
    assert "Former Secretary of Defense William Cohen" in with_description[0].text.split("\n")[1]


def test_cnn_headlines_preset():
    [first] = itertools.islice(read_csv(CORPUS / "cnn_liveblog_headlines_dev.csv"), 1)
    assert first.text.startswith("EU foreign policy chief: Russia attack")
    assert first.published == dt.date(2022, 2, 24) and first.source == "CNN" and first.url is None


def test_csv_with_explicit_columns_and_bad_rows(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("when,outlet,headline,link\n"
                    "2022-09-10,ukrinform,Izium liberated,https://example.org/1\n"
                    "2022-09-11,ukrinform,,https://example.org/2\n"
                    "yesterday,ukrinform,Kupiansk retaken,https://example.org/3\n", encoding="cp1251")
    mapping = parse_csv_columns("text=headline,published=when,url=link,source=outlet")
    results = list(read_sources([str(path)], ReadOptions(csv_mapping=mapping)))
    [good] = documents(results)
    assert good.text == "Izium liberated" and good.source == "ukrinform"
    assert [failure.source for failure in failures(results)] == [f"{path}:3", f"{path}:4"]
    [unknown] = read_sources([str(path)])
    assert "unknown CSV layout" in unknown.reason and "when, outlet, headline, link" in unknown.reason
    [missing] = read_sources([str(path)], ReadOptions(csv_mapping=parse_csv_columns("text=title")))
    assert "no column title" in missing.reason


@pytest.mark.parametrize("spec", ["published=date", "text", "text=a,colour=b"])
def test_bad_csv_column_spec(spec):
    with pytest.raises(FrontwatchError, match="--csv-columns"):
        parse_csv_columns(spec)


def test_bad_paths_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    results = list(read_sources([str(tmp_path / "missing.txt"), str(tmp_path / "scan.pdf"),
                                 str(tmp_path / "binary.txt"), str(SAMPLE)]))
    assert len(documents(results)) == 1
    reasons = [failure.reason for failure in failures(results)]
    assert reasons[0] == "no such file or directory"
    assert "unsupported file type '.pdf'" in reasons[1]
    assert "PNG image" in reasons[2]


def test_url_option_needs_a_single_input():
    with pytest.raises(FrontwatchError, match="--url"):
        list(read_sources([str(CORPUS / "war-articles")], ReadOptions(url="https://example.org/a")))
