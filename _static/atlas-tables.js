/*
 * Tables a reader can use (caucasus_atlas/tables.py builds them): a button in each column head sorts the rows
 * by that column, ascending then descending, and says so with aria-sort; a box above each table of more than
 * ten rows keeps the rows holding what a reader types, and says how many it shows; the claims ledger's menu
 * keeps one verdict's rows. The script only moves and hides the rows the page holds: it reads their text
 * (textContent, or a cell's data-sort key) and writes no HTML.
 */
"use strict";

(() => {
  const LONG = 10; // rows above which a table gets a filter box
  let collator = null; // made at the first sort: making one takes 15-25 ms, four times that on a slow phone

  /** A cell's sort key: its data-sort attribute (an ISO date, a count), else its text. */
  const sortKey = (row, column) => {
    const cell = row.cells[column];
    if (!cell) return "";
    return cell.dataset.sort ?? cell.textContent.trim();
  };

  /** Sort the body's rows by one column; empty keys go last either way, ties keep their order. */
  function sortRows(table, column, ascending) {
    const body = table.tBodies[0];
    const rows = [...body.rows].map((row, index) => ({ row, index, key: sortKey(row, column) }));
    const numeric = rows.every(({ key }) => key === "" || Number.isFinite(Number(key)));
    if (!collator) collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
    const compare = (a, b) => (numeric ? Number(a) - Number(b) : collator.compare(a, b));
    rows.sort((a, b) => {
      if ((a.key === "") !== (b.key === "")) return a.key === "" ? 1 : -1;
      return (ascending ? compare(a.key, b.key) : compare(b.key, a.key)) || a.index - b.index;
    });
    body.append(...rows.map(({ row }) => row));
  }

  /** Put each column head's content in a button that sorts by the column. */
  function makeSortable(table) {
    const heads = [...table.tHead.rows[0].cells];
    heads.forEach((head, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      button.append(...head.childNodes);
      head.append(button);
      button.addEventListener("click", () => {
        const ascending = head.getAttribute("aria-sort") !== "ascending";
        for (const other of heads) other.removeAttribute("aria-sort");
        head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sortRows(table, column, ascending);
      });
    });
  }

  /** Show the rows that hold the typed text and, in the claims ledger, have the chosen verdict. */
  function makeFilterable(table) {
    const holder = table.closest(".atlas-claims");
    const menu = holder && holder.querySelector(".atlas-verdict-filter");
    const rows = [...table.tBodies[0].rows];
    let input = null;
    let count = null;
    if (rows.length > LONG) {
      const box = document.createElement("div");
      box.className = "atlas-table-filter";
      const label = document.createElement("label");
      input = document.createElement("input");
      input.type = "search";
      input.autocomplete = "off";
      label.append("Find in this table ", input);
      count = document.createElement("span");
      count.className = "atlas-row-count";
      count.setAttribute("role", "status");
      box.append(label, " ", count);
      table.before(box);
      input.addEventListener("input", update);
    }
    if (menu) {
      menu.closest("label").hidden = false;
      menu.addEventListener("change", update);
    }

    function update() {
      const words = input ? input.value.trim().toLocaleLowerCase() : "";
      const verdict = menu ? menu.value : "";
      let shown = 0;
      for (const row of rows) {
        const keep =
          (!words || row.textContent.toLocaleLowerCase().includes(words)) &&
          (!verdict || row.dataset.verdict === verdict);
        row.hidden = !keep;
        shown += keep ? 1 : 0;
      }
      if (count) count.textContent = `${shown} of ${rows.length} rows`;
    }
    update();
  }

  /* A table gets its controls as the reader nears it. Giving all of a long chapter's tables their buttons as the page
   * loaded restyled and laid out thousands of cells on a slow phone, before its maps could start. The table's box
   * is watched, not the table: it is laid out only near the view (content-visibility in atlas.css). */
  const nearing = new IntersectionObserver(
    (entries) => {
      for (const entry of entries.filter((seen) => seen.isIntersecting)) {
        nearing.unobserve(entry.target);
        const table = entry.target.querySelector(":scope > table.atlas-table");
        makeSortable(table);
        makeFilterable(table);
      }
    },
    { rootMargin: "50% 0px" },
  );
  document.addEventListener("DOMContentLoaded", () => {
    for (const table of document.querySelectorAll("table.atlas-table")) {
      if (table.tHead && table.tBodies.length) nearing.observe(table.parentElement);
    }
  });
})();
