/*
 * Every chart and static map opens larger on click: each figure image of a notebook output becomes a link to the
 * image itself, opened in a new tab at full size, where a reader can zoom. The link's name is the figure's own
 * alternative text; nothing is written as HTML.
 */
"use strict";

document.querySelectorAll(".cell_output img[src$='.svg']").forEach((image) => {
  if (image.closest("a")) return;
  const link = document.createElement("a");
  link.href = image.src;
  link.target = "_blank";
  link.rel = "noopener";
  link.className = "atlas-figure-link";
  link.title = "Open the figure larger, in a new tab";
  image.before(link);
  link.append(image);
});
