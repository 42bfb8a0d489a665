"""Reading ESCO CSV tables by column name, with errors that name file and column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from microcred.errors import InvalidDataError

__all__ = ["Table", "read_table", "split_labels"]

# ESCO descriptions can be long; the csv module's default cap (128 KiB) is kept,
# because no ESCO cell comes near it and a larger one means a broken file.


class Table:
    """The rows of one CSV table, each row read through its header's names."""

    def __init__(self, name: str, header: Sequence[str], rows: list[list[str]]):
        self.name = name
        self._columns = {column.strip(): i for i, column in enumerate(header)}
        self._rows = rows

    def require(self, *columns: str) -> None:
        """Refuse a table that lacks one of ``columns``, naming it."""
        for column in columns:
            if column not in self._columns:
                raise InvalidDataError(
                    f"the column {column!r} is missing (found: "
                    f"{', '.join(self._columns) or 'no header'})",
                    path=self.name,
                )

    def has(self, column: str) -> bool:
        """Whether the table has ``column``."""
        return column in self._columns

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self, *columns: str) -> Iterator[tuple[str, ...]]:
        """The values of ``columns`` in each row ("" where a column is absent)."""
        width = len(self._columns)
        # An absent column reads from the padding cell at ``width``, always "".
        positions = [self._columns.get(column, width) for column in columns]
        for row in self._rows:
            cells = row if len(row) > width else [*row, *[""] * (width + 1 - len(row))]
            yield tuple(cells[p].strip() for p in positions)

    def keyed_rows(
        self, *columns: str, unique: bool = True
    ) -> Iterator[tuple[str, ...]]:
        """Like :meth:`rows`, refusing a row whose first column is empty and, with
        ``unique``, a first-column value seen before (a concept listed twice)."""
        seen: dict[str, int] = {}
        for number, row in enumerate(self.rows(*columns)):
            key = row[0]
            if not key:
                raise InvalidDataError(
                    f"{columns[0]} is empty", path=[self.name, number]
                )
            if unique and key in seen:
                raise InvalidDataError(
                    f"{key} repeats row {seen[key]}", path=[self.name, number]
                )
            seen.setdefault(key, number)
            yield row


def read_table(name: str, text: str) -> Table:
    """Parse CSV ``text`` (already decoded); ``name`` is used in error paths."""
    try:
        records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    except csv.Error as error:
        raise InvalidDataError(f"not a readable CSV file: {error}", path=name) from None
    if not records:
        raise InvalidDataError("the file is empty", path=name)
    rows = [row for row in records[1:] if any(cell.strip() for cell in row)]
    return Table(name, records[0], rows)


def split_labels(cell: str, separator: str) -> tuple[str, ...]:
    """Alternative labels of one cell, stripped, de-duplicated, in order."""
    labels: dict[str, None] = {}
    for part in cell.split(separator):
        label = part.strip()
        if label:
            labels.setdefault(label, None)
    return tuple(labels)
