/*
 * The book's map layers and controls, for Leaflet: one file, loaded by every map frame.
 *
 * Python (caucasus_atlas/layers.py, time_controls.py) writes one call per element, with its
 * data as JSON. Strings named `markup` or `*Markup` are HTML built and escaped in Python
 * (caucasus_atlas/markup.py); every other string from the data reaches the page as text.
 *
 * Frames announce what they have done on their root element, for tests and the benchmark:
 * data-<layer>-drawn (ms since the epoch), data-atlas-date, data-atlas-styled, data-sites-shown,
 * data-atlas-selected (the site in the details panel), data-tiles (the background's state), data-atlas-view
 * (the map's name in the page's address) and data-atlas-view-shown (the view last taken from the address).
 */
"use strict";

window.atlasMaps = (function () {
  const root = document.documentElement;
  root.lang = root.lang || "en"; // the frame's document is the book's language, for screen readers

  /* ---- Files shared by a page's maps: the boundary topology and the details, one download per page ---- */

  const files = {};

  function fetchText(url) {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.text();
    });
  }

  /* A map is a sandboxed frame with no origin of its own: it asks its page for the file
   * (caucasus_atlas/static/frame-host.js answers), and fetches it itself only when it has
   * no page around it or carries the file inside it (a data: URL). */
  function askThePage(url) {
    return new Promise((resolve, reject) => {
      window.addEventListener("message", function answer(event) {
        const reply = event.data;
        if (event.source !== window.parent || !reply || reply.atlasData !== url) return;
        window.removeEventListener("message", answer);
        if (typeof reply.text === "string") resolve(reply.text);
        else reject(new Error(reply.error));
      });
      window.parent.postMessage({ atlasDataRequest: url }, "*");
    });
  }

  /* The parsed JSON at url; a failed download is not kept, so the next call tries again. A file the frame's loader
   * asked for with the scripts (caucasus_atlas/static/frame-loader.js) is taken from its answer, once. */
  function sharedJson(url) {
    if (!files[url]) {
      const early = window.atlasEarlyData && window.atlasEarlyData[url];
      if (early) delete window.atlasEarlyData[url];
      const inFrame = window.parent !== window && !url.startsWith("data:");
      files[url] = (early || (inFrame ? askThePage(url) : fetchText(url))).then(JSON.parse);
      files[url].catch(() => delete files[url]);
    }
    return files[url];
  }

  /* What a click on a site or a line shows, by key ("site:<id>", "route:<id>"): markup built in Python, in the
   * document's #atlas-details block. In the book the block names a file beside the page instead, shared by its
   * maps (caucasus_atlas/book/map_frames.py), and the map asks for it the first time a reader reaches for it:
   * a reader who only looks never downloads the facts and sources the table under the map lists anyway. */
  const DETAILS_FAILED = "Its facts and sources could not load: the table below the map lists them.";
  let detailsLoaded = null;

  function details() {
    const block = document.getElementById("atlas-details");
    if (!detailsLoaded && block && block.dataset.src) {
      return sharedJson(block.dataset.src).then((all) => (detailsLoaded = all));
    }
    if (!detailsLoaded) detailsLoaded = JSON.parse(block ? block.textContent : "{}");
    return Promise.resolve(detailsLoaded);
  }

  for (const reach of ["pointerover", "touchstart", "focusin", "keydown"]) {
    document.addEventListener(reach, () => details().catch(() => {}), { once: true, passive: true });
  }

  /* ---- The frame: the map, the details panel beside it (below it when narrow), the time bar ---- */

  let stage = null;
  let panel = null;

  /* Put the map in a row with room for the details panel; the CSS stacks them on a narrow frame. */
  function frameLayout(map) {
    if (stage) return;
    const container = map.getContainer();
    stage = document.createElement("div");
    stage.className = "atlas-stage";
    container.before(stage);
    stage.append(container);
    document.body.classList.add("atlas-frame-layout"); // the stage and the time bar share the frame's height
    map.invalidateSize();
  }

  /* The panel where a clicked site, country or area shows its facts and sources: beside the map, so it is never
   * clipped and the map never pans to make room. show(content, latlng, onClose): content is markup built in
   * Python or a DOM node; the map moves only if latlng would otherwise be hidden. Escape or × closes it. */
  function detailsPanel(map) {
    if (panel) return panel;
    frameLayout(map);
    const aside = document.createElement("aside");
    aside.className = "atlas-details";
    aside.setAttribute("aria-label", "Details");
    aside.hidden = true;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "atlas-details-close";
    close.setAttribute("aria-label", "Close the details");
    close.textContent = "×";
    const body = document.createElement("div");
    aside.append(close, body);
    stage.append(aside);
    let closed = null;
    function hide() {
      if (aside.hidden) return;
      aside.hidden = true;
      body.replaceChildren();
      const then = closed;
      closed = null;
      map.invalidateSize({ pan: false });
      if (then) then();
    }
    close.addEventListener("click", hide);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hide();
    });
    let shown = 0; // which showing the panel holds, so that details arriving late replace only their own
    function fill(content) {
      if (typeof content === "string") body.innerHTML = content;
      else body.replaceChildren(content.cloneNode(true));
    }
    panel = {
      show(content, latlng, onClose) {
        const then = closed;
        closed = null;
        if (then) then();
        fill(content);
        closed = onClose || null;
        aside.hidden = false;
        aside.scrollTop = 0;
        map.invalidateSize({ pan: false });
        if (latlng) map.panInside(latlng, { padding: [24, 24], animate: false });
        return ++shown;
      },
      replace(showing, content) {
        if (showing === shown && !aside.hidden) fill(content);
      },
      hide,
    };
    return panel;
  }

  /* Show the details under key: at once if they are loaded, else titleMarkup and a note until they are. */
  function showDetails(map, key, titleMarkup, latlng, onClose) {
    const shown = detailsPanel(map);
    const loading = details();
    if (detailsLoaded) return shown.show(detailsLoaded[key], latlng, onClose);
    const showing = shown.show(`${titleMarkup}<p role="status">Loading its facts and sources…</p>`, latlng, onClose);
    loading.then(
      (all) => shown.replace(showing, all[key]),
      () => shown.replace(showing, `${titleMarkup}<p role="status">${DETAILS_FAILED}</p>`),
    );
    return showing;
  }

  /* ---- The view in the page's address ---- */

  // What the reader has chosen, by key (date, org, site): each control reads and writes its own part.
  const viewParts = {};
  let viewName = null;

  /* Tell the page what the map shows now (caucasus_atlas/static/frame-host.js keeps it in the address). */
  function viewChanged() {
    if (!viewName) return;
    const view = {};
    for (const [key, part] of Object.entries(viewParts)) {
      const value = part.read();
      if (value) view[key] = value;
    }
    window.parent.postMessage({ atlasView: viewName, view }, "*");
  }

  /* Share this map's view with its page under name: ask for the view the address holds, show it, and show it
   * again when the back button changes it. Called after every control has registered its part. */
  function shareView(name) {
    if (window.parent === window) return;
    window.addEventListener("message", (event) => {
      const data = event.data;
      if (event.source !== window.parent || !data || data.atlasViewSet !== name) return;
      const view = data.view || {};
      for (const [key, part] of Object.entries(viewParts)) part.write(typeof view[key] === "string" ? view[key] : null);
      viewName = name;
      const shown = Object.entries(view).map(([key, value]) => `${name}-${key}=${value}`);
      root.setAttribute("data-atlas-view-shown", shown.join("&"));
    });
    root.setAttribute("data-atlas-view", name);
    window.parent.postMessage({ atlasViewAsk: name }, "*");
  }

  /* ---- Layers ---- */

  const layers = {};
  // px: a map narrower than this starts with its key folded. In the book's column (750-790 px) an open key covered
  // 15% of the footprint map, the South Caucasus among it, and the economy map's corridors across the Caspian.
  const KEY_OPEN = 1000;

  function textNode(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  /* Draw one object of the topology into group, in a pane of its own at zIndex (beneath markers).
   * options: url, layer, key (the feature property naming it), zIndex, style (Leaflet path style),
   * fillWhen ([property, colour]: the fill of features whose property is true), tooltipsMarkup
   * (key -> markup; a feature it does not name shows its own name as text). */
  function boundaryLayer(map, group, options) {
    const pane = `atlas-${options.layer}`;
    if (!map.getPane(pane)) map.createPane(pane).style.zIndex = options.zIndex;
    const style = (feature) => {
      const [property, colour] = options.fillWhen || [];
      return property && feature.properties[property] ? { ...options.style, fillColor: colour } : options.style;
    };
    return sharedJson(options.url)
      .then((data) => {
        const layer = L.geoJSON(topojson.feature(data, data.objects[options.layer]), {
          pane,
          style,
          onEachFeature(feature, path) {
            const markup = options.tooltipsMarkup[feature.properties[options.key]];
            path.bindTooltip(markup === undefined ? textNode(feature.properties.name) : markup, { sticky: true });
            path.on("click", (event) => detailsPanel(map).show(path.getTooltip().getContent(), event.latlng));
          },
        }).addTo(group);
        layer.eachLayer((path) => {
          const element = path.getElement && path.getElement();
          if (element) element.setAttribute("data-id", path.feature.properties[options.key]);
        });
        layers[options.layer] = layer;
        root.setAttribute(`data-${options.layer}-drawn`, Date.now());
        document.dispatchEvent(new CustomEvent("atlas:layer", { detail: options.layer }));
      })
      .catch((error) => {
        console.error("The map could not draw its boundaries:", error);
        document.dispatchEvent(new CustomEvent("atlas:failed", { detail: options.layer }));
      });
  }

  /* "Loading the map…" over the map until the countries have drawn, or a plain message if they cannot. */
  function loadingNote(map) {
    const note = L.DomUtil.create("div", "atlas-loading", map.getContainer());
    note.setAttribute("role", "status");
    note.textContent = "Loading the map…";
    document.addEventListener("atlas:layer", (event) => {
      if (event.detail === "countries") note.remove();
    });
    document.addEventListener("atlas:failed", () => {
      note.textContent = "The map could not load its borders: the table below the map lists what it shows.";
    });
  }

  /* Small dark dots from [lat, lon, markup] triples, named on hover. */
  function placeDots(group, places, className) {
    for (const [lat, lon, markup] of places) {
      L.circleMarker([lat, lon], {
        radius: 3, color: "#222222", weight: 1, fillColor: "#222222", fillOpacity: 1, className,
      }).bindTooltip(markup, { sticky: true }).addTo(group);
    }
  }

  /* Names written on the map, each shown from its zoom on: [lat, lon, text, minZoom, className].
   * The text goes in as text. */
  function labels(map, entries) {
    const markers = entries.map(([lat, lon, text, minZoom, className]) => {
      const label = document.createElement("span");
      label.textContent = text;
      const icon = L.divIcon({ className: `atlas-label ${className}`, html: label, iconSize: null });
      return [L.marker([lat, lon], { icon, interactive: false, keyboard: false }), minZoom];
    });
    function show() {
      for (const [marker, minZoom] of markers) {
        if (map.getZoom() >= minZoom) marker.addTo(map);
        else marker.remove();
      }
    }
    map.on("zoomend", show);
    show();
  }

  /* A shape from the book's marker set (caucasus_atlas/style.py) as SVG: path, fill, stroke and its dashes
   * are the book's constants, never data. */
  function shapeSvg(path, fill, stroke, dashes = "none") {
    return (
      `<svg viewBox="0 0 14 14" width="16" height="16" aria-hidden="true">` +
      `<path d="${path}" fill="${fill}" stroke="${stroke}" stroke-width="1.5" stroke-dasharray="${dashes}"/></svg>`
    );
  }

  function shapeIcon(path, colour, className) {
    const html = shapeSvg(path, colour, colour);
    return L.divIcon({ className: `atlas-shape ${className}`, html, iconSize: [16, 16], iconAnchor: [8, 8] });
  }

  /* A legend, always shown, folded behind its title unless the map is wide (KEY_OPEN): fill(entry) adds its entries,
   * where entry(iconMarkup, text, wide) adds one (the icon is the book's constant SVG, the text goes in as text). */
  function legendControl(map, fill, title = "Key", position = "bottomleft") {
    const legend = L.control({ position });
    legend.onAdd = () => {
      const box = L.DomUtil.create("details", "atlas-legend");
      const summary = L.DomUtil.create("summary", "", box);
      summary.textContent = title;
      // Open on a wide map, folded on a narrower one (the book's column, a phone, a map beside the details panel), as
      // the map is now (a lazy frame may start at no width), until the reader opens or folds it.
      let chosen = false;
      summary.addEventListener("click", () => { chosen = true; });
      const fit = () => { if (!chosen) box.open = map.getContainer().clientWidth >= KEY_OPEN; };
      new ResizeObserver(fit).observe(map.getContainer());
      const list = L.DomUtil.create("ul", "", box);
      fill((icon, text, wide = false) => {
        const item = L.DomUtil.create("li", wide ? "atlas-legend-wide" : "", list);
        item.innerHTML = icon;
        item.append(text);
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    legend.addTo(map);
  }

  /* The legend of a site map: each kind's shape and colour, then how a site's state is drawn.
   * options: kinds ([label, colour, path]), closed (the label of hollow markers), planned (whether some site is
   * planned), undated (whether some site has no date to start from). */
  function siteLegend(map, options) {
    const ring = "M7 1.5A5.5 5.5 0 1 1 6.99 1.5Z";
    legendControl(map, (entry) => {
      for (const [label, colour, path] of options.kinds) entry(shapeSvg(path, colour, colour), label);
      entry(shapeSvg(ring, "none", "#555555"), options.closed, true);
      if (options.planned) {
        entry(shapeSvg(ring, "none", "#555555", "2 1.5"), "Planned (from its announcement), not confirmed in service",
          true);
      }
      if (options.undated) entry("", "Start date unknown: shown from December 1991", true);
    });
  }

  /* A line's sample for a legend: colour, width and dashes are the book's constants. */
  function lineSvg(colour, weight, dashes) {
    return (
      `<svg viewBox="0 0 24 14" width="24" height="14" aria-hidden="true"><path d="M1 7H23" stroke="${colour}" ` +
      `stroke-width="${weight}" stroke-dasharray="${dashes || "none"}"/></svg>`
    );
  }

  /* Corridors as lines, drawn from the day they opened (those no source dates, throughout) and greyed once closed;
   * a click opens the details panel. options: routes ({id, latlngs, colour, weight, dashes, from, until,
   * tooltipMarkup}), modes ([label, colour, weight]) and statuses ([label, dashes]) for the key. */
  function routeLines(map, group, options) {
    const lines = options.routes.map((route) => {
      const line = L.polyline(route.latlngs, {
        color: route.colour, weight: route.weight, dashArray: route.dashes, lineCap: "butt", interactive: true,
      });
      line.bindTooltip(route.tooltipMarkup, { sticky: true });
      line.on("click", (event) => showDetails(map, `route:${route.id}`, route.tooltipMarkup, event.latlng));
      line.route = route;
      return line;
    });
    function show(day) {
      let shown = 0;
      for (const line of lines) {
        const route = line.route;
        if (route.from && route.from > day) {
          group.removeLayer(line);
          continue;
        }
        const closed = Boolean(route.until && route.until <= day);
        line.setStyle(closed ? { color: "#777777", dashArray: "1 4" } : { color: route.colour, dashArray: route.dashes });
        group.addLayer(line);
        const element = line.getElement();
        if (element) {
          element.setAttribute("data-id", route.id);
          element.setAttribute("data-state", closed ? "closed" : "open");
        }
        shown += 1;
      }
      root.setAttribute("data-routes-shown", shown);
    }
    legendControl(map, (entry) => {
      for (const [label, colour, weight] of options.modes) entry(lineSvg(colour, weight), label);
      for (const [label, dashes] of options.statuses) entry(lineSvg("#555555", 2, dashes), label);
    }, "Key: corridors (schematic)", "bottomright");
    document.addEventListener("atlas:date", (event) => show(event.detail));
    show(currentDay() || options.asOf);
  }

  /* Show bounds ([[south, west], [north, east]]), and again whenever the frame changes size until the reader
   * moves the map: a lazily loaded frame may still be laid out at zero size when its script runs, which would
   * fit the bounds at zoom 0. */
  function fitView(map, bounds) {
    let moved = false;
    const container = map.getContainer();
    for (const type of ["mousedown", "touchstart", "wheel", "keydown"]) {
      container.addEventListener(type, () => { moved = true; }, { once: true, passive: true });
    }
    map.fitBounds(bounds);
    new ResizeObserver(() => {
      if (moved || !container.clientWidth) return;
      map.invalidateSize();
      map.fitBounds(bounds);
    }).observe(container);
  }

  /* Make a pane see-through while a tile background is switched on and some of its tiles have loaded: offline,
   * the countries stay as they are and a note says the background did not load. */
  function fadeWhenShown(map, overlay, pane, opacity) {
    let loaded = 0;
    let note = null;
    function fade() {
      const shown = map.hasLayer(overlay) && loaded > 0;
      if (map.getPane(pane)) map.getPane(pane).style.opacity = shown ? opacity : 1;
      root.setAttribute("data-tiles", !map.hasLayer(overlay) ? "off" : loaded ? "shown" : "loading");
    }
    overlay.on("tileload", () => {
      loaded += 1;
      fade();
    });
    overlay.on("load", () => {
      if (loaded || note) return;
      note = L.control({ position: "bottomright" });
      note.onAdd = () => {
        const box = L.DomUtil.create("div", "atlas-map-note");
        box.setAttribute("role", "status");
        box.textContent = "The background map did not load (no connection to openstreetmap.org?).";
        return box;
      };
      note.addTo(map);
      root.setAttribute("data-tiles", "failed");
    });
    map.on("overlayadd overlayremove", (event) => {
      if (event.layer !== overlay) return;
      if (event.type === "overlayremove" && note) {
        note.remove();
        note = null;
      }
      fade();
    });
  }

  /* ---- Time ---- */

  let shownDay = null;

  /* The day the map shows: an ISO date, set by the slider. */
  function currentDay() {
    return shownDay;
  }

  /* Every month from `first` ('YYYY-MM') to the month of `last` (ISO day), as 'YYYY-MM'. */
  function monthsFrom(first, last) {
    const months = [];
    let [year, month] = first.split("-").map(Number);
    for (let name = first; name <= last.slice(0, 7); ) {
      months.push(name);
      [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
      name = `${year}-${String(month).padStart(2, "0")}`;
    }
    return months;
  }

  // Months as the tables write them ("Sep 2008": caucasus_atlas/dates.py, strftime's %b), without Intl: building a
  // date format costs a map 17-27 ms the first time.
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /* The time bar under the map, in the manner of Our World in Data's grapher: a play button, then a month slider
   * across the frame's width with a tick and a label every few years. Each month stands for its last day (or
   * asOf); moving the slider, by pointer, touch or keyboard, or playing, sends `atlas:date`. Key events are
   * marked on the track (a click moves there) and read out with the month they fall in.
   * options: first (its first month, 'YYYY-MM'), asOf (ISO day, in its last month), label (the slider's
   * accessible name), events ([ISO date, title], as text). */
  function timeSlider(map, settings) {
    const options = { ...settings, months: monthsFrom(settings.first, settings.asOf) };
    const bar = document.createElement("div");
    bar.className = "atlas-time-bar";
    const play = document.createElement("button");
    const output = document.createElement("output");
    const slider = document.createElement("input");
    const ticks = document.createElement("datalist");
    const years = document.createElement("div");
    play.type = "button";
    slider.type = "range";
    slider.min = 0;
    slider.max = options.months.length - 1;
    slider.value = slider.max; // after max: a value above the default maximum (100) would be clipped
    slider.setAttribute("aria-label", options.label);
    ticks.id = `${map.getContainer().id}-years`;
    slider.setAttribute("list", ticks.id);
    years.className = "atlas-time-years";
    years.setAttribute("aria-hidden", "true");
    const every = options.months.length > 240 ? 5 : 2;
    options.months.forEach((month, index) => {
      if (!month.endsWith("-01") || Number(month.slice(0, 4)) % every) return;
      ticks.append(new Option("", index));
      const year = document.createElement("span");
      year.textContent = month.slice(0, 4);
      year.style.left = `${(100 * index) / (options.months.length - 1)}%`;
      years.append(year);
    });
    const marks = document.createElement("div");
    marks.className = "atlas-time-events";
    marks.setAttribute("aria-hidden", "true"); // the slider's value text reads them out
    const eventsIn = {};
    for (const [day, title] of options.events) {
      const index = options.months.indexOf(day.slice(0, 7));
      if (index >= 0) (eventsIn[index] = eventsIn[index] || []).push(`${day}: ${title}`);
    }
    for (const [index, titles] of Object.entries(eventsIn)) {
      const mark = document.createElement("span"); // one mark a month, naming each of its events
      mark.title = titles.join("\n");
      mark.style.left = `${(100 * index) / (options.months.length - 1)}%`;
      mark.addEventListener("click", () => {
        stop();
        slider.value = index;
        announce();
        viewChanged();
      });
      marks.append(mark);
    }
    const track = document.createElement("div");
    track.className = "atlas-time-track";
    track.append(marks, slider, ticks, years);
    bar.append(play, output, track);
    frameLayout(map);
    stage.after(bar);

    function dayAt(index) {
      const [year, month] = options.months[index].split("-").map(Number);
      const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
      return last < options.asOf ? last : options.asOf;
    }
    function announce() {
      shownDay = dayAt(Number(slider.value));
      output.textContent = `${MONTHS[Number(shownDay.slice(5, 7)) - 1]} ${shownDay.slice(0, 4)}`;
      const happened = (eventsIn[Number(slider.value)] || []).map((text) => text.replace(/^[\d-]+: /, ""));
      slider.setAttribute("aria-valuetext", [output.textContent, ...happened].join(": "));
      root.setAttribute("data-atlas-date", shownDay);
      document.dispatchEvent(new CustomEvent("atlas:date", { detail: shownDay }));
    }
    let timer = null;
    function showPlaying(playing) {
      play.textContent = playing ? "❚❚" : "▶";
      play.setAttribute("aria-label", playing ? "Pause" : "Play from December 1991");
      play.setAttribute("aria-pressed", String(playing));
    }
    function stop() {
      if (!timer) return;
      clearInterval(timer);
      timer = null;
      showPlaying(false);
      viewChanged();
    }
    play.addEventListener("click", () => {
      if (timer) return stop();
      if (Number(slider.value) === Number(slider.max)) slider.value = 0;
      showPlaying(true);
      timer = setInterval(() => {
        slider.value = Math.min(Number(slider.max), Number(slider.value) + 3);
        announce();
        if (Number(slider.value) === Number(slider.max)) stop();
      }, 120);
    });
    slider.addEventListener("input", () => {
      stop();
      announce();
    });
    slider.addEventListener("change", viewChanged);
    viewParts.date = {
      read: () => (Number(slider.value) === Number(slider.max) ? null : options.months[Number(slider.value)]),
      write(month) {
        const index = month ? options.months.indexOf(month) : -1;
        stop();
        slider.value = index < 0 ? slider.max : index;
        announce();
      },
    };
    showPlaying(false);
    announce();
  }

  /* Colour the countries layer by each country's status in the chosen organisation on the shown day.
   * options: segments ({country, organisation, status, start, end, claims: [[status, claimant]]}),
   * organisations ([code, name] for the picker), initial (a code), statuses ([status, labelMarkup, colour]
   * in legend order), namesMarkup (ISO3 -> markup, for every country of the map), covered (ISO3 of the states
   * whose every spell the data records: others with no spell in the chosen organisation are "not in the data"). */
  function membershipColours(map, options) {
    let chosen = options.initial;
    const colours = {};
    const labels = {};
    for (const [status, label, colour] of options.statuses) {
      colours[status] = colour;
      labels[status] = label;
    }
    const control = L.control({ position: "topright" });
    let picker = null;
    let legend = null;
    control.onAdd = () => {
      const box = L.DomUtil.create("div", "atlas-membership-control");
      const label = L.DomUtil.create("label", "", box);
      picker = document.createElement("select");
      label.append("Organisation", document.createElement("br"), picker);
      picker.style.maxWidth = "200px";
      for (const [code, name] of options.organisations) picker.add(new Option(name, code, false, code === chosen));
      legend = L.DomUtil.create("ul", "", box);
      legend.style.cssText = "list-style:none;margin:4px 0 0;padding:0";
      box.style.cssText = "background: #ffffffe6; padding: 4px 8px; font-size: 12px; max-width: 220px;";
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
    function drawLegend() {
      const used = new Set(options.segments.filter((s) => s.organisation === chosen).map((s) => s.status));
      legend.innerHTML = options.statuses
        .filter(([status]) => used.has(status))
        .map(([, label, colour]) =>
          `<li><span style="display:inline-block;width:12px;height:12px;margin-right:4px;background:${colour}"></span>` +
          `${label}</li>`)
        .join("");
    }
    function segmentOn(country, day) {
      return options.segments.find((s) =>
        s.country === country && s.organisation === chosen && s.start <= day && (!s.end || day < s.end));
    }
    function describe(country, segment) {
      const name = `<strong>${options.namesMarkup[country]}</strong>`;
      if (!segment) {
        const recorded = options.covered.includes(country) ||
          options.segments.some((s) => s.country === country && s.organisation === chosen);
        return `${name}<br>${recorded ? "not a member" : "not in the data"}`;
      }
      const claims = segment.claims.map(([status, claimant]) =>
        labels[status] + (claimant ? ` (${options.namesMarkup[claimant]}'s claim)` : ""));
      return `${name}<br>${claims.join("; ")}`;
    }
    function restyle() {
      const countries = layers.countries;
      const day = currentDay();
      if (!countries || !day) return;
      countries.eachLayer((path) => {
        const country = path.feature.properties.iso3;
        const segment = segmentOn(country, day);
        const status = segment && segment.status;
        countries.resetStyle(path);
        if (status) path.setStyle({ fillColor: colours[status], fillOpacity: 0.9 });
        path.setTooltipContent(describe(country, segment));
        const element = path.getElement();
        if (element) element.setAttribute("data-status", status || "none");
      });
      root.setAttribute("data-atlas-styled", `${chosen}@${day}`);
    }
    function choose(code) {
      chosen = code;
      picker.value = code;
      drawLegend();
      restyle();
    }
    picker.addEventListener("change", () => {
      choose(picker.value);
      viewChanged();
    });
    viewParts.org = {
      read: () => (chosen === options.initial ? null : chosen),
      write: (code) => choose(options.organisations.some(([known]) => known === code) ? code : options.initial),
    };
    document.addEventListener("atlas:date", restyle);
    document.addEventListener("atlas:layer", restyle);
    drawLegend();
    restyle();
  }

  /* Breakaway and occupied areas drawn only while held: spans maps an area's id to [since, ended] (ISO dates,
   * null where open or undated). An area's path gets data-held, for tests. */
  function areasByDate(spans) {
    function show() {
      const areas = layers.disputed;
      const day = currentDay();
      if (!areas || !day) return;
      areas.eachLayer((path) => {
        const [since, ended] = spans[path.feature.properties.id] || [null, null];
        const held = (!since || since <= day) && (!ended || day < ended);
        const element = path.getElement();
        if (!element) return;
        element.style.display = held ? "" : "none";
        element.setAttribute("data-held", String(held));
      });
    }
    document.addEventListener("atlas:date", show);
    document.addEventListener("atlas:layer", show);
    show();
  }

  /* Sites as shaped markers, one group per kind, as they stood on the shown day: not yet there, hidden; present,
   * filled; closed by then, hollow and grey; planned, hollow and dashed, from the plan's announcement. A site
   * with no date to start from (no source dates it) is shown from the start, and the legend says so. A click
   * opens the site's facts and sources in the details panel. options: sites ({id, lat, lon, kind, colour,
   * path, from, closed, planned, tooltipMarkup}), asOf (the day shown before the slider
   * speaks). Markers take no Tab stop: the table below the map lists every site. */
  function siteLayer(map, groups, options) {
    let selected = null;
    function mark(marker) {
      const element = marker.getElement();
      if (element) element.toggleAttribute("data-selected", marker === selected);
    }
    function select(marker) {
      if (marker === selected) return;
      const previous = selected;
      selected = marker;
      if (previous) mark(previous);
      if (!marker) {
        root.removeAttribute("data-atlas-selected");
        return detailsPanel(map).hide();
      }
      mark(marker);
      root.setAttribute("data-atlas-selected", marker.site.id);
      const title = `<strong>${marker.site.tooltipMarkup}</strong>`;
      showDetails(map, `site:${marker.site.id}`, title, marker.getLatLng(), () => {
        if (selected !== marker) return;
        selected = null;
        mark(marker);
        root.removeAttribute("data-atlas-selected");
        viewChanged();
      });
    }
    const markers = options.sites.map((site) => {
      const icon = shapeIcon(site.path, site.colour, "site-marker");
      const marker = L.marker([site.lat, site.lon], { icon, keyboard: false, riseOnHover: true });
      marker.bindTooltip(site.tooltipMarkup, { direction: "top", offset: [0, -8] });
      marker.on("click", () => {
        select(marker);
        viewChanged();
      });
      marker.site = site;
      return marker;
    });
    viewParts.site = {
      read: () => (selected ? selected.site.id : null),
      write: (id) => select(markers.find((marker) => marker.site.id === id) || null),
    };
    function show(day) {
      let shown = 0;
      for (const marker of markers) {
        const site = marker.site;
        const group = groups[site.kind];
        if (site.from && site.from > day) {
          group.removeLayer(marker);
          continue;
        }
        const closed = Boolean(site.closed && site.closed <= day);
        group.addLayer(marker);
        const element = marker.getElement();
        if (element) {
          element.setAttribute("data-id", site.id);
          element.setAttribute("data-state", closed ? "closed" : site.planned ? "planned" : "present");
        }
        mark(marker);
        shown += 1;
      }
      root.setAttribute("data-sites-shown", shown);
    }
    document.addEventListener("atlas:date", (event) => show(event.detail));
    show(currentDay() || options.asOf);
  }

  return {
    areasByDate,
    details,
    routeLines,
    shareView,
    boundaryLayer,
    fadeWhenShown,
    fitView,
    labels,
    loadingNote,
    membershipColours,
    placeDots,
    siteLayer,
    siteLegend,
    timeSlider,
  };
})();
