/* The participant's phone: live activity, outbox in localStorage, resend with the same id.
   Without JavaScript the page's plain forms still work; this only makes it live. */
(function () {
  "use strict";
  const root = document.getElementById("phone");
  if (!root || typeof io === "undefined" || !window.live) return;
  const { el, renderResults } = window.live;
  const code = root.dataset.code;
  const OUTBOX = "facilitator:outbox:" + code;
  const SEND_TIMEOUT_MS = 8000;
  const KIND_LABEL = { retningspil: "Din retningspil", initiative: "Dit forslag", open_question: "Dit svar" };
  let activity = null;
  let own = [];
  let ownChanges = 0; /* bumped when an acknowledgement changes `own`; see refresh() */
  let notice = "";

  /* --- outbox: unsent contributions survive reloads, sleep and lost Wi-Fi ------------------ */
  function loadOutbox() {
    try { return JSON.parse(localStorage.getItem(OUTBOX) || "[]"); } catch (e) { return []; }
  }
  function saveOutbox(items) {
    try { localStorage.setItem(OUTBOX, JSON.stringify(items)); } catch (e) { /* private mode */ }
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
  const banner = el("p", { className: "connection", role: "status", hidden: true,
    text: "Ingen forbindelse. Dine bidrag gemmes på telefonen og sendes, når forbindelsen er tilbage." });
  root.parentNode.insertBefore(banner, root);

  socket.on("connect", () => { banner.hidden = true; refresh(); });
  socket.on("disconnect", () => { banner.hidden = false; render(); });
  socket.on("connect_error", () => { banner.hidden = false; });
  socket.on("activity:changed", (data) => {
    if (!activity || !data.activity || data.activity.id !== activity.id) own = [];
    activity = data.activity;
    notice = "";
    render();
  });
  socket.on("results:updated", (data) => {
    if (activity && activity.id === data.activity_id && activity.results_revealed) {
      activity.results = data;
      renderResultsCard();
    }
  });
  socket.on("session:changed", (data) => {
    if (data.state !== "live") { activity = null; notice = "Sessionen er afsluttet. Tak for dine bidrag!"; render(); }
  });
  /* The OS knows about lost Wi-Fi before a socket times out: treat it as disconnected. */
  window.addEventListener("offline", () => { socket.disconnect(); banner.hidden = false; render(); });
  window.addEventListener("online", () => socket.connect());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && socket.connected) refresh();
  });

  function refresh() {
    const asked = ownChanges;
    socket.timeout(SEND_TIMEOUT_MS).emit("state:get", (err, snapshot) => {
      if (err || !snapshot || !snapshot.ok) return;
      activity = snapshot.activity;
      /* A submission acknowledged while this snapshot was on its way is newer than it:
         on slow Wi-Fi the snapshot must not wipe it from "Dine bidrag". */
      own = ownChanges === asked ? snapshot.own || [] : merged(snapshot.own || []);
      if (snapshot.session.state !== "live") notice = "Sessionen er afsluttet. Tak for dine bidrag!";
      render();
      flushOutbox();
    });
  }

  function merged(fresh) {
    const mine = own.filter((c) => activity && c.activity_id === activity.id);
    if (!activity || activity.kind === "dilemma" || activity.kind === "topic_vote") return mine.length ? mine : fresh;
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
          if (activity.kind === "dilemma" || activity.kind === "topic_vote") own = [ack.contribution];
          else if (!own.some((c) => c.id === ack.contribution.id)) own.push(ack.contribution);
          ownChanges += 1;
        }
        notice = "";
      } else if (ack.code === "rate_limited") {
        notice = reason(ack);
        setTimeout(() => send(item), 3000);
      } else {
        removeFromOutbox(item.client_id);
        notice = reason(ack) + (item.text ? " Din tekst: »" + item.text + "«" : "");
      }
      render();
    });
  }

  /* Refusals carry `message` (older servers: only `error`). */
  function reason(ack) { return ack.message || ack.error || "Der skete en fejl. Prøv igen."; }

  /* "Træk tilbage": the server deletes the contribution; asking twice is harmless. */
  function withdraw(id) {
    if (!socket.connected) { notice = "Ingen forbindelse. Prøv igen, når forbindelsen er tilbage."; render(); return; }
    socket.timeout(SEND_TIMEOUT_MS).emit("contribution:withdraw", { id: id }, (err, ack) => {
      if (err) notice = "Serveren svarede ikke. Prøv igen.";
      else if (ack.ok) { own = own.filter((c) => c.id !== id); ownChanges += 1; notice = ""; }
      else notice = reason(ack);
      render();
    });
  }

  function withdrawButton(id, label) {
    const button = el("button", { type: "button", className: "link", text: label });
    button.addEventListener("click", () => withdraw(id));
    return el("span", { className: "withdraw-form" }, [button]);
  }

  /* --- rendering: the same structure and classes as templates/join/phone.html -------------- */
  function render() {
    const typed = root.querySelector("textarea[name=text]");
    const keepText = typed && activity && String(activity.id) === root.dataset.activity ? typed.value : "";
    root.textContent = "";
    root.dataset.activity = activity ? String(activity.id) : "";
    if (notice) root.appendChild(el("p", { className: "error", role: "alert", text: notice }));
    if (!activity) {
      root.appendChild(el("section", { className: "card notice waiting" }, [
        el("h1", { text: "Vent et øjeblik" }),
        el("p", { text: "Facilitatoren åbner snart den næste aktivitet. Siden skifter af sig selv." }),
      ]));
      return;
    }
    root.appendChild(activityCard(keepText));
    if (["retningspil", "initiative", "open_question"].includes(activity.kind)) root.appendChild(ownCard());
    root.appendChild(el("section", { className: "card results-card", hidden: !activity.results_revealed }));
    renderResultsCard();
  }

  function renderResultsCard() {
    const card = root.querySelector(".results-card");
    if (!card || !activity) return;
    card.hidden = !activity.results_revealed;
    card.textContent = "";
    if (activity.results_revealed) {
      card.appendChild(el("h2", { text: "Resultater" }));
      card.appendChild(renderResults(activity, activity.results));
    }
  }

  function activityCard(keepText) {
    const eyebrow = activity.kind_label + (activity.focus_area ? " · " + activity.focus_area : "");
    const card = el("section", { className: "card activity-card" }, [
      el("p", { className: "eyebrow", text: eyebrow }), el("h1", { text: activity.title }),
      activity.prompt ? el("p", { className: "prompt", text: activity.prompt }) : null,
    ]);
    const form = el("form", { className: "submit-form", novalidate: true });
    const current = own.length ? own[own.length - 1] : null;
    const locked = activity.state !== "open";
    if (activity.kind === "dilemma") {
      const list = el("fieldset", { className: "choice-list sides" }, [el("legend", { text: "Vælg side" })]);
      activity.sides.forEach((side, index) => list.appendChild(el("label", { className: "choice side" }, [
        el("input", { type: "radio", name: "side", value: index, checked: current && current.side === index, disabled: locked }),
        el("span", {}, [el("strong", { text: side.label }), side.description ? el("small", { text: side.description }) : null]),
      ])));
      form.appendChild(list);
      form.appendChild(el("label", { for: "text", text: "Begrundelse" + (activity.reason_required ? "" : " (valgfri)") }));
    } else if (activity.kind === "topic_vote") {
      const chosen = current && current.choices ? current.choices : [];
      const list = el("fieldset", { className: "choice-list" }, [el("legend", { text: "Vælg op til " + activity.max_choices })]);
      activity.topics.forEach((topic, index) => list.appendChild(el("label", { className: "choice" }, [
        el("input", { type: "checkbox", name: "choices", value: index, checked: chosen.includes(index), disabled: locked }),
        el("span", { text: topic }),
      ])));
      form.appendChild(list);
    } else {
      form.appendChild(el("label", { for: "text", text: KIND_LABEL[activity.kind] }));
    }
    if (activity.kind !== "topic_vote") {
      const area = el("textarea", { id: "text", name: "text", rows: 3, disabled: locked,
        placeholder: activity.kind === "retningspil" ? "Vi skal …" : null });
      area.value = keepText;
      const counter = el("p", { className: "counter muted", "aria-live": "polite" });
      area.addEventListener("input", () => updateCounter(area, counter));
      form.appendChild(area);
      form.appendChild(counter);
      updateCounter(area, counter);
    }
    const error = el("p", { className: "error", role: "alert", hidden: true });
    form.appendChild(error);
    const changing = (activity.kind === "dilemma" || activity.kind === "topic_vote") && current;
    form.appendChild(el("button", { className: "button primary block", disabled: locked, text: changing ? "Skift mit valg" : "Send" }));
    if (locked) form.appendChild(el("p", { className: "muted", text: "Aktiviteten er lukket for nye bidrag. Det, du har sendt, er gemt." }));
    form.addEventListener("submit", (event) => { event.preventDefault(); submit(form, error); });
    card.appendChild(form);
    if (activity.kind === "dilemma" && current && activity.sides[current.side]) {
      card.appendChild(el("p", { className: "muted" }, [document.createTextNode("Dit valg: "),
        el("strong", { text: activity.sides[current.side].label }), document.createTextNode(". Du kan skifte, så længe aktiviteten er åben.")]));
    }
    if (changing && !locked) card.appendChild(withdrawButton(current.id, "Træk mit valg tilbage"));
    return card;
  }

  function updateCounter(area, counter) {
    const length = area.value.trim().length;
    counter.textContent = length ? length + " / " + activity.max_chars + " tegn" : "";
    counter.classList.toggle("over", length > activity.max_chars);
  }

  function ownCard() {
    const pending = loadOutbox().filter((item) => item.activity_id === activity.id);
    const list = el("ul", { className: "own" });
    const open = activity.state === "open";
    own.slice().reverse().forEach((c) => list.appendChild(el("li", {}, [el("span", { text: c.text }),
      el("small", { className: "state sent", text: "sendt" }), open ? withdrawButton(c.id, "Træk tilbage") : null])));
    pending.forEach((item) => list.insertBefore(el("li", { "data-client": item.client_id }, [el("span", { text: item.text }),
      el("small", { className: "state pending", text: socket.connected ? "sender …" : "venter på forbindelse" })]), list.firstChild));
    if (!list.firstChild) list.appendChild(el("li", { className: "muted empty", text: "Du har ikke sendt noget endnu. Du kan sende flere." }));
    return el("section", { className: "card", id: "bidrag" }, [el("h2", { text: "Dine bidrag" }), list]);
  }

  /* Client-side checks mirror the server's so people get the same Danish message at once. */
  function submit(form, error) {
    const data = new FormData(form);
    const text = (data.get("text") || "").toString();
    const item = { client_id: newClientId(), activity_id: activity.id, text: text };
    let problem = "";
    if (activity.kind === "dilemma") {
      const side = data.get("side");
      item.side = side === null ? null : Number(side);
      if (item.side === null) problem = "Vælg en af siderne i dilemmaet.";
      else if (activity.reason_required && !text.trim()) problem = "Skriv en kort begrundelse for dit valg.";
    } else if (activity.kind === "topic_vote") {
      item.choices = data.getAll("choices").map(Number);
      item.text = "";
      if (!item.choices.length) problem = "Vælg mindst ét emne.";
      else if (item.choices.length > activity.max_choices) problem = "Du kan højst vælge " + activity.max_choices + " emner.";
    } else if (!text.trim()) {
      problem = "Skriv noget, før du sender.";
    }
    const length = text.trim().length;
    if (!problem && length > activity.max_chars) problem = "Dit bidrag er på " + length + " tegn. Der er plads til højst " + activity.max_chars + ".";
    if (problem) { error.textContent = problem; error.hidden = false; return; }
    const items = loadOutbox();
    items.push(item);
    saveOutbox(items); /* kept on the phone before anything is sent */
    const area = form.querySelector("textarea");
    if (area && activity.kind !== "dilemma") area.value = "";
    notice = "";
    render();
    send(item);
  }
})();
