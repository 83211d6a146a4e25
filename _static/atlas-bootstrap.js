/*
 * Bootstrap when a reader first reaches for it, not on every page. pydata-sphinx-theme 0.17.1 loads
 * scripts/bootstrap.js (81 KB, 24 KB gzip: a third of what a page without a map loads) for its buttons'
 * tooltips and the download menu. The book's copy of the theme's macros (_templates/static/webpack-macros.html)
 * leaves it out, and this script loads it the first time a pointer, a finger or the keyboard's focus reaches an
 * element Bootstrap drives (`data-bs-toggle`); a click that comes before it has arrived opens the menu once it
 * has. It also does the one thing bootstrap.js does for every page: the back-to-top button.
 * tests/test_browser.py checks the menu, the tooltips and the button; tests/test_overrides.py, the macros.
 */
"use strict";

(function () {
  const TOGGLE = "[data-bs-toggle]";
  const source = new URL("scripts/bootstrap.js", document.currentScript.src).href;
  let arriving = null;

  function bootstrap() {
    if (!arriving) {
      arriving = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = source;
        script.onload = () => resolve(window.bootstrap);
        script.onerror = () => reject(new Error(`${source} did not load`));
        document.head.append(script);
      });
    }
    return arriving;
  }

  // Bootstrap gives each toggle its tooltip as it starts; the one already pointed at or focused then shows it.
  function approached(event) {
    const toggle = event.target.closest && event.target.closest(TOGGLE);
    if (!toggle || window.bootstrap) return;
    bootstrap().then(() => {
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
    bootstrap().then((loaded) => loaded.Dropdown.getOrCreateInstance(toggle).toggle());
  });

  // As bootstrap.js does: the button shows while the reader scrolls back up below the header, and goes to the top.
  const backToTop = document.getElementById("pst-back-to-top");
  const header = document.querySelector(".bd-header");
  if (backToTop && header) {
    const headerBottom = header.getBoundingClientRect().bottom;
    let lastScroll = window.scrollY;
    backToTop.addEventListener("click", () => window.scrollTo(0, 0));
    window.addEventListener(
      "scroll",
      () => {
        backToTop.style.display = lastScroll > window.scrollY && window.scrollY > headerBottom ? "block" : "none";
        lastScroll = window.scrollY;
      },
      { passive: true },
    );
  }
})();
