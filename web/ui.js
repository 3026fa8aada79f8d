// Shared by csibot's web pages (the local chat, the dashboard): safe markup, element building,
// local storage and the light/dark theme. Text from the server only ever enters the page through
// textContent or createTextNode; innerHTML is never used.
"use strict";

window.csibotUi = (() => {
  const store = {
    get: (k) => { try { return localStorage.getItem(k); } catch { return null; } },
    set: (k, v) => { try { v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v); } catch { /* private mode */ } },
  };

  // ---- tiny safe markup: *bold*, _italic_, `code`, newlines ----------------------------------------
  // A backslash before \\, *, _ or ` makes that character plain (what people typed is sent escaped),
  // also inside code. A span opens after a line start, a space or an opening bracket or quote, and
  // closes at its first unescaped delimiter when a line end, space or punctuation follows.
  const ESCAPABLE = "\\*_`";
  const OPENS_AFTER = /[\s([{"'“]/;
  const CLOSES_BEFORE = /[\s.,;:!?)\]}"'”]/;
  const escapeAt = (line, i) => line[i] === "\\" && i + 1 < line.length && ESCAPABLE.includes(line[i + 1]);
  const unescape = (s) => s.replace(/\\([\\*_`])/g, "$1");
  function closingAt(line, from, delimiter) {
    for (let i = from; i < line.length; i++) {
      if (escapeAt(line, i)) i++;
      else if (line[i] === delimiter) return i;
    }
    return -1;
  }
  function markup(text) {
    const frag = document.createDocumentFragment();
    String(text ?? "").split("\n").forEach((line, n) => {
      if (n > 0) frag.appendChild(document.createElement("br"));
      let plain = "";
      const flush = () => { if (plain) frag.appendChild(document.createTextNode(unescape(plain))); plain = ""; };
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (escapeAt(line, i)) { plain += c + line[++i]; continue; }
        if ((c === "*" || c === "_" || c === "`") && (i === 0 || OPENS_AFTER.test(line[i - 1]))) {
          const close = closingAt(line, i + 1, c);
          if (close > i + 1 && (close + 1 === line.length || CLOSES_BEFORE.test(line[close + 1]))) {
            flush();
            const e = document.createElement(c === "*" ? "strong" : c === "_" ? "em" : "code");
            e.textContent = unescape(line.slice(i + 1, close));
            frag.appendChild(e);
            i = close;
            continue;
          }
        }
        plain += c;
      }
      flush();
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
