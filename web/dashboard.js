// csibot dashboard: the catalog's figures for a period, read from /dashboard/digest (docs/dashboard.md).
// The figures and their wording are the digest's, computed by the bot in the reader's language; this
// page only lays them out. Text from the server enters the page through textContent and
// createTextNode only (ui.js), never innerHTML: quotes are whatever people typed.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const { store, markup, el, toggleTheme, initTheme } = window.csibotUi;
  const SVG = "http://www.w3.org/2000/svg";
  const REFRESH_MS = 5 * 60 * 1000;

  // The page's own words; everything about the services comes translated from the bot.
  const WORDS = {
    en: {
      dashboard: "dashboard", period: "Period", p7: "Last 7 days", p30: "Last 30 days", p90: "Last 90 days",
      this_quarter: "This quarter", last_quarter: "Last quarter", all: "Everything", custom: "Other…",
      row_hint: "Choose a service for its details.", loading: "Loading…", updated: "Updated at {time}",
      failed: "Could not load the figures: {why}", answers: "Answers", services: "Services",
      below_target: "Below target", worse: "Getting worse", better: "Getting better",
      empty: "No services in the catalog yet.", close: "Close", score: "Score",
      interval: "95 % interval: {low} to {high}", n: "{n} answers", weekly: "Week by week, oldest first",
      week: "Week {k}: {value}", week_none: "Week {k}: no answers",
      weeks_withheld: "Too few answers per week to show the weeks without exposing anyone.", impact: "How it affects work",
      impacts_withheld: "Too few answers state an impact to show it without exposing anyone.",
      blocks: "blocks me", slows: "slows me down", minor: "minor", none: "no impact", unanswered: "not answered",
      themes: "What people say", theme_line: "{count} answers, mean {mean}", usage: "What it is used for",
      target: "Target", target_met: "met", target_missed: "not met", no_target: "none set",
      response_rate: "Response rate", no_prompts: "n/a: no prompts sent", priority: "Priority",
      retire: "Candidate to retire", hidden: "Too few answers to show figures without exposing anyone.",
      no_answers: "No answers in this period.",
      process_only: "process-only", baseline: "Baseline: {figures}",
    },
    de: {
      dashboard: "Dashboard", period: "Zeitraum", p7: "Letzte 7 Tage", p30: "Letzte 30 Tage", p90: "Letzte 90 Tage",
      this_quarter: "Dieses Quartal", last_quarter: "Letztes Quartal", all: "Alles", custom: "Anderer…",
      row_hint: "Wähle einen Service für die Details.", loading: "Wird geladen…", updated: "Aktualisiert um {time}",
      failed: "Die Zahlen konnten nicht geladen werden: {why}", answers: "Antworten", services: "Services",
      below_target: "Unter dem Ziel", worse: "Schlechter", better: "Besser",
      empty: "Der Katalog hat noch keine Services.", close: "Schließen", score: "Wert",
      interval: "95-%-Intervall: {low} bis {high}", n: "{n} Antworten", weekly: "Woche für Woche, älteste zuerst",
      week: "Woche {k}: {value}", week_none: "Woche {k}: keine Antworten",
      weeks_withheld: "Zu wenige Antworten pro Woche, um die Wochen zu zeigen, ohne jemanden bloßzustellen.", impact: "Auswirkung auf die Arbeit",
      impacts_withheld: "Zu wenige Antworten geben eine Auswirkung an, um sie zu zeigen, ohne jemanden bloßzustellen.",
      blocks: "blockiert mich", slows: "bremst mich", minor: "gering", none: "keine Auswirkung", unanswered: "keine Angabe",
      themes: "Was die Leute sagen", theme_line: "{count} Antworten, Mittel {mean}", usage: "Wofür er genutzt wird",
      target: "Ziel", target_met: "erreicht", target_missed: "nicht erreicht", no_target: "keins gesetzt",
      response_rate: "Antwortquote", no_prompts: "k. A.: keine Umfragen verschickt", priority: "Priorität",
      retire: "Kandidat zum Abschalten", hidden: "Zu wenige Antworten, um Zahlen zu zeigen, ohne jemanden bloßzustellen.",
      no_answers: "Keine Antworten in diesem Zeitraum.",
      process_only: "nur Prozess", baseline: "Ausgangswert: {figures}",
    },
  };
  let words = WORDS.en;
  let locale = "en";
  function t(key, vars) {
    let s = words[key] ?? WORDS.en[key] ?? key;
    for (const [k, v] of Object.entries(vars || {})) s = s.replaceAll("{" + k + "}", String(v));
    return s;
  }
  function translatePage() {
    document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = t(e.dataset.t); });
    document.documentElement.lang = locale;
  }

  const params = new URLSearchParams(location.search);
  const state = { body: null, selected: params.get("service"), timer: null, seq: 0 };

  // ---- the period ---------------------------------------------------------------------------------
  function quarter(date, back) {
    const q = Math.floor(date.getUTCMonth() / 3) - back;
    const year = date.getUTCFullYear() + Math.floor(q / 4);
    return year + "-Q" + (((q % 4) + 4) % 4 + 1);
  }
  function initPeriods() {
    const now = new Date();
    $("this-quarter").value = quarter(now, 0);
    $("last-quarter").value = quarter(now, 1);
    const wanted = params.get("period") || store.get("csibot.dashboard.period") || "30d";
    const option = [...$("period").options].find((o) => o.value === wanted && o.value !== "custom");
    if (option) $("period").value = wanted;
    else { $("period").value = "custom"; $("custom").value = wanted; $("custom").hidden = false; }
  }
  function currentPeriod() {
    return $("period").value === "custom" ? $("custom").value.trim() : $("period").value;
  }
  function remember() {
    const period = currentPeriod();
    store.set("csibot.dashboard.period", period);
    const q = new URLSearchParams();
    q.set("period", period);
    if (state.selected) q.set("service", state.selected);
    if (params.get("lang")) q.set("lang", params.get("lang"));
    history.replaceState(null, "", "?" + q.toString());
  }

  // ---- loading --------------------------------------------------------------------------------------
  function setStatus(text, cls) { const s = $("status"); s.textContent = text; s.className = "status " + (cls || ""); }
  async function load(attempt) {
    const period = currentPeriod();
    if (!period) { $("custom").focus(); return; }
    remember();
    const seq = ++state.seq;  // a slow answer must not overwrite a newer one
    setStatus(t("loading"));
    const lang = params.get("lang") || navigator.language || "";
    try {
      const r = await fetch("/dashboard/digest?period=" + encodeURIComponent(period) + "&lang=" + encodeURIComponent(lang),
                            { cache: "no-store" });
      const body = await r.json().catch(() => null);
      if (seq !== state.seq) return;
      // The bot computes a fresh digest only so often (another tab, another period): wait and ask again.
      if (r.status === 429 && (attempt || 0) < 5) { setTimeout(() => { if (seq === state.seq) load((attempt || 0) + 1); }, 1000); return; }
      if (!r.ok || !body) throw new Error((body && body.error) || r.status + " " + r.statusText);
      state.body = body;
      render();
      setStatus(t("updated", { time: new Date().toLocaleTimeString(locale) }));
      document.body.dataset.ready = "true";
    } catch (e) {
      if (seq !== state.seq) return;
      setStatus(t("failed", { why: e.message }), "error");
      document.body.dataset.ready = "error";
    }
    clearTimeout(state.timer);
    state.timer = setTimeout(() => { if (!document.hidden) load(); else state.stale = true; }, REFRESH_MS);
  }

  // ---- numbers as the digest writes them ----------------------------------------------------------
  // The bot sends each figure as text (the digest's "shown", insights/numbers.cpp): 100 only when
  // everyone, 0 only when no one, never rounded onto a target not reached, halves away from zero.
  // Rounding here again would disagree with the chat (199 of 200 as "100 %", NPS -10.5 as -10).
  function shownText(s, key) {
    const v = s.shown && s.shown[key];
    return v === null || v === undefined ? "–" : v;
  }
  function range(s) { return s.scale === "nps10" ? [-100, 100] : [0, 100]; }
  function number(v, digits) { return Number(v).toLocaleString(locale, { maximumFractionDigits: digits }); }

  // ---- rendering ----------------------------------------------------------------------------------
  function render() {
    const b = state.body;
    words = WORDS[b.language] || WORDS.en;
    locale = b.language || "en";
    translatePage();
    $("chat-link").hidden = !b.chat;
    $("title").textContent = b.digest.header;
    renderCards(b.digest.services);
    renderTable(b.table, b.digest.services);
    renderSections(b.digest.sections);
    $("context").replaceChildren(markup(b.digest.context));
    const selected = b.digest.services.find((s) => s.id === state.selected);
    if (selected) renderDetail(selected); else closeDetail(false);
  }

  function renderCards(services) {
    const shown = services.filter((s) => !s.hidden);
    const cards = [
      ["answers", shown.reduce((sum, s) => sum + (s.n || 0), 0)],
      ["services", services.length],
      ["below_target", shown.filter((s) => s.target_met === false).length, "bad"],
      ["worse", shown.filter((s) => s.change && s.change.verdict === "worse").length, "bad"],
      ["better", shown.filter((s) => s.change && s.change.verdict === "better").length, "good"],
    ];
    $("cards").replaceChildren(...cards.map(([key, value, tone]) => {
      const c = el("div", "card" + (tone && value > 0 ? " " + tone : ""));
      c.append(el("span", "value", number(value, 0)), el("span", "label", t(key)));
      return c;
    }));
  }

  function renderTable(table, services) {
    const head = el("thead");
    const hr = el("tr");
    for (const c of table.columns) hr.append(el("th", "", c));
    head.append(hr);
    const bodyRows = el("tbody");
    table.rows.forEach((row, i) => {
      const s = services[i];
      const tr = el("tr", s && s.id === state.selected ? "selected" : "");
      tr.tabIndex = 0;
      row.forEach((cell, k) => {
        const td = el(k === 0 ? "th" : "td", "", cell);
        if (k === 0) td.scope = "row";
        if (k === 2 && s && s.change) td.className = "change " + s.change.verdict;
        tr.append(td);
      });
      if (s) {
        tr.dataset.service = s.id;
        tr.addEventListener("click", () => select(s.id));
        tr.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(s.id); } });
      }
      bodyRows.append(tr);
    });
    if (!table.rows.length) {
      const tr = el("tr"); const td = el("td", "empty", t("empty")); td.colSpan = Math.max(1, table.columns.length);
      tr.append(td); bodyRows.append(tr);
    }
    $("services").replaceChildren(head, bodyRows);
  }

  function renderSections(sections) {
    $("sections").replaceChildren(...sections.map((sec) => {
      const box = el("section", "panel section");
      box.dataset.key = sec.key;
      if (sec.title) box.append(el("h2", "", sec.title));
      const list = el(sec.key === "priorities" ? "ol" : "ul");
      for (const line of sec.lines) { const li = el("li"); li.append(markup(line)); list.append(li); }
      box.append(list);
      return box;
    }));
  }

  function select(id) {
    state.selected = state.selected === id ? null : id;
    remember();
    render();
    if (state.selected) $("detail").scrollIntoView({ block: "nearest", behavior: "smooth" });
  }
  function closeDetail(rerender) {
    $("detail").hidden = true;
    $("detail").replaceChildren();
    if (rerender) { state.selected = null; remember(); render(); }
  }

  function renderDetail(s) {
    const d = $("detail");
    const head = el("div", "detail-head");
    const close = el("button", "icon", "×");
    close.type = "button";
    close.setAttribute("aria-label", t("close"));
    close.addEventListener("click", () => closeDetail(true));
    head.append(el("h2", "", s.name), close);
    const parts = [head];
    if (s.hidden) {
      parts.push(el("p", "muted", t("hidden")));
    } else if (!s.n) {
      parts.push(el("p", "muted", t("no_answers")));
    } else {
      parts.push(scoreBlock(s), weeklyChart(s), impactBlock(s));
      if (s.themes && s.themes.length) parts.push(themesBlock(s));
      if (s.usage && s.usage.length) parts.push(listBlock(t("usage"), s.usage.map((u) => u.label + " (" + u.count + ")")));
    }
    const register = (state.body.register && state.body.register[s.id]) || [];
    const words = state.body.words || {};
    const open = register.filter((i) => i.open);
    const finished = register.filter((i) => !i.open);
    if (open.length) parts.push(registerBlock(words.register_open, open));
    if (finished.length) parts.push(registerBlock(words.register_done, finished));
    d.replaceChildren(...parts);
    d.hidden = false;
  }

  function fact(label, value, cls) {
    const f = el("div", "fact" + (cls ? " " + cls : ""));
    f.append(el("span", "label", label), el("span", "value", value));
    return f;
  }

  function scoreBlock(s) {
    const box = el("div", "facts");
    const score = fact(t("score"), shownText(s, "score"), "big");
    if (Array.isArray(s.interval) && s.shown && Array.isArray(s.shown.interval)) {
      score.append(el("span", "sub", t("interval", { low: s.shown.interval[0], high: s.shown.interval[1] })));
      score.append(intervalBar(s));
    }
    box.append(score, fact(t("answers"), t("n", { n: number(s.n, 0) })));
    const target = s.target === null || s.target === undefined ? t("no_target")
      : shownText(s, "target") + " — " + (s.target_met ? t("target_met") : t("target_missed"));
    box.append(fact(t("target"), target, s.target_met === false ? "bad" : s.target_met ? "good" : ""));
    box.append(fact(t("response_rate"), s.response_rate === null || s.response_rate === undefined
      ? t("no_prompts") : shownText(s, "response_rate")));
    box.append(fact(t("priority"), number(s.priority || 0, 2)));
    if (s.retire) box.append(fact(t("retire"), "✓", "bad"));
    return box;
  }

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }
  function titled(node, text) { const tt = svg("title"); tt.textContent = text; node.append(tt); return node; }

  // The score's 95 % interval on the scale's whole range, with the target as a tick.
  function intervalBar(s) {
    const [lo, hi] = range(s);
    const x = (v) => Math.max(0, Math.min(100, ((v - lo) / (hi - lo)) * 100));
    const g = svg("svg", { class: "interval", viewBox: "0 0 100 10", preserveAspectRatio: "none", role: "img" });
    g.append(svg("rect", { class: "track", x: 0, y: 3, width: 100, height: 4, rx: 2 }));
    const a = x(s.interval[0]); const b = x(s.interval[1]);
    g.append(svg("rect", { class: "range", x: a, y: 2, width: Math.max(0.8, b - a), height: 6, rx: 2 }));
    g.append(svg("rect", { class: "point", x: x(s.score) - 0.6, y: 0, width: 1.2, height: 10 }));
    if (s.target !== null && s.target !== undefined) g.append(svg("rect", { class: "target", x: x(s.target) - 0.4, y: 0, width: 0.8, height: 10 }));
    return titled(g, t("interval", { low: s.shown.interval[0], high: s.shown.interval[1] }));
  }

  function weeklyChart(s) {
    const box = el("div", "block");
    box.append(el("h3", "", t("weekly")));
    // Withheld by the bot (SPEC §12): some week had too few answers, and blanking it alone would not hide it.
    if (s.weeks_withheld) {
      box.append(el("p", "muted", t("weeks_withheld")));
      return box;
    }
    const weeks = s.weekly_scores || [];
    const [lo, hi] = range(s);
    const w = 100 / Math.max(1, weeks.length);
    const g = svg("svg", { class: "weekly", viewBox: "0 0 100 40", preserveAspectRatio: "none", role: "img" });
    weeks.forEach((v, k) => {
      if (v === null) {
        g.append(titled(svg("rect", { class: "none", x: k * w + w * 0.15, y: 38, width: w * 0.7, height: 2 }), t("week_none", { k: k + 1 })));
        return;
      }
      const h = Math.max(1, ((v - lo) / (hi - lo)) * 40);
      g.append(titled(svg("rect", { class: "bar", x: k * w + w * 0.15, y: 40 - h, width: w * 0.7, height: h }),
        t("week", { k: k + 1, value: ((s.shown && s.shown.weekly) || [])[k] ?? "–" })));
    });
    box.append(g);
    return box;
  }

  function impactBlock(s) {
    const box = el("div", "block");
    box.append(el("h3", "", t("impact")));
    // Withheld by the bot (SPEC §5): the few answers that state an impact would be singled out.
    if (s.impacts_withheld || !s.impacts) {
      box.append(el("p", "muted", t("impacts_withheld")));
      return box;
    }
    const keys = ["blocks", "slows", "minor", "none", "unanswered"];
    const counts = keys.map((k) => (s.impacts && s.impacts[k]) || 0);
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    const g = svg("svg", { class: "impact", viewBox: "0 0 100 8", preserveAspectRatio: "none", role: "img" });
    let at = 0;
    keys.forEach((k, i) => {
      const width = (counts[i] / total) * 100;
      if (width > 0) g.append(titled(svg("rect", { class: k, x: at, y: 0, width, height: 8 }), t(k) + ": " + counts[i]));
      at += width;
    });
    const legend = el("ul", "legend");
    keys.forEach((k, i) => {
      const li = el("li", k);
      li.append(el("span", "swatch"), document.createTextNode(t(k) + " " + counts[i]));
      legend.append(li);
    });
    box.append(g, legend);
    return box;
  }

  function themesBlock(s) {
    const box = el("div", "block");
    box.append(el("h3", "", t("themes")));
    const list = el("ul", "themes");
    for (const th of s.themes) {
      const li = el("li");
      li.append(el("strong", "", th.label), document.createTextNode(" — " + t("theme_line", { count: th.count, mean: number(th.mean_rating, 1) })));
      if (th.quote) li.append(el("q", "", th.quote));
      list.append(li);
    }
    box.append(list);
    return box;
  }

  // The CSI register of the service (SPEC §6): what is being done about it, and whether it worked.
  function registerBlock(title, items) {
    const box = el("div", "block register");
    box.append(el("h3", "", title || ""));
    const list = el("ul", "improvements");
    for (const i of items) {
      const li = el("li", i.state);
      const head = el("div", "improvement-head");
      head.append(el("strong", "", "#" + i.id + " " + i.title), el("span", "state " + i.state, i.state_words));
      if (i.process_only) head.append(el("span", "state process-only", t("process_only")));
      li.append(head);
      const why = [i.business_function, i.expected_effect].filter(Boolean).join(" — ");
      if (why) li.append(el("div", "why", why));
      const figures = [i.baseline && t("baseline", { figures: i.baseline }), i.outcome].filter(Boolean);
      for (const line of figures) { const p = el("div", "muted"); p.append(markup(line)); li.append(p); }
      list.append(li);
    }
    box.append(list);
    return box;
  }

  function listBlock(title, lines) {
    const box = el("div", "block");
    box.append(el("h3", "", title));
    const list = el("ul");
    for (const line of lines) list.append(el("li", "", line));
    box.append(list);
    return box;
  }

  // ---- start ----------------------------------------------------------------------------------------
  function start() {
    initTheme(params);
    const lang = params.get("lang") || navigator.language || "en";
    locale = lang.toLowerCase().startsWith("de") ? "de" : "en";
    words = WORDS[locale];
    translatePage();
    initPeriods();
    $("theme").addEventListener("click", toggleTheme);
    $("period").addEventListener("change", () => {
      const custom = $("period").value === "custom";
      $("custom").hidden = !custom;
      if (custom) $("custom").focus(); else load();
    });
    $("controls").addEventListener("submit", (e) => { e.preventDefault(); load(); });
    document.addEventListener("visibilitychange", () => { if (!document.hidden && state.stale) { state.stale = false; load(); } });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && state.selected) closeDetail(true);
      if (e.altKey && (e.key === "t" || e.key === "T")) { e.preventDefault(); toggleTheme(); }
    });
    load();
  }
  start();
})();
