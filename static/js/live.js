/* Shared helpers for the live pages: element building (text only, never HTML), the server's
   rendered markup (results_html) as nodes, and the page's strings. */
(function (global) {
  "use strict";

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach((child) => child && node.appendChild(child));
    return node;
  }

  function kindName(kind) {
    const key = "kind_" + kind;
    return t(key) !== key ? t(key) : kind;
  }

  /* Markup the server rendered (and escaped) from its own templates: results_html (the
     results_view macro, templates/_macros.html, the one builder of results) and the console's
     pushed parts. Parsed inert: a <template> runs no script and loads nothing. */
  function fromHtml(html) {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    return holder.content;
  }

  /* The page's strings in its language (the js_strings macro); `{name}` is filled from vars.
     A key the page did not send shows as itself, so a missing string is visible, not blank. */
  let strings = null;
  function t(key, vars) {
    if (strings === null) { /* the page's own strings, plus the results' names (live_scripts) */
      strings = {};
      ["i18n-live", "i18n-strings"].forEach((id) => {
        const node = document.getElementById(id);
        if (node) Object.assign(strings, JSON.parse(node.textContent));
      });
    }
    const text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (vars && name in vars ? String(vars[name]) : whole));
  }

  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : null;
  }

  global.live = { el, fromHtml, kindName, csrfToken, t };
})(window);
