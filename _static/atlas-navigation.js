/*
 * Make every sidebar toggle work. pydata-sphinx-theme 0.17.1 and sphinx-book-theme 1.3.0 bind only
 * the first `.primary-toggle` and `.secondary-toggle` of the page (document.querySelector), which is
 * the navbar's, hidden on these pages; the buttons a reader sees in the article header do nothing.
 * Upstream: pydata-sphinx-theme#2451, sphinx-book-theme#988. Each other toggle passes its clicks on
 * to the one the themes bound. Remove this file once both are fixed (tests/test_browser.py checks it;
 * tests/test_overrides.py fails when the themes stop binding only the first toggle).
 *   https://github.com/pydata/pydata-sphinx-theme/issues/2451
 *   https://github.com/executablebooks/sphinx-book-theme/issues/988 (fix proposed in
 *   https://github.com/executablebooks/sphinx-book-theme/pull/1000)
 */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const kind of ["primary-toggle", "secondary-toggle"]) {
    const [bound, ...others] = document.querySelectorAll(`.${kind}`);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
      });
    }
  }
});
