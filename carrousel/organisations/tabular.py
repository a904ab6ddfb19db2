"""Reading and writing CSV and XLSX tables as lists of dicts.

Reading streams: an XLSX is opened read-only and a CSV read row by row, and both stop at a
row limit, so a small file that unpacks to hundreds of thousands of rows cannot hold a
worker (a 0.3 MB workbook of 400,000 rows took 31 s and 462 MB when read whole).
Writing neutralises formulas (OWASP CSV injection): a cell that Excel would run is written
as text with a leading apostrophe, which Excel shows as the text itself.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from ..validation import InvalidInput

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"  # Dutch Excel splits on ; (the comma is the decimal separator)


def read_table(filename: str, content: bytes, *, max_rows: int = 10_000) -> list[dict[str, str]]:
    """Rows keyed by the header row; blank rows skipped. CSV with , ; or tab, and XLSX."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        values = _xlsx_rows(content, max_rows)
    elif name.endswith(".csv"):
        values = _csv_rows(content)
    else:
        raise InvalidInput({"file": "Kies een CSV- of Excel-bestand (.csv of .xlsx)."})
    try:
        header_row = next(values, None)
        if header_row is None:
            raise InvalidInput({"file": "Het bestand is leeg."})
        header = [str(h).strip().lower() for h in header_row]
        rows: list[dict[str, str]] = []
        for raw in values:
            if not any(str(v).strip() for v in raw):
                continue
            if len(rows) == max_rows:
                raise _too_many_rows(max_rows)
            rows.append({header[i]: str(v).strip() for i, v in enumerate(raw) if i < len(header) and header[i]})
    except csv.Error as exc:
        raise InvalidInput({"file": _csv_problem(exc)}) from None
    return rows


def _too_many_rows(max_rows: int) -> InvalidInput:
    message = (
        f"Het bestand heeft meer dan {max_rows:,} rijen; zoveel leest de import niet in één keer. Splits het bestand."
    )
    return InvalidInput({"file": message.replace(",", ".")})


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _count_sheet_rows(content: bytes, max_rows: int) -> None:
    """Refuse a workbook with a sheet of more rows than allowed before openpyxl parses it.

    openpyxl's read-only mode first scans a whole sheet for its size when the file states none,
    which for a small zip of 400,000 rows takes many seconds; counting the row tags in the
    decompressed stream stops at the limit and takes a fraction of that.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return  # load_workbook says in Dutch that this is no workbook
    with archive:
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            rows, tail = 0, b""
            with archive.open(info) as stream:
                while chunk := stream.read(1 << 20):
                    window = tail + chunk
                    rows += sum(1 for m in _ROW_TAG.finditer(window) if m.end() > len(tail))
                    if rows > max_rows + 1:  # the header row comes on top
                        raise _too_many_rows(max_rows)
                    tail = window[-16:]


def _xlsx_rows(content: bytes, max_rows: int) -> Iterator[list[str]]:
    _count_sheet_rows(content, max_rows)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        # An active-sheet index that points at no sheet (a hand-edited file): take the first.
        sheet = book.active or (book.worksheets[0] if book.worksheets else None)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise InvalidInput({"file": "Dit is geen leesbaar Excel-bestand (.xlsx)."}) from None
    if sheet is None:
        raise InvalidInput({"file": "Het Excel-bestand heeft geen werkblad."})
    return _stream_sheet(sheet.iter_rows(values_only=True))


def _stream_sheet(rows: Iterable[tuple[Any, ...]]) -> Iterator[list[str]]:
    try:
        for row in rows:
            yield ["" if v is None else _cell(v) for v in row]
    except InvalidInput:
        raise
    except Exception:  # a damaged sheet part shows only while reading it
        raise InvalidInput({"file": "Dit is geen leesbaar Excel-bestand (.xlsx)."}) from None


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # Excel's own CSV on Windows
    text = text.replace("\x00", "")  # PostgreSQL refuses NUL in text; no spreadsheet means one
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # one column, or too little to tell: then there is no separator to find
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"Een veld in het bestand is te lang (meer dan {csv.field_size_limit():,} tekens).".replace(",", ".")
    return "Dit CSV-bestand is niet leesbaar; sla het opnieuw op als CSV (puntkomma-gescheiden)."


def _cell(value: Any) -> str:
    if hasattr(value, "date") and callable(value.date):
        return str(value.date().isoformat())  # a datetime from the sheet: its day
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made plain text (OWASP: a leading apostrophe)."""
    # Spreadsheets skip leading spaces and line breaks: " =1+1" and "\n=1+1" are formulas too.
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS)):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """The text before `neutralise`, so an export imported again keeps its titles."""
    rest = value[1:]
    if value.startswith("'") and (rest.startswith(FORMULA_STARTS) or rest.lstrip().startswith(FORMULA_STARTS)):
        return value[1:]
    return value


def _text(value: Any) -> Any:
    if isinstance(value, list):  # a comma: the ; separates the CSV's columns (the import reads both)
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else value


def write_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, sheet_name: str = "Gegevens"
) -> bytes:
    """The rows as XLSX (one sheet with a Dutch name) or as CSV separated by `;`; every text cell neutralised."""
    if fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(title=sheet_name[:31])
        sheet.append(list(columns))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, neutralise(_text(row.get(c)))) for c in columns])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(_text(row.get(c))) for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # text, whatever it starts with: openpyxl makes "=..." a formula otherwise
    return cell
