"""Bytes -> text: encodings found by trying, mojibake refused, binary and oversized input named."""

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest.decode import MAX_TEXT_BYTES, decode_bytes, declared_html_charset, looks_like_text

UKRAINIAN = "Українські війська увійшли до Вовчанська та Великого Бурлука 12 вересня."
RUSSIAN = "Украинские войска вошли в Волчанск и Великий Бурлук 12 сентября, сообщил Генштаб."
FRENCH = "Les troupes ukrainiennes sont entrées à Izioum, a déclaré l'état-major général."


@pytest.mark.parametrize("text,encoding", [
    (UKRAINIAN, "utf-8"), (UKRAINIAN, "cp1251"), (RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r"), (FRENCH, "latin-1"),
])
def test_common_encodings_are_found_without_a_declaration(text, encoding):
    assert decode_bytes(text.encode(encoding), "doc") == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_byte_order_mark_decides(encoding):
    assert decode_bytes(RUSSIAN.encode(encoding), "doc") == RUSSIAN


def test_declared_charset_is_tried_first():
    html = f'<html><head><meta charset="koi8-u"></head><body><p>{UKRAINIAN}</p></body></html>'
    data = html.encode("koi8-u")
    assert declared_html_charset(data) == "koi8-u"
    assert UKRAINIAN in decode_bytes(data, "page.html", declared_html_charset(data))


def test_koi8_read_as_cp1251_is_rejected_as_mojibake():
    assert not looks_like_text(RUSSIAN.encode("koi8-r").decode("cp1251"))
    assert not looks_like_text(FRENCH.encode("latin-1").decode("cp1251"))
    assert looks_like_text(RUSSIAN)


@pytest.mark.parametrize("data,reason", [
    (b"", "empty input"),
    (b"  \n\t ", "empty input"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"abc\x00\x01\x02def", "NUL bytes"),
    (bytes(range(1, 32)) * 40, "not readable text"),
])
def test_unreadable_input_is_named_with_the_reason(data, reason):
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "inbox/report.txt")
    assert str(caught.value).startswith("inbox/report.txt: ")
    assert reason in caught.value.reason


def test_oversized_input_is_refused_with_the_limit():
    with pytest.raises(InputError) as caught:
        decode_bytes(b"a" * (MAX_TEXT_BYTES + 1), "dump.txt")
    assert "too large" in caught.value.reason and "5 MB" in caught.value.reason
