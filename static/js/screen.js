/* The projector: statements appear as they arrive, bars move, hidden ones vanish. */
(function () {
  "use strict";
  const root = document.getElementById("screen");
  if (!root || typeof io === "undefined" || !window.live) return;
  const { el, renderResults, statementItem, csrfToken } = window.live;
  const section = root.querySelector(".screen-activity");
  const joined = document.getElementById("joined");
  const MAX_STATEMENTS = 18;
  let activity = null;

  const auth = { role: "screen", session_id: Number(root.dataset.session) };
  if (root.dataset.token) auth.token = root.dataset.token; else auth.csrf_token = csrfToken();
  const socket = io({ auth: auth, transports: ["websocket", "polling"], tryAllTransports: true });

  socket.on("connect", refresh);
  socket.on("session:revoked", () => window.location.reload()); /* its login ended */
  socket.on("activity:changed", refresh);
  socket.on("session:changed", (data) => {
    /* Closed: a secret link is dead (the page says so); a login keeps showing the room. */
    if (data && data.state === "closed" && root.dataset.token) window.location.reload();
    else refresh();
  });
  socket.on("participants:count", (data) => { if (joined) joined.textContent = data.joined; });
  socket.on("contribution:added", (c) => {
    if (!activity || c.activity_id !== activity.id || clustered()) return;
    const list = section.querySelector(".statements");
    if (!list) return;
    const empty = list.querySelector(".empty");
    if (empty) empty.remove();
    const item = statementItem(c);
    item.classList.add("arrived");
    list.insertBefore(item, list.firstChild);
    while (list.children.length > MAX_STATEMENTS) list.lastChild.remove();
  });
  socket.on("contribution:changed", (data) => {
    if (!activity || data.activity_id !== activity.id) return;
    const item = section.querySelector('.statements [data-id="' + data.id + '"]');
    if (data.hidden && item) item.remove();
    else refresh(); /* un-hidden or endorsed: redraw from the server's truth */
  });
  socket.on("contribution:removed", (data) => {
    if (!activity || data.activity_id !== activity.id) return;
    const item = section.querySelector('.statements [data-id="' + data.id + '"]');
    if (item) item.remove();
    else if (clustered()) refresh(); /* themes count their members: redraw from the server */
  });
  socket.on("results:updated", (data) => {
    if (!activity || data.activity_id !== activity.id) return;
    const old = section.querySelector(".results");
    const fresh = renderResults(activity, data, { big: true });
    if (old) old.replaceWith(fresh); else section.appendChild(fresh);
  });
  socket.on("clusters:updated", (data) => { if (activity && data.activity_id === activity.id) refresh(); });

  function clustered() { return Boolean(section.querySelector("[data-clusters]")); }

  function refresh() {
    socket.timeout(8000).emit("state:get", (err, snapshot) => {
      if (err || !snapshot || !snapshot.ok) return;
      if (joined) joined.textContent = snapshot.joined;
      activity = snapshot.activity;
      render(snapshot);
    });
  }

  function render(snapshot) {
    section.textContent = "";
    if (!activity) {
      section.appendChild(el("p", { className: "eyebrow", text: snapshot.session.kind_label || "" }));
      section.appendChild(el("h1", { text: snapshot.session.title }));
      section.appendChild(el("p", { className: "prompt", text: "Scan QR-koden for at deltage. Vi går snart i gang." }));
      return;
    }
    const eyebrow = activity.kind_label + (activity.focus_area ? " · " + activity.focus_area : "");
    section.appendChild(el("p", { className: "eyebrow", text: eyebrow }));
    section.appendChild(el("h1", { text: activity.title }));
    if (activity.prompt) section.appendChild(el("p", { className: "prompt", text: activity.prompt }));
    if (snapshot.clusters && snapshot.clusters.clusters && snapshot.clusters.clusters.length) {
      section.appendChild(renderClusters(snapshot.clusters));
    } else {
      section.appendChild(renderResults(activity, snapshot.results, { big: true }));
    }
  }

  function renderClusters(view) {
    const grid = el("div", { className: "results clusters", "data-clusters": "", "data-density": view.density });
    view.clusters.forEach((cluster) => {
      const members = cluster.members.slice(0, 3).map((m) => el("li", { text: m.text + (m.count > 1 ? " (×" + m.count + ")" : "") }));
      grid.appendChild(el("section", { className: "cluster" + (cluster.pinned ? " pinned" : "") + (cluster.new ? " new" : "") }, [
        cluster.new ? el("p", { className: "cluster-tag", text: "Nyt tema" }) : null,
        el("h2", {}, [document.createTextNode(cluster.label + " "), el("span", { className: "cluster-count", text: String(cluster.count) })]),
        el("ul", {}, members),
      ]));
    });
    return grid;
  }
})();
