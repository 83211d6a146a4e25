"""A clean verdict on the data is remembered until any input changes; problems are always found afresh."""

import subprocess
import sys
from pathlib import Path

import pytest

from caucasus_atlas import validation
from caucasus_atlas.fingerprint import input_fingerprint
from caucasus_atlas.paths import DATA_DIR, REPO_ROOT
from caucasus_atlas.verdicts import CLEAN, VERDICTS, record_clean, verdict_folder
from tests.test_validation import package_with

# a file of each kind the package reads, one of them in a subfolder
READ_FILES = ("events.csv", "references.bib", "datapackage.json", "boundaries/disputed.geojson")


@pytest.fixture
def checks(monkeypatch) -> list[Path]:
    """The packages validate_package checks in full, in order."""
    checked = []
    real_check = validation.check_package
    monkeypatch.setattr(validation, "check_package", lambda data_dir: checked.append(data_dir) or real_check(data_dir))
    return checked


def test_a_clean_verdict_spares_the_next_check(tmp_path, checks):
    data, folder = package_with(None, tmp_path), tmp_path / "verdicts"
    assert validation.validate_package(data, folder) == []
    assert validation.validate_package(data, folder) == []
    assert checks == [data]
    assert [path.read_text() for path in folder.iterdir()] == [CLEAN]
    assert [path.name for path in folder.iterdir()] == [input_fingerprint(data)]


@pytest.mark.parametrize("name", READ_FILES)
def test_a_byte_changed_after_a_clean_verdict_is_checked_and_reported(name, tmp_path, checks):
    data, folder = package_with(None, tmp_path), tmp_path / "verdicts"
    record_clean(folder, input_fingerprint(data))  # as a clean check of these bytes leaves it
    with (data / name).open("ab") as handle:
        handle.write(b"\xff")
    problems = validation.validate_package(data, folder)
    assert checks == [data]
    assert [(Path(p.file).name, p.rule) for p in problems] == [(Path(name).name, "encoding")]
    assert not (folder / input_fingerprint(data)).exists()
    assert validation.validate_package(data, folder) == problems  # and again: a problem is never remembered
    assert checks == [data, data]


def test_any_byte_of_any_input_changes_the_fingerprint(tmp_path):
    data, root = package_with(None, tmp_path), tmp_path / "repo"
    (root / "caucasus_atlas" / "charts").mkdir(parents=True)
    for name in ("caucasus_atlas/charts/swimlanes.py", "requirements.txt"):
        (root / name).write_text("x = 1\n")
    inputs = [*(p for p in data.rglob("*") if p.is_file()), *(p for p in root.rglob("*") if p.is_file())]
    seen = {input_fingerprint(data, root)}
    for path in inputs:
        original = path.read_bytes()
        path.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
        seen.add(input_fingerprint(data, root))
        path.write_bytes(original)
    (data / "boundaries" / "new.json").write_text("{}")
    seen.add(input_fingerprint(data, root))
    assert len(seen) == len(inputs) + 2
    assert input_fingerprint(data, root) != input_fingerprint(data)  # the package source counts


@pytest.mark.parametrize("verdict", [b"", b"valid", b"invalid\n", b"\xff\xfe", None])
def test_a_malformed_verdict_is_ignored_and_replaced(verdict, tmp_path, monkeypatch):
    data, folder = package_with(None, tmp_path), tmp_path / "verdicts"
    checked = []
    monkeypatch.setattr(validation, "check_package", lambda data_dir: checked.append(data_dir) or [])
    target = folder / input_fingerprint(data)
    if verdict is None:
        target.mkdir(parents=True)  # not even a file
    else:
        folder.mkdir()
        target.write_bytes(verdict)
    assert validation.validate_package(data, folder) == []
    assert checked == [data]
    if verdict is not None:
        assert target.read_text() == CLEAN


def test_an_older_verdict_is_replaced(tmp_path):
    folder = tmp_path / "verdicts"
    record_clean(folder, "old")
    record_clean(folder, "new")
    assert [path.name for path in folder.iterdir()] == ["new"]


def test_only_the_books_own_data_is_remembered_by_default(tmp_path):
    assert verdict_folder(DATA_DIR) == VERDICTS == REPO_ROOT / "_build" / ".validated"
    assert verdict_folder(REPO_ROOT / "chapters" / ".." / "data") == VERDICTS
    assert verdict_folder(package_with(None, tmp_path)) is None  # the tests' packages are checked in full


def test_a_kernel_that_finds_a_clean_verdict_does_not_import_frictionless(tmp_path):
    kernel = f"""
import sys
from pathlib import Path
from caucasus_atlas import load_events, verdicts
from caucasus_atlas.fingerprint import input_fingerprint
verdicts.VERDICTS = Path({str(tmp_path)!r})  # not the real build's
verdicts.record_clean(verdicts.VERDICTS, input_fingerprint())
load_events()
sys.exit("frictionless" in sys.modules)
"""
    assert subprocess.run([sys.executable, "-c", kernel]).returncode == 0


def test_the_fingerprint_follows_the_code_notebooks_import_not_the_build_code(tmp_path):
    root = tmp_path / "repo"
    for name in ("caucasus_atlas/maps.py", "caucasus_atlas/book/page_assets.py", "requirements.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x = 1\n", encoding="utf-8")
    data = package_with(None, tmp_path)
    before = input_fingerprint(data, root)
    (root / "caucasus_atlas/book/page_assets.py").write_text("x = 2\n", encoding="utf-8")
    assert input_fingerprint(data, root) == before
    (root / "caucasus_atlas/maps.py").write_text("x = 2\n", encoding="utf-8")
    assert input_fingerprint(data, root) != before
