/* The facilitator console: re-render from the server shortly after anything changes. */
(function () {
  "use strict";
  const root = document.querySelector("[data-console]");
  if (!root || typeof io === "undefined" || !window.live) return;
  const REFRESH_DELAY_MS = 700;
  let timer = null;
  const socket = io({ auth: { role: "facilitator", session_id: Number(root.dataset.session), csrf_token: window.live.csrfToken() },
    transports: ["websocket", "polling"], tryAllTransports: true });
  const status = document.getElementById("live-status");

  function schedule() {
    if (timer) return;
    timer = setTimeout(reload, REFRESH_DELAY_MS);
  }

  /* Fetch the server-rendered console and swap it in: one source of truth for the markup. */
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
        if (fresh) root.replaceChildren(...fresh.childNodes);
      })
      .catch(() => schedule());
  }

  /* The themes page: a grouping's state (running, done, failed) shows at once; the fresh themes
     follow with the re-render that `clusters:updated` (or this event) schedules. */
  socket.on("clusters:job", (job) => {
    const box = root.querySelector("[data-cluster-job]");
    if (box && job && Number(root.dataset.activity) === job.activity_id) {
      box.textContent = job.message;
      box.dataset.state = job.state;
      box.classList.toggle("error", job.state === "failed");
      box.hidden = false;
    }
    schedule();
  });

  socket.on("connect", () => { if (status) status.textContent = "Live"; schedule(); });
  /* Logged out elsewhere, deactivated or a new password: the login page says what to do. */
  socket.on("session:revoked", () => window.location.reload());
  socket.on("disconnect", () => { if (status) status.textContent = "Forbindelsen er afbrudt – prøver igen …"; });
  ["contribution:added", "contribution:changed", "contribution:removed", "results:updated", "participants:count",
    "activity:changed", "session:changed", "clusters:updated"].forEach((name) => socket.on(name, schedule));
})();
