/*
 * Scripts a page loads only once a reader needs them, rather than on every page (tests/test_browser.py checks each).
 * - Bootstrap (81 KB, 24 KB gzip: a third of what a page without a map loads), for the buttons' tooltips and the
 *   download menu. The book's copy of pydata-sphinx-theme's macros (_templates/static/webpack-macros.html) leaves
 *   it out; it loads the first time a pointer, a finger or the keyboard's focus reaches an element Bootstrap drives
 *   (`data-bs-toggle`), and a click that came before it opens the menu once it has. The one thing bootstrap.js does
 *   for every page, the back-to-top button, is done here.
 * - The code's colours (Pygments' stylesheet) and sphinx-copybutton's stylesheet and scripts (8 KB gzip), once a
 *   block of code first shows: most pages keep their one code cell folded.
 * - Sphinx's highlighting of the words searched for, when the address asks for it (`?highlight=`), and the
 *   doctools.js it needs (its translations). Elsewhere doctools.js only gave "/" to focus the search field, which
 *   this theme keeps hidden until its search button is pressed (or Ctrl+K), so "/" did nothing there.
 * caucasus_atlas/book/page_assets.py takes the files of the last two off each page (ON_DEMAND); the search page
 * keeps them.
 */
"use strict";

(function () {
  const here = document.currentScript.src;
  const loaded = new Map();

  function load(name) {
    if (!loaded.has(name)) {
      const source = new URL(name, here).href;
      loaded.set(
        name,
        new Promise((resolve, reject) => {
          const script = document.createElement("script");
          script.src = source;
          script.onload = resolve;
          script.onerror = () => reject(new Error(`${source} did not load`));
          document.head.append(script);
        }),
      );
    }
    return loaded.get(name);
  }

  function style(name) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(name, here).href;
    document.head.append(link);
  }

  // Bootstrap gives each toggle its tooltip as it starts; the one already pointed at or focused then shows it.
  const TOGGLE = "[data-bs-toggle]";
  function approached(event) {
    const toggle = event.target.closest && event.target.closest(TOGGLE);
    if (!toggle || window.bootstrap) return;
    load("scripts/bootstrap.js").then(() => {
      if (toggle.matches(":hover")) toggle.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
      if (toggle === document.activeElement) toggle.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
    });
  }
  for (const type of ["pointerover", "focusin", "touchstart"]) {
    document.addEventListener(type, approached, { passive: true });
  }

  // Once loaded, Bootstrap opens its menus itself; a click that came first is passed on to it.
  document.addEventListener("click", (event) => {
    const toggle = event.target.closest && event.target.closest('[data-bs-toggle="dropdown"]');
    if (!toggle || window.bootstrap) return;
    event.preventDefault();
    load("scripts/bootstrap.js").then(() => window.bootstrap.Dropdown.getOrCreateInstance(toggle).toggle());
  });

  // As bootstrap.js does: the button shows while the reader scrolls back up below the header, and goes to the top.
  // The header is measured at the first scroll, not as the page loads, when measuring would lay out the whole page
  // before its text first shows.
  const backToTop = document.getElementById("pst-back-to-top");
  const header = document.querySelector(".bd-header");
  if (backToTop && header) {
    let headerBottom = null;
    let lastScroll = 0;
    backToTop.addEventListener("click", () => window.scrollTo(0, 0));
    window.addEventListener(
      "scroll",
      () => {
        if (headerBottom === null) headerBottom = header.getBoundingClientRect().bottom + window.scrollY;
        backToTop.style.display = lastScroll > window.scrollY && window.scrollY > headerBottom ? "block" : "none";
        lastScroll = window.scrollY;
      },
      { passive: true },
    );
  }

  // The code's colours and copy buttons, once code shows (a folded cell's code has no box until it is unfolded).
  const code = document.querySelectorAll("div.highlight");
  if (code.length) {
    const watcher = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        watcher.disconnect();
        style("pygments.css");
        style("copybutton.css");
        load("clipboard.min.js").then(() => load("copybutton.js"));
      }
    });
    code.forEach((block) => watcher.observe(block));
  }

  if (new URLSearchParams(window.location.search).has("highlight")) {
    load("doctools.js").then(() => load("sphinx_highlight.js"));
  }
})();
