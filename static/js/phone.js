/* The participant's phone: live activity, outbox in localStorage, resend with the same id.
   Without JavaScript the page's plain forms still work; this only makes it live. Every word
   comes from the page (live.t): the phone shows the language its reader chose. */
(function () {
  "use strict";
  const root = document.getElementById("phone");
  if (!root || typeof io === "undefined" || !window.live) return;
  const { el, fromHtml, t } = window.live;
  const code = root.dataset.code;
  const OUTBOX = "facilitator:outbox:" + code;
  const DRAFTS = "facilitator:drafts:" + code; /* typed, not sent: { activity id: text } */
  const LOST = "facilitator:lost:" + code; /* [{ activity_id, title, text }]: see keepLostText */
  const SEND_TIMEOUT_MS = 8000;
  const LIST_STEP = 30; /* statements listed to agree with, and how many more "Vis flere" adds */
  const TEXT_KINDS = ["retningspil", "initiative", "open_question"];
  const KIND_LABEL = { retningspil: "label_retningspil", initiative: "label_initiative", open_question: "label_open_question" };
  let activity = null;
  let own = [];
  let endorsed = new Set(); /* the statements this phone said "Enig" to (its own state) */
  let ownChanges = 0; /* bumped when an acknowledgement changes `own`; see refresh() */
  let notice = "";
  let editing = null; /* { id, text, error }: the own contribution being corrected ("Ret") */
  let undo = null; /* { id, timer }: just withdrawn, "Fortryd" still offered */
  const UNDO_MS = 8000; /* within the server's RESTORE_SECONDS, with room for a slow answer */
  let lost = loadStore(LOST, []); /* typed for an activity that went away before Send */
  let listShown = LIST_STEP; /* the others' statements: how many are listed, and in which order */
  let listSort = "newest";
  let closing = null; /* { next_steps }: the session is over (one closing message) */
  let retryDelay = 0; /* after a refused connect: see connect_error */
  let retryTimer = null;
  let online = null; /* unknown until the socket connects or fails: then a change either way */
  let painted = false; /* the first live render replaces the server's page: no focus move */
  let focusAfter = null; /* an element id to focus after the next render ("Ret" once saved) */
  /* A message the server rendered (the plain form was used) survives the live redraw. */
  notice = Array.from(root.querySelectorAll(".error")).map((node) => node.textContent.trim())
    .filter(Boolean).join(" ");

  /* --- outbox: unsent contributions survive reloads, sleep and lost Wi-Fi ------------------ */
  function loadStore(key, empty) {
    try { return JSON.parse(localStorage.getItem(key)) || empty; } catch (e) { return empty; }
  }
  function saveStore(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  function loadOutbox() { return loadStore(OUTBOX, []); }
  function saveOutbox(items) {
    saveStore(OUTBOX, items);
    updateBanner();
  }
  function removeFromOutbox(clientId) {
    saveOutbox(loadOutbox().filter((item) => item.client_id !== clientId));
  }
  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  const socket = io({ auth: { role: "participant", code: code }, transports: ["websocket", "polling"],
    tryAllTransports: true, reconnectionDelayMax: 5000 });

  /* --- what a screen reader hears: the connection banner is a status region that changes only
     when the state does; new activities and revealed results go to a separate polite region. */
  const banner = el("p", { className: "connection", role: "status", "aria-live": "polite", hidden: true });
  root.parentNode.insertBefore(banner, root);
  const announcer = document.getElementById("phone-announcer");
  let wasOffline = false;
  let backTimer = null;

  function updateBanner() {
    const pending = loadOutbox().length;
    let text = "";
    if (online === false) text = t("offline") + (pending ? " " + t(pending === 1 ? "pending_one" : "pending_many", { n: pending }) : "");
    else if (pending) text = t(pending === 1 ? "pending_one" : "pending_many", { n: pending });
    else if (wasOffline) text = t("online_again");
    if (banner.textContent !== text) banner.textContent = text;
    banner.hidden = !text;
    banner.classList.toggle("online", online === true);
  }
  function setOnline(state) {
    if (state === online) return;
    online = state;
    if (!state) wasOffline = true;
    clearTimeout(backTimer);
    if (state && wasOffline) backTimer = setTimeout(() => { wasOffline = false; updateBanner(); }, 4000);
    updateBanner();
  }
  /* The open activity's countdown (timer.js), from the activity just received. */
  function countdown() {
    if (window.live.timer) window.live.timer.show(activity ? activity.timer : null);
  }
  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 50); /* a change, so it is read */
  }

  socket.on("connect", () => { retryDelay = 0; setOnline(true); refresh(); });
  socket.on("disconnect", () => { setOnline(false); render(); });
  /* Lost transports are retried by the client itself (`socket.active`). A connect the server
     refused is not: try again later, each phone at its own random moment (15 s doubling to
     2 min), so a room of phones never knocks at once and none stays offline for good. */
  socket.on("connect_error", () => {
    setOnline(false);
    if (socket.active) return;
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 15000, 120000);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => { if (!socket.connected) socket.connect(); }, retryDelay * (0.5 + Math.random() / 2));
  });
  socket.on("activity:changed", (data) => {
    const switched = !activity || !data.activity || data.activity.id !== activity.id;
    if (switched) { keepLostText(); own = []; endorsed = new Set(); editing = null; undo = null; listShown = LIST_STEP; listSort = "newest"; }
    const wasVisible = activity && activity.results_visible;
    activity = data.activity;
    countdown();
    if (activity) closing = null;
    if (switched) arrived();
    notice = "";
    render(switched);
    if (switched) announce(activity ? t("new_activity", { title: activity.title }) : t("waiting"));
    else if (activity && activity.results_visible && !wasVisible) announce(t("results_shown"));
    if (switched && activity) refresh(); /* own state (endorsed, own) for the new activity */
  });
  socket.on("results:updated", (data) => {
    if (activity && activity.id === data.activity_id && activity.results_visible) {
      activity.results = data;
      activity.results_html = data.results_html; /* drawn by the server's results_view macro */
      renderResultsCard();
    }
  });
  /* Statements to agree with (or revealed): only what changed since the last push. Merged by
     id into the list this phone got with the activity, oldest first as the server keeps it. */
  socket.on("statements:changed", (data) => {
    if (!activity || activity.id !== data.activity_id || !activity.results) return;
    const gone = new Set(data.removed || []);
    const byId = new Map();
    (activity.results.contributions || []).forEach((c) => { if (!gone.has(c.id)) byId.set(c.id, c); });
    /* A statement whose text changes loses this phone's "Enig": the server cleared it with the
       edit (contributions.services.edit), and the agreement was given to the old words. */
    (data.statements || []).forEach((c) => {
      const before = byId.get(c.id);
      if (before && before.text !== c.text) endorsed.delete(c.id);
      byId.set(c.id, c);
    });
    activity.results.contributions = Array.from(byId.values()).sort((a, b) => a.id - b.id);
    renderResultsCard();
  });
  /* Closed: one closing message (and what happens next, if the facilitator wrote it). Opened
     again: back to live from the snapshot, no reload. */
  /* The facilitator approved (or hid) what this phone sent while it waited for approval. */
  socket.on("own:changed", (data) => {
    const mine = own.find((c) => c.id === data.id);
    if (!mine) return;
    mine.held = data.held;
    mine.hidden = data.hidden;
    ownChanges += 1;
    if (!data.held && !data.hidden) announce(t("approved"));
    render();
  });
  socket.on("session:changed", (data) => {
    const title = document.querySelector(".phone-title");
    if (title && data.title) title.textContent = data.title;
    if (data.state === "live") {
      if (closing) { closing = null; notice = ""; refresh(); }
      return;
    }
    keepLostText();
    const wasClosing = closing;
    activity = null; own = []; editing = null; notice = "";
    countdown();
    closing = data.state === "closed" ? { next_steps: data.next_steps || "" } : null;
    render(true);
    if (closing && !wasClosing) announce(t("session_closed"));
  });
  /* The OS knows about lost Wi-Fi before a socket times out: treat it as disconnected. */
  window.addEventListener("offline", () => { socket.disconnect(); setOnline(false); render(); });
  window.addEventListener("online", () => socket.connect());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && socket.connected) refresh();
  });

  /* --- typed text is never lost, and never reported lost when it was sent -----------------
     What is typed is kept per activity (drafts) until it is sent. When the activity goes away,
     text in the box counts as lost only if the server never acknowledged it (`own`) and it is
     not waiting in the outbox (that reports its own refusal, with the text): a dilemma's reason
     stays in the box after Send and must not cry wolf. A lost text stays on screen to copy until
     dismissed, and goes back into the box if its activity opens again. */
  function norm(text) { return String(text || "").normalize("NFC").replace(/\s+/g, " ").trim(); }
  function unsent(text, activityId) {
    const typed = norm(text);
    return Boolean(typed) && !own.some((c) => c.activity_id === activityId && norm(c.text) === typed)
      && !loadOutbox().some((item) => item.activity_id === activityId && norm(item.text) === typed);
  }
  function draftFor(activityId) { return loadStore(DRAFTS, {})[activityId] || ""; }
  function setDraft(activityId, text) {
    const drafts = loadStore(DRAFTS, {});
    if (text.trim()) drafts[activityId] = text; else delete drafts[activityId];
    saveStore(DRAFTS, drafts);
  }
  function setLost(items) {
    lost = items;
    saveStore(LOST, lost);
  }
  function keepLostText() {
    const typed = root.querySelector("textarea[name=text]");
    if (!activity || !typed || String(activity.id) !== root.dataset.activity) return;
    const text = unsent(typed.value, activity.id) ? typed.value : "";
    setDraft(activity.id, text);
    if (text) setLost(lost.filter((l) => l.activity_id !== activity.id).concat(
      [{ activity_id: activity.id, title: activity.title, text: text }]).slice(-5));
  }
  /* The activity of a lost text is open again: the text is back in its box, the warning goes. */
  function arrived() {
    if (activity && lost.some((l) => l.activity_id === activity.id)) {
      setLost(lost.filter((l) => l.activity_id !== activity.id));
    }
  }

  function refresh() {
    const asked = ownChanges;
    socket.timeout(SEND_TIMEOUT_MS).emit("state:get", (err, snapshot) => {
      if (err || !snapshot || !snapshot.ok) return;
      const switched = !activity || !snapshot.activity || snapshot.activity.id !== activity.id;
      if (switched && activity) { keepLostText(); editing = null; listShown = LIST_STEP; listSort = "newest"; }
      activity = snapshot.activity;
      countdown();
      if (switched) arrived();
      /* A submission acknowledged while this snapshot was on its way is newer than it:
         on slow Wi-Fi the snapshot must not wipe it from "Dine bidrag". */
      own = ownChanges === asked ? snapshot.own || [] : merged(snapshot.own || []);
      endorsed = new Set(snapshot.endorsed || []);
      closing = snapshot.session.state === "closed"
        ? { next_steps: snapshot.session.next_steps || (closing && closing.next_steps) || "" } : null;
      render(switched);
      flushOutbox();
    });
  }

  function merged(fresh) {
    const mine = own.filter((c) => activity && c.activity_id === activity.id);
    if (!activity || activity.vote) return mine.length ? mine : fresh;
    return fresh.concat(mine.filter((c) => !fresh.some((f) => f.id === c.id)));
  }

  function flushOutbox() {
    loadOutbox().forEach(send);
  }

  function send(item) {
    if (!socket.connected) return;
    socket.timeout(SEND_TIMEOUT_MS).emit("contribution:submit", item, (err, ack) => {
      if (err) return; /* no answer: stays in the outbox, resent with the same id on reconnect */
      if (ack.ok) {
        removeFromOutbox(item.client_id);
        if (activity && ack.contribution.activity_id === activity.id) {
          if (activity.vote) own = [ack.contribution];
          else if (!own.some((c) => c.id === ack.contribution.id)) own.push(ack.contribution);
          ownChanges += 1;
        }
        notice = "";
      } else if (ack.code === "rate_limited") {
        notice = reason(ack);
        setTimeout(() => send(item), 3000);
      } else {
        removeFromOutbox(item.client_id);
        const typed = item.text || (item.words || []).join(" ").trim();
        notice = reason(ack) + (typed ? " " + t("your_text", { text: typed }) : "");
      }
      render();
    });
  }

  /* Refusals carry `message` (older servers: only `error`), already in this phone's language. */
  function reason(ack) { return ack.message || ack.error || t("error"); }

  function ask(event, payload, done) {
    if (!socket.connected) { notice = t("offline_try_again"); render(); return; }
    socket.timeout(SEND_TIMEOUT_MS).emit(event, payload, (err, ack) => {
      if (err) notice = t("no_answer");
      else done(ack);
      render();
    });
  }

  /* "Træk tilbage": the server deletes the contribution at once (asking twice is harmless) and
     keeps it a while (RESTORE_SECONDS); "Fortryd" is offered for UNDO_MS of that. */
  function withdraw(id) {
    ask("contribution:withdraw", { id: id }, (ack) => {
      if (!ack.ok) { notice = reason(ack); return; }
      own = own.filter((c) => c.id !== id);
      ownChanges += 1;
      notice = "";
      if (!ack.removed) return;
      clearTimeout(undo && undo.timer);
      undo = { id: id, timer: setTimeout(() => { undo = null; render(); }, UNDO_MS) };
      focusAfter = "undo-" + id;
    });
  }

  /* "Fortryd": the same row comes back (id, text, "Enig"); the room sees it added again. */
  function restore(id) {
    clearTimeout(undo && undo.timer);
    undo = null;
    ask("contribution:restore", { id: id }, (ack) => {
      if (!ack.ok) { notice = reason(ack); return; }
      notice = "";
      const back = ack.contribution;
      if (activity && back.activity_id === activity.id) {
        if (activity.vote) own = [back];
        else if (!own.some((c) => c.id === back.id)) own = own.concat([back]).sort((a, b) => a.id - b.id);
        ownChanges += 1;
      }
      focusAfter = "withdraw-" + id;
      announce(t("restored"));
    });
  }

  function undoBar() {
    return el("p", { className: "undo-bar", role: "status" }, [el("span", { text: t("withdrawn") }),
      linkButton(t("undo"), () => restore(undo.id), { id: "undo-" + undo.id, className: "button" })]);
  }

  /* How many "Enig" a contribution has now: the room's list is live, the own list as last sent. */
  function agreements(id) {
    const listed = activity && activity.results && (activity.results.contributions || []).find((c) => c.id === id);
    const mine = own.find((c) => c.id === id);
    return (listed ? listed.endorsements : mine && mine.endorsements) || 0;
  }

  /* "Enig" / "Enig ✓": agreeing twice or undoing twice is harmless on the server too. */
  function endorse(id, agree) {
    ask("contribution:endorse", { id: id, agree: agree }, (ack) => {
      if (!ack.ok) { notice = reason(ack); return; }
      notice = "";
      if (ack.changed && activity && activity.results && activity.results.contributions) {
        const row = activity.results.contributions.find((c) => c.id === id);
        if (row) row.endorsements = Math.max(0, (row.endorsements || 0) + (agree ? 1 : -1));
      }
      if (agree) endorsed.add(id); else endorsed.delete(id);
    });
  }

  /* "Ret": the same checks as Send here, and the server's parser decides. */
  function saveEdit(text) {
    const problem = textProblem(text, activity.kind !== "dilemma" || activity.reason_required);
    if (problem) { editing.error = problem; editing.text = text; render(); return; }
    const id = editing.id;
    editing.text = text;
    ask("contribution:edit", { id: id, text: text }, (ack) => {
      if (!ack.ok) { if (editing) editing.error = reason(ack); return; }
      own = own.map((c) => (c.id === id ? ack.contribution : c));
      const listed = ack.changed && activity.results && (activity.results.contributions || []).find((c) => c.id === id);
      if (listed) Object.assign(listed, { text: ack.contribution.text, endorsements: 0 }); /* cleared with the old text */
      ownChanges += 1;
      editing = null;
      focusAfter = "edit-" + id;
      notice = "";
      announce(t("edited"));
    });
  }

  function textProblem(text, required) {
    const length = text.trim().length;
    if (required && !length) return activity.kind === "dilemma" ? t("need_reason") : t("need_text");
    if (length > activity.max_chars) return t("too_long", { length: length, max: activity.max_chars });
    return "";
  }

  function linkButton(label, onClick, extra) {
    const button = el("button", Object.assign({ type: "button", className: "link", text: label }, extra || {}));
    button.addEventListener("click", onClick);
    return button;
  }

  /* "Ret" and "Træk tilbage" repeat per contribution: each is described by its text. */
  function withdrawButton(id, label, describe) {
    return el("span", { className: "withdraw-form" }, [linkButton(label, () => withdraw(id),
      describe ? { id: "withdraw-" + id, "aria-describedby": "o-" + id } : { id: "withdraw-" + id })]);
  }

  function editButton(c) {
    return linkButton(t("edit"), () => { editing = { id: c.id, text: c.text, error: "" }; render(); focusLater("#edit-text"); },
      { id: "edit-" + c.id, "aria-describedby": "o-" + c.id });
  }

  function editForm(label) {
    const form = el("form", { className: "edit-form", novalidate: true });
    const clears = agreements(editing.id); /* said before saving: a new text loses them */
    const area = el("textarea", { id: "edit-text", name: "edit", rows: 3, "aria-describedby": clears ? "edit-clears" : null });
    area.value = editing.text;
    form.appendChild(el("label", { for: "edit-text", text: label }));
    if (clears) form.appendChild(el("p", { className: "warning", id: "edit-clears", text: t(clears === 1 ? "edit_clears_one" : "edit_clears_many", { n: clears }) }));
    form.appendChild(area);
    if (editing.error) form.appendChild(el("p", { className: "error", role: "alert", text: editing.error }));
    const cancel = linkButton(t("cancel"), () => { focusAfter = "edit-" + editing.id; editing = null; render(); }, { className: "button" });
    form.appendChild(el("div", { className: "edit-actions" }, [el("button", { className: "button primary", text: t("save_edit") }), cancel]));
    form.addEventListener("submit", (event) => { event.preventDefault(); saveEdit(area.value); });
    return form;
  }

  function focusLater(selector) {
    const node = root.querySelector(selector);
    if (node) node.focus();
  }

  /* --- rendering: the same structure and classes as templates/join/phone.html -------------- */
  function render(switched) {
    /* The page is redrawn: whatever had focus (a textarea being typed in, an "Enig" button just
       pressed) gets it back by id, so keyboard and screen-reader users keep their place. */
    const focused = document.activeElement;
    const typing = focused && root.contains(focused) && focused.id ? focused : null;
    const typingId = typing ? typing.id : null;
    const selection = typing && (typing.tagName === "TEXTAREA" || typing.type === "text") ? [typing.selectionStart, typing.selectionEnd] : null;
    const focusInside = focused && (focused === document.body || root.contains(focused));
    const typed = root.querySelector("textarea[name=text]");
    const keepText = !activity ? "" : typed && String(activity.id) === root.dataset.activity ? typed.value : draftFor(activity.id);
    const sameActivity = activity && String(activity.id) === root.dataset.activity;
    const keepWords = sameActivity ? Array.from(root.querySelectorAll("input[name=words]"), (input) => input.value) : [];
    const keepEdit = root.querySelector("#edit-text");
    if (editing && keepEdit) editing.text = keepEdit.value;
    root.textContent = "";
    root.dataset.activity = activity ? String(activity.id) : "";
    if (notice) root.appendChild(el("p", { className: "error", role: "alert", text: notice }));
    lost.forEach((item) => root.appendChild(lostCard(item)));
    if (closing) {
      root.appendChild(el("section", { className: "card notice closing" }, [
        el("h1", { id: "activity-title", tabindex: "-1", text: t("session_closed") }),
        closing.next_steps ? el("h2", { text: t("next_steps") }) : null,
        closing.next_steps ? el("p", { className: "next-steps", text: closing.next_steps }) : null,
      ]));
    } else if (!activity) {
      root.appendChild(el("section", { className: "card notice waiting" }, [
        el("h1", { id: "activity-title", tabindex: "-1", text: t("waiting") }),
        el("p", { text: t("waiting_more") }),
      ]));
    } else {
      root.appendChild(activityCard(keepText, keepWords));
      if (TEXT_KINDS.includes(activity.kind)) root.appendChild(ownCard());
      root.appendChild(el("section", { className: "card results-card", hidden: !activity.results_visible }));
      renderResultsCard();
    }
    /* Focus: back where the person was typing; after a switch, the new heading (unless they
       were elsewhere on the page, e.g. the language buttons). */
    const again = typingId && !switched ? document.getElementById(typingId) : null;
    if (again) {
      again.focus();
      if (selection) again.setSelectionRange(selection[0], selection[1]);
    } else if (switched && focusInside && painted) {
      focusLater("#activity-title");
    }
    if (focusAfter && !switched) focusLater("#" + focusAfter);
    focusAfter = null;
    painted = true;
    root.dataset.live = "true"; /* the live page has taken over from the server's HTML */
  }

  function lostCard(item) {
    const id = "lost-" + item.activity_id;
    const button = linkButton(t("dismiss"), () => {
      setLost(lost.filter((l) => l !== item));
      setDraft(item.activity_id, "");
      render();
      focusLater("#activity-title");
    }, { "aria-describedby": id + "-title" });
    return el("section", { className: "card lost", id: id }, [
      el("p", { className: "eyebrow", text: t("not_sent") }),
      el("h2", { id: id + "-title", text: item.title }),
      el("p", { className: "error", text: t("lost_text", { title: item.title }) }),
      el("label", { for: id + "-text", text: t("your_text_label") }),
      Object.assign(el("textarea", { id: id + "-text", readonly: true, rows: 3 }), { value: item.text }),
      button,
    ]);
  }

  function renderResultsCard() {
    const card = root.querySelector(".results-card");
    if (!card || !activity) return;
    const focused = document.activeElement;
    const focusedId = focused && card.contains(focused) && focused.id ? focused.id : null;
    fillResultsCard(card);
    const again = focusedId ? document.getElementById(focusedId) : null;
    if (again) again.focus(); /* a count arrived while on an "Enig" button: stay there */
  }

  function fillResultsCard(card) {
    card.hidden = !activity.results_visible;
    card.textContent = "";
    if (!activity.results_visible) return;
    if (TEXT_KINDS.includes(activity.kind) && activity.endorsements) {
      card.id = "enig";
      card.appendChild(el("h2", { text: t("others_wrote") }));
      if (activity.state === "open") card.appendChild(el("p", { className: "muted", text: t("endorse_hint") }));
      const all = (activity.results && activity.results.contributions) || [];
      if (all.length > 1) card.appendChild(sortButtons());
      card.appendChild(endorseList(all));
      if (all.length > listShown) card.appendChild(showMore(all));
      return;
    }
    card.removeAttribute("id");
    card.appendChild(el("h2", { text: t("results") }));
    /* a vote's tallies as the server drew them (results_view); statements are this list's */
    if (activity.vote) card.appendChild(fromHtml(activity.results_html || ""));
    else card.appendChild(statementList((activity.results && activity.results.contributions) || []));
  }

  /* Revealed statements without "Enig": every one, newest first, kept up to date from
     statements:changed (the no-JS page's list is the results_view macro's). */
  function statementList(all) {
    const list = el("ul", { className: "results statements" }, all.slice().reverse().map((c) => el("li", { "data-id": c.id }, [
      document.createTextNode(c.text),
      c.endorsements ? el("span", { className: "endorse", text: " +" + c.endorsements }) : null])));
    if (!all.length) list.appendChild(el("li", { className: "muted empty", text: t("no_contributions") }));
    return list;
  }

  /* "Nyeste" / "Flest enige": two toggle buttons (aria-pressed), the list redrawn in place. */
  function sortButtons() {
    const group = el("div", { className: "list-tools", role: "group", "aria-label": t("sort_label") });
    [["newest", "sort_newest"], ["agreed", "sort_agreed"]].forEach(([key, label]) => {
      const button = el("button", { type: "button", id: "sort-" + key, className: "button small",
        "aria-pressed": listSort === key ? "true" : "false", text: t(label) });
      button.addEventListener("click", () => { listSort = key; listShown = LIST_STEP; renderResultsCard(); });
      group.appendChild(button);
    });
    return group;
  }

  /* The server keeps them oldest first; ties in agreement go newest first. */
  function ordered(all) {
    const newest = all.slice().reverse();
    if (listSort !== "agreed") return newest;
    return newest.sort((a, b) => (b.endorsements || 0) - (a.endorsements || 0));
  }

  /* "Vis flere": LIST_STEP more; focus goes to the first of them (a keyboard user reads on). */
  function showMore(all) {
    const shown = Math.min(listShown, all.length);
    const button = el("button", { type: "button", id: "show-more", className: "button block", text: t("show_more", { n: Math.min(LIST_STEP, all.length - shown) }) });
    button.addEventListener("click", () => {
      const next = ordered(all)[shown];
      listShown += LIST_STEP;
      renderResultsCard();
      if (next) focusLater("#c-" + next.id);
    });
    return el("div", { className: "show-more" }, [el("p", { className: "muted", text: t("shown_of", { n: shown, total: all.length }) }), button]);
  }

  function endorseList(all) {
    const list = el("ul", { className: "statements endorse-list" });
    const mine = new Set(own.map((c) => c.id));
    const open = activity.state === "open";
    /* not thousands of them at once: a cheap phone in a big room stays quick and short */
    const rows = ordered(all).slice(0, listShown);
    rows.forEach((c) => {
      const agreed = endorsed.has(c.id);
      const row = el("span", { className: "endorse-row" });
      if (mine.has(c.id)) row.appendChild(el("small", { className: "muted", text: t("yours") }));
      else if (open) {
        const button = el("button", { type: "button", id: "agree-" + c.id, className: "button endorse-button" + (agreed ? " agreed" : ""),
          "aria-pressed": agreed ? "true" : "false", "aria-describedby": "t-" + c.id }, [
          document.createTextNode(t("agree")), agreed ? el("span", { "aria-hidden": "true", text: " ✓" }) : null]);
        button.addEventListener("click", () => endorse(c.id, !agreed));
        row.appendChild(button);
      }
      if (c.endorsements) row.appendChild(el("small", { className: "endorse-count", text: t(c.endorsements === 1 ? "n_agree_one" : "n_agree_many", { n: c.endorsements }) }));
      list.appendChild(el("li", { id: "c-" + c.id, "data-id": c.id, tabindex: "-1" }, [el("span", { id: "t-" + c.id, text: c.text }), row]));
    });
    if (!rows.length) list.appendChild(el("li", { className: "muted empty", text: t("no_contributions") }));
    return list;
  }

  function activityCard(keepText, keepWords) {
    const kindKey = "kind_" + activity.kind;
    const kindLabel = t(kindKey) !== kindKey ? t(kindKey) : (activity.kind_label || "");
    const eyebrow = kindLabel + (activity.focus_area ? " · " + activity.focus_area : "");
    const card = el("section", { className: "card activity-card" }, [
      el("p", { className: "eyebrow", text: eyebrow }), el("h1", { id: "activity-title", tabindex: "-1", text: activity.title }),
      activity.prompt ? el("p", { className: "prompt", text: activity.prompt }) : null,
    ]);
    /* A real form too (method, action, token, ids): submitted natively it still works. */
    const form = el("form", { className: "submit-form", novalidate: true, method: "post", action: "/s/" + code }, [
      el("input", { type: "hidden", name: "csrf_token", value: window.live.csrfToken() || "" }),
      el("input", { type: "hidden", name: "activity_id", value: String(activity.id) }),
      el("input", { type: "hidden", name: "client_id", value: newClientId() }),
    ]);
    const current = own.length ? own[own.length - 1] : null;
    const locked = activity.state !== "open";
    if (activity.kind === "dilemma") {
      const list = el("fieldset", { className: "choice-list sides" }, [el("legend", { text: t("choose_side") })]);
      activity.sides.forEach((side, index) => list.appendChild(el("label", { className: "choice side" }, [
        el("input", { type: "radio", name: "side", value: index, checked: current && current.side === index, disabled: locked }),
        el("span", {}, [el("strong", { text: side.label }), side.description ? el("small", { text: side.description }) : null]),
      ])));
      form.appendChild(list);
      form.appendChild(el("label", { for: "text", text: activity.reason_required ? t("reason") : t("reason_optional") }));
    } else if (activity.kind === "topic_vote") {
      const chosen = current && current.choices ? current.choices : [];
      const list = el("fieldset", { className: "choice-list" }, [el("legend", { text: t("choose_up_to", { n: activity.max_choices }) })]);
      activity.topics.forEach((topic, index) => list.appendChild(el("label", { className: "choice" }, [
        el("input", { type: "checkbox", name: "choices", value: index, checked: chosen.includes(index), disabled: locked }),
        el("span", { text: topic }),
      ])));
      form.appendChild(list);
      if (!locked) limitChoices(list, activity.max_choices);
    } else if (activity.kind === "wordcloud") {
      form.appendChild(wordFields(keepWords, locked));
    } else {
      form.appendChild(el("label", { for: "text", text: t(KIND_LABEL[activity.kind]) }));
    }
    if (activity.kind !== "topic_vote" && activity.kind !== "wordcloud") {
      const area = el("textarea", { id: "text", name: "text", rows: 3, disabled: locked,
        placeholder: activity.kind === "retningspil" ? t("placeholder") : null });
      area.value = keepText;
      const counter = el("p", { className: "counter muted" }); /* not live: no chatter per key */
      area.addEventListener("input", () => { updateCounter(area, counter); setDraft(activity.id, area.value); });
      form.appendChild(area);
      form.appendChild(counter);
      updateCounter(area, counter);
    }
    const error = el("p", { className: "error", role: "alert", hidden: true });
    form.appendChild(error);
    const changing = activity.vote && current;
    const again = activity.kind === "wordcloud" ? t("send_words") : t("change_choice");
    form.appendChild(el("button", { className: "button primary block", disabled: locked, text: changing ? again : t("send") }));
    if (locked) form.appendChild(el("p", { className: "muted", text: t("closed") }));
    form.addEventListener("submit", (event) => { event.preventDefault(); submit(form, error); });
    card.appendChild(form);
    if (activity.kind === "dilemma" && current && activity.sides[current.side]) {
      const [before, after] = t("your_side").split("{side}");
      card.appendChild(el("p", { className: "muted" }, [document.createTextNode(before || ""),
        el("strong", { text: activity.sides[current.side].label }), document.createTextNode(after || "")]));
      if (editing && editing.id === current.id) card.appendChild(editForm(t("edit_reason")));
      else if (current.text) {
        card.appendChild(el("p", { className: "own-reason" }, [el("span", { id: "o-" + current.id, text: t("your_reason") + " " + current.text }),
          !locked ? document.createTextNode(" ") : null, !locked ? editButton(current) : null]));
      }
    }
    if (activity.kind === "wordcloud") ownWords(card, current, locked);
    if (changing && !locked) card.appendChild(withdrawButton(current.id, activity.kind === "wordcloud" ? t("withdraw_words") : t("withdraw_choice")));
    if (undo && !TEXT_KINDS.includes(activity.kind)) card.appendChild(undoBar());
    return card;
  }

  /* A check-in: one field per word (a field with several words is split, as on the server). */
  function wordFields(values, locked) {
    const max = activity.max_words || 3;
    const set = el("fieldset", { className: "word-fields" }, [el("legend", { text: t("label_words", { n: max }) })]);
    for (let i = 1; i <= max; i += 1) {
      set.appendChild(el("label", { for: "word-" + i, text: t(i === 1 ? "word_n" : "word_n_optional", { n: i }) }));
      const input = el("input", { type: "text", id: "word-" + i, name: "words", autocomplete: "off", autocapitalize: "none", disabled: locked });
      input.value = values[i - 1] || "";
      set.appendChild(input);
    }
    return set;
  }

  /* "Dine ord": the words the server has, or those still in the outbox ("sender …"). */
  function ownWords(card, current, locked) {
    const waiting = loadOutbox().filter((item) => item.activity_id === activity.id).pop();
    const words = waiting ? (waiting.words || []).filter((w) => w.trim()) : current ? current.text.split(/\s+/) : [];
    if (!words.length) return;
    card.appendChild(el("p", { className: "own-words" }, [
      el("span", { id: current && !waiting ? "o-" + current.id : null }, [document.createTextNode(t("your_words") + " "), el("strong", { text: words.join(" · ") })]),
      waiting ? el("small", { className: "state pending", text: " " + (socket.connected ? t("sending") : t("waiting_for_connection")) }) : null]));
    if (!locked) card.appendChild(el("p", { className: "muted", text: t("words_again") }));
  }

  /* The server's rule (wordcloud.words.split_words), so the message comes at once. */
  const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;
  function wordsProblem(values) {
    const seen = new Set();
    for (const value of values) {
      for (const match of value.normalize("NFC").matchAll(WORD)) {
        const length = Array.from(match[0]).length;
        if (length > activity.max_word_chars) return t("word_too_long", { max: activity.max_word_chars, start: Array.from(match[0]).slice(0, 12).join(""), length: length });
        seen.add(match[0].toLowerCase());
        if (seen.size > activity.max_words) return t("too_many_words", { max: activity.max_words });
      }
    }
    return seen.size ? "" : t("need_words");
  }

  /* A vote takes at most max_choices: once they are ticked the other boxes are disabled (untick
     one to choose another), and "Du har valgt 2 af 3" says why. The server checks it too. */
  function limitChoices(list, max) {
    const boxes = Array.from(list.querySelectorAll("input[type=checkbox]"));
    const status = el("p", { className: "choice-count muted", "aria-live": "polite" });
    list.appendChild(status);
    const update = () => {
      const ticked = boxes.filter((box) => box.checked).length;
      boxes.forEach((box) => { box.disabled = !box.checked && ticked >= max; });
      const text = ticked ? t("chosen_of", { n: ticked, max: max }) : "";
      if (status.textContent !== text) status.textContent = text;
    };
    list.addEventListener("change", update);
    update();
  }

  function updateCounter(area, counter) {
    const length = area.value.trim().length;
    const text = length ? t("counter", { n: length, max: activity.max_chars }) : "";
    if (counter.textContent !== text) counter.textContent = text;
    counter.classList.toggle("over", length > activity.max_chars);
  }

  function ownCard() {
    const pending = loadOutbox().filter((item) => item.activity_id === activity.id);
    const list = el("ul", { className: "own" });
    const open = activity.state === "open";
    own.slice().reverse().forEach((c) => {
      if (editing && editing.id === c.id && open) {
        list.appendChild(el("li", { id: "c-" + c.id }, [editForm(t("edit_own"))]));
        return;
      }
      list.appendChild(el("li", { id: "c-" + c.id }, [el("span", { id: "o-" + c.id, text: c.text }),
        c.held ? el("small", { className: "state held", text: t("held") }) : el("small", { className: "state sent", text: t("sent") }),
        open ? el("span", { className: "own-actions" }, [editButton(c), withdrawButton(c.id, t("withdraw"), true)]) : null]));
    });
    pending.forEach((item) => list.insertBefore(el("li", { "data-client": item.client_id }, [el("span", { text: item.text }),
      el("small", { className: "state pending", text: socket.connected ? t("sending") : t("waiting_for_connection") })]), list.firstChild));
    if (!list.firstChild && !undo) list.appendChild(el("li", { className: "muted empty", text: t("nothing_yet") }));
    return el("section", { className: "card", id: "bidrag" }, [el("h2", { text: t("your_contributions") }), undo ? undoBar() : null, list]);
  }

  /* Client-side checks mirror the server's so people get the same message at once. */
  function submit(form, error) {
    const data = new FormData(form);
    const text = (data.get("text") || "").toString();
    const item = { client_id: newClientId(), activity_id: activity.id, text: text };
    let problem = "";
    if (activity.kind === "dilemma") {
      const side = data.get("side");
      item.side = side === null ? null : Number(side);
      if (item.side === null) problem = t("need_side");
      else if (activity.reason_required && !text.trim()) problem = t("need_reason");
    } else if (activity.kind === "topic_vote") {
      item.choices = data.getAll("choices").map(Number);
      item.text = "";
      if (!item.choices.length) problem = t("need_topic");
      else if (item.choices.length > activity.max_choices) problem = t("too_many_topics", { max: activity.max_choices });
    } else if (activity.kind === "wordcloud") {
      item.words = data.getAll("words").map(String);
      item.text = "";
      problem = wordsProblem(item.words);
    } else if (!text.trim()) {
      problem = t("need_text");
    }
    const length = text.trim().length;
    if (!problem && length > activity.max_chars) problem = t("too_long", { length: length, max: activity.max_chars });
    if (problem) { error.textContent = problem; error.hidden = false; return; }
    const items = loadOutbox();
    items.push(item);
    saveOutbox(items); /* kept on the phone before anything is sent */
    const area = form.querySelector("textarea");
    if (area && activity.kind !== "dilemma") area.value = "";
    form.querySelectorAll("input[name=words]").forEach((input) => { input.value = ""; });
    setDraft(activity.id, ""); /* in the outbox now: resent until the server has it */
    notice = "";
    render();
    send(item);
  }

  /* The page carries the phone's state as it was served (payloads.phone_snapshot): drawn live
     at once, so the outbox works even if the Wi-Fi drops before the socket first connects.
     A page answering a plain form (text kept after a closed activity, "Ret") stays as served. */
  const served = document.getElementById("phone-snapshot");
  if (served && !document.getElementById("ikke-sendt") && !document.getElementById("edit-text")) {
    const snapshot = JSON.parse(served.textContent);
    activity = snapshot.activity;
    own = snapshot.own || [];
    endorsed = new Set(snapshot.endorsed || []);
    render(false);
  }
})();
