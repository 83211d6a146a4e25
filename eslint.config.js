// ESLint for the book's own browser scripts (caucasus_atlas/static/, _static/); vendored files are not linted.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["caucasus_atlas/static/**/*.js", "_static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly", topojson: "readonly" },
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: "error",
      "no-implicit-globals": "error",
      // Data reaches the DOM through textContent, or as markup escaped in Python (caucasus_atlas/markup.py).
      "no-restricted-properties": [
        "error",
        { object: "document", property: "write", message: "Build elements; never write HTML into the document." },
      ],
    },
  },
];
