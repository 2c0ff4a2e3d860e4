/* The facilitator console and the themes page: re-render from the server shortly after
   anything changes, keep what the facilitator had open and focused, and announce what changed
   (a new open activity, new contributions, new participants) politely to screen readers. */
(function () {
  "use strict";
  const root = document.querySelector("[data-console]");
  if (!root || typeof io === "undefined" || !window.live) return;
  const t = window.live.t;
  const REFRESH_DELAY_MS = 700;
  const COUNT_ANNOUNCE_MS = 15000; /* counts at most every 15 s: polite, not every submission */
  let timer = null;
  const socket = io({ auth: { role: "facilitator", session_id: Number(root.dataset.session), csrf_token: window.live.csrfToken() },
    transports: ["websocket", "polling"], tryAllTransports: true });
  const status = document.getElementById("live-status");
  const announcer = document.getElementById("console-announcer");
  let lastCountAnnounced = 0;
  let countTimer = null;

  function schedule() {
    if (timer) return;
    timer = setTimeout(reload, REFRESH_DELAY_MS);
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

  /* Fetch the server-rendered page and swap it in: one source of truth for the markup. */
  function reload() {
    timer = null;
    if (root.contains(document.activeElement) && document.activeElement.matches("input, textarea, select")) {
      schedule(); /* don't yank a field from under the facilitator's cursor */
      return;
    }
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then((response) => response.ok ? response.text() : Promise.reject(response.status))
      .then((html) => {
        const fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-console]");
        if (!fresh) return;
        const before = snapshot();
        const open = {};
        root.querySelectorAll("details[id]").forEach((d) => { open[d.id] = d.open; });
        const key = focusKey(document.activeElement);
        const newCurrent = fresh.querySelector("[data-current]");
        const moved = before.current !== (newCurrent ? newCurrent.dataset.current : "");
        Array.from(fresh.attributes).forEach((attr) => root.setAttribute(attr.name, attr.value));
        root.replaceChildren(...fresh.childNodes);
        /* details the facilitator opened or closed stay so */
        root.querySelectorAll("details[id]").forEach((d) => { if (d.id in open) d.open = open[d.id]; });
        refocus(key);
        describeChange(before, snapshot());
        /* a new open activity (here or from another console) comes first: show it */
        if (moved && newCurrent && window.scrollY > 0 && !root.contains(document.activeElement)) {
          const current = root.querySelector("[data-current]");
          if (current) current.scrollIntoView({ block: "start" });
        }
      })
      .catch(() => schedule());
  }

  /* Back from moderating or saving notes in a line's details (the server sends the browser to
     #aktivitet-N): open those details again, so the facilitator carries on where they were. */
  function openTargetLine() {
    const target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    const details = target && target.matches("li.activity.line") ? target.querySelector("details.line-more") : null;
    if (details) { details.open = true; target.scrollIntoView({ block: "start" }); }
  }
  openTargetLine();

  /* The themes page: a grouping's state (running, done, failed) shows at once, in this page's
     language; the fresh themes follow with the re-render this event schedules. */
  socket.on("clusters:job", (job) => {
    const box = root.querySelector("[data-cluster-job]");
    if (box && job && Number(root.dataset.activity) === job.activity_id) {
      box.textContent = job.state === "failed"
        ? t("job_failed", { reason: job.reason || t("job_unexpected") })
        : t("job_" + job.state);
      box.dataset.state = job.state;
      box.classList.toggle("error", job.state === "failed");
      box.hidden = false;
    }
    schedule();
  });

  socket.on("connect", () => { if (status) status.textContent = t("live"); schedule(); });
  /* Logged out elsewhere, deactivated or a new password: the login page says what to do. */
  socket.on("session:revoked", () => window.location.reload());
  socket.on("disconnect", () => { if (status) status.textContent = t("disconnected"); });
  ["contribution:added", "contribution:changed", "contribution:removed", "results:updated", "participants:count",
    "activity:changed", "session:changed", "clusters:updated"].forEach((name) => socket.on(name, schedule));
})();
