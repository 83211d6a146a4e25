"""Notebooks the execution cache lacks run in parallel before Jupyter Book, with the outputs myst-nb would give."""

import re
import subprocess
import sys
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.executors.utils import single_nb_execution

from caucasus_atlas.assets import book_environment
from caucasus_atlas.book.contents import book_notebooks, execution_settings
from caucasus_atlas.book.execution import outdated_notebooks
from caucasus_atlas.paths import REPO_ROOT

# what a kernel's outputs depend on: where it runs and what it is told
PROBE = "import os\nprint(os.getcwd(), os.environ.get('ATLAS_MAPS'))"


def book(root: Path, cells: dict[str, str]) -> Path:
    """A book at ``root`` whose table of contents lists a notebook per entry of ``cells`` (name: its one cell)."""
    names = list(cells)
    (root / "chapters").mkdir(parents=True)
    (root / "_config.yml").write_text("execute:\n  execute_notebooks: cache\n  timeout: 60\n")
    chapters = "".join(f"      - file: chapters/{name}\n" for name in names[1:])
    (root / "_toc.yml").write_text(f"format: jb-book\nroot: {names[0]}\nparts:\n  - chapters:\n{chapters}")
    for number, (name, source) in enumerate(cells.items()):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, root / ("chapters/" if number else "") / f"{name}.ipynb")
    return root


def run_outdated(cache: Path, root: Path) -> subprocess.CompletedProcess:
    """The build's step, as the build runs it: every outdated notebook, in the book's environment."""
    notebooks = [str(path) for path in outdated_notebooks(cache, root)]
    command = [sys.executable, "-m", "caucasus_atlas.book.execution", str(cache), *notebooks]
    return subprocess.run(command, env=book_environment(), capture_output=True, text=True)


def test_the_books_notebooks_are_those_of_its_contents_in_order():
    notebooks = [str(path.relative_to(REPO_ROOT)) for path in book_notebooks()]
    assert notebooks[0] == "intro.ipynb" and "chapters/timeline.ipynb" in notebooks
    assert sorted(notebooks[1:]) == sorted(str(p.relative_to(REPO_ROOT)) for p in REPO_ROOT.glob("chapters/*.ipynb"))
    assert execution_settings()["execute_notebooks"] == "cache"  # else Jupyter Book would not read the cache


def test_outdated_notebooks_are_cached_with_the_outputs_myst_nb_would_give(tmp_path, monkeypatch):
    cells = {"intro": PROBE, "one": PROBE + "  # one", "two": "print(2)", "alike": "print(2)"}
    root, cache = book(tmp_path / "book", cells), tmp_path / "cache"
    # notebooks with the same code share a cache record: one of them is run
    assert [path.name for path in outdated_notebooks(cache, root)] == ["intro.ipynb", "one.ipynb", "two.ipynb"]
    result = run_outdated(cache, root)
    assert result.returncode == 0, result.stderr
    assert outdated_notebooks(cache, root) == []
    monkeypatch.setenv("ATLAS_MAPS", "book")
    for path in (root / "intro.ipynb", root / "chapters" / "one.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        cached = get_cache(cache).merge_match_into_notebook(notebook)[1]  # as myst-nb looks a notebook up
        # as myst-nb runs a notebook itself
        serial = single_nb_execution(notebook, cwd=str(path.parent), timeout=60, allow_errors=False).nb
        assert cached.cells[0].outputs == serial.cells[0].outputs
        assert cached.cells[0].outputs[0].text == f"{path.parent} book\n"


def test_a_failing_notebook_fails_the_step_with_its_error_shown(tmp_path):
    root = book(tmp_path / "book", {"intro": "print(1)", "bad": "raise ValueError('no such figure')"})
    cache = tmp_path / "cache"
    result = run_outdated(cache, root)
    assert result.returncode == 1
    assert "ValueError: no such figure" in re.sub(r"\x1b\[[0-9;]*m", "", result.stderr)  # without its colours
    assert f"{root / 'chapters' / 'bad.ipynb'}: the notebook failed" in result.stderr
    assert outdated_notebooks(cache, root) == [root / "chapters" / "bad.ipynb"]  # myst-nb would run it again


def test_a_book_that_runs_no_notebooks_through_the_cache_is_left_to_myst_nb(tmp_path):
    root = book(tmp_path / "book", {"intro": "print(1)"})
    for settings in ("execute_notebooks: force", "execute_notebooks: cache\n  run_in_temp: true"):
        (root / "_config.yml").write_text(f"execute:\n  {settings}\n")
        assert outdated_notebooks(tmp_path / "cache", root) == []


def test_the_builds_processes_validate_notebooks_without_the_iri_grammars():
    """jsonschema's rfc3987-syntax grammars cost each process of the build 2 s and check nothing it validates."""
    process = """
import sys
import nbformat
from caucasus_atlas.book.build import jupyter_book_command
assert jupyter_book_command()[1:3] == ["-m", "caucasus_atlas.book.jupyter_book_cli"]  # imports caucasus_atlas.book
nbformat.validate(nbformat.read("intro.ipynb", as_version=4))
sys.exit(sys.modules.get("rfc3987_syntax") is not None)
"""
    command = [sys.executable, "-c", "import caucasus_atlas.book\n" + process]
    assert subprocess.run(command, cwd=REPO_ROOT).returncode == 0
    assert subprocess.run([sys.executable, "-c", process], cwd=REPO_ROOT).returncode == 1  # as nbformat alone does
