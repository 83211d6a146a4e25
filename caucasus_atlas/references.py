"""The bibliography, ``data/references.bib``: every source the book cites."""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from pybtex.database import parse_string
from pybtex.scanner import PybtexSyntaxError

from caucasus_atlas.dates import parse_partial_date
from caucasus_atlas.markup import is_web_address
from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.problems import DataError, Problem, encoding_problem

REQUIRED_FIELDS = ("title", "publisher", "url", "urldate")
# kinds of host (source_hosts.csv) whose pages are copies: refused unless the host is allowed
COPY_KINDS = frozenset({"mirror", "compilation"})
_ENTRY_START = re.compile(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


@dataclass(frozen=True)
class Reference:
    """One source: what it is, who published it, where, and when we read it."""

    key: str
    title: str
    publisher: str
    url: str
    urldate: str
    date: str | None = None


def entry_lines(text: str) -> dict[str, list[int]]:
    """Map each entry key to the line numbers where it is defined."""
    lines: dict[str, list[int]] = {}
    line, counted = 1, 0  # the line at offset ``counted``: newlines are counted once, entry to entry
    for match in _ENTRY_START.finditer(text):
        line += text.count("\n", counted, match.start(1))
        counted = match.start(1)
        lines.setdefault(match.group(1), []).append(line)
    return lines


def check_references(path: Path, label: str) -> tuple[dict[str, Reference], list[Problem]]:
    """Read the bibliography and check each entry; return what is usable and what is not."""
    if not path.exists():
        return {}, [Problem(label, None, None, "missing-file", "the bibliography is missing")]
    content = path.read_bytes()
    if problem := encoding_problem(label, content):
        return {}, [problem]
    return check_bibliography(content.decode("utf-8"), label)


def check_bibliography(text: str, label: str) -> tuple[dict[str, Reference], list[Problem]]:
    """Check a bibliography's text: one problem if it is empty, has a key twice or is not BibTeX, else each entry's."""
    lines = entry_lines(text)
    if not lines:
        return {}, [Problem(label, None, None, "empty", "the bibliography has no entries")]
    problems = [
        Problem(label, where[1], None, "duplicate-key", f"entry '{key}' is defined again (first at line {where[0]})")
        for key, where in lines.items()
        if len(where) > 1
    ]
    if problems:
        return {}, problems
    try:
        entries = parse_string(text, "bibtex").entries
    except PybtexSyntaxError as err:
        return {}, [Problem(label, err.lineno, None, "bibtex-syntax", str(err.error_type) or "syntax error")]
    references = {}
    for key, entry in entries.items():
        fields = {name.lower(): str(value) for name, value in entry.fields.items()}
        entry_problems = check_entry(key, fields, label, lines.get(key, [None])[0])
        problems += entry_problems
        if not entry_problems:
            references[key] = Reference(key, **{n: fields[n] for n in REQUIRED_FIELDS}, date=fields.get("date"))
    return references, problems


def check_entry(key: str, fields: dict[str, str], label: str, line: int | None) -> list[Problem]:
    """What is wrong with one entry: a required field missing, a url that is not a web address, a bad date."""
    problems = [
        Problem(label, line, name, "required", f"entry '{key}' has no {name}")
        for name in REQUIRED_FIELDS
        if not fields.get(name, "").strip()
    ]
    if fields.get("url") and not is_web_address(fields["url"]):
        problems.append(Problem(label, line, "url", "url", f"entry '{key}': '{fields['url']}' is not a web address"))
    for name in ("date", "urldate"):
        if fields.get(name):
            try:
                parse_partial_date(fields[name])
            except ValueError as err:
                problems.append(Problem(label, line, name, "date", f"entry '{key}': {err}"))
    return problems


def url_host(url: str) -> str:
    """A web address's host: lower case, without its port or the trailing dot of a fully qualified name."""
    return (urlsplit(url).hostname or "").rstrip(".")


def listed_domain(host: str, listed: Collection[str]) -> str | None:
    """The nearest of ``listed`` that covers ``host``: the host itself, else its closest parent domain."""
    labels = host.split(".")
    return next((".".join(labels[i:]) for i in range(len(labels)) if ".".join(labels[i:]) in listed), None)


def load_references(data_dir: Path = DATA_DIR) -> Mapping[str, Reference]:
    """Every reference by key, read once per process (read-only); raise DataError if any entry is broken."""
    return MappingProxyType(parsed_references(data_dir))


@cache
def parsed_references(data_dir: Path) -> dict[str, Reference]:
    references, problems = check_references(data_dir / "references.bib", "references.bib")
    if problems:
        raise DataError(problems)
    return references
