/* The themes page at the speed of thought: every form of the live part (facilitate/_themes_live.html)
   is sent with fetch and answered in JSON (web/facilitate/theme_answers.py); the fresh themes come
   back by the live push (`clusters:updated`, swapped in by console.js), so this page, the other
   consoles and the projector show the same. Added here: drag and drop of contributions onto a
   theme, a keyboard path for the same (Space selects, M opens the picker: the theme's number or
   name, Enter moves, Esc cancels), selecting many (shift-click for a range), rename in place
   (click the heading, or Enter/F2 on it; Enter saves, Esc cancels) and Ctrl/Cmd+Z for "Fortryd".
   Selection and focus survive each swap (found again by id). Without JavaScript the same forms
   post and the page reloads. */
(function () {
  "use strict";
  const root = document.querySelector(".themes-live[data-console]");
  if (!root) return;
  document.documentElement.classList.add("themes-js");
  const stringsNode = document.getElementById("i18n-themes");
  const strings = stringsNode ? JSON.parse(stringsNode.textContent) : {};
  const message = document.getElementById("themes-message");
  const errorBox = document.getElementById("themes-error");
  const picker = document.getElementById("move-picker");
  const pickerInput = document.getElementById("move-picker-input");
  const pickerList = document.getElementById("move-picker-list");
  const pickerWhat = document.getElementById("move-picker-what");
  const PUSH_WAIT_MS = 2500; /* no push by then (socket down): console.js fetches the page */
  const selected = new Set(); /* contribution ids (strings), across swaps */
  const chosenThemes = new Set(); /* theme ids ticked for merging */
  let lastTicked = null; /* for shift-click ranges */
  let focusAfter = null; /* the id to focus once the change is swapped in, if focus was lost */
  let staleTimer = null;
  let dragged = null;

  function t(key, n) {
    const text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    return text.replace("{n}", String(n));
  }

  /* Live regions outside the swapped part: emptied, then filled a tick later, so the same
     sentence is announced again. */
  function tell(box, other, text) {
    other.textContent = "";
    box.textContent = "";
    setTimeout(() => { box.textContent = text || ""; }, 30);
  }
  const say = (text) => tell(message, errorBox, text);
  const fail = (text) => tell(errorBox, message, text);

  function stale() {
    clearTimeout(staleTimer);
    staleTimer = null;
    root.dispatchEvent(new CustomEvent("themes:stale"));
  }

  /* POST `body` as JSON-wanting fetch; `focusId`: where focus goes if the swap loses it. */
  function send(url, body, focusId) {
    body.set("csrf_token", window.live.csrfToken());
    focusAfter = focusId || null;
    return fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => {
        const type = response.headers.get("content-type") || "";
        if (!type.includes("application/json")) {
          throw new Error(response.redirected && /\/login/.test(response.url) ? "logged_out" : "failed");
        }
        return response.json();
      })
      .then((data) => {
        if (!data.ok) { fail(data.message); stale(); return false; }
        say(data.message);
        clearTimeout(staleTimer);
        staleTimer = setTimeout(stale, PUSH_WAIT_MS);
        return true;
      })
      .catch((error) => {
        fail(t(error && (error.message === "logged_out" || error.message === "failed") ? error.message : "network"));
        stale(); /* the page as the server has it: an optimistic move is put right */
        return false;
      });
  }

  const byId = (id) => (id ? document.getElementById(id) : null);
  const items = () => Array.from(root.querySelectorAll(".pick-item"));
  const sectionOf = (node) => node.closest("section.theme[data-number]");

  function updateCount() {
    const count = root.querySelector("[data-selected-count]");
    if (count) count.textContent = selected.size ? t(selected.size === 1 ? "selected_one" : "selected_many", selected.size) : "";
    root.querySelectorAll("li[data-item]").forEach((li) => li.classList.toggle("selected", selected.has(li.dataset.item)));
  }

  /* --- after each swap: the selection, the focus ------------------------------------------- */
  root.addEventListener("live:swapped", () => {
    clearTimeout(staleTimer);
    staleTimer = null;
    const present = new Set(items().map((box) => box.value));
    Array.from(selected).forEach((id) => { if (!present.has(id)) selected.delete(id); });
    items().forEach((box) => { box.checked = selected.has(box.value); });
    root.querySelectorAll('input[name="cluster_ids"]').forEach((box) => { box.checked = chosenThemes.has(box.value); });
    updateCount();
    const target = byId(focusAfter);
    const active = document.activeElement;
    if (target && root.contains(target) && (!active || active === document.body || !root.contains(active))) {
      if (!picker.open) target.focus({ preventScroll: false });
    }
    focusAfter = null;
  });

  /* --- moving ------------------------------------------------------------------------------ */
  function listOf(clusterId) {
    const section = clusterId ? root.querySelector('section[data-cluster="' + clusterId + '"]') : byId("uden-tema");
    return section ? section.querySelector(".theme-items") : null;
  }

  /* Shown at once where it goes; the push that follows draws it as the server has it. */
  function moveNow(ids, clusterId) {
    const list = listOf(clusterId);
    if (!list) return;
    ids.forEach((id) => {
      const li = byId("bidrag-" + id);
      if (!li || li.parentNode === list) return;
      const from = li.parentNode;
      list.appendChild(li);
      if (!from.querySelector("li[data-item]")) from.appendChild(Object.assign(document.createElement("li"), { className: "muted", textContent: "…" }));
    });
    list.querySelectorAll(":scope > li:not([data-item])").forEach((li) => li.remove());
  }

  function moveItems(ids, clusterId) {
    const form = byId("move-many");
    if (!form || !ids.length) return;
    const keep = document.activeElement && document.activeElement.id ? document.activeElement.id : "vaelg-" + ids[0];
    const body = new FormData();
    ids.forEach((id) => body.append("contribution_ids", id));
    body.append("cluster_id", clusterId || "");
    moveNow(ids, clusterId);
    ids.forEach((id) => selected.delete(String(id)));
    items().forEach((box) => { if (ids.includes(box.value)) box.checked = false; });
    updateCount();
    const again = byId(keep); /* a moved node loses focus: give it back */
    if (again && document.activeElement !== again) again.focus({ preventScroll: true });
    send(form.getAttribute("action"), body, keep);
  }

  /* What a move takes: the selection, else the item the focus is in. */
  function movingIds(from) {
    const li = from && from.closest ? from.closest("li[data-item]") : null;
    if (li && !selected.has(li.dataset.item)) return selected.size ? Array.from(selected).concat(li.dataset.item) : [li.dataset.item];
    return Array.from(selected);
  }

  /* --- the picker: number or name, arrows, Enter, Esc -------------------------------------- */
  let pickIds = [];
  let pickFrom = null;
  let options = [];
  let active = 0;

  function themes() {
    const list = Array.from(root.querySelectorAll("section.theme[data-number]")).map((s) => ({
      id: s.dataset.cluster, number: Number(s.dataset.number), label: s.dataset.label }));
    if (!byId("uden-tema")) list.push({ id: "", number: 0, label: t("loose") });
    return list.sort((a, b) => a.number - b.number);
  }

  function renderOptions() {
    const query = pickerInput.value.trim().toLowerCase();
    const all = themes();
    if (!query) options = all;
    else if (/^\d+$/.test(query)) options = all.filter((o) => String(o.number) === query).concat(
      all.filter((o) => String(o.number) !== query && String(o.number).startsWith(query)));
    else options = all.filter((o) => o.label.toLowerCase().includes(query));
    active = 0;
    pickerList.replaceChildren(...options.map((o, i) => {
      const li = document.createElement("li");
      li.id = "valg-" + i;
      li.setAttribute("role", "option");
      li.dataset.index = i;
      li.textContent = o.number + ". " + o.label;
      return li;
    }));
    if (!options.length) {
      const li = document.createElement("li");
      li.className = "muted";
      li.textContent = t("no_match");
      pickerList.appendChild(li);
    }
    markActive();
  }

  function markActive() {
    pickerList.querySelectorAll("[role=option]").forEach((li) => {
      const on = Number(li.dataset.index) === active;
      li.setAttribute("aria-selected", on ? "true" : "false");
      if (on) li.scrollIntoView({ block: "nearest" });
    });
    if (options.length) pickerInput.setAttribute("aria-activedescendant", "valg-" + active);
    else pickerInput.removeAttribute("aria-activedescendant");
  }

  function openPicker(ids, from) {
    if (!ids.length) { fail(t("none_selected")); return; }
    pickIds = ids;
    pickFrom = from && from.id ? from.id : null;
    pickerWhat.textContent = ids.length === 1 ? t("moving_one") : t("moving_many", ids.length);
    pickerInput.value = "";
    renderOptions();
    picker.showModal();
    pickerInput.focus();
  }

  function choose(index) {
    const option = options[index];
    if (!option) { fail(t("no_match")); return; }
    picker.close();
    const back = byId(pickFrom);
    if (back) back.focus({ preventScroll: true });
    moveItems(pickIds, option.id);
  }

  pickerInput.addEventListener("input", renderOptions);
  pickerInput.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!options.length) return;
      active = (active + (event.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
      markActive();
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(active);
    }
  });
  pickerList.addEventListener("click", (event) => {
    const li = event.target.closest("[role=option]");
    if (li) choose(Number(li.dataset.index));
  });
  picker.querySelector("[data-close]").addEventListener("click", () => picker.close());
  picker.addEventListener("close", () => {
    const back = byId(pickFrom);
    if (back && document.activeElement !== back && !back.contains(document.activeElement)) back.focus({ preventScroll: true });
  });

  /* --- rename in place --------------------------------------------------------------------- */
  function startRename(section) {
    section.classList.add("editing");
    const input = section.querySelector(".rename input[name=label]");
    input.value = section.dataset.label;
    input.focus();
    input.select();
  }

  function stopRename(section) {
    section.classList.remove("editing");
    const heading = section.querySelector(".heading-edit");
    if (heading) heading.focus();
  }

  /* --- every form of the live part: fetch ------------------------------------------------- */
  root.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
    event.preventDefault();
    const section = sectionOf(form);
    const action = form.getAttribute("action");
    let focusId = document.activeElement && document.activeElement.id ? document.activeElement.id : null;
    if (form.id === "move-many") {
      const ids = Array.from(selected);
      if (!ids.length) { fail(t("none_selected")); return; }
      moveItems(ids, form.querySelector("select").value);
      return;
    }
    const body = new FormData(form);
    if (/\/rename$/.test(action) && section) {
      const label = String(body.get("label") || "").trim();
      const heading = section.querySelector(".heading-edit");
      if (form.matches(".rename") && label === section.dataset.label) { stopRename(section); return; }
      if (heading && label) heading.textContent = label; /* shown at once; the push confirms */
      section.classList.remove("editing");
      if (heading) heading.focus();
      focusId = heading ? heading.id : focusId;
      send(action, body, focusId).then((ok) => {
        if (!ok && form.matches(".rename")) { /* what was typed is kept, to correct */
          startRename(section);
          section.querySelector(".rename input[name=label]").value = label;
        }
      });
      return;
    }
    if (/\/delete$/.test(action)) focusId = "fortryd";
    if (form.id === "merge-form") {
      const first = root.querySelector('input[name="cluster_ids"]:checked');
      focusId = first ? "overskrift-" + first.value : focusId;
      chosenThemes.clear();
    }
    if (form.matches(".move")) { /* a single item's select (shown without script only) */
      moveItems([form.closest("li[data-item]").dataset.item], body.get("cluster_id"));
      return;
    }
    send(action, body, focusId);
  });

  /* --- clicks: select, ranges, the heading, "Flyt …" --------------------------------------- */
  function setTick(box, on) {
    box.checked = on;
    if (on) selected.add(box.value); else selected.delete(box.value);
  }

  root.addEventListener("click", (event) => {
    const target = event.target;
    const heading = target.closest(".heading-edit");
    if (heading) { startRename(sectionOf(heading)); return; }
    if (target.closest("[data-cancel]")) {
      const section = sectionOf(target);
      section.querySelector(".rename input[name=label]").value = section.dataset.label;
      stopRename(section);
      return;
    }
    const moveButton = target.closest(".move-button");
    if (moveButton) { openPicker(movingIds(moveButton), moveButton); return; }
    const label = target.closest("label.item-text");
    const box = target.matches(".pick-item") ? target : null;
    if ((box || label) && event.shiftKey && lastTicked) {
      const all = items();
      const here = box || byId(label.getAttribute("for"));
      const [a, b] = [all.indexOf(byId(lastTicked)), all.indexOf(here)].sort((x, y) => x - y);
      if (a >= 0 && b >= 0) {
        if (label) event.preventDefault();
        all.slice(a, b + 1).forEach((other) => setTick(other, true));
        updateCount();
        lastTicked = here.id;
        return;
      }
    }
    if (box) lastTicked = box.id;
  });

  root.addEventListener("change", (event) => {
    const box = event.target;
    if (box.matches(".pick-item")) { setTick(box, box.checked); updateCount(); }
    else if (box.matches('input[name="cluster_ids"]')) {
      if (box.checked) chosenThemes.add(box.value); else chosenThemes.delete(box.value);
    }
  });

  /* --- drag and drop ----------------------------------------------------------------------- */
  function zoneOf(node) {
    const section = node && node.closest ? node.closest("section.theme[data-number]") : null;
    return section && section.querySelector(".theme-items") ? section : null;
  }
  function clearZones() { root.querySelectorAll(".drop-target").forEach((z) => z.classList.remove("drop-target")); }

  root.addEventListener("dragstart", (event) => {
    const li = event.target.closest ? event.target.closest("li[data-item]") : null;
    if (!li) return;
    dragged = selected.has(li.dataset.item) ? Array.from(selected) : [li.dataset.item];
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.join(","));
    li.classList.add("dragging");
  });
  root.addEventListener("dragover", (event) => {
    const zone = zoneOf(event.target);
    if (!zone || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!zone.classList.contains("drop-target")) { clearZones(); zone.classList.add("drop-target"); }
  });
  root.addEventListener("drop", (event) => {
    const zone = zoneOf(event.target);
    const ids = dragged;
    dragged = null;
    clearZones();
    if (!zone || !ids) return;
    event.preventDefault();
    const moving = ids.filter((id) => { const li = byId("bidrag-" + id); return li && sectionOf(li) !== zone; });
    if (moving.length) moveItems(moving, zone.dataset.cluster);
  });
  root.addEventListener("dragend", () => {
    dragged = null;
    clearZones();
    root.querySelectorAll(".dragging").forEach((li) => li.classList.remove("dragging"));
  });

  /* --- keys -------------------------------------------------------------------------------- */
  const typing = (node) => Boolean(node && node.matches &&
    node.matches("input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable]"));

  document.addEventListener("keydown", (event) => {
    if (picker.open || event.defaultPrevented) return;
    const target = event.target;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "z") {
      if (typing(target)) return; /* the field's own undo */
      event.preventDefault();
      const form = byId("undo-form");
      if (!form) return;
      send(form.getAttribute("action"), new FormData(form), target && target.id ? target.id : "fortryd");
      return;
    }
    const section = target.closest ? sectionOf(target) : null;
    if (event.key === "Escape" && section && target.matches(".rename input")) {
      event.preventDefault();
      target.value = section.dataset.label;
      stopRename(section);
      return;
    }
    if (typing(target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "F2" && target.matches(".heading-edit")) {
      event.preventDefault();
      startRename(section);
    } else if (event.key === "Enter" && target.matches(".pick-item")) {
      event.preventDefault(); /* Enter selects as Space does */
      target.click();
    } else if (event.key === "m" || event.key === "M") {
      event.preventDefault();
      openPicker(movingIds(target), target);
    }
  });

  updateCount();
})();
