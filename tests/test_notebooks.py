"""Executing a notebook in place: outputs saved without timing, and handed to the build's execution cache."""

import nbformat
from jupyter_cache import get_cache

from caucasus_atlas.book import notebooks


def test_an_executed_notebook_is_saved_and_cached_for_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(notebooks, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(notebooks, "refresh_execution_cache", lambda: False)  # leave the real _build alone
    path = tmp_path / "sum.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), path)
    notebooks.execute_in_place(path)
    saved = nbformat.read(path, as_version=4)
    assert saved.cells[0].outputs[0]["data"]["text/plain"] == "2"
    assert "execution" not in saved.cells[0].metadata
    assert get_cache(str(tmp_path / "cache")).match_cache_notebook(saved)  # the build will not run it again
