"""Command line: ``python -m caucasus_atlas validate | stamp | build | execute``."""

import argparse
import subprocess
import sys
from pathlib import Path

from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.problems import DataError
from caucasus_atlas.validation import validate_package


def validate(data_dir: Path) -> int:
    """Print every problem in the package, one line each, root causes first; exit 1 if there is any."""
    problems = validate_package(data_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"{data_dir}: valid")
    return 0


def stamp(data_dir: Path) -> int:
    """Record the provenance of every changed file; write nothing, and exit 1, if the package does not validate."""
    from caucasus_atlas.provenance import stamp as record

    try:
        changed = record(data_dir)
    except DataError as err:
        print(f"{err}\nnothing recorded: fix these first", file=sys.stderr)
        return 1
    print(
        f"recorded checksum, size and date of: {', '.join(changed)}" if changed else f"{data_dir}: metadata up to date"
    )
    return 0


def build() -> int:
    """Build the book; exit 1 if it fails, 128 + the signal's number if SIGINT or SIGTERM stops it."""
    from caucasus_atlas.book.build import BuildInterrupted, build_book

    try:
        html = build_book()
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as err:
        print(f"The book did not build (exit {err.returncode}); see the messages above.", file=sys.stderr)
        return 1
    except BuildInterrupted as err:
        print(err, file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:  # Ctrl-C before or after Jupyter Book ran
        print("The build was stopped by SIGINT.", file=sys.stderr)
        return 130  # 128 + SIGINT, as the shell reports it
    print(f"The book is in {html}/ (open {html / 'index.html'})")
    return 0


def execute(paths: list[Path]) -> int:
    from caucasus_atlas.book.notebooks import chapter_notebooks, execute_in_place

    for path in paths or chapter_notebooks():
        print(f"running {path}")
        execute_in_place(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m caucasus_atlas", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every table, reference and boundary; exit 1 on any problem")
    check.add_argument("--data", type=Path, default=DATA_DIR, help="data package folder (default: data/)")
    record = commands.add_parser(
        "stamp", help="validate, then record the checksum, size and date of every changed data file (none if invalid)"
    )
    record.add_argument("--data", type=Path, default=DATA_DIR, help="data package folder (default: data/)")
    commands.add_parser("build", help="validate, then build the HTML book with warnings as errors")
    run = commands.add_parser("execute", help="re-run notebooks in place (default: every chapter notebook)")
    run.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.data)
    if args.command == "stamp":
        return stamp(args.data)
    return build() if args.command == "build" else execute(args.notebooks)


if __name__ == "__main__":
    sys.exit(main())
