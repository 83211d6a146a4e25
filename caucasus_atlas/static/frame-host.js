/*
 * The page's side of the sandboxed map frames (caucasus_atlas/static/atlas-maps.js is the frames' side).
 * Inlined just before each map's frame (caucasus_atlas/maps.py); runs once per page. It does two things:
 *
 * - the shared downloads: fetch each data file (the boundaries, the maps' details), and each of the maps'
 *   scripts and stylesheets, once, from the page's own origin only, and hand its text to every map frame of the
 *   page that asks (the browser caches the page's downloads for the whole book, and keeps no cache for a
 *   sandboxed frame);
 * - the view in the address: a frame says what it shows (date, organisation, selected site) and the page
 *   keeps it in its query string (`?footprint-date=2014-03&footprint-site=…`), so a shared link reproduces
 *   it; a frame asks for its view when it starts, and is told again when the back button changes it.
 */
"use strict";

if (!window.atlasFrameHost) {
  window.atlasFrameHost = { files: {}, frames: {}, pushed: {} };
  const host = window.atlasFrameHost;
  const VIEW_KEYS = ["date", "org", "site"];
  const NAME = /^[a-z0-9-]{1,40}$/;
  const VALUE = /^[A-Za-z0-9_-]{1,80}$/;
  // Moves closer together than this (a slider stepped by key) replace the last history entry instead of adding one.
  const STEP_MS = 1000;

  const fromFrame = (event) =>
    Array.from(document.querySelectorAll("iframe")).some((frame) => frame.contentWindow === event.source);

  // Fetch a file of the page's own origin once, however many frames ask; answer with its text under `key`.
  function answerWithText(event, url, key) {
    const address = new URL(url, document.baseURI);
    if (address.origin !== window.location.origin) return;
    if (!host.files[address.href]) {
      host.files[address.href] = fetch(address.href).then((response) => {
        if (!response.ok) throw new Error(`${address.href}: HTTP ${response.status}`);
        return response.text();
      });
      host.files[address.href].catch(() => delete host.files[address.href]);
    }
    host.files[address.href].then(
      (text) => event.source.postMessage({ [key]: url, text }, "*"),
      (error) => event.source.postMessage({ [key]: url, error: String(error) }, "*"),
    );
  }

  // A map's own files: the book's scripts and stylesheets, nothing else (caucasus_atlas/static/frame-loader.js).
  const isMapFile = (url) => /\/_static\/[\w./-]+\.(js|css)$/.test(new URL(url, document.baseURI).pathname);

  function viewInAddress(name) {
    const params = new URLSearchParams(window.location.search);
    const view = {};
    for (const key of VIEW_KEYS) {
      const value = params.get(`${name}-${key}`);
      if (value && VALUE.test(value)) view[key] = value;
    }
    return view;
  }

  function tellFrame(name) {
    host.frames[name].postMessage({ atlasViewSet: name, view: viewInAddress(name) }, "*");
  }

  function keepView(name, view) {
    const address = new URL(window.location.href);
    for (const key of VIEW_KEYS) {
      const value = view && view[key];
      if (typeof value === "string" && VALUE.test(value)) address.searchParams.set(`${name}-${key}`, value);
      else address.searchParams.delete(`${name}-${key}`);
    }
    if (address.href === window.location.href) return;
    const now = Date.now();
    if (now - (host.pushed[name] || 0) < STEP_MS) window.history.replaceState(null, "", address);
    else window.history.pushState(null, "", address);
    host.pushed[name] = now;
  }

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || !fromFrame(event)) return;
    if (typeof data.atlasDataRequest === "string") answerWithText(event, data.atlasDataRequest, "atlasData");
    else if (typeof data.atlasFileRequest === "string" && isMapFile(data.atlasFileRequest))
      answerWithText(event, data.atlasFileRequest, "atlasFile");
    else if (typeof data.atlasViewAsk === "string" && NAME.test(data.atlasViewAsk)) {
      host.frames[data.atlasViewAsk] = event.source;
      tellFrame(data.atlasViewAsk);
    } else if (typeof data.atlasView === "string" && host.frames[data.atlasView] === event.source) {
      keepView(data.atlasView, data.view);
    }
  });
  window.addEventListener("popstate", () => Object.keys(host.frames).forEach(tellFrame));
}
