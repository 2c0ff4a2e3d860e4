/* The facilitator console and the themes page. Pushes are rendered in place, with no fetch:
   participants (the count), contributions (moderation lists and counts), a dilemma's or vote's
   tallies (the results_view markup the server pushes as results_html), and structural changes:
   an activity opened, closed or edited, the session started or closed, the themes regrouped
   or edited carry their part of the page rendered by the server from the page's own templates
   (console_html, console_head_html, themes_html), swapped in here. Only a (re)connect, which
   may have missed pushes, fetches the page once. Always: what the facilitator had open and
   focused is kept, a field being typed in is never yanked (the swap waits until it is left),
   and what changed (a new open activity, new contributions, new participants) is announced
   politely to screen readers. */
(function () {
  "use strict";
  const root = document.querySelector("[data-console]");
  if (!root || typeof io === "undefined" || !window.live) return;
  const { el, fromHtml, t } = window.live;
  const REFRESH_DELAY_MS = 700;
  const COUNT_ANNOUNCE_MS = 15000; /* counts at most every 15 s: polite, not every submission */
  const themesOf = Number(root.dataset.activity || 0); /* the themes page's activity */
  let timer = null;
  const socket = io({ auth: { role: "facilitator", session_id: Number(root.dataset.session), csrf_token: window.live.csrfToken() },
    transports: ["websocket", "polling"], tryAllTransports: true });
  const status = document.getElementById("live-status");
  const announcer = document.getElementById("console-announcer");
  let lastCountAnnounced = 0;
  let countTimer = null;

  function schedule(delay) {
    if (timer) return;
    timer = setTimeout(reload, delay || REFRESH_DELAY_MS);
  }

  /* A field being typed in (in the part about to change): its owner keeps it until they leave. */
  function typingIn(part) {
    const active = document.activeElement;
    /* a checkbox is chosen, not typed in: the themes page's selection survives a swap (themes.js) */
    return Boolean(active && active.matches("input:not([type=checkbox]):not([type=radio]), textarea, select") &&
      part.contains(active));
  }

  /* What identifies the focused control across a re-render: its id, else its form's action and
     the button's text (the console's buttons are small forms without ids). */
  function focusKey(node) {
    if (!node || !root.contains(node)) return null;
    if (node.id) return { id: node.id };
    const form = node.closest("form");
    if (form) return { action: form.getAttribute("action"), text: node.textContent };
    if (node.matches("summary") && node.parentElement.id) return { summary: node.parentElement.id };
    return null;
  }

  function refocus(key) {
    if (!key) return;
    let target = null;
    if (key.id) target = document.getElementById(key.id);
    else if (key.summary) target = document.querySelector("#" + CSS.escape(key.summary) + " > summary");
    else {
      root.querySelectorAll("form").forEach((form) => {
        if (target || form.getAttribute("action") !== key.action) return;
        target = Array.from(form.querySelectorAll("button")).find((b) => b.textContent === key.text) || null;
      });
    }
    if (target && root.contains(target)) target.focus({ preventScroll: true });
  }

  function announce(text) {
    if (!announcer || !text) return;
    announcer.textContent = "";
    /* a fresh text node after a tick, so the same sentence is announced again */
    setTimeout(() => { announcer.textContent = text; }, 50);
  }

  /* The count sentence of the open activity: now, or when the quiet interval is over. */
  function announceCount() {
    const wait = lastCountAnnounced + COUNT_ANNOUNCE_MS - Date.now();
    if (wait > 0) {
      if (!countTimer) countTimer = setTimeout(() => { countTimer = null; announceCount(); }, wait);
      return;
    }
    const current = root.querySelector("[data-current]");
    const parts = [];
    if (current && current.dataset.announceCount) parts.push(current.dataset.announceCount);
    if (root.dataset.announceJoined) parts.push(root.dataset.announceJoined);
    lastCountAnnounced = Date.now();
    announce(parts.join(". "));
  }

  function describeChange(before, after) {
    if (before.current !== after.current && after.current) {
      const current = root.querySelector("[data-current]");
      announce(current ? current.dataset.announceOpen : "");
      lastCountAnnounced = Date.now();
    } else if (before.count !== after.count || before.joined !== after.joined) {
      announceCount();
    }
  }

  function snapshot() {
    const current = root.querySelector("[data-current]");
    return { current: current ? current.dataset.current : "", count: current ? current.dataset.count : "",
      joined: root.dataset.joined || "" };
  }

  /* Server-rendered parts swapped in: [data-console] (the page), its activities
     ([data-console-main]) and the session's head ([data-console-head]), each replaced by its fresh
     markup; the forms get this page's CSRF token (a pushed part carries nobody's). */
  const parts = new Map(); /* part -> markup waiting for a field to be left */

  function swap(part, fresh) {
    if (!part || !fresh) return;
    if (typingIn(part)) { parts.set(part, fresh); return; } /* don't yank a field from under the cursor */
    parts.delete(part);
    const before = snapshot();
    const open = {};
    part.querySelectorAll("details[id]").forEach((d) => { open[d.id] = d.open; });
    const key = focusKey(document.activeElement);
    const status = document.getElementById("live-status");
    const said = status ? status.textContent : null;
    const newCurrent = fresh.querySelector("[data-current]");
    const moved = part.contains(root.querySelector("[data-current]")) &&
      before.current !== (newCurrent ? newCurrent.dataset.current : "");
    if (fresh.attributes) Array.from(fresh.attributes).forEach((attr) => part.setAttribute(attr.name, attr.value));
    fresh.querySelectorAll('input[name="csrf_token"]').forEach((input) => { input.value = window.live.csrfToken(); });
    part.replaceChildren(...fresh.childNodes);
    const again = document.getElementById("live-status");
    if (again && said !== null) again.textContent = said; /* the head's status is the socket's */
    /* details the facilitator opened or closed stay so */
    part.querySelectorAll("details[id]").forEach((d) => { if (d.id in open) d.open = open[d.id]; });
    refocus(key);
    part.dispatchEvent(new CustomEvent("live:swapped", { bubbles: true })); /* themes.js restores its state */
    describeChange(before, snapshot());
    /* a new open activity (here or from another console) comes first: show it */
    if (moved && newCurrent && window.scrollY > 0 && !root.contains(document.activeElement)) {
      const current = root.querySelector("[data-current]");
      if (current) current.scrollIntoView({ block: "start" });
    }
  }
  document.addEventListener("focusout", () => setTimeout(() => {
    parts.forEach((fresh, part) => {
      if (!part.isConnected) parts.delete(part); /* replaced meanwhile by a reconnect's page */
      else if (!typingIn(part)) swap(part, fresh);
    });
  }, 0));

  /* A pushed part's markup (server-rendered, escaped) as a node to swap in. */
  function pushed(html) {
    return typeof html === "string" ? el("div", {}, [fromHtml(html)]) : null;
  }

  /* After a (re)connect: the page once, fetched (pushes sent before this socket joined its
     room would otherwise be missing). */
  function reload() {
    timer = null;
    if (typingIn(document.body) && (themesOf || root.contains(document.activeElement))) {
      schedule(); /* don't yank a field from under the facilitator's cursor */
      return;
    }
    held = [];
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then((response) => response.ok ? response.text() : Promise.reject(response.status))
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        const head = document.querySelector("[data-console-head]");
        if (head) swap(head, page.querySelector("[data-console-head]"));
        swap(root, page.querySelector("[data-console]"));
      })
      .catch(() => schedule())
      .finally(release);
  }

  /* Pushes that arrive while a re-render is on its way are applied after the swap, so none is
     lost to a page rendered just before it (the handlers are idempotent: absolute values, ids). */
  let held = null;
  function release() {
    const replay = held || [];
    held = null;
    replay.forEach(([handler, data]) => handler(data));
  }
  function onPush(name, handler) {
    socket.on(name, (data) => { if (held) held.push([handler, data]); else handler(data); });
  }

  /* Back from moderating or saving notes in a line's details (the server sends the browser to
     #aktivitet-N): open those details again, so the facilitator carries on where they were. */
  function openTargetLine() {
    const target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    const details = target && target.matches("li.activity.line") ? target.querySelector("details.line-more") : null;
    if (details) { details.open = true; target.scrollIntoView({ block: "start" }); }
  }
  openTargetLine();

  /* --- pushes, rendered in place ------------------------------------------------------------ */

  function plural(key, n) {
    return t(key + (n === 1 ? "_one" : "_many"), { n: n });
  }

  function byActivity(attribute, activityId) {
    return root.querySelector("[" + attribute + '="' + activityId + '"]');
  }

  /* Where an activity's details are: the open activity's section, else its line's details. */
  function detailsOf(activityId) {
    return byActivity("data-current", activityId) || document.getElementById("detaljer-" + activityId);
  }

  function itemIn(list, id) {
    return list ? list.querySelector(':scope > li[data-id="' + id + '"]') : null;
  }

  /* Replace a node, keeping the focus on the "same" control if it was inside. */
  function replaceKeepingFocus(old, fresh) {
    const key = old.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    old.replaceWith(fresh);
    refocus(key);
  }

  /* "12 bidrag" / "12 har svaret" wherever the page says it, and the announcement's sentence. */
  function setCount(activityId, count) {
    const nodes = root.querySelectorAll('[data-count-text="' + activityId + '"]');
    nodes.forEach((node) => {
      node.dataset.count = count;
      node.textContent = plural("vote" in node.dataset ? "count_answers" : "count_text", count) /* a vote counts answers */;
    });
    const current = byActivity("data-current", activityId);
    if (!current || !nodes.length || current.dataset.count === String(count)) return;
    current.dataset.count = count;
    current.dataset.announceCount = current.dataset.title + ": " + nodes[0].textContent;
    announceCount();
  }

  function countOf(activityId) {
    const node = byActivity("data-count-text", activityId);
    return node ? { count: Number(node.dataset.count), vote: "vote" in node.dataset } : null;
  }

  function groupName(label) {
    const key = "label:" + label;
    return t(key) !== key ? t(key) : label;
  }

  /* A moderation button: a real POST form, as the server renders it (post_button). */
  function moderateForm(id, action, label) {
    const url = root.dataset.moderateUrl.replace("{id}", id).replace("{action}", action);
    return el("form", { method: "post", action: url, className: "inline" }, [
      el("input", { type: "hidden", name: "csrf_token", value: window.live.csrfToken() }),
      el("button", { className: "button small", text: label })]);
  }

  /* Same markup as the moderation list in templates/facilitate/console.html (details_body). */
  function moderationItem(c) {
    const group = c.group ? groupName(c.group) : "";
    const endorsements = c.endorsements || 0;
    const note = [group, endorsements ? plural("agree", endorsements) : ""].filter(Boolean).join(" · ");
    const space = () => document.createTextNode(" ");
    const body = el("span", {}, [
      c.highlighted ? el("span", { className: "tag highlight", text: "★ " + t("highlighted") }) : null,
      c.highlighted ? space() : null,
      c.side_label ? el("strong", { text: c.side_label + ":" }) : null,
      c.side_label ? space() : null,
      document.createTextNode(c.text + " "),
      el("small", { className: "muted", "data-group": group, "data-endorsements": endorsements, text: note })]);
    const actions = el("span", { className: "actions" }, [
      c.highlighted ? moderateForm(c.id, "unhighlight", t("unhighlight")) : moderateForm(c.id, "highlight", t("highlight")),
      space(), moderateForm(c.id, "hide", t("hide"))]);
    return el("li", { "data-id": c.id, className: c.highlighted ? "highlighted" : null }, [body, space(), actions]);
  }

  /* What an item shows, read back from its markup (the server's or moderationItem's). */
  function itemState(item) {
    const body = item.firstElementChild;
    const small = body.querySelector("small");
    const strong = body.querySelector(":scope > strong");
    const text = Array.from(body.childNodes).filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent).join("").trim();
    return { id: Number(item.dataset.id), text: text, side_label: strong ? strong.textContent.replace(/:$/, "") : "",
      group: small ? small.dataset.group : "", endorsements: small ? Number(small.dataset.endorsements || 0) : 0,
      highlighted: item.classList.contains("highlighted") };
  }

  /* "Ingen bidrag endnu." exactly while the list has no items. */
  function markEmpty(list) {
    const placeholder = list.querySelector(":scope > li:not([data-id])");
    if (list.querySelector(":scope > li[data-id]")) { if (placeholder) placeholder.remove(); }
    else if (!placeholder) list.appendChild(el("li", { className: "muted", text: t("no_contributions") }));
  }

  /* "skjulte bidrag": the details under the list and the line's summary say how many. */
  function updateHidden(activityId) {
    const list = byActivity("data-hidden-list", activityId);
    const n = list ? list.children.length : 0;
    const box = document.getElementById("skjulte-" + activityId);
    if (box) {
      box.hidden = n === 0;
      box.querySelector("summary").textContent = plural("hidden", n);
    }
    const short = byActivity("data-hidden-count", activityId);
    if (short) short.textContent = n ? " · " + plural("hidden_short", n) : "";
  }

  /* A hidden contribution leaves the list for "skjulte bidrag" (oldest first, as rendered). */
  function moveToHidden(item, activityId) {
    const state = itemState(item);
    const list = item.parentNode;
    item.remove();
    markEmpty(list);
    const hidden = byActivity("data-hidden-list", activityId);
    if (!hidden) return;
    const entry = el("li", { "data-id": state.id }, [el("span", { className: "muted", text: state.text }),
      document.createTextNode(" "), moderateForm(state.id, "unhide", t("unhide"))]);
    const later = Array.from(hidden.children).find((li) => Number(li.dataset.id) > state.id);
    hidden.insertBefore(entry, later || null);
    updateHidden(activityId);
  }

  /* Shown again after hiding: back in the list, newest first; a dilemma's reasons are redrawn
     by the results:updated that follows; a statement's group comes with the next render. */
  function moveBack(hidden, data) {
    const text = hidden.querySelector("span") ? hidden.querySelector("span").textContent : "";
    hidden.remove();
    updateHidden(data.activity_id);
    const list = byActivity("data-moderation", data.activity_id);
    if (!list || itemIn(list, data.id)) return;
    const item = moderationItem({ id: data.id, text: typeof data.text === "string" ? data.text : text,
      highlighted: data.highlighted, endorsements: data.endorsements });
    const older = Array.from(list.querySelectorAll(":scope > li[data-id]")).find((li) => Number(li.dataset.id) < data.id);
    list.insertBefore(item, older || null);
    markEmpty(list);
  }

  /* Same markup as the "Venter på godkendelse" list (pending in _console_main.html). */
  function pendingItem(c) {
    const short = c.text.length > 60 ? c.text.slice(0, 57) + "..." : c.text;
    const button = (action, label, className) => el("button", { className: className, name: "item", value: action + ":" + c.id },
      [document.createTextNode(label), el("span", { className: "sr-only", text: " – " + short })]);
    return el("li", { "data-id": c.id }, [
      el("label", {}, [el("input", { type: "checkbox", name: "contribution_ids", value: String(c.id) }), document.createTextNode(" " + c.text)]),
      c.held_word ? document.createTextNode(" ") : null,
      c.held_word ? el("small", { className: "tag filtered", text: t("filtered", { word: c.held_word }) }) : null,
      document.createTextNode(" "),
      el("span", { className: "actions" }, [button("approve", t("approve"), "button small primary"), document.createTextNode(" "),
        button("hide", t("hide"), "button small")])]);
  }

  function updatePending(activityId) {
    const list = byActivity("data-pending-list", activityId);
    if (!list) return;
    const n = list.children.length;
    const box = document.getElementById("venter-" + activityId);
    if (box) box.hidden = n === 0;
    const count = byActivity("data-pending-count", activityId);
    if (count) count.textContent = String(n);
  }

  /* A held contribution arrives (or an edit holds it again): into the list that waits. */
  function addPending(c) {
    const list = byActivity("data-pending-list", c.activity_id);
    if (!list || itemIn(list, c.id)) return;
    list.appendChild(pendingItem(c)); /* oldest first, as rendered */
    updatePending(c.activity_id);
  }

  /* Approved or hidden: it leaves the waiting list; true when it was there. */
  function leavePending(activityId, id) {
    const item = itemIn(byActivity("data-pending-list", activityId), id);
    if (!item) return false;
    item.remove();
    updatePending(activityId);
    return true;
  }

  /* The themes page counts new contributions until its next re-render. */
  function noteNew() {
    const note = root.querySelector("[data-new-since]");
    if (!note) return;
    const n = Number(note.dataset.newSince || 0) + 1;
    note.dataset.newSince = n;
    note.textContent = plural("new_since", n);
    note.hidden = false;
  }

  onPush("contribution:added", (c) => {
    if (themesOf) { if (c.activity_id === themesOf && !c.held) noteNew(); return; }
    const list = byActivity("data-moderation", c.activity_id);
    if (itemIn(list, c.id)) return; /* already rendered (a re-render raced the push) */
    const approved = leavePending(c.activity_id, c.id); /* counted when it arrived */
    const known = countOf(c.activity_id);
    if (known && !approved) setCount(c.activity_id, known.count + 1);
    if (c.held) { addPending(c); return; }
    if (list && c.text && !c.hidden) {
      list.insertBefore(moderationItem(c), list.firstChild); /* newest first */
      markEmpty(list);
    }
  });

  onPush("contribution:changed", (data) => {
    if (themesOf) { if (data.activity_id === themesOf && data.hidden) schedule(); return; } /* see below */
    const item = itemIn(byActivity("data-moderation", data.activity_id), data.id);
    if (data.held) { if (item) { item.remove(); schedule(); } return; } /* held again: re-render */
    if (leavePending(data.activity_id, data.id)) { if (data.hidden) schedule(); return; }
    if (data.hidden) { if (item) moveToHidden(item, data.activity_id); return; }
    const hidden = itemIn(byActivity("data-hidden-list", data.activity_id), data.id);
    if (hidden) { moveBack(hidden, data); return; }
    if (!item) return;
    const state = Object.assign(itemState(item), { highlighted: data.highlighted, endorsements: data.endorsements });
    if (typeof data.text === "string") state.text = data.text;
    replaceKeepingFocus(item, moderationItem(state));
  });

  onPush("contribution:removed", (data) => {
    /* The themes page: a theme's members are only the server's to count down (rare: a
       withdrawal or a hidden statement), so the page is fetched again. */
    if (themesOf) { if (data.activity_id === themesOf) schedule(); return; }
    const list = byActivity("data-moderation", data.activity_id);
    const item = itemIn(list, data.id);
    if (item) { item.remove(); markEmpty(list); }
    const hidden = itemIn(byActivity("data-hidden-list", data.activity_id), data.id);
    if (hidden) { hidden.remove(); updateHidden(data.activity_id); }
    const known = countOf(data.activity_id);
    /* a statement's count goes down here (once: it was listed); a vote's comes with its results */
    if (known && (item || hidden) && !known.vote) setCount(data.activity_id, Math.max(known.count - 1, 0));
  });

  /* A vote's tallies (and a dilemma's reasons): the bridge sends results:updated for votes
     only; statements arrive one by one above. */
  onPush("results:updated", (data) => {
    if (themesOf) return;
    const box = detailsOf(data.activity_id);
    if (!box) return;
    const view = box.querySelector(".results");
    if (view && data.results_html) {
      const key = view.contains(document.activeElement) ? focusKey(document.activeElement) : null;
      const fresh = fromHtml(data.results_html); /* the results_view macro's */
      /* a word cloud's "Skjul" buttons are forms: this page's token, not the fragment's */
      fresh.querySelectorAll('input[name="csrf_token"]').forEach((input) => { input.value = window.live.csrfToken(); });
      view.replaceWith(fresh);
      refocus(key);
    }
    const list = byActivity("data-moderation", data.activity_id);
    if (data.kind === "dilemma" && list) {
      const key = list.contains(document.activeElement) ? focusKey(document.activeElement) : null;
      list.replaceChildren(...data.reasons.slice().reverse().map(moderationItem));
      markEmpty(list);
      refocus(key);
    }
    /* the count includes hidden answers, as the server counts them */
    const hidden = byActivity("data-hidden-list", data.activity_id);
    const answers = data.kind === "dilemma" ? data.total : data.voters;
    setCount(data.activity_id, answers + (hidden ? hidden.children.length : 0));
  });

  onPush("participants:count", (data) => {
    if (themesOf || root.dataset.joined === String(data.joined)) return;
    root.dataset.joined = data.joined;
    root.dataset.announceJoined = plural("joined", data.joined);
    const joined = document.getElementById("joined-count");
    if (joined) joined.textContent = data.joined;
    announceCount();
  });

  /* The themes page: a grouping's state (running, done, failed) shows at once, in this page's
     language; the fresh themes follow with clusters:updated. */
  socket.on("clusters:job", (job) => {
    const box = root.querySelector("[data-cluster-job]");
    if (!box || !job || themesOf !== job.activity_id) return;
    box.textContent = job.state === "failed"
      ? t("job_failed", { reason: job.reason || t("job_unexpected") })
      : t("job_" + job.state);
    box.dataset.state = job.state;
    box.classList.toggle("error", job.state === "failed");
    box.hidden = false;
    if (job.themes_html) swap(root, pushed(job.themes_html)); /* running: progress instead of the old themes */
  });
  /* The themes as the server rendered them once for this change (cluster view and page alike). */
  socket.on("clusters:updated", (view) => {
    if (themesOf && view.activity_id === themesOf && view.themes_html) swap(root, pushed(view.themes_html));
  });
  /* themes.js saved a change and no push came (the socket is down): the page once, fetched */
  root.addEventListener("themes:stale", () => schedule(50));

  /* Structural changes carry their part of the console, rendered by the server: which
     activity is open, its buttons and the agenda (activity:changed), the session's state and
     buttons (session:changed). Every (re)connect fetches the page once: pushes sent before this
     socket joined its room would otherwise be missing. */
  const main = () => root.querySelector("[data-console-main]"); /* a reconnect's fetch replaces it */
  onPush("activity:changed", (data) => {
    if (themesOf) return;
    /* the countdown at once (its clock set on receipt), even if the part waits for a field */
    if (window.live.timer) window.live.timer.show((data.activity && data.activity.timer) || null);
    swap(main(), pushed(data.console_html));
  });
  onPush("session:changed", (data) => {
    if (themesOf) return;
    swap(document.querySelector("[data-console-head]"), pushed(data.console_head_html));
    swap(main(), pushed(data.console_html));
  });
  /* The parking lot (spørgsmål og husk): its part, rendered by the server, on every change. */
  onPush("parking:updated", (data) => {
    if (!themesOf) swap(root.querySelector("[data-console-parking]"), pushed(data.parking_html));
  });
  /* A phone's new item is announced politely once it is on the page (a swap may wait for a
     field to be left): what the fresh part lists that the console had not shown. Votes, answers
     and merges keep an item's id, so only new questions and "husk" are read out. */
  const parkingItems = () => Array.from(root.querySelectorAll("[data-console-parking] li[id^='punkt-']"));
  let parkingSeen = new Set(parkingItems().map((item) => item.id));
  document.addEventListener("live:swapped", (event) => {
    const part = root.querySelector("[data-console-parking]");
    if (themesOf || !part || !event.target.contains(part)) return;
    const items = parkingItems();
    const fresh = items.filter((item) => !parkingSeen.has(item.id));
    parkingSeen = new Set(items.map((item) => item.id));
    if (fresh.length > 1) { announce(plural("parking_new", fresh.length)); return; }
    if (!fresh.length) return;
    const text = fresh[0].querySelector(".parking-text");
    const held = fresh[0].closest("[data-parking-list='held']");
    announce(t(held ? "parking_new_held" : "parking_new_item", { text: text ? text.textContent : "" }));
  });
  socket.on("connect", () => { if (status) status.textContent = t("live"); schedule(); });

  /* The countdown's buttons (facilitate/_timer_controls.html) are plain forms; here they are
     sent with fetch and answered in JSON: a refusal is shown beside them, a change comes back
     with the push like every other (which swaps the part in). The pressed control's place
     keeps the focus: a gone button ("Pause" became "Fortsæt") hands it to the countdown's main one. */
  let timerFocus = null;
  root.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-timer-form]");
    if (!form || !window.fetch) return;
    event.preventDefault();
    const box = form.closest(".timer-controls");
    const error = box ? box.querySelector("[data-timer-error]") : null;
    const button = form.querySelector("button");
    timerFocus = { id: button && button.id, activity: box ? box.id : null };
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .catch(() => ({ ok: false }))
      .then((answer) => {
        if (error) { error.hidden = answer.ok; error.textContent = answer.ok ? "" : (answer.message || t("timer_failed")); }
        if (!answer.ok) return;
        announce(answer.message);
        if (!socket.connected) schedule(50); /* no push will come: the page once */
      });
  });
  document.addEventListener("live:swapped", () => {
    if (window.live.timer) window.live.timer.adopt(); /* the countdown as the fresh part shows it */
    if (!timerFocus || root.contains(document.activeElement)) return;
    const target = document.getElementById(timerFocus.id) ||
      (timerFocus.activity && document.querySelector("#" + CSS.escape(timerFocus.activity) + ' [id^="timer-main-"]'));
    timerFocus = null;
    if (target) target.focus({ preventScroll: true });
  });
  /* Logged out elsewhere, deactivated or a new password: the login page says what to do. */
  socket.on("session:revoked", () => window.location.reload());
  socket.on("disconnect", () => { if (status) status.textContent = t("disconnected"); });
})();

/* "Afslut session": the link opens the confirmation as a native dialog (focus goes to its
   "Fortryd", Escape closes it, focus comes back to the link); without JavaScript the link is
   the same form as a page. */
(function () {
  "use strict";
  document.querySelectorAll("[data-open-dialog]").forEach((link) => {
    const dialog = document.getElementById(link.dataset.openDialog);
    if (!dialog || typeof dialog.showModal !== "function") return;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      dialog.showModal();
    });
    dialog.querySelectorAll("[data-close-dialog]").forEach((button) => {
      button.addEventListener("click", () => dialog.close());
    });
    dialog.addEventListener("close", () => link.focus());
  });
})();
