"""Build-time code, apart from the data and the drawing: the build command, re-running notebooks, and the Sphinx
extension with its hooks (checks, citation style, the assets each page ships, icons, the repository's links)."""
