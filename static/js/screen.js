/* The projector: statements appear as they arrive, bars move, hidden ones vanish. Tallies
   arrive only once the facilitator shows them (or the activity has live results); until then
   the room sees how many have answered. Words come from the page (live.t), never from here. */
(function () {
  "use strict";
  const root = document.getElementById("screen");
  if (!root || typeof io === "undefined" || !window.live) return;
  const { el, renderResults, statementItem, moreNote, kindName, csrfToken, t } = window.live;
  const section = root.querySelector(".screen-activity");
  const joined = document.getElementById("joined");
  const announcer = document.getElementById("screen-announce");
  const MAX_STATEMENTS = 18;
  const MAX_NEW = 6; /* "Nye bidrag" after grouping: payloads.WALL_NEW */
  let activity = null;
  const hiddenHere = new Set(); /* statements hidden while this screen watched: their un-hiding redraws */

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
  socket.on("responses:count", (data) => {
    /* results hidden: only how many have answered */
    if (!activity || data.activity_id !== activity.id) return;
    const line = section.querySelector(".hidden-results .answered");
    if (line) line.textContent = t("answered_hidden", { n: data.responses });
  });
  socket.on("contribution:added", (c) => {
    if (!activity || c.activity_id !== activity.id) return;
    if (clustered()) { addNew(c); return; }
    const list = section.querySelector(".statements");
    if (!list) return;
    const empty = list.querySelector(".empty");
    if (empty) empty.remove();
    const item = statementItem(c);
    item.classList.add("arrived");
    list.insertBefore(item, list.firstChild);
    let dropped = 0;
    while (list.children.length > MAX_STATEMENTS) { list.lastChild.remove(); dropped += 1; }
    bumpMore(list.parentNode, dropped);
    fit(list);
  });
  /* Endorsed, corrected, highlighted, hidden: the statement on the wall changes in place. */
  socket.on("contribution:changed", (data) => {
    if (!activity || data.activity_id !== activity.id) return;
    const item = section.querySelector('.statements [data-id="' + data.id + '"]');
    if (data.hidden) {
      hiddenHere.add(data.id);
      const gone = dropFromWall(data.id);
      if (!gone && clustered()) refresh(); /* a theme counts it: see contribution:removed */
      return;
    }
    if (hiddenHere.delete(data.id)) { refresh(); return; } /* shown again: its place comes from the server */
    if (!item) return; /* not on the wall (older than what fits): nothing to redraw */
    const text = typeof data.text === "string" ? data.text : item.firstChild.textContent;
    const fresh = statementItem({ id: data.id, text: text, endorsements: data.endorsements });
    fresh.className = item.className;
    item.replaceWith(fresh);
  });
  /* A withdrawn statement leaves the wall in place. On a grouped wall a theme counts it, and
     the wall (cut to fit) does not carry every member's id, so only the server can count the
     theme down: a redraw, only then (withdrawals are rare), unless it was among "Nye bidrag". */
  socket.on("contribution:removed", (data) => {
    if (!activity || data.activity_id !== activity.id) return;
    if (!dropFromWall(data.id) && clustered()) refresh();
  });
  socket.on("results:updated", (data) => {
    if (!activity || data.activity_id !== activity.id) return;
    if (clustered() && activity.kind !== "dilemma") return; /* the themes are the wall */
    const old = section.querySelector(".results:not([data-clusters])");
    const fresh = renderResults(activity, data, { big: true });
    if (old) old.replaceWith(fresh); else section.appendChild(fresh);
    fitAll();
  });
  /* The themes, as the server cut them for the wall (payloads.screen_clusters_payload): drawn
     from the push itself, no snapshot. */
  socket.on("clusters:updated", (view) => {
    if (!activity || view.activity_id !== activity.id) return;
    const grid = section.querySelector("[data-clusters]");
    const box = section.querySelector("[data-new]");
    if (!(view.clusters && view.clusters.length)) {
      if (!grid) return;
      /* every theme removed: a dilemma keeps its bars; a statement wall needs its list again,
         which only the snapshot has (rare: the facilitator deleted the themes) */
      if (activity.kind !== "dilemma") { refresh(); return; }
      grid.remove();
      if (box) box.remove();
      return;
    }
    const nodes = renderClusters(view);
    if (grid) {
      grid.replaceWith(nodes[0]);
      if (box) box.replaceWith(nodes[1]); else nodes[0].after(nodes[1]);
    } else {
      /* the first grouping: the themes replace a statement wall; a dilemma keeps its bars */
      const list = section.querySelector(".results:not([data-clusters])");
      if (list && activity.kind !== "dilemma") list.remove();
      nodes.forEach((node) => section.appendChild(node));
    }
    fitAll();
  });

  function clustered() { return Boolean(section.querySelector("[data-clusters]")); }

  /* Take a statement off the wall (its list, or "Nye bidrag"); false if it was not there. */
  function dropFromWall(id) {
    const items = section.querySelectorAll('.statements [data-id="' + id + '"], [data-new] li[data-id="' + id + '"]');
    items.forEach((item) => item.remove());
    return items.length > 0;
  }

  function announce(text) { if (announcer) announcer.textContent = text; }

  /* "+ N flere bidrag": count the items a list has dropped. */
  function bumpMore(box, dropped) {
    const note = box && box.querySelector(":scope > .more");
    if (!note || !dropped) return;
    const count = Number(note.dataset.more || 0) + dropped;
    note.dataset.more = count;
    note.textContent = t("more_contributions", { n: count });
    note.hidden = false;
  }

  /* Nothing clipped: drop the oldest items that do not fit, and count them. */
  function fit(list) {
    if (!list) return;
    const box = list.closest(".results, .new-contributions") || list.parentNode;
    let dropped = 0;
    /* Two columns of bounded height overflow sideways, not downwards: check both. */
    const overflows = () => box.scrollHeight > box.clientHeight + 1 || list.scrollWidth > list.clientWidth + 1;
    while (list.children.length > 1 && overflows()) {
      list.lastChild.remove();
      dropped += 1;
    }
    bumpMore(list.parentNode, dropped);
  }

  /* A long vote: the lowest-ranked topics that do not fit give way to "+ N emner mere". */
  function fitTopics(list) {
    let dropped = 0;
    while (list.children.length > 1 && list.scrollHeight > list.clientHeight + 1) {
      list.lastChild.remove();
      dropped += 1;
    }
    if (dropped) list.after(el("p", { className: "more", text: t("more_topics", { n: dropped }) }));
  }

  function fitAll() {
    section.querySelectorAll(".statements.big, .new-contributions ul").forEach(fit);
    section.querySelectorAll(".results > .topics").forEach(fitTopics);
    const grid = section.querySelector("[data-clusters]");
    if (grid) fitThemes(grid);
  }

  /* Themes that do not fit: first fewer examples ("+ N flere" grows), then fewer themes
     ("+ N temaer mere" grows). Nothing is cut off halfway, nothing goes unmentioned. */
  function fitThemes(grid) {
    const over = () => grid.scrollHeight > grid.clientHeight + 1;
    let guard = 200;
    while (over() && guard-- > 0) {
      const examples = Array.from(grid.querySelectorAll(".cluster li"));
      if (examples.length) {
        const last = examples.reduce((a, b) => (b.parentNode.children.length >= a.parentNode.children.length ? b : a));
        const theme = last.closest(".cluster");
        const list = last.parentNode;
        last.remove();
        if (!list.children.length) list.remove();
        let more = theme.querySelector(".more");
        if (!more) { more = el("p", { className: "more", "data-more": 0 }); theme.appendChild(more); }
        more.dataset.more = Number(more.dataset.more || 0) + Number(last.dataset.count || 1);
        more.textContent = t("more_examples", { n: more.dataset.more });
        continue;
      }
      const themes = grid.querySelectorAll(".cluster");
      if (themes.length <= 1) break;
      themes[themes.length - 1].remove();
      let note = grid.querySelector(".more-themes");
      if (!note) { note = el("p", { className: "more more-themes", "data-more": 0 }); grid.appendChild(note); }
      note.dataset.more = Number(note.dataset.more || 0) + 1;
      note.textContent = t("more_themes", { n: note.dataset.more });
    }
  }

  /* A contribution after grouping: it fits no theme yet, so it shows under "Nye bidrag". */
  function addNew(c) {
    const box = section.querySelector("[data-new]");
    if (!box || !c.text) return;
    const list = box.querySelector("ul");
    box.hidden = false;
    const item = el("li", { "data-id": c.id, className: "arrived", text: c.text });
    list.insertBefore(item, list.firstChild);
    let dropped = 0;
    while (list.children.length > MAX_NEW) { list.lastChild.remove(); dropped += 1; }
    bumpMore(box, dropped);
    fitAll(); /* the box may just have appeared: the themes above get less room */
  }

  function refresh() {
    socket.timeout(8000).emit("state:get", (err, snapshot) => {
      if (err || !snapshot || !snapshot.ok) return;
      if (joined) joined.textContent = snapshot.joined;
      const before = activity;
      activity = snapshot.activity;
      if (activity && (!before || before.id !== activity.id)) {
        announce(t("announce_activity", { title: activity.title }));
      } else if (activity && before && before.results_visible !== activity.results_visible) {
        announce(activity.results_visible ? t("announce_revealed", { title: activity.title }) : t("announce_hidden"));
      }
      render(snapshot);
    });
  }

  function render(snapshot) {
    section.textContent = "";
    if (!activity) {
      section.appendChild(el("p", { className: "eyebrow", text: t("session_kind") === "session_kind" ? "" : t("session_kind") }));
      section.appendChild(el("h1", { text: snapshot.session.title }));
      section.appendChild(el("p", { className: "prompt", text: t("waiting") }));
      return;
    }
    const eyebrow = kindName(activity.kind) + (activity.focus_area ? " · " + activity.focus_area : "");
    section.appendChild(el("p", { className: "eyebrow", text: eyebrow }));
    section.appendChild(el("h1", { text: activity.title }));
    if (activity.prompt) section.appendChild(el("p", { className: "prompt", text: activity.prompt }));
    const themes = snapshot.clusters && snapshot.clusters.clusters && snapshot.clusters.clusters.length;
    /* a dilemma shows its bars first, the themes of its reasons beneath (as the server does) */
    if (!themes || activity.kind === "dilemma") {
      section.appendChild(renderResults(activity, snapshot.results, { big: true, responses: activity.responses }));
    }
    if (themes) renderClusters(snapshot.clusters).forEach((node) => section.appendChild(node));
    fitAll();
  }

  /* Same markup as templates/screen/_clusters.html. */
  function renderClusters(view) {
    const grid = el("div", { className: "results clusters", "data-clusters": "", "data-density": view.density });
    view.clusters.forEach((cluster) => {
      const members = cluster.members.map((m) => el("li", { "data-count": m.count, text: m.text + (m.count > 1 ? " (×" + m.count + ")" : "") }));
      grid.appendChild(el("section", { className: "cluster" + (cluster.pinned ? " pinned" : "") + (cluster.new ? " new" : "") }, [
        cluster.new ? el("p", { className: "cluster-tag", text: t("new_theme") }) : null,
        el("h2", {}, [document.createTextNode(cluster.label + " "), el("span", { className: "cluster-count", text: String(cluster.count) })]),
        members.length ? el("ul", {}, members) : null,
        cluster.more ? el("p", { className: "more", "data-more": cluster.more, text: t("more_examples", { n: cluster.more }) }) : null,
      ]));
    });
    if (view.more_themes) grid.appendChild(el("p", { className: "more more-themes", "data-more": view.more_themes, text: t("more_themes", { n: view.more_themes }) }));
    const fresh = (view.unclustered || []).map((m) => el("li", { "data-id": m.id, text: m.text + (m.count > 1 ? " (×" + m.count + ")" : "") }));
    const box = el("section", { className: "new-contributions", "data-new": "" }, [
      el("h2", { text: t("new_contributions") }), el("ul", {}, fresh), moreNote(view.more_unclustered || 0)]);
    box.hidden = !fresh.length;
    return [grid, box];
  }
})();
