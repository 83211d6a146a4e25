"""One shape for every data problem: file, row, field, rule, and what is wrong."""

import codecs
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A broken rule at one place in the data.

    ``row`` counts the header as row 1, as a spreadsheet does; it is ``None`` for
    problems of a whole file. In a file that is not a table (references.bib, JSON)
    it is a line number, and is printed as one; so is an ``encoding`` problem's row,
    which its message says.
    """

    file: str
    row: int | None
    field: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        """One line: whitespace in the message (a cell's newline, say) is collapsed."""
        where = [self.file]
        if self.row is not None:
            where.append(f"{'row' if self.file.endswith('.csv') else 'line'} {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        return " ".join(f"{', '.join(where)}: {self.message} [{self.rule}]".split())


class DataError(Exception):
    """Raised when the data breaks its schema; carries every problem found, root causes first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} data problem(s):\n{lines}")


def encoding_problem(label: str, content: bytes) -> Problem | None:
    """Why ``content`` is not UTF-8 without a byte-order mark, at the line of the first bad byte; None if it is."""
    if content.startswith(codecs.BOM_UTF8):
        return Problem(label, 1, None, "encoding", "a byte-order mark starts the file: save it as UTF-8 without one")
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as err:
        line = content.count(b"\n", 0, err.start) + 1
        message = f"byte 0x{content[err.start]:02x} on line {line} (byte offset {err.start}) is not UTF-8"
        return Problem(label, line, None, "encoding", message)
    return None
