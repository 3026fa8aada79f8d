// csibot local chat: talks to csibot over the WebSocket at /local/ws (protocol: docs/local-chat.md).
// Every piece of text from the server is put into the page with textContent or createTextNode;
// innerHTML is never used, so nothing anyone types can become markup or script.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const { store, markup, el, toggleTheme, initTheme } = window.csibotUi;
  const state = {
    ws: null, user: null, name: store.get("csibot.name"), command: "/csi", botName: "csibot",
    channels: new Map(), order: [], current: store.get("csibot.channel") || "general",
    retries: 0, timer: null, sent: [], recall: -1, nextClient: 1, welcomed: false,
  };

  // ---- connection ------------------------------------------------------------------------------
  function setStatus(text, cls) { const s = $("status"); s.textContent = text; s.className = "status " + (cls || ""); }
  function send(frame) {
    if (!state.ws || state.ws.readyState !== WebSocket.OPEN) { hint("Not connected — reconnecting…", true); return false; }
    state.ws.send(JSON.stringify(frame));
    return true;
  }
  function connect() {
    clearTimeout(state.timer);
    if (!state.name) { showLogin(""); return; }
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/local/ws";
    const ws = new WebSocket(url);
    state.ws = ws;
    setStatus("connecting…");
    ws.onopen = () => ws.send(JSON.stringify({ type: "hello", name: state.name, locale: navigator.language || "" }));
    ws.onmessage = (ev) => { let f; try { f = JSON.parse(ev.data); } catch { return; } handle(f); };
    ws.onclose = () => {
      if (state.ws !== ws) return;
      state.welcomed = false;
      setStatus("offline", "offline");
      if (!state.name) return;
      // Exponential back-off with jitter, so a restarted csibot is not hit by every tab at once.
      const delay = Math.min(15000, 500 * 2 ** state.retries) * (0.7 + Math.random() * 0.6);
      state.retries = Math.min(state.retries + 1, 6);
      setStatus("offline — retrying in " + Math.ceil(delay / 1000) + " s", "offline");
      state.timer = setTimeout(connect, delay);
    };
  }

  function handle(f) {
    switch (f.type) {
      case "welcome": return onWelcome(f);
      case "history": return onHistory(f);
      case "message": return onMessage(f);
      case "update": return onUpdate(f);
      case "channel": addChannel(f.channel); renderSidebar(); return;
      case "error": return onError(f);
    }
  }

  function onWelcome(f) {
    state.user = f.user.id; state.command = f.command || "/csi"; state.botName = (f.bot && f.bot.name) || "csibot";
    state.retries = 0; state.welcomed = true;
    $("login").hidden = true;
    $("me-name").textContent = f.user.name;
    $("me-avatar").textContent = initials(f.user.name);
    setStatus("connected", "online");
    for (const c of f.channels) addChannel(c);
    if (!state.channels.has(state.current)) state.current = "general";
    for (const id of state.order) send({ type: "history", channel: id });
    renderSidebar(); renderHeader(); renderMessages();
  }
  function addChannel(c) {
    if (!state.channels.has(c.id)) {
      state.channels.set(c.id, { info: c, messages: [], unread: 0, loaded: false });
      state.order.push(c.id);
    }
  }
  function onHistory(f) {
    const ch = state.channels.get(f.channel);
    if (!ch) return;
    ch.messages = f.messages; ch.loaded = true;
    if (f.channel === state.current) {
      renderMessages();
      document.body.dataset.ready = "true";  // for browser tests: the open channel shows its history
    }
  }
  function onMessage(m) {
    const ch = state.channels.get(m.channel);
    if (!ch) return;
    if (ch.messages.some((x) => x.id === m.id)) return;
    ch.messages.push(m);
    if (m.channel === state.current) appendMessage(m, ch.messages[ch.messages.length - 2], true);
    else if (m.author.id !== state.user) { ch.unread++; renderSidebar(); }
  }
  function onUpdate(u) {
    const ch = state.channels.get(u.channel);
    const m = ch && ch.messages.find((x) => x.id === u.id);
    if (!m) return;
    m.body = u.body;
    const node = document.querySelector('[data-id="' + CSS.escape(u.id) + '"]');
    if (node) node.querySelector(".content").replaceWith(renderContent(m));
  }
  function onError(f) {
    if (!state.welcomed && (f.code === "bad_field" || f.code === "name_taken" || f.code === "missing_field")) {
      state.name = null; store.set("csibot.name", null);
      state.ws && state.ws.close();
      showLogin(f.message);
      return;
    }
    hint(f.message || f.code, true);
    // The hello could not be stored (a full disk, say): reconnect with the usual back-off, which says
    // so in the status line, rather than sit on a socket that will never welcome this page.
    if (!state.welcomed && f.code === "internal" && state.ws) state.ws.close();
  }

  // ---- rendering -------------------------------------------------------------------------------
  function initials(name) {
    const parts = String(name || "?").trim().split(/\s+/);
    return ((parts[0] || "?")[0] + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
  }
  function colorFor(id) {
    let h = 0;
    for (const c of String(id)) h = (h * 31 + c.codePointAt(0)) % 360;
    return "hsl(" + h + " 45% 45%)";
  }
  function channelLabel(c) { return c.info.kind === "dm" ? c.info.name : c.info.name; }
  function renderSidebar() {
    const lists = { channel: $("channels"), dm: $("dms") };
    lists.channel.textContent = ""; lists.dm.textContent = "";
    for (const id of state.order) {
      const c = state.channels.get(id);
      const b = el("button");
      b.type = "button";
      b.append(el("span", "prefix", c.info.kind === "dm" ? "●" : "#"), el("span", "label" + (c.unread ? " unread" : ""), channelLabel(c)));
      if (c.unread) b.append(el("span", "badge", String(c.unread)));
      if (id === state.current) b.setAttribute("aria-current", "true");
      b.addEventListener("click", () => select(id));
      const li = el("li"); li.append(b);
      lists[c.info.kind === "dm" ? "dm" : "channel"].append(li);
    }
  }
  function renderHeader() {
    const c = state.channels.get(state.current);
    if (!c) return;
    const dm = c.info.kind === "dm";
    $("channel-title").textContent = dm ? c.info.name : "#" + c.info.name;
    $("channel-sub").textContent = dm ? "Your private conversation with the bot" :
      c.info.id === "general" ? "Everyone · type " + state.command + " help to start" : "Digests and announcements";
    $("input").placeholder = (dm ? "Message " + c.info.name : "Message #" + c.info.name) + " — try " + state.command + " feedback";
    document.title = (dm ? c.info.name : "#" + c.info.name) + " · csibot";
  }
  function select(id) {
    if (!state.channels.has(id)) return;
    state.current = id; store.set("csibot.channel", id);
    state.channels.get(id).unread = 0;
    $("app").classList.remove("menu-open"); $("scrim").hidden = true;
    renderSidebar(); renderHeader(); renderMessages();
    $("input").focus();
  }
  function renderMessages() {
    const box = $("messages");
    box.textContent = "";
    const c = state.channels.get(state.current);
    if (!c) return;
    if (c.loaded && c.messages.length === 0) {
      const e = el("div", "empty");
      e.append(el("strong", "", c.info.kind === "dm" ? "Say hello to " + c.info.name : "Nothing here yet"),
        el("span", "", "Type " + state.command + " feedback to tell csibot how a service works for you."));
      box.append(e);
    }
    c.messages.forEach((m, i) => appendMessage(m, c.messages[i - 1], false));
    box.scrollTop = box.scrollHeight;
  }
  function dayOf(ts) { return new Date(ts).toDateString(); }
  function appendMessage(m, prev, live) {
    const box = $("messages");
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    const empty = box.querySelector(".empty");
    if (empty) empty.remove();
    if (!prev || dayOf(prev.ts) !== dayOf(m.ts)) {
      const d = new Date(m.ts), today = new Date().toDateString() === d.toDateString();
      box.append(el("div", "day", today ? "Today" : d.toLocaleDateString(undefined, { weekday: "long", month: "short", day: "numeric" })));
    }
    const cont = prev && prev.author.id === m.author.id && m.ts - prev.ts < 5 * 60 * 1000 &&
      dayOf(prev.ts) === dayOf(m.ts) && !!prev.ephemeral === !!m.ephemeral;
    const row = el("article", "msg" + (cont ? " cont" : "") + (m.ephemeral ? " ephemeral" : "") + (m.author.bot ? " from-bot" : ""));
    row.dataset.id = m.id;
    const av = el("div", "avatar" + (m.author.bot ? " bot" : ""), m.author.bot ? "c" : initials(m.author.name));
    if (!m.author.bot) av.style.background = colorFor(m.author.id);
    av.setAttribute("aria-hidden", "true");
    const meta = el("div", "meta");
    meta.append(el("span", "author", m.author.name));
    if (m.author.bot) meta.append(el("span", "bot-badge", "BOT"));
    const t = el("time", "", new Date(m.ts).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }));
    t.dateTime = new Date(m.ts).toISOString();
    meta.append(t);
    if (m.ephemeral) meta.append(el("span", "note", "· only visible to you"));
    const main = el("div", "col");
    main.append(meta, renderContent(m));
    row.append(av, main);
    box.append(row);
    if (!live || atBottom || m.author.id === state.user) box.scrollTop = box.scrollHeight;
  }
  function renderContent(m) {
    const b = m.body || {};
    const c = el("div", "content");
    if (b.header) { const h = el("h3"); h.append(markup(b.header)); c.append(h); }
    if (b.text) { const p = el("div", "text"); p.append(markup(b.text)); c.append(p); }
    if (Array.isArray(b.fields) && b.fields.length) {
      const dl = el("dl", "fields");
      for (const f of b.fields) {
        const d = el("div"), dd = el("dd");
        dd.append(markup(f.value));
        d.append(el("dt", "", f.label), dd);
        dl.append(d);
      }
      c.append(dl);
    }
    if (b.table && Array.isArray(b.table.columns)) c.append(renderTable(b.table));
    if (Array.isArray(b.buttons) && b.buttons.length) c.append(renderButtons(m, b.buttons));
    if (b.context) { const x = el("div", "context"); x.append(markup(b.context)); c.append(x); }
    return c;
  }
  function renderTable(t) {
    const wrap = el("div", "table-wrap"), table = el("table"), thead = el("thead"), tbody = el("tbody"), hr = el("tr");
    for (const col of t.columns) hr.append(el("th", "", col));
    thead.append(hr);
    for (const row of t.rows || []) {
      const tr = el("tr");
      for (const cell of row) {
        const td = el("td", /^[-+]?[\d.,%\s▁▂▃▄▅▆▇█↑↓→]+$/.test(cell) ? "num" : "");
        td.append(markup(cell));
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(thead, tbody); wrap.append(table);
    return wrap;
  }
  function renderButtons(m, buttons) {
    const bar = el("div", "actions");
    bar.setAttribute("role", "group");
    for (const btn of buttons) {
      const b = el("button", "btn " + (btn.style === "primary" ? "primary" : btn.style === "danger" ? "danger" : ""), btn.label);
      b.type = "button";
      b.addEventListener("click", () => {
        // One answer per prompt: the bot replaces the message, but disable at once against double clicks.
        if (!send({ type: "action", channel: m.channel, message_id: m.id, action_id: btn.action_id, value: btn.value || "" })) return;
        for (const other of bar.querySelectorAll("button")) other.disabled = true;
        b.classList.add("chosen");
      });
      bar.append(b);
    }
    return bar;
  }

  // ---- composer --------------------------------------------------------------------------------
  let hintTimer = null;
  function hint(text, isError) {
    const h = $("hint");
    h.textContent = text || ""; h.className = "hint" + (isError ? " error" : "");
    clearTimeout(hintTimer);
    if (isError) hintTimer = setTimeout(() => updateHint(), 6000);
  }
  function updateHint() {
    const v = $("input").value;
    if (v.startsWith("/")) {
      hint(state.command + " help · feedback [service] [rating] [reason] · services · service <id> · stats [service] [period] · cancel");
    } else if (state.channels.get(state.current)?.info.kind === "dm") {
      hint("Write to csibot here; type a service name to give feedback, or cancel to stop.");
    } else hint("");
  }
  function autosize() { const t = $("input"); t.style.height = "auto"; t.style.height = Math.min(t.scrollHeight, 300) + "px"; }
  function submit() {
    const t = $("input"), text = t.value;
    if (!text.trim()) return;
    if (!send({ type: "message", channel: state.current, text, client_id: "c" + state.nextClient++ })) return;
    if (text.trim().startsWith("/")) { state.sent.push(text); if (state.sent.length > 50) state.sent.shift(); }
    state.recall = -1;
    t.value = ""; autosize(); updateHint();
  }
  function onKey(e) {
    const t = $("input");
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); return; }
    if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      const i = state.order.indexOf(state.current), n = state.order.length;
      if (n) select(state.order[(i + (e.key === "ArrowUp" ? n - 1 : 1)) % n]);
      return;
    }
    const recalling = state.recall >= 0;
    if (e.key === "ArrowUp" && state.sent.length && (t.value === "" || recalling)) {
      e.preventDefault();
      state.recall = recalling ? Math.max(0, state.recall - 1) : state.sent.length - 1;
      t.value = state.sent[state.recall]; autosize(); updateHint();
    } else if (e.key === "ArrowDown" && recalling) {
      e.preventDefault();
      state.recall = state.recall + 1 < state.sent.length ? state.recall + 1 : -1;
      t.value = state.recall >= 0 ? state.sent[state.recall] : ""; autosize(); updateHint();
    } else if (e.key === "Escape") { t.value = ""; state.recall = -1; autosize(); updateHint(); }
  }

  // ---- name, theme, layout ---------------------------------------------------------------------
  function showLogin(error) {
    $("login").hidden = false;
    $("login-error").textContent = error || "";
    const i = $("login-name"); i.value = state.name || ""; i.focus();
  }

  function start() {
    // ?name=Ada&channel=dm:ada&theme=dark pre-fill the picker and the view (links, browser tests).
    const params = new URLSearchParams(location.search);
    if (params.get("name")) { state.name = params.get("name").slice(0, 40); store.set("csibot.name", state.name); }
    if (params.get("channel")) state.current = params.get("channel");
    initTheme(params);
    $("composer").addEventListener("submit", (e) => { e.preventDefault(); submit(); });
    $("input").addEventListener("keydown", onKey);
    $("input").addEventListener("input", () => { autosize(); if (!$("input").value) state.recall = -1; updateHint(); });
    $("theme").addEventListener("click", toggleTheme);
    $("menu").addEventListener("click", () => { $("app").classList.add("menu-open"); $("scrim").hidden = false; });
    $("scrim").addEventListener("click", () => { $("app").classList.remove("menu-open"); $("scrim").hidden = true; });
    $("rename").addEventListener("click", () => { state.name = null; store.set("csibot.name", null); if (state.ws) state.ws.close(); showLogin(""); });
    $("login-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const name = $("login-name").value.trim();
      if (!name) { $("login-error").textContent = "Please enter a name."; return; }
      state.name = name; store.set("csibot.name", name);
      state.channels.clear(); state.order = [];
      $("login").hidden = true;
      connect();
    });
    document.addEventListener("keydown", (e) => {
      if (e.altKey && (e.key === "t" || e.key === "T")) { e.preventDefault(); toggleTheme(); }
      if (e.key === "/" && document.activeElement === document.body) { e.preventDefault(); $("input").focus(); $("input").value = "/"; updateHint(); }
    });
    updateHint();
    connect();
  }
  start();
})();
