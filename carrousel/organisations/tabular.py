"""Reading and writing CSV and XLSX tables as lists of dicts."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook

from ..validation import InvalidInput


def read_table(filename: str, content: bytes) -> list[dict[str, str]]:
    """Rows keyed by the header row; blank rows skipped. CSV with , or ; and XLSX."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise InvalidInput({"file": "Dit is geen leesbaar Excel-bestand (.xlsx)."}) from None
        values = [["" if v is None else _cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    elif name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")  # Excel's own CSV on Windows
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        values = list(csv.reader(io.StringIO(text), dialect))
    else:
        raise InvalidInput({"file": "Kies een CSV- of Excel-bestand (.csv of .xlsx)."})
    if not values:
        raise InvalidInput({"file": "Het bestand is leeg."})
    header = [h.strip().lower() for h in values[0]]
    rows = []
    for raw in values[1:]:
        if not any(str(v).strip() for v in raw):
            continue
        rows.append({header[i]: str(v).strip() for i, v in enumerate(raw) if i < len(header) and header[i]})
    return rows


def _cell(value: Any) -> str:
    if hasattr(value, "date") and callable(value.date):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> bytes:
    def text(value: Any) -> Any:
        if isinstance(value, list):
            return ";".join(str(v) for v in value)
        if isinstance(value, bool):
            return "ja" if value else "nee"
        return "" if value is None else value

    if fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(list(columns))
        for row in rows:
            sheet.append(
                [text(row.get(c)) if not hasattr(row.get(c), "isoformat") else row[c].isoformat() for c in columns]
            )
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([text(row.get(c)) for c in columns])
    return buffer.getvalue().encode("utf-8-sig")
