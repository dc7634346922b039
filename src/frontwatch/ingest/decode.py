"""Bytes -> text for one input: size limit, binary detection, and an encoding that reads as real text.

News in this domain comes in UTF-8, Windows-1251 and KOI8-R (Ukrainian and Russian sites) and Latin-1.
Those single-byte encodings decode *any* byte string without error, so each candidate is accepted only
when the result passes a sanity check (no control characters, no words mixing Latin and Cyrillic letters,
Cyrillic mostly lower case as in running text).
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from frontwatch.errors import InputError

# One document larger than this is refused: the longest article in the war-articles corpus is 27 kB and
# real news pages stay under a few MB of HTML, so anything bigger is a dump or a wrong file, and spaCy's
# own default max_length (1,000,000 characters) would fail on it later anyway.
MAX_TEXT_BYTES = 5 * 1024 * 1024
# HTML carries scripts and styles around the text, so a page may be larger than its text.
MAX_HTML_BYTES = 20 * 1024 * 1024

FALLBACK_ENCODINGS = ("utf-8", "cp1251", "koi8-r", "latin-1")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of formats people mistake for text; named in the error message.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
)

_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def check_size(size: int, origin: str, limit: int = MAX_TEXT_BYTES) -> None:
    if size > limit:
        raise InputError(origin, f"too large: {size / 1048576:.1f} MB, the limit for one document is "
                                 f"{limit // 1048576} MB")


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag within its first 4 kB, if any."""
    match = _HTML_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def decode_bytes(data: bytes, origin: str, declared: str | None = None, limit: int = MAX_TEXT_BYTES) -> str:
    """Text of one input, or InputError saying why it is not readable text."""
    check_size(len(data), origin, limit)
    if not data.strip():
        raise InputError(origin, "empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _non_empty(data.decode(encoding), origin)
            except UnicodeDecodeError as exc:
                raise InputError(origin, f"starts with a {encoding} byte-order mark but is not valid {encoding}: "
                                         f"{exc.reason} at byte {exc.start}") from None
    for signature, kind in _MAGIC:
        if data.startswith(signature):
            raise InputError(origin, f"binary content: this is {kind}, not text or HTML")
    if b"\x00" in data[:8192]:
        raise InputError(origin, "binary content: contains NUL bytes, not text or HTML")
    tried = []
    for encoding in _candidates(declared):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            tried.append(encoding)
            continue
        # Valid UTF-8 is almost never an accident, but binary made of control bytes is valid UTF-8 too.
        if has_few_controls(text) if encoding == "utf-8" else looks_like_text(text):
            return _non_empty(text, origin)
        tried.append(encoding)
    raise InputError(origin, f"not readable text in any of {', '.join(tried)} (binary or unknown encoding)")


def _candidates(declared: str | None) -> list[str]:
    names = []
    if declared:
        try:
            names.append(codecs.lookup(declared).name)
        except LookupError:
            pass  # an unknown declared charset is ignored; the common ones are tried next
    for name in FALLBACK_ENCODINGS:
        if codecs.lookup(name).name not in names:
            names.append(codecs.lookup(name).name)
    return names


def _non_empty(text: str, origin: str) -> str:
    if not text.strip():
        raise InputError(origin, "empty input")
    return text


def has_few_controls(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f")
    return controls <= len(sample) * 0.001


def looks_like_text(text: str) -> bool:
    """Whether a single-byte decoding produced plausible running text rather than mojibake."""
    sample = text[:20000]
    if not has_few_controls(sample):
        return False
    words = [word for word in _WORD.findall(sample) if not word.isdigit()]
    mixed = sum(1 for word in words if _LATIN.search(word) and _CYRILLIC.search(word))
    if words and mixed > max(1, len(words) * 0.02):
        return False
    cyrillic = _CYRILLIC.findall(sample)
    if len(cyrillic) >= 20:
        # KOI8-R read as cp1251 (and the reverse) swaps the case of every letter.
        lower = sum(1 for char in cyrillic if char.islower())
        if lower < len(cyrillic) * 0.5:
            return False
    return True
