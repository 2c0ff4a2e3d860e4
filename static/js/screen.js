/* The projector: statements appear as they arrive, bars move, hidden ones vanish. Tallies
   arrive only once the facilitator shows them (or the activity has live results); until then
   the room sees what it chooses between and how many have answered. Words come from the page
   (live.t), never from here.

   The wall keeps everything it was sent (the statements, the themes) and draws from that: an
   item that goes (hidden, withdrawn, edited) leaves the wall full at once, without a round
   trip. Whatever does not fit is paged through by itself (PAGE_MS, "1/3"); the pages are
   measured by the real layout (pageOf), never by a fixed count. */
(function () {
  "use strict";
  const root = document.getElementById("screen");
  if (!root || typeof io === "undefined" || !window.live) return;
  const { el, fromHtml, kindName, csrfToken, t } = window.live;
  const section = root.querySelector(".screen-activity");
  const announcer = document.getElementById("screen-announce");
  const PAGE_MS = 9000;
  let activity = null;
  let session = { state: root.dataset.state, title: "", next_steps: "" };
  let statements = []; /* a text wall: every visible statement, oldest first (WallStatement) */
  let clusters = null; /* the themes (WallView) once grouped */
  let snapshotResults = null;
  const hiddenHere = new Set(); /* statements hidden while this screen watched: their un-hiding redraws */

  /* A closed session's secret link shows its closing screen and opens no socket (refused). */
  if (root.hasAttribute("data-offline")) return;
  const auth = { role: "screen", session_id: Number(root.dataset.session) };
  if (root.dataset.token) auth.token = root.dataset.token; else auth.csrf_token = csrfToken();
  const socket = io({ auth: auth, transports: ["websocket", "polling"], tryAllTransports: true });

  socket.on("connect", refresh);
  socket.on("session:revoked", () => window.location.reload()); /* its login ended */
  /* The open activity changed: the push carries it and its wall (results, themes), drawn
     as they come; no snapshot after it. */
  socket.on("activity:changed", (data) => {
    if (!data || session.state !== "live") return;
    showActivity(data.activity, data.results, data.clusters);
  });
  socket.on("session:changed", (data) => {
    if (!data) return;
    const before = session.state;
    session = { state: data.state, title: data.title, next_steps: data.next_steps || "" };
    if (data.state === "closed") {
      /* the closing screen from the push: a secret link's socket is closed right after */
      activity = null; statements = []; clusters = null;
      if (window.live.timer) window.live.timer.show(null);
      joinPanel(false);
      if (before !== "closed") announce(t("announce_closed"));
      if (parkingPanel) { parkingPanel.hidden = true; section.hidden = false; }
      draw();
      return;
    }
    if (data.state === "live" && before !== "live") { started(); return; }
    refresh();
  });
  /* "Vis spørgsmål": the parking lot's top items (ParkingBoard) instead of the activity. */
  const parkingPanel = document.getElementById("screen-parking");
  function drawParking(board) {
    if (!parkingPanel || !board) return;
    const on = Boolean(board.shown) && session.state === "live";
    if (on && parkingPanel.hidden) announce(t("announce_parking"));
    parkingPanel.hidden = !on;
    section.hidden = on;
    const items = board.items.map((item) => el("li", {}, [
      el("span", { className: "parking-votes" }, [document.createTextNode(String(item.votes)),
        el("span", { className: "sr-only", text: " " + t("parking_votes") })]),
      el("span", { className: "parking-text", text: item.text })]));
    document.getElementById("parking-top").replaceChildren(...(items.length ? items : [el("li", { className: "empty", text: t("parking_empty") })]));
    const more = document.getElementById("parking-more");
    more.hidden = !board.more;
    more.textContent = t("parking_more", { n: board.more });
  }
  socket.on("parking:updated", drawParking);
  socket.on("participants:count", (data) => {
    const joined = document.getElementById("joined");
    if (joined) joined.textContent = data.joined;
  });
  socket.on("responses:count", (data) => {
    /* results hidden: only how many have answered */
    if (!activity || data.activity_id !== activity.id) return;
    activity.responses = data.responses;
    answered();
  });
  socket.on("contribution:added", (c) => {
    if (!activity || c.activity_id !== activity.id) return;
    if (clusters) { addLoose(c); drawThemes(); return; }
    if (!isTextWall()) return;
    statements = statements.filter((s) => s.id !== c.id).concat([c]);
    drawWall(c.id);
  });
  /* Endorsed, corrected, highlighted, hidden: the statement changes in what the wall keeps. */
  socket.on("contribution:changed", (data) => {
    if (!activity || data.activity_id !== activity.id) return;
    if (data.hidden) {
      hiddenHere.add(data.id);
      drop(data.id);
      return;
    }
    if (hiddenHere.delete(data.id)) { refresh(); return; } /* shown again: only the server has it */
    const row = statements.find((s) => s.id === data.id);
    if (!row) return;
    row.endorsements = data.endorsements;
    row.highlighted = data.highlighted;
    if (typeof data.text === "string") { row.text = data.text; row.same = data.same || data.text; }
    if (!clusters) drawWall();
  });
  socket.on("contribution:removed", (data) => {
    if (!activity || data.activity_id !== activity.id) return;
    drop(data.id);
  });
  socket.on("results:updated", (data) => {
    if (!activity || data.activity_id !== activity.id) return;
    if (isTextWall()) return; /* statements arrive one by one */
    if (clusters && activity.kind !== "dilemma") return; /* the themes are the wall */
    snapshotResults = data;
    activity.results_html = data.results_html; /* the tallies as the results_view macro draws them */
    const old = section.querySelector(".results:not([data-clusters])");
    const fresh = fromHtml(data.results_html || "");
    if (old) old.replaceWith(fresh); else section.appendChild(fresh);
    fitTopics();
    drawCloud();
    paginateAll();
  });
  /* The themes as the server sends them for the wall (payloads.wall_view): drawn from the
     push itself, no snapshot. */
  socket.on("clusters:updated", (view) => {
    if (!activity || view.activity_id !== activity.id) return;
    clusters = view.clusters && view.clusters.length ? view : null;
    if (!clusters && activity.kind !== "dilemma") { refresh(); return; } /* the list again: only the snapshot has it */
    draw();
  });

  function isTextWall() {
    return Boolean(activity && activity.results_visible && !clusters && snapshotResults && Array.isArray(snapshotResults.contributions));
  }

  /* A statement leaves (hidden, withdrawn): from the list, or from "Nye bidrag"; a theme
     counts it too, and only the server knows a theme's members: then a snapshot. */
  function drop(id) {
    if (!activity) return;
    if (clusters) {
      const loose = clusters.unclustered || [];
      const member = loose.find((m) => m.ids.indexOf(id) >= 0);
      if (!member) { refresh(); return; }
      member.ids = member.ids.filter((x) => x !== id);
      member.count -= 1;
      clusters.unclustered = loose.filter((m) => m.count > 0);
      drawThemes();
      return;
    }
    const before = statements.length;
    statements = statements.filter((s) => s.id !== id);
    if (statements.length !== before) drawWall();
  }

  /* A statement after grouping fits no theme yet: "Nye bidrag", with its near-duplicates. */
  function addLoose(c) {
    if (!c.text) return;
    const loose = clusters.unclustered || (clusters.unclustered = []);
    const same = loose.find((m) => m.same === c.same);
    if (same) { same.ids.push(c.id); same.count += 1; loose.splice(loose.indexOf(same), 1); loose.unshift(same); return; }
    loose.unshift({ id: c.id, ids: [c.id], text: c.text, count: 1, endorsements: 0, same: c.same || c.text });
  }

  function announce(text) { if (announcer) announcer.textContent = text; }

  /* The session started (or was opened again): the join code and QR come from the page the
     server draws now (a draft's page has none), then the room's state. */
  function started() {
    announce(t("announce_started"));
    fetch(window.location.href, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : ""))
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        const aside = page.querySelector(".screen-join");
        if (aside) joinPanel(document.importNode(aside, true));
      })
      .catch(() => {})
      .then(refresh);
  }

  /* The join panel: `node` to show, false to take it away (draft, closed). */
  function joinPanel(node) {
    const old = root.querySelector(".screen-join");
    if (old) old.remove();
    if (node) root.insertBefore(node, root.firstChild);
    root.classList.toggle("no-join", !node);
  }

  function refresh() {
    socket.timeout(8000).emit("state:get", (err, snapshot) => {
      if (err || !snapshot || !snapshot.ok) return;
      const joined = document.getElementById("joined");
      if (joined) joined.textContent = snapshot.joined;
      const was = session.state;
      session = snapshot.session;
      if (session.state === "live" && !root.querySelector(".screen-join") && was !== "live") { started(); return; }
      if (session.state !== "live") joinPanel(false);
      showActivity(session.state === "live" ? snapshot.activity : null, snapshot.results, snapshot.clusters);
      drawParking(snapshot.parking);
    });
  }

  /* The activity and its wall, from the snapshot or an activity:changed push (one shape:
     payloads.screen_wall), announced when it is new or its results were shown or hidden. */
  function showActivity(next, results, themes) {
    const before = activity;
    activity = next || null;
    if (window.live.timer) window.live.timer.show(activity ? activity.timer : null); /* timer.js counts it down */
    if (activity && (!before || before.id !== activity.id)) {
      announce(t("announce_activity", { title: activity.title }));
    } else if (activity && before && before.results_visible !== activity.results_visible) {
      announce(activity.results_visible ? t("announce_revealed", { title: activity.title }) : t("announce_hidden"));
    }
    snapshotResults = results || null;
    statements = results && Array.isArray(results.contributions) ? results.contributions.slice() : [];
    clusters = themes && themes.clusters && themes.clusters.length ? themes : null;
    draw();
  }

  /* The whole screen from what this page keeps. */
  function draw() {
    section.textContent = "";
    if (session.state === "closed") {
      section.appendChild(el("p", { className: "eyebrow", text: session.title }));
      section.appendChild(el("h1", { className: "closing-title", text: t("thanks") }));
      if (session.next_steps) {
        section.appendChild(el("h2", { className: "next-steps-heading", text: t("next_steps") }));
        section.appendChild(el("p", { className: "next-steps", text: session.next_steps }));
      }
      return;
    }
    if (session.state === "draft" || !activity) {
      section.appendChild(el("p", { className: "eyebrow", text: t("session_kind") === "session_kind" ? "" : t("session_kind") }));
      section.appendChild(el("h1", { text: session.title }));
      section.appendChild(el("p", { className: "prompt" + (session.state === "draft" ? " soon" : ""), text: session.state === "draft" ? t("soon") : t("waiting") }));
      return;
    }
    const eyebrow = kindName(activity.kind) + (activity.focus_area ? " · " + activity.focus_area : "");
    section.appendChild(el("p", { className: "eyebrow", text: eyebrow }));
    section.appendChild(el("h1", { text: activity.title }));
    if (activity.prompt) section.appendChild(el("p", { className: "prompt", text: activity.prompt }));
    if (!activity.results_visible) {
      const choices = options(activity);
      if (choices) section.appendChild(choices);
      section.appendChild(fromHtml(activity.results_html || "")); /* how many have answered */
      answered();
      return;
    }
    if (activity.kind === "dilemma" || (!clusters && !isTextWall())) {
      section.appendChild(fromHtml(activity.results_html || "")); /* the results_view macro's */
      fitTopics();
      drawCloud();
    }
    if (clusters) { drawThemes(); return; }
    if (isTextWall()) drawWall();
  }

  /* Results hidden: how many have answered, counted up by responses:count since the server
     drew the line. */
  function answered() {
    const line = section.querySelector(".hidden-results .answered");
    if (line && typeof activity.responses === "number") line.textContent = t("answered_hidden", { n: activity.responses });
  }

  /* Before "Vis resultater": the sides or topics, no tallies (same markup as
     templates/screen/_options.html). */
  function options(a) {
    if (a.kind === "dilemma" && a.sides && a.sides.length) {
      return el("ul", { className: "options sides", "aria-label": t("options") }, a.sides.map((side) => el("li", {}, [
        el("strong", { text: side.label }), side.description ? el("span", { className: "option-description", text: side.description }) : null])));
    }
    if (a.kind === "topic_vote" && a.topics && a.topics.length) {
      return el("ol", { className: "options topics-preview", "aria-label": t("options") }, a.topics.map((topic) => el("li", { text: topic })));
    }
    return null;
  }

  /* "Bord 3 (Sundhed)": a scribe's table, worded in the projector's language. */
  function tableName(table) {
    const label = t("table", { n: table.number });
    return table.name ? label + " (" + table.name + ")" : label;
  }

  /* A text wall: near-duplicates (the same `same`, report.same_words on the server) are one
     item "×2", placed by their newest; agreements added up. */
  function wallItems() {
    const byKey = new Map();
    statements.forEach((s) => {
      /* A table scribe's statement is its table's: never merged with a person's. */
      const key = (s.table ? "bord" + s.table.number + ":" : "") + (s.same || s.text);
      const item = byKey.get(key);
      if (item) {
        item.ids.push(s.id); item.count += 1; item.newest = s.id;
        item.endorsements += s.endorsements || 0; item.highlighted = item.highlighted || s.highlighted;
      } else {
        byKey.set(key, { id: s.id, ids: [s.id], text: s.text, count: 1, newest: s.id, endorsements: s.endorsements || 0, highlighted: s.highlighted, table: s.table || null });
      }
    });
    return Array.from(byKey.values()).sort((a, b) => b.newest - a.newest);
  }

  function wallItem(item) {
    const li = el("li", { "data-id": item.id, "data-ids": item.ids.join(" "), className: item.highlighted ? "highlighted" : null }, [
      el("span", { className: "statement-text", text: item.text })]);
    if (item.table) li.appendChild(el("span", { className: "voice", text: tableName(item.table) }));
    if (item.count > 1) li.appendChild(el("span", { className: "dup", title: t("written_by", { n: item.count }), text: "×" + item.count }));
    if (item.endorsements) {
      li.appendChild(el("span", { className: "endorse", text: item.endorsements === 1 ? t("agree_one") : t("agree_many", { n: item.endorsements }) }));
    }
    return li;
  }

  /* The statement wall, redrawn from `statements`; `arrived`: the id that just came. */
  function drawWall(arrived) {
    let box = section.querySelector(".results.wall");
    const page = box ? pagerOf(box.querySelector(".statements")).page : 0;
    const list = el("ul", { className: "statements big" });
    const items = wallItems();
    items.forEach((item) => {
      const li = wallItem(item);
      if (arrived !== undefined && item.ids.indexOf(arrived) >= 0) li.classList.add("arrived");
      list.appendChild(li);
    });
    if (!items.length) list.appendChild(el("li", { className: "muted empty", text: t("no_contributions") }));
    const fresh = el("div", { className: "results wall" }, [list, pagerLine()]);
    if (box) box.replaceWith(fresh); else section.appendChild(fresh);
    box = fresh;
    paginate(list, page);
  }

  /* Same markup as templates/screen/_clusters.html. */
  function themeCard(cluster) {
    const members = (cluster.members || []).map(memberItem);
    return el("section", { className: "cluster" + (cluster.pinned ? " pinned" : "") + (cluster.new ? " new" : "") }, [
      cluster.new ? el("p", { className: "cluster-tag", text: t("new_theme") }) : null,
      el("h2", {}, [document.createTextNode(cluster.label + " "), el("span", { className: "cluster-count", text: String(cluster.count) })]),
      members.length ? el("ul", {}, members) : null,
    ]);
  }

  function memberItem(m) {
    const li = el("li", { "data-id": m.id, "data-count": m.count, text: m.text });
    if (m.count > 1) li.appendChild(el("span", { className: "dup", title: t("written_by", { n: m.count }), text: "×" + m.count }));
    return li;
  }

  /* The themes, then "Nye bidrag": each pages by itself when it does not fit. */
  function drawThemes() {
    const oldGrid = section.querySelector("[data-clusters]");
    const oldNew = section.querySelector("[data-new]");
    const gridPage = oldGrid ? pagerOf(oldGrid).page : 0;
    const newPage = oldNew ? pagerOf(oldNew.querySelector("ul")).page : 0;
    const compact = clusters.density === "headings";
    const grid = el("div", { className: "results clusters", "data-clusters": "", "data-density": clusters.density }, clusters.clusters.map(themeCard));
    const wrap = el("div", { className: "themes" }, [grid, pagerLine()]);
    const loose = (clusters.unclustered || []).map(memberItem);
    const box = el("section", { className: "new-contributions", "data-new": "" }, [
      el("h2", { text: t("new_contributions") }), el("ul", {}, loose), pagerLine()]);
    box.hidden = !loose.length || compact;
    const oldWrap = section.querySelector(".themes");
    if (oldWrap) oldWrap.replaceWith(wrap); else section.appendChild(wrap);
    if (oldNew) oldNew.replaceWith(box); else section.appendChild(box);
    if (!box.hidden) paginate(box.querySelector("ul"), newPage);
    packThemes(grid, gridPage);
  }

  /* The themes packed into the wall's columns, measured by the real layout (masonry): each
     next theme goes into the shortest column of the page, with its heading and its most
     representative statement; when that does not fit, a new page starts. Then the page's
     themes take back their next statements in turn (up to what was sent; the badge counts
     them all) while their column has room, so no page is left half empty. The grid's children
     become the columns of every page; show() hides the other pages'. */
  const themeCards = new WeakMap();
  function packThemes(grid, page) {
    const cards = themeCards.get(grid) || Array.from(grid.querySelectorAll(".cluster"));
    themeCards.set(grid, cards);
    const perPage = Math.max(1, parseInt(getComputedStyle(grid).getPropertyValue("--wall-columns"), 10) || 2);
    grid.textContent = "";
    grid.classList.add("packed");
    const room = grid.clientHeight;
    const pageOf = [];
    let columns = [];
    let onPage = [];
    const startPage = () => {
      columns.forEach((column) => { column.hidden = true; }); /* the next page's columns take the row */
      const number = pageOf.length ? pageOf[pageOf.length - 1] + 1 : 0;
      columns = [];
      onPage = [];
      for (let i = 0; i < perPage; i += 1) {
        const column = el("div", { className: "wall-column" });
        grid.appendChild(column);
        columns.push(column);
        pageOf.push(number);
      }
    };
    const shortest = () => columns.reduce((a, b) => (b.offsetHeight < a.offsetHeight ? b : a));
    startPage();
    cards.forEach((card) => {
      card.hidden = false;
      showStatements(card, 1);
      let column = shortest();
      column.appendChild(card);
      fitHeading(card);
      if (column.offsetHeight > room && onPage.length) {
        card.remove();
        grow(onPage, room);
        startPage();
        column = columns[0];
        column.appendChild(card);
      }
      onPage.push(card);
    });
    grow(onPage, room);
    const state = { page: Math.min(page || 0, pageOf[pageOf.length - 1]), pages: pageOf[pageOf.length - 1] + 1, pageOf: pageOf };
    pagers.set(grid, state);
    show(grid, state, false);
  }

  /* A page's themes take back one statement each in turn while their column keeps within `room`. */
  function grow(cards, room) {
    let grew = true;
    while (grew) {
      grew = false;
      cards.forEach((card) => {
        const shown = card.querySelectorAll("li:not([hidden])").length;
        if (shown >= card.querySelectorAll("li").length) return;
        showStatements(card, shown + 1);
        if (card.parentNode.offsetHeight > room) showStatements(card, shown); else grew = true;
      });
    }
  }

  function showStatements(card, n) {
    card.querySelectorAll("li").forEach((li, i) => { li.hidden = i >= n; });
  }

  /* A heading keeps its words whole: its size steps down (never below 28 px) until its longest
     word fits the card. */
  function fitHeading(card) {
    const heading = card.querySelector("h2");
    if (!heading) return;
    heading.style.fontSize = "";
    let size = parseFloat(getComputedStyle(heading).fontSize);
    while (heading.scrollWidth > heading.clientWidth + 1 && size > 28) {
      size -= 2;
      heading.style.fontSize = size + "px";
    }
  }

  /* A check-in: the cloud laid out here from the pushed counts (static/js/cloud.js); the
     macro's list of words beside it stays, for screen readers, as its text alternative. */
  function drawCloud() {
    const box = section.querySelector(".cloud-results");
    const data = snapshotResults;
    if (!box || !window.wordCloud || !data || !Array.isArray(data.words) || !data.words.length) return;
    const left = window.wordCloud.draw(box, data.words, data.font_px || [36, 128]);
    const more = (data.more || 0) + left;
    let line = box.querySelector(".cloud-more");
    if (!line) { line = el("p", { className: "muted cloud-more" }); box.appendChild(line); }
    line.textContent = more ? t("more_words", { n: more }) : "";
    line.hidden = !more;
  }

  /* A long vote: the lowest-ranked topics that do not fit give way to "+ N emner mere". */
  function fitTopics() {
    section.querySelectorAll(".results > .topics").forEach((list) => {
      let dropped = 0;
      while (list.children.length > 1 && list.scrollHeight > list.clientHeight + 1) {
        list.lastChild.remove();
        dropped += 1;
      }
      if (dropped) list.after(el("p", { className: "more", text: t("more_topics", { n: dropped }) }));
    });
  }

  /* --- pages -------------------------------------------------------------------------------
     A paged list is laid out in CSS columns of a fixed height (app.css): what does not fit
     flows into further columns to the right. Each item's column, read from the real layout,
     gives its page (`perPage` columns a page); the other pages' items are hidden. */

  function pagerLine() {
    /* "1/1" and hidden: it keeps its room (its height with a number), the pages are measured with it */
    const line = el("p", { className: "pager" }, [el("span", { className: "sr-only" }), el("span", { "aria-hidden": "true", text: "1/1" })]);
    line.classList.add("single");
    return line;
  }

  const pagers = new WeakMap();
  function pagerOf(list) { return (list && pagers.get(list)) || { page: 0, pages: 1, pageOf: [] }; }

  function paginate(list, page) {
    const kids = Array.from(list.children);
    kids.forEach((kid) => { kid.hidden = false; });
    list.classList.add("measuring"); /* fill column by column, as the pages will */
    const style = getComputedStyle(list);
    const perPage = Math.max(1, parseInt(style.columnCount, 10) || 1);
    const gap = parseFloat(style.columnGap) || 0;
    const width = (list.clientWidth - gap * (perPage - 1)) / perPage;
    const left = list.getBoundingClientRect().left;
    const pageOf = kids.map((kid) => Math.floor(Math.max(0, Math.round((kid.getBoundingClientRect().left - left) / (width + gap))) / perPage));
    list.classList.remove("measuring");
    const pages = pageOf.length ? pageOf[pageOf.length - 1] + 1 : 1;
    const state = { page: Math.min(page || 0, pages - 1), pages: pages, pageOf: pageOf };
    pagers.set(list, state);
    show(list, state, false);
  }

  function show(list, state, turned) {
    Array.from(list.children).forEach((kid, i) => { kid.hidden = state.pageOf[i] !== state.page; });
    const line = list.parentNode && list.parentNode.querySelector(":scope > .pager");
    if (line) {
      line.classList.toggle("single", state.pages <= 1);
      line.firstChild.textContent = t("page_of", { page: state.page + 1, pages: state.pages });
      line.lastChild.textContent = (state.page + 1) + "/" + state.pages;
    }
    if (turned) { list.classList.remove("turned"); void list.offsetWidth; list.classList.add("turned"); }
  }

  function paginateAll() {
    section.querySelectorAll(".statements.big, [data-clusters], [data-new] ul").forEach((list) => {
      if (list.closest("[hidden]")) return;
      if (list.matches("[data-clusters]")) packThemes(list, pagerOf(list).page);
      else paginate(list, pagerOf(list).page);
    });
  }

  /* Every PAGE_MS the next page of each paged list; reduced motion: no fade, still pages. */
  setInterval(() => {
    section.querySelectorAll(".statements.big, [data-clusters], [data-new] ul").forEach((list) => {
      const state = pagers.get(list);
      if (!state || state.pages <= 1) return;
      state.page = (state.page + 1) % state.pages;
      show(list, state, true);
    });
  }, PAGE_MS);
  let resized = null;
  window.addEventListener("resize", () => { clearTimeout(resized); resized = setTimeout(() => { paginateAll(); drawCloud(); }, 200); });
  /* The server's first paint pages at once, as the snapshot's redraw will. */
  paginateAll();
})();
