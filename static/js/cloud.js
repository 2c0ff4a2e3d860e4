/* The projector's word cloud, laid out here from the counts the server pushes (a word cloud's
   results: `words`, most written first, and `font_px`, the smallest and biggest size).

   Deterministic: no randomness, so every redraw of the same counts gives the same cloud. The
   words are placed biggest first, each at the first free place on a spiral out from the
   middle (an ellipse as wide as the cloud), so the most written are big and central; a place
   is free when the word's box, with a margin, meets no placed box and stays inside the cloud.
   When a word finds no place, every size shrinks a step (never below the smallest, which is
   readable at 8 m) and the layout starts again; what still finds no place is left out (the
   text alternative beside the cloud lists every word with its count). A word wider than the
   cloud is shrunk to fit, and below the smallest size cut with "…". */
(function (global) {
  "use strict";
  const MARGIN = 10; /* px between two words' boxes */
  const COLOURS = 6; /* .cloud-word.c0 … .c5 in app.css, each AA on the projector's ground */
  const STEP = 8; /* px along the spiral between tries */

  /* Size by count: the square root, so one word written by many does not dwarf the rest. */
  function sizer(words, minPx, maxPx) {
    const counts = words.map((w) => w.count);
    const high = Math.max.apply(null, counts);
    const low = Math.min.apply(null, counts);
    if (high === low) {
      const even = words.length === 1 ? maxPx : Math.max(minPx, Math.round(maxPx / 2));
      return () => even;
    }
    return (count) => minPx + (maxPx - minPx) * Math.sqrt((count - low) / (high - low));
  }

  function overlaps(a, b) {
    return a.x < b.x + b.width + MARGIN && b.x < a.x + a.width + MARGIN &&
      a.y < b.y + b.height + MARGIN && b.y < a.y + a.height + MARGIN;
  }

  /* The word's text and size so it fits `width`: shrunk, then cut with "…" at the smallest. */
  function fitted(text, size, minPx, width, measure) {
    let box = measure(text, size);
    if (box.width <= width) return { text: text, size: size, box: box };
    size = Math.max(minPx, size * width / box.width);
    box = measure(text, size);
    let chars = Array.from(text);
    while (box.width > width && chars.length > 1) {
      chars = chars.slice(0, -1);
      box = measure(chars.join("") + "…", size);
    }
    return { text: box.width > width ? "…" : (chars.length < Array.from(text).length ? chars.join("") + "…" : text), size: size, box: box };
  }

  /* The first free place on the spiral for a box of `box`, or null. */
  function place(box, width, height, placed) {
    const cx = width / 2, cy = height / 2;
    const stretch = width / height; /* an ellipse as wide as the cloud */
    const far = height / Math.SQRT2; /* beyond it no point of the ellipse is inside */
    let angle = 0;
    for (;;) {
      const radius = STEP * angle / Math.PI; /* two steps further out each turn */
      if (radius > far) return null;
      const spot = {
        x: Math.round(cx + radius * Math.cos(angle) * stretch - box.width / 2),
        y: Math.round(cy + radius * Math.sin(angle) - box.height / 2),
        width: box.width, height: box.height,
      };
      const inside = spot.x >= 0 && spot.y >= 0 && spot.x + spot.width <= width && spot.y + spot.height <= height;
      if (inside && !placed.some((other) => overlaps(spot, other))) return spot;
      angle += Math.min(0.5, STEP / Math.max(radius * stretch, 1));
    }
  }

  /* One try at `scale`: every word with its place (null: none found). `giveUp`: stop at the
     first word without a place (a smaller scale is tried next anyway). */
  function attempt(words, width, height, measure, fontPx, scale, giveUp) {
    const size = sizer(words, fontPx[0], fontPx[1]);
    const placed = [];
    const laid = [];
    for (let rank = 0; rank < words.length; rank += 1) {
      const word = words[rank];
      const wanted = Math.max(fontPx[0], size(word.count) * scale);
      const fit = fitted(String(word.text), wanted, fontPx[0], width, measure);
      const spot = place(fit.box, width, height, placed);
      if (!spot && giveUp) return null;
      if (spot) placed.push(spot);
      laid.push({ text: fit.text, count: word.count, rank: rank, size: fit.size, spot: spot });
    }
    return laid;
  }

  /* The layout of `words` (most written first) in a cloud of width x height; `measure(text,
     size)` gives a word's box as the page draws it. Pure apart from `measure`. */
  function layout(words, width, height, measure, fontPx) {
    if (!words.length || width <= 0 || height <= 0) return [];
    let scale = 1;
    for (;;) {
      const smallest = fontPx[1] * scale <= fontPx[0];
      const laid = attempt(words, width, height, measure, fontPx, scale, !smallest);
      if (laid) return laid;
      scale *= 0.9;
    }
  }

  /* Draw the cloud into `box` (before its list of words, which becomes the text alternative);
     returns how many words found no place. */
  function draw(box, words, fontPx) {
    let cloud = box.querySelector(".cloud");
    if (!cloud) {
      cloud = document.createElement("div");
      cloud.className = "cloud";
      cloud.setAttribute("aria-hidden", "true"); /* the list beside it says the same in words */
      box.insertBefore(cloud, box.querySelector(".cloud-list"));
    }
    box.classList.add("cloud-drawn");
    cloud.textContent = "";
    const probe = document.createElement("span");
    probe.className = "cloud-word probe";
    cloud.appendChild(probe);
    const measure = (text, size) => {
      probe.style.fontSize = size + "px";
      probe.textContent = text;
      const rect = probe.getBoundingClientRect();
      return { width: Math.ceil(rect.width), height: Math.ceil(rect.height) };
    };
    const laid = layout(words, cloud.clientWidth, cloud.clientHeight, measure, fontPx);
    probe.remove();
    let left = 0;
    laid.forEach((item) => {
      if (!item.spot) { left += 1; return; }
      const span = document.createElement("span");
      span.className = "cloud-word c" + (item.rank % COLOURS);
      span.textContent = item.text;
      span.dataset.count = String(item.count);
      span.style.fontSize = item.size + "px";
      span.style.left = item.spot.x + "px";
      span.style.top = item.spot.y + "px";
      cloud.appendChild(span);
    });
    return left;
  }

  global.wordCloud = { layout: layout, draw: draw };
})(window);
