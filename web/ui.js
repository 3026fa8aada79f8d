// Shared by csibot's web pages (the local chat, the dashboard): safe markup, element building,
// local storage and the light/dark theme. Text from the server only ever enters the page through
// textContent or createTextNode; innerHTML is never used.
"use strict";

window.csibotUi = (() => {
  const store = {
    get: (k) => { try { return localStorage.getItem(k); } catch { return null; } },
    set: (k, v) => { try { v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v); } catch { /* private mode */ } },
  };

  // ---- tiny safe markup: *bold*, _italic_, `code`, newlines --------------------------------------
  const SPAN = /(^|[\s([{"'“])(\*[^*\n]+?\*|_[^_\n]+?_|`[^`\n]+?`)(?=$|[\s.,;:!?)\]}"'”])/g;
  function markup(text) {
    const frag = document.createDocumentFragment();
    String(text ?? "").split("\n").forEach((line, i) => {
      if (i > 0) frag.appendChild(document.createElement("br"));
      let last = 0;
      for (const m of line.matchAll(SPAN)) {
        const start = m.index + m[1].length;
        if (start > last) frag.appendChild(document.createTextNode(line.slice(last, start)));
        const token = m[2];
        const e = document.createElement(token[0] === "*" ? "strong" : token[0] === "_" ? "em" : "code");
        e.textContent = token.slice(1, -1);
        frag.appendChild(e);
        last = start + token.length;
      }
      if (last < line.length) frag.appendChild(document.createTextNode(line.slice(last)));
    });
    return frag;
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- theme: the OS's choice until the toggle picks one; remembered per browser ------------------
  function applyTheme(theme) {
    if (theme) document.documentElement.dataset.theme = theme; else delete document.documentElement.dataset.theme;
  }
  function toggleTheme() {
    const dark = document.documentElement.dataset.theme
      ? document.documentElement.dataset.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    const next = dark ? "light" : "dark";
    store.set("csibot.theme", next); applyTheme(next);
  }
  // ?theme=dark|light in the page's address sets it (links, browser tests).
  function initTheme(params) {
    const t = params.get("theme");
    if (t === "dark" || t === "light") store.set("csibot.theme", t);
    applyTheme(store.get("csibot.theme"));
  }

  return { store, markup, el, applyTheme, toggleTheme, initTheme };
})();
