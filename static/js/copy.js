/* "Kopiér link" beside a read-only link field (the written round's bodies, round.html).
   Without this script the buttons stay hidden and each link is ordinary selectable text.
   The clipboard API needs a secure context (HTTPS or localhost); on plain HTTP in a venue's
   network the link is selected and copied the old way, or left selected for Ctrl+C. */
(function () {
  "use strict";
  function select(field) {
    field.focus();
    field.select();
    field.setSelectionRange(0, field.value.length);
  }

  function copyBySelection(field) {
    select(field);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
    var field = document.getElementById(button.dataset.copyTarget);
    var status = document.getElementById(button.dataset.copyStatus);
    if (!field || !status) { return; }
    var timer = null;
    function say(text) {
      status.textContent = text;
      clearTimeout(timer);
      timer = setTimeout(function () { status.textContent = ""; }, 5000);
    }
    function byHand() {
      say(copyBySelection(field) ? button.dataset.copied : button.dataset.selected);
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () {
          say(button.dataset.copied);
        }, byHand);
      } else {
        byHand();
      }
    });
  });
}());
