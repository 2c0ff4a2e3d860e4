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

  /* "57 %" with a non-breaking space: the sign never wraps away from its number. */
  function percent(count, total) {
    return total ? Math.round((count / total) * 100) + "\u00a0%" : "";
  }

  /* Same markup as the bar macro in templates/_macros.html; the progress element is named. */
  function bar(label, count, total) {
    const head = el("div", { className: "bar-label" }, [
      el("span", { text: label }),
      el("span", { className: "bar-count", text: total ? count + " · " + percent(count, total) : String(count) }),
    ]);
    const aria = t("bar_aria", { label: label, count: count, total: total || 0 });
    return el("div", { className: "bar" }, [head, el("progress", { max: total || 1, value: count, "aria-label": aria, text: String(count) })]);
  }

  /* A group row's name in this reader's language: the payload carries a key (group_key). */
  function groupName(row) {
    const key = "group_" + row.group_key;
    return row.group_key && t(key) !== key ? t(key) : row.group;
  }

  function kindName(kind) {
    const key = "kind_" + kind;
    return t(key) !== key ? t(key) : kind;
  }

  /* Same markup as the results_view macro in templates/_macros.html. `results` is null while
     they are hidden (not live, not revealed): then only how many have answered. */
  function renderResults(activity, results, options) {
    const big = options && options.big;
    if (!results) {
      const count = (options && options.responses) || (activity && activity.responses) || 0;
      return el("div", { className: "results hidden-results" }, [el("p", { className: "answered", text: t("answered_hidden", { n: count }) })]);
    }
    if (activity.kind === "dilemma") {
      const box = el("div", { className: "results dilemma", "data-total": results.total, "data-sides": results.sides.length });
      results.sides.forEach((side) => box.appendChild(bar(side.label, side.count, results.total)));
      box.appendChild(el("p", { className: "muted", text: t("chose_side", { n: results.total }) }));
      if (results.by_group && results.by_group.length) {
        const head = el("tr", {}, [el("th", { scope: "col", text: t("group") })].concat(results.sides.map((s) => el("th", { scope: "col", text: s.label }))));
        const body = el("tbody", {}, results.by_group.map((row) => el("tr", {}, [el("th", { scope: "row", text: groupName(row) })].concat(
          !Array.isArray(row.counts) /* a suppressed row: no counts, no size */
            ? [el("td", { colspan: results.sides.length, className: "muted", text: t("suppressed") })]
            : row.counts.map((n, i) => el("td", { "data-label": results.sides[i] ? results.sides[i].label : "", text: String(n) }))))));
        box.appendChild(el("table", { className: "groups" }, [el("caption", { text: t("by_group") }), el("thead", {}, [head]), body]));
      }
      return box;
    }
    if (activity.kind === "topic_vote") {
      const box = el("div", { className: "results" });
      box.appendChild(el("ol", { className: "results topics" }, results.topics.map((topic, i) => el("li", {}, [
        el("span", { className: "rank", "aria-hidden": "true", text: (i + 1) + "." }), bar(topic.label, topic.votes, results.voters)]))));
      box.appendChild(el("p", { className: "muted", text: t("voted", { n: results.voters }) }));
      return box;
    }
    /* every statement, newest first: the projector pages them by its real layout (screen.js) */
    const list = el("ul", { className: big ? "statements big" : "results statements" });
    const items = (results.contributions || []).slice().reverse();
    items.forEach((c) => list.appendChild(statementItem(c)));
    if (!items.length) list.appendChild(el("li", { className: "muted empty", text: t("no_contributions") }));
    return big ? el("div", { className: "results wall" }, [list]) : list;
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

  global.live = { el, bar, renderResults, statementItem, groupName, kindName, csrfToken, t };
})(window);
