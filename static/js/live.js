/* Shared helpers for the live pages: element building (text only, never HTML) and results. */
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

  function percent(count, total) {
    return total ? Math.round((count / total) * 100) + " %" : "";
  }

  function bar(label, count, total) {
    const head = el("div", { className: "bar-label" }, [
      el("span", { text: label }),
      el("span", { className: "bar-count", text: total ? count + " · " + percent(count, total) : String(count) }),
    ]);
    return el("div", { className: "bar" }, [head, el("progress", { max: total || 1, value: count, text: String(count) })]);
  }

  /* Same markup as the results_view macro in templates/_macros.html. */
  function renderResults(activity, results, options) {
    const big = options && options.big;
    if (!results) return el("div", { className: "results" });
    if (activity.kind === "dilemma") {
      const box = el("div", { className: "results dilemma" });
      results.sides.forEach((side) => box.appendChild(bar(side.label, side.count, results.total)));
      box.appendChild(el("p", { className: "muted", text: results.total + " har valgt side." }));
      if (results.by_group && results.by_group.length) {
        const head = el("tr", {}, [el("th", { text: "Gruppe" })].concat(results.sides.map((s) => el("th", { text: s.label }))));
        const body = el("tbody", {}, results.by_group.map((row) => el("tr", {}, [el("th", { scope: "row", text: row.group })].concat(
          !Array.isArray(row.counts) /* a suppressed row: no counts, no size */
            ? [el("td", { colspan: results.sides.length, className: "muted", text: "færre end 3" })]
            : row.counts.map((n) => el("td", { text: String(n) }))))));
        box.appendChild(el("table", { className: "groups" }, [el("caption", { text: "Fordeling pr. interessentgruppe" }), el("thead", {}, [head]), body]));
      }
      return box;
    }
    if (activity.kind === "topic_vote") {
      const box = el("div", { className: "results" });
      box.appendChild(el("ol", { className: "results topics" }, results.topics.map((t) => el("li", {}, [bar(t.label, t.votes, results.voters)]))));
      box.appendChild(el("p", { className: "muted", text: results.voters + " har stemt." }));
      return box;
    }
    const list = el("ul", { className: "results statements" + (big ? " big" : "") });
    const items = (results.contributions || []).slice().reverse().slice(0, big ? 18 : 10000);
    items.forEach((c) => list.appendChild(statementItem(c)));
    if (!items.length) list.appendChild(el("li", { className: "muted empty", text: "Ingen bidrag endnu." }));
    return list;
  }

  function statementItem(c) {
    const item = el("li", { "data-id": c.id, text: c.text });
    if (c.endorsements) item.appendChild(el("span", { className: "endorse", text: " +" + c.endorsements }));
    return item;
  }

  /* The page's strings in its language (the js_strings macro); `{name}` is filled from vars.
     A key the page did not send shows as itself, so a missing string is visible, not blank. */
  let strings = null;
  function t(key, vars) {
    if (strings === null) {
      const node = document.getElementById("i18n-strings");
      strings = node ? JSON.parse(node.textContent) : {};
    }
    const text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (vars && name in vars ? String(vars[name]) : whole));
  }

  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : null;
  }

  global.live = { el, bar, renderResults, statementItem, csrfToken, t };
})(window);
