# Jupyter started with this file (`make lab` passes --config; binder/postBuild installs it) saves the book's
# notebooks as a fresh run writes them: the book's maps instead of the standalone ones Jupyter draws, execution
# counts 1, 2, 3..., no timing (caucasus_atlas/jupyter.py).
c = get_config()  # noqa: F821 (Jupyter defines it)
c.ContentsManager.pre_save_hook = "caucasus_atlas.jupyter.pre_save_hook"
