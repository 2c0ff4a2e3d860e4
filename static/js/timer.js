/* The open activity's countdown on the projector, the phones and the console (issue 25).

   The server sends the end time (paused: the seconds left) and its own clock, `now`
   (TimerPayload, docs/realtime.md); this page counts down to that end time, corrected by the
   difference between the server's clock and its own, so every screen in the room shows the
   same time, also after a reconnect or a server restart. Nothing here decides: the pages hand
   over what they were pushed (show), or the box the server rendered (adopt, the console's
   swapped parts).

   Screen readers hear it twice, through the page's [data-timer-announce] region: at 1 minute
   left and at 0, never every second (the clock itself is role=timer, which is not live). */
(function (global) {
  "use strict";
  const live = global.live;
  if (!live) return;
  const { t } = live;
  const TICK_MS = 250;
  let timer = null; /* the payload being shown (without `now`), or null */
  let offset = null; /* server clock - this clock, in ms */
  let shown = null; /* the seconds last painted: the announcements fire on crossing */
  let ticking = null;

  /* The server's clock at this moment: a fresh payload's `now`, received just now. */
  function sync(now) {
    if (typeof now === "number") offset = now - Date.now();
  }

  function secondsLeft() {
    if (!timer) return null;
    if (timer.state === "paused" || typeof timer.ends_at !== "number") return Math.max(0, timer.remaining || 0);
    return Math.max(0, Math.ceil((timer.ends_at - (Date.now() + (offset || 0))) / 1000));
  }

  function mmss(seconds) {
    const pad = (n) => String(n).padStart(2, "0");
    return pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60);
  }

  function announce(text) {
    document.querySelectorAll("[data-timer-announce]").forEach((region) => {
      region.textContent = "";
      setTimeout(() => { region.textContent = text; }, 50); /* a change, so it is read */
    });
  }

  function setText(box, selector, text) {
    const node = box.querySelector(selector);
    if (node && node.textContent !== text) node.textContent = text;
  }

  /* Every countdown box on the page, from `timer` as it stands now. */
  function paint() {
    const left = secondsLeft();
    if (shown !== null && left !== null && timer.state !== "paused") {
      /* a phone that slept past the minute mark does not say "1 minut" at 20 s left */
      if (shown > 60 && left <= 60 && left > 50) announce(t("timer_one_minute"));
      if (shown > 0 && left === 0) announce(timer.closes_at_zero ? t("timer_done_closes") : t("timer_expired"));
    }
    shown = left;
    document.querySelectorAll("[data-timer]").forEach((box) => {
      box.hidden = !timer;
      if (!timer) return;
      const phase = timer.state === "paused" ? "paused" : left === 0 ? "expired" : left <= 10 ? "ending" : "running";
      if (box.dataset.timerState !== phase) box.dataset.timerState = phase;
      setText(box, "[data-timer-clock]", mmss(left));
      setText(box, "[data-timer-status]", phase === "paused" ? t("timer_paused") : phase === "expired" ? t("timer_expired") : "");
      const closes = box.querySelector("[data-timer-closes]");
      if (closes) closes.hidden = !timer.closes_at_zero;
      const end = box.querySelector("[data-timer-end]"); /* the served page's end time: the clock says it now */
      if (end) end.hidden = true;
    });
    const running = Boolean(timer && timer.state !== "paused" && left > 0);
    if (running && !ticking) ticking = setInterval(paint, TICK_MS);
    if (!running && ticking) { clearInterval(ticking); ticking = null; }
  }

  /* A pushed TimerPayload (or null: no countdown), received just now. */
  function show(payload) {
    if (payload) sync(payload.now);
    timer = payload || null;
    if (!timer) shown = null;
    paint();
  }

  /* The countdown as the server rendered it into the page (data-timer-json): on load, and
     when the console swaps in a pushed part. Its `now` sets the clocks only if no push has:
     a part may wait to be swapped in while the facilitator types. */
  function adopt() {
    const box = document.querySelector("[data-timer][data-timer-json]");
    let payload = null;
    try { payload = box ? JSON.parse(box.dataset.timerJson || "null") : null; } catch (e) { payload = null; }
    if (payload && offset === null) sync(payload.now);
    timer = payload;
    if (!timer) shown = null;
    paint();
  }

  live.timer = { show, adopt };
  adopt();
})(window);
