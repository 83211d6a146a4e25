"""One shape for every data problem: file, row, field, rule, and what is wrong."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A broken rule at one place in the data.

    ``row`` counts the header as row 1, as a spreadsheet does; it is ``None`` for
    problems of a whole file, and for references.bib it is the entry's line.
    """

    file: str
    row: int | None
    field: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message} [{self.rule}]"


class DataError(Exception):
    """Raised when the data breaks its schema; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.field or ""))
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} data problem(s):\n{lines}")
