/*
 * The frame's side of the map files shared through the page (caucasus_atlas/book/map_frames.py writes this script
 * into each map document of the built book; caucasus_atlas/static/frame-host.js is the page's side).
 *
 * A map frame is sandboxed, with an origin of its own, and the browser keeps no cache for such a frame: it would
 * download Leaflet and the map script again for every map, on every page. Instead it asks the page, whose
 * downloads the browser keeps for the whole book, for the text of each file it lists (`data-atlas-files`); then it
 * adds the stylesheets where their tags stood (their `url()`s made absolute), runs the scripts in order, and last
 * the map's own scripts, in the document's order, which the build held back (`type="text/x-atlas-map"`).
 *
 * It asks for the data the map will draw (`data-atlas-data`: the boundaries) at the same time, rather than once the
 * scripts have run: atlas-maps.js takes the answer from `window.atlasEarlyData` instead of asking again.
 */
"use strict";

(() => {
  const loader = document.currentScript; // where the files' tags stood: the stylesheets go here, in their order
  const files = JSON.parse(loader.dataset.atlasFiles);
  const data = JSON.parse(loader.dataset.atlasData || "[]");
  const HELD = 'script[type="text/x-atlas-map"]';
  const CSS_URL = /url\((['"]?)(?!data:)([^'")]+)\1\)/g;
  const answers = new Map(); // "atlasFile url" or "atlasData url": what to do with the page's answer

  window.addEventListener("message", (event) => {
    const reply = event.data;
    if (event.source !== window.parent || !reply) return;
    const key = ["atlasFile", "atlasData"].find((kind) => typeof reply[kind] === "string");
    const resolve = key && answers.get(`${key} ${reply[key]}`);
    if (resolve) resolve(reply);
  });

  const ask = (kind, url) =>
    new Promise((resolve) => {
      answers.set(`${kind} ${url}`, resolve);
      window.parent.postMessage({ [`${kind}Request`]: url }, "*");
    });

  window.atlasEarlyData = Object.fromEntries(
    data.map((url) => [
      url,
      ask("atlasData", url).then((reply) => {
        if (typeof reply.text !== "string") throw new Error(reply.error);
        return reply.text;
      }),
    ]),
  );
  Object.values(window.atlasEarlyData).forEach((text) => text.catch(() => {})); // atlas-maps.js reports a failure

  const parsed = () =>
    new Promise((resolve) => {
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
      else resolve();
    });

  function addStyle(url, text) {
    const base = new URL(url, document.baseURI);
    const style = document.createElement("style");
    style.textContent = text.replace(CSS_URL, (_, quote, address) => `url("${new URL(address, base)}")`);
    loader.before(style);
  }

  function run(text, name) {
    const script = document.createElement("script");
    script.text = `${text}\n//# sourceURL=${name}`;
    document.head.append(script);
  }

  // Without its scripts there is no map: say so in its place, in plain text (its stylesheet did not load either).
  function sayFailed(failed) {
    const note = document.createElement("p");
    note.className = "atlas-loading";
    note.setAttribute("role", "status");
    note.style.cssText = "margin: 0; padding: 1em; font: 14px/1.4 system-ui, sans-serif; text-align: center;";
    note.textContent = "The map could not load its scripts: the table below the map lists what it shows.";
    document.body.prepend(note);
    throw new Error(`${failed.atlasFile}: ${failed.error}`);
  }

  Promise.all([...files.map((url) => ask("atlasFile", url)), parsed()]).then((results) => {
    const loaded = results.slice(0, files.length);
    const failed = loaded.find((answer) => answer.error);
    if (failed) sayFailed(failed);
    loaded.filter((answer) => answer.atlasFile.endsWith(".css")).forEach((a) => addStyle(a.atlasFile, a.text));
    loaded.filter((answer) => answer.atlasFile.endsWith(".js")).forEach((a) => run(a.text, a.atlasFile));
    for (const held of document.querySelectorAll(HELD)) {
      const script = document.createElement("script");
      script.text = held.text;
      held.replaceWith(script);
    }
  });
})();
