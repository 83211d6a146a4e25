"""How the tests and the benchmark start Debian's Chromium: headless, and quiet on a closed network."""

import shutil

CHROMIUM = shutil.which("chromium")
# Without the background-networking flags Chromium keeps calling home, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
