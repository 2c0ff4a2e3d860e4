/* The phone's parking lot (/s/<CODE>/sporgsmaal): the board drawn from pushes
   (`parking:updated`), "+1" and new items over the socket. A new item goes to an outbox in
   localStorage before it is sent and is resent with the same client id after a reconnect, so
   nothing typed is lost and nothing arrives twice. Without JavaScript the page's forms work. */
(function () {
  "use strict";
  const root = document.getElementById("board");
  if (!root || typeof io === "undefined" || !window.live) return;
  const { el, t } = window.live;
  const code = root.dataset.code;
  const OUTBOX = "facilitator:parking-outbox:" + code;
  const SEND_TIMEOUT_MS = 8000;
  const FINAL = ["validation", "closed", "invalid", "not_found", "unknown_event"];
  const form = root.querySelector(".board-form");
  const field = document.getElementById("board-text");
  const list = document.getElementById("board-list");
  const ownList = document.getElementById("board-own");
  const answered = document.getElementById("board-answered");
  const answeredList = document.getElementById("board-answered-list");
  const announcer = document.getElementById("board-announcer");
  const snapshot = JSON.parse(document.getElementById("board-snapshot").textContent);
  let board = snapshot.board;
  let own = snapshot.own;
  let voted = new Set(snapshot.voted);

  function loadOutbox() {
    try { return JSON.parse(localStorage.getItem(OUTBOX)) || []; } catch (e) { return []; }
  }
  function saveOutbox(items) {
    try { localStorage.setItem(OUTBOX, JSON.stringify(items)); } catch (e) { /* private mode */ }
  }
  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function announce(text) {
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 50); /* a change, so it is read */
  }
  function showError(text) {
    form.querySelectorAll(".error").forEach((node) => node.remove());
    if (text) form.querySelector("button").before(el("p", { className: "error", role: "alert", text: text }));
  }
  function votesText(n) { return t(n === 1 ? "votes_one" : "votes_many", { n: n }); }

  const socket = io({ auth: { role: "participant", code: code }, transports: ["websocket", "polling"],
    tryAllTransports: true, reconnectionDelayMax: 5000 });

  /* --- drawing ------------------------------------------------------------------------------ */
  function voteButton(item) {
    const agreed = voted.has(item.id);
    const button = el("button", { className: "button endorse-button" + (agreed ? " agreed" : ""),
      type: "button", "aria-pressed": agreed ? "true" : "false", "aria-describedby": "pt-" + item.id, text: t("vote") });
    if (agreed) button.appendChild(el("span", { "aria-hidden": "true", text: " ✓" }));
    button.addEventListener("click", () => vote(item.id, !voted.has(item.id)));
    return button;
  }
  function openItem(item) {
    const mine = own.some((o) => o.id === item.id);
    return el("li", { id: "punkt-" + item.id, "data-id": item.id }, [
      el("span", { id: "pt-" + item.id, text: item.text }),
      el("span", { className: "endorse-row" }, [
        mine ? el("small", { className: "muted", text: t("yours") }) : voteButton(item),
        el("small", { className: "endorse-count", text: votesText(item.votes) }),
      ]),
    ]);
  }
  function render() {
    const focused = document.activeElement && document.activeElement.closest("li[data-id]");
    const focusId = focused ? focused.dataset.id : null;
    const shown = new Set(board.items.map((item) => item.id));
    own = own.map((o) => (o.held && shown.has(o.id) ? Object.assign({}, o, { held: false }) : o)); /* approved */
    const open = board.items.filter((item) => item.state === "open");
    list.replaceChildren(...(open.length ? open.map(openItem) : [el("li", { className: "muted empty", text: t("none_open") })]));
    const done = board.items.filter((item) => item.state === "answered");
    answered.hidden = !done.length;
    answeredList.replaceChildren(...done.map((item) => el("li", { id: "punkt-" + item.id }, [
      el("span", { text: item.text + " " }), el("small", { className: "endorse-count", text: votesText(item.votes) })])));
    const waiting = own.filter((o) => o.held).map((o) => [o.text, t("held")])
      .concat(loadOutbox().map((o) => [o.text, socket.connected ? t("sending") : t("waiting_for_connection")]));
    ownList.replaceChildren(...waiting.map(([text, state]) => el("li", {}, [
      el("span", { text: text + " " }), el("small", { className: "state held", text: state })])));
    if (focusId) {
      const again = list.querySelector('li[data-id="' + focusId + '"] button');
      if (again) again.focus({ preventScroll: true });
    }
  }

  /* --- sending ------------------------------------------------------------------------------ */
  function send(item) {
    if (!socket.connected) { render(); return; }
    socket.timeout(SEND_TIMEOUT_MS).emit("parking:add", item, (err, ack) => {
      if (err || !ack) return; /* no answer: it stays in the outbox and goes again on reconnect */
      if (!ack.ok && !FINAL.includes(ack.code)) { setTimeout(() => send(item), 5000); return; }
      saveOutbox(loadOutbox().filter((o) => o.client_id !== item.client_id));
      if (ack.ok) {
        own = own.filter((o) => o.id !== ack.item.id).concat([ack.item]);
        if (!ack.duplicate) announce(ack.item.held ? t("added_held") : t("added"));
      } else {
        if (!field.value) field.value = item.text; /* refused for good: the text comes back */
        showError(ack.message || t("error"));
      }
      render();
    });
  }
  function flushOutbox() { loadOutbox().forEach(send); }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = field.value.trim();
    const max = Number(field.dataset.max || 280);
    if (!text) { showError(t("need_text")); field.focus(); return; }
    if (text.length > max) { showError(t("too_long", { length: text.length, max: max })); field.focus(); return; }
    showError("");
    const item = { client_id: newClientId(), text: text };
    saveOutbox(loadOutbox().concat([item]));
    field.value = "";
    if (!socket.connected) announce(t("offline"));
    send(item);
  });

  function vote(id, wanted) {
    socket.timeout(SEND_TIMEOUT_MS).emit("parking:vote", { id: id, vote: wanted }, (err, ack) => {
      if (err || !ack || !ack.ok) { announce(ack && ack.message ? ack.message : t("error")); return; }
      if (ack.vote) voted.add(id); else voted.delete(id);
      board.items = board.items.map((item) => (item.id === id ? Object.assign({}, item, { votes: ack.votes }) : item));
      render();
      announce(votesText(ack.votes));
    });
  }

  /* --- the room ------------------------------------------------------------------------------ */
  function refresh() {
    socket.timeout(SEND_TIMEOUT_MS).emit("parking:get", (err, data) => {
      if (err || !data || !data.ok) return;
      board = data.board; own = data.own; voted = new Set(data.voted);
      render();
      flushOutbox();
    });
  }
  socket.on("connect", refresh);
  socket.on("disconnect", render);
  socket.on("parking:updated", (data) => { board = data; render(); });
  document.addEventListener("visibilitychange", () => { if (!document.hidden && socket.connected) refresh(); });
  render();
})();
