"""Which CSV columns hold the text, date, URL, source and id: `--csv-columns` or a built-in preset."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from frontwatch.errors import FrontwatchError, InputError

FIELDS = ("text", "published", "url", "source", "id")


@dataclass(frozen=True)
class CsvMapping:
    text: tuple[str, ...]  # one or more columns, joined as paragraphs (headline, then description)
    published: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    id: Optional[str] = None
    fixed_source: Optional[str] = None  # the outlet when the file holds a single one and has no column for it

    def columns(self) -> list[str]:
        return [*self.text, *(column for column in (self.published, self.url, self.source, self.id) if column)]

    def check_header(self, header: Sequence[str], origin: str) -> None:
        missing = [column for column in self.columns() if column not in header]
        if missing:
            raise InputError(origin, f"CSV has no column {', '.join(missing)}; its columns are: {', '.join(header)}")


# Recognised by their header, so renamed copies (and other splits of the same corpora) read the same.
PRESETS = {
    ("date", "site", "url", "title", "description"):
        CsvMapping(text=("title", "description"), published="date", url="url", source="site"),
    ("first_seen_commit_time", "headline"):
        CsvMapping(text=("headline",), published="first_seen_commit_time", fixed_source="CNN"),
}


def parse_csv_columns(spec: str) -> CsvMapping:
    """`text=title+description,published=date,url=url,source=site` -> CsvMapping."""
    values: dict[str, str] = {}
    for part in filter(None, (piece.strip() for piece in spec.split(","))):
        name, sep, column = part.partition("=")
        name, column = name.strip(), column.strip()
        if not sep or not column or name not in FIELDS:
            raise FrontwatchError(f"--csv-columns: {part!r} is not FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}")
        values[name] = column
    if "text" not in values:
        raise FrontwatchError("--csv-columns must name the text column: text=COLUMN (or text=COL1+COL2)")
    text = tuple(column.strip() for column in values.pop("text").split("+") if column.strip())
    return CsvMapping(text=text, **values)


def mapping_for_header(header: Sequence[str], origin: str) -> CsvMapping:
    """The preset for a known header, or the plain `text` (+ optional fields) layout."""
    preset = PRESETS.get(tuple(column.strip() for column in header))
    if preset:
        return preset
    if "text" in header:
        return CsvMapping(text=("text",), **{name: name for name in FIELDS[1:] if name in header})
    raise InputError(origin, "unknown CSV layout: say which column holds the text with --csv-columns "
                             f"text=COLUMN,published=COLUMN,url=COLUMN,source=COLUMN (columns: {', '.join(header)})")
