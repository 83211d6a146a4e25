"""Maps draw in Jupyter with nothing set, and a notebook saved from Jupyter is the notebook a fresh run writes."""

import nbformat

from caucasus_atlas import load_disputed_areas
from caucasus_atlas.geography import boundary_features
from caucasus_atlas.jupyter import as_fresh_run, pre_save_hook
from caucasus_atlas.maps import borders_map
from caucasus_atlas.paths import REPO_ROOT

BORDERS = REPO_ROOT / "chapters" / "borders.ipynb"
STANDALONE = "data:text/javascript;base64"


def written(notebook) -> str:
    """A notebook as a file, as nbformat and Jupyter write it."""
    return nbformat.writes(notebook) + "\n"


def borders_map_html() -> str:
    drawn = {f["properties"]["id"] for f in boundary_features("disputed")["features"]}
    return borders_map(load_disputed_areas(), drawn)._repr_html_()


def saved_from_jupyter(monkeypatch) -> nbformat.NotebookNode:
    """The borders chapter as a Jupyter session would save it: a standalone map, session counts, timing."""
    monkeypatch.delenv("ATLAS_MAPS")  # as in Jupyter: nothing set
    monkeypatch.chdir(BORDERS.parent)  # a kernel runs in its notebook's folder
    notebook = nbformat.read(BORDERS, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip()]
    for count, cell in zip([4, 9, 10, 12, 15], code, strict=True):
        cell.execution_count = count
        cell.metadata["execution"] = {"iopub.status.busy": "2026-12-01T10:00:00Z"}
    mapped = next(cell for cell in code if "borders_map(" in cell.source)
    mapped.outputs[0]["data"]["text/html"] = borders_map_html()
    return notebook


def test_maps_in_jupyter_carry_their_files(monkeypatch):
    monkeypatch.delenv("ATLAS_MAPS")
    assert STANDALONE in borders_map_html()


def test_a_notebook_saved_from_jupyter_is_the_one_a_fresh_run_writes(monkeypatch):
    saved = saved_from_jupyter(monkeypatch)
    assert STANDALONE in nbformat.writes(saved)
    assert written(as_fresh_run(saved, BORDERS.parent)) == BORDERS.read_text(encoding="utf-8")


def test_the_pre_save_hook_rewrites_notebooks_only(monkeypatch):
    class Contents:
        root_dir = str(REPO_ROOT)

    notebook = saved_from_jupyter(monkeypatch)
    model = {"type": "notebook", "content": notebook}
    pre_save_hook(model, "chapters/borders.ipynb", Contents())
    assert written(model["content"]) == BORDERS.read_text(encoding="utf-8")
    text = {"type": "file", "content": STANDALONE}
    pre_save_hook(text, "notes.txt", Contents())
    assert text == {"type": "file", "content": STANDALONE}


def test_jupyter_started_here_installs_the_hook():
    config = (REPO_ROOT / "jupyter_server_config.py").read_text(encoding="utf-8")
    assert 'c.ContentsManager.pre_save_hook = "caucasus_atlas.jupyter.pre_save_hook"' in config
