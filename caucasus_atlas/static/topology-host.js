/*
 * The page's side of the boundary download (atlas-maps.js asks from each sandboxed map frame):
 * fetch each boundary file once, from the page's own origin only, and hand its text to every map
 * frame of the page that asks. Inlined beside each map (caucasus_atlas/maps.py); runs once per page.
 */
"use strict";

if (!window.atlasTopologyHost) {
  window.atlasTopologyHost = {};
  window.addEventListener("message", (event) => {
    const url = event.data && event.data.atlasTopologyRequest;
    const frames = Array.from(document.querySelectorAll("iframe"));
    if (typeof url !== "string" || !frames.some((frame) => frame.contentWindow === event.source)) return;
    const address = new URL(url, document.baseURI);
    if (address.origin !== window.location.origin) return;
    const files = window.atlasTopologyHost;
    if (!files[address.href]) {
      files[address.href] = fetch(address.href).then((response) => {
        if (!response.ok) throw new Error(`${address.href}: HTTP ${response.status}`);
        return response.text();
      });
      files[address.href].catch(() => delete files[address.href]);
    }
    files[address.href].then(
      (text) => event.source.postMessage({ atlasTopology: url, text }, "*"),
      (error) => event.source.postMessage({ atlasTopology: url, error: String(error) }, "*"),
    );
  });
}
