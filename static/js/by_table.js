/* The projector's statements by table (templates/participate/screen/by_table.html): the page
   listens as the projector does and, when a statement of its activity arrives, changes or
   leaves (or the activity changes), draws the server's grouping again. The server decides
   which table a person's statement may stand under (the privacy rule), so the page fetches
   that part rather than placing statements itself. No timed refresh (WCAG 2.2.1). */
(function () {
  "use strict";
  const root = document.getElementById("by-table");
  if (!root || !window.io) return;
  const activityId = Number(root.dataset.activity);
  const auth = { role: "screen", session_id: Number(root.dataset.session), token: root.dataset.token };
  const socket = io({ auth: auth, transports: ["websocket", "polling"], tryAllTransports: true });
  let timer = null;

  function redraw() {
    timer = null;
    fetch(root.dataset.fragment, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : null))
      .then((html) => { if (html !== null) root.querySelector("[data-groups]").innerHTML = html; })
      .catch(() => {}); /* offline for a moment: the next push tries again */
  }

  function soon(data) {
    if (data && data.activity_id !== undefined && data.activity_id !== activityId) return;
    if (!timer) timer = setTimeout(redraw, 1000); /* a burst of statements: one redraw */
  }

  /* statements one by one while the results are visible, else only the count (responses:count) */
  ["contribution:added", "contribution:changed", "contribution:removed", "responses:count"]
    .forEach((name) => socket.on(name, soon));
  socket.on("activity:changed", () => soon());
  socket.on("connect", () => soon());
})();
