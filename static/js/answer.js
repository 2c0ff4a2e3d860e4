/* The answer form (/h/<token>): while a body types, its draft is saved every ~20 seconds and
   the time shown ("Kladde gemt kl. 14.05"). The form works fully without this script. */
(function () {
  "use strict";
  var form = document.getElementById("answer-form");
  var status = document.getElementById("autosave-status");
  if (!form || !status || !window.fetch || !window.FormData) { return; }
  var seconds = Number(form.dataset.autosaveSeconds) || 20;
  var dirty = false;
  var busy = false;
  var leaving = false;

  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") { dirty = true; }
  });
  form.addEventListener("submit", function () { leaving = true; });

  function show(text) { status.textContent = text || status.dataset.failed; }

  function save() {
    if (!dirty || busy || leaving) { return; }
    var data = new FormData(form);  // the textareas; the buttons are not in it
    data.append("autosave", "1");
    dirty = false;
    busy = true;
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                         headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          show(response.ok ? body.message : body.error);  // a refusal says why, in words
        });
      })
      .catch(function () { dirty = true; show(""); })  // offline: try again next round
      .then(function () { busy = false; });
  }

  window.setInterval(save, seconds * 1000);
  // Unsaved typing is not lost by closing the tab without a word.
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !leaving) { event.preventDefault(); event.returnValue = ""; }
  });
}());
