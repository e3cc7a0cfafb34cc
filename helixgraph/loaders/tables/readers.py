"""Read a table (CSV, TSV, Excel ``.xlsx`` or Parquet) into columns of Python values.

CSV, TSV and Parquet are read with pyarrow, Excel workbooks with openpyxl; both are optional
(``pip install 'helixgraph[tables]'``). CSV and TSV cells stay text, so that an id such as ``007``
or a month such as ``2024-12`` reaches the value check as written; Excel and Parquet cells keep
their type (a number, a date, a flag), which the value check reads by the property's range.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2
(for a CSV file without line breaks inside cells, the row number is the line number).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from helixgraph.errors import LoadError, MissingDependencyError
from helixgraph.loaders.references import suggest

__all__ = ["FORMATS", "Table", "read_table"]

#: Reference formulations a mapping's source may name (``file.csv~csv``), and what each reads.
FORMATS = {"csv": "CSV", "tsv": "TSV (tab-separated)", "xlsx": "an Excel workbook", "parquet": "Parquet"}
#: The row number of a table's first data row (the header is row 1).
FIRST_ROW = 2


@dataclass
class Table:
    """A table's columns, by header, each a list of cell values (None for an empty cell)."""

    path: str
    columns: dict[str, list]
    #: Row number (as a spreadsheet counts, header = 1) of each data row.
    row_numbers: list[int]

    def __len__(self) -> int:
        return len(self.row_numbers)


def _arrow(feature: str):
    try:
        import pyarrow
        import pyarrow.csv
        import pyarrow.parquet
    except ImportError as exc:
        raise MissingDependencyError("pyarrow", feature, extra="tables") from exc
    return pyarrow


def _header(path: Path, delimiter: str) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f, delimiter=delimiter), [])


def _check_header(path: str, names: list) -> list[str]:
    if not names:
        raise LoadError("the table has no header row", file=path, line=1, expected="a first row of column names")
    seen: set[str] = set()
    for name in names:
        if name is None or not str(name).strip():
            raise LoadError("a column has no name", file=path, line=1, expected="a name in every header cell")
        if str(name) in seen:
            raise LoadError("two columns have the same name", file=path, line=1, value=str(name),
                            expected="each column name once")
        seen.add(str(name))
    return [str(n) for n in names]


def _read_delimited(path: Path, delimiter: str, wanted: list[str]) -> Table:
    pa = _arrow(f"reading {FORMATS['tsv' if delimiter == chr(9) else 'csv']} tables")
    names = _check_header(str(path), _header(path, delimiter))
    _check_columns(str(path), names, wanted)
    table = pa.csv.read_csv(
        path,
        read_options=pa.csv.ReadOptions(encoding="utf8", use_threads=True),
        parse_options=pa.csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
        convert_options=pa.csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                              include_columns=wanted, strings_can_be_null=True),
    )
    return Table(str(path), {c: table.column(c).to_pylist() for c in wanted},
                 list(range(FIRST_ROW, FIRST_ROW + table.num_rows)))


def _read_parquet(path: Path, wanted: list[str]) -> Table:
    pa = _arrow("reading Parquet tables")
    names = _check_header(str(path), pa.parquet.read_schema(path).names)
    _check_columns(str(path), names, wanted)
    table = pa.parquet.read_table(path, columns=wanted)
    return Table(str(path), {c: table.column(c).to_pylist() for c in wanted},
                 list(range(FIRST_ROW, FIRST_ROW + table.num_rows)))


def _read_xlsx(path: Path, wanted: list[str], sheet: str | None) -> Table:
    try:
        import openpyxl
    except ImportError as exc:
        raise MissingDependencyError("openpyxl", "reading Excel tables", extra="tables") from exc
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise LoadError("no such sheet in the workbook", file=str(path), value=sheet,
                            expected=f"one of {', '.join(workbook.sheetnames)}")
        rows = (workbook[sheet] if sheet else workbook.worksheets[0]).iter_rows(values_only=True)
        names = _check_header(str(path), list(next(rows, ())))
        _check_columns(str(path), names, wanted)
        index = [names.index(c) for c in wanted]
        columns: dict[str, list] = {c: [] for c in wanted}
        numbers = []
        for number, row in enumerate(rows, start=FIRST_ROW):
            if all(cell is None for cell in row):
                continue
            numbers.append(number)
            for c, i in zip(wanted, index, strict=True):
                columns[c].append(row[i] if i < len(row) else None)
    finally:
        workbook.close()
    return Table(str(path), columns, numbers)


def _check_columns(path: str, names: list[str], wanted: list[str]) -> None:
    for column in wanted:
        if column not in names:
            raise LoadError("the mapping names a column the table does not have", file=path, line=1, field=column,
                            expected=f"one of the columns {', '.join(names)}", suggestion=suggest(column, names))


def read_table(path: str | Path, fmt: str, columns: list[str], *, sheet: str | None = None) -> Table:
    """Read the ``columns`` of the table at ``path`` in format ``fmt`` (a key of :data:`FORMATS`).

    Raises :class:`~helixgraph.errors.LoadError` for a missing or unreadable file, a bad header or
    a column the table lacks; :class:`~helixgraph.errors.MissingDependencyError` when the reader is
    not installed.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_text("id,n\\n007,5\\nb,\\n", encoding="utf-8")
    >>> table = read_table(path, "csv", ["id", "n"])
    >>> table.columns, table.row_numbers
    ({'id': ['007', 'b'], 'n': ['5', None]}, [2, 3])
    """
    path = Path(path)
    if not path.is_file():
        raise LoadError("no such table file", file=str(path), expected="an existing file, relative to the mapping")
    try:
        if fmt == "parquet":
            return _read_parquet(path, columns)
        if fmt == "xlsx":
            return _read_xlsx(path, columns, sheet)
        return _read_delimited(path, "\t" if fmt == "tsv" else ",", columns)
    except (LoadError, MissingDependencyError):
        raise
    except Exception as exc:
        raise LoadError(f"cannot read the table as {FORMATS[fmt]}: {exc}", file=str(path),
                        expected=f"a well-formed {FORMATS[fmt]} file") from exc
