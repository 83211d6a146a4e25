"""Notebooks saved from Jupyter as a fresh run would write them.

In Jupyter, maps are standalone (see ``assets``): they carry Leaflet and the boundaries inside
them, because Jupyter does not serve the book's ``_static/``. The book's notebooks keep the
book's maps instead, and outputs as one fresh run from the top writes them. ``pre_save_hook``,
which the repository's ``jupyter_server_config.py`` installs (``make lab`` starts JupyterLab
with it), turns what a session saves into that form: book maps, execution counts 1, 2, 3...,
no timing metadata. What the outputs say is left alone: nbval still compares them with a
fresh run.
"""

from pathlib import Path

from caucasus_atlas.assets import book_assets, standalone_assets

TIMING_KEYS = ("execution", "ExecuteTime")  # nbclient's record_timing, and the jupyterlab-execute-time extension


def book_maps(text: str, folder: Path) -> str:
    """``text`` with every standalone map file replaced by the book's address for it, seen from ``folder``."""
    for standalone, book in zip(flat(standalone_assets()), flat(book_assets(folder)), strict=True):
        text = text.replace(standalone, book)
    return text


def flat(assets: tuple[list[tuple[str, str]], list[tuple[str, str]], str]) -> list[str]:
    scripts, stylesheets, boundaries = assets
    return [url for _, url in scripts + stylesheets] + [boundaries]


def as_fresh_run(notebook: dict, folder: Path) -> dict:
    """The notebook's outputs as one fresh run from the top writes them (a notebook in ``folder``)."""
    count = 0
    for cell in notebook.get("cells", []):
        metadata = cell.get("metadata", {})
        for key in TIMING_KEYS:
            metadata.pop(key, None)
        if cell.get("cell_type") != "code" or not "".join(cell.get("source", "")).strip():
            continue
        count += 1
        cell["execution_count"] = count
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count
            for media, content in output.get("data", {}).items():
                if media == "text/html":
                    output["data"][media] = book_text(content, folder)
    return notebook


def book_text(content: str | list[str], folder: Path) -> str | list[str]:
    if isinstance(content, list):
        return [book_maps(line, folder) for line in content]
    return book_maps(content, folder)


def pre_save_hook(model: dict, path: str, contents_manager, **kwargs) -> None:
    """Jupyter's pre-save hook: save a notebook as a fresh run would write it."""
    if model.get("type") == "notebook":
        folder = (Path(contents_manager.root_dir) / path).parent
        as_fresh_run(model["content"], folder)
