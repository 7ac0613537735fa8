/* app.js: the managers' dashboard. Reads GET /api/v1/stats (the chosen day),
 * /api/v1/day (what needs doing now) and /api/v1/trends (30 or 90 days, drawn
 * as SVG by this file) with the token kept in sessionStorage (this tab only; a
 * "stats" token is enough, and then no name and no number is shown; an
 * "admin" token may also mark callbacks and visits) and renders them; a 401
 * sends the user back to the login. A link may carry the token in the fragment
 * (#token=...&date=YYYY-MM-DD&studio=ID): it is taken over and removed from
 * the address bar at once. No data goes into the page as HTML: text only. */
(function () {
  "use strict";

  var TOKEN_KEY = "terminfon.token";
  var REFRESH_MS = 60000;
  var API = "/api/v1/stats";

  var STATUS = {
    "queued": "in Warteschlange", "initiated": "eingeleitet", "ringing": "klingelt",
    "in-progress": "im Gespräch", "completed": "beendet", "busy": "besetzt",
    "failed": "fehlgeschlagen", "no-answer": "nicht angenommen", "canceled": "abgebrochen",
    "unknown": "unbekannt"
  };
  var OUTCOME = {
    "booked": "gebucht", "transferred": "weitergeleitet", "callback": "Rückruf gewünscht",
    "rescheduled": "verschoben", "cancelled": "abgesagt", "info": "Auskunft",
    "abandoned": "aufgelegt", "failed": "fehlgeschlagen", "transfer_failed": "Weiterleitung fehlgeschlagen",
    "queue_timeout": "Wartezeit überschritten", "queue_abandoned": "in der Warteschleife aufgelegt",
    "waiting": "wartet", "other": "sonstiges", "open": "offen"
  };
  var REASON = {
    "dtmf": "per Tastendruck", "speech": "im Gespräch gewünscht", "transfer_failed": "Weiterleitung fehlgeschlagen",
    "queue_timeout": "Wartezeit überschritten"
  };
  var CB_STATUS = { "pending": "offen", "calling": "wird angerufen", "failed": "automatisch nicht erreicht" };
  var VISIT = { "booked": "gebucht", "completed": "gekommen", "no_show": "nicht erschienen" };
  var SOURCE = { "phone": "Telefon", "web": "Website", "dialogflow": "Telefon (Dialogflow)", "admin": "Studio",
    "unbekannt": "unbekannt" };
  var TREND_API = "/api/v1/trends";
  var DAY_API = "/api/v1/day";
  var ROUTES = {
    "/api/v1/twilio/voice/webhook": "Anrufbeginn",
    "/api/v1/twilio/voice/gather": "Gesprächsschritt",
    "/api/v1/twilio/voice/dial-status": "Ergebnis der Weiterleitung",
    "/api/v1/twilio/voice/queue-check": "Warteschleife",
    "/api/v1/twilio/status/callback": "Anrufstatus",
    "/api/v1/twilio/recording/callback": "Aufnahme",
    "/api/v1/twilio/sms/status": "SMS-Status"
  };
  var FUNNEL = [
    ["called", "Angerufen"], ["understood", "Anliegen verstanden"], ["offered", "Termin angeboten"],
    ["booked", "Gebucht"], ["transferred", "Weitergeleitet"]
  ];
  var WEEKDAYS = ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"];

  var state = { token: null, date: "", studio: "", timer: null, studiosLoaded: false, days: "30", scope: "" };
  var SVG = "http://www.w3.org/2000/svg";

  function $(id) { return document.getElementById(id); }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function setValue(id, text, raw) {
    var e = $(id);
    e.textContent = text;
    e.setAttribute("data-value", raw === undefined || raw === null ? "" : String(raw));
  }

  /* German number formats, done by hand so they do not depend on the
   * browser's locale data. */
  function num(n) {
    var s = String(Math.round(n));
    return s.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  function decimal(x, digits) {
    return x.toFixed(digits).replace(".", ",");
  }
  function percent(rate) {
    return decimal(Math.round(rate * 1000) / 10, 1) + " %";
  }
  function millis(ms) {
    if (ms === null || ms === undefined) return "–";
    if (ms >= 1000) return decimal(ms / 1000, 2) + " s";
    return decimal(ms, 1) + " ms";
  }
  function duration(s) {
    if (s === null || s === undefined) return "–";
    var m = Math.floor(s / 60), r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r + " min";
  }
  function germanDate(iso) {          /* "2026-11-24" -> "Di 24.11." */
    var p = iso.split("-");
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]));
    return WEEKDAYS[d.getUTCDay()] + " " + p[2] + "." + p[1] + ".";
  }
  function longDate(iso) {            /* "2026-11-24" -> "24.11.2026" */
    var p = iso.split("-");
    return p[2] + "." + p[1] + "." + p[0];
  }
  function isoDate(german) {          /* "24.11.2026" -> "2026-11-24"; "" when it is no date */
    var m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(german || "");
    if (!m) return "";
    return m[3] + "-" + (m[2].length < 2 ? "0" : "") + m[2] + "-" + (m[1].length < 2 ? "0" : "") + m[1];
  }
  function localTime(isoUtc, zone) {
    var d = new Date(isoUtc);
    if (isNaN(d.getTime())) return isoUtc;
    try {
      return new Intl.DateTimeFormat("de-DE", {
        timeZone: zone, day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit"
      }).format(d);
    } catch (e) {
      return isoUtc.replace("T", " ").replace("Z", " UTC");
    }
  }
  function todayIn(zone) {
    try {
      var parts = new Intl.DateTimeFormat("en-CA", {
        timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
      }).formatToParts(new Date());
      var get = function (t) { return parts.filter(function (p) { return p.type === t; })[0].value; };
      return get("year") + "-" + get("month") + "-" + get("day");
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  /* ---- token and navigation */

  function readFragment() {
    var h = window.location.hash.replace(/^#/, "");
    if (!h) return;
    var params = new URLSearchParams(h);
    if (params.get("token")) sessionStorage.setItem(TOKEN_KEY, params.get("token").trim());
    if (/^\d{4}-\d{2}-\d{2}$/.test(params.get("date") || "")) state.date = params.get("date");
    if (/^[A-Za-z0-9_-]{1,64}$/.test(params.get("studio") || "")) state.studio = params.get("studio");
    /* The token must not stay in the address bar or the history. */
    if (window.history && window.history.replaceState)
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    else
      window.location.hash = "";
  }

  function showLogin(message) {
    stopTimer();
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    $("board").hidden = true;
    $("filters").hidden = true;
    $("status-line").hidden = true;
    $("login").hidden = false;
    var err = $("login-error");
    err.textContent = message || "";
    err.hidden = !message;
    $("token-input").value = "";
    $("token-input").focus();
  }

  function showStatus(text) {
    var s = $("status-line");
    s.textContent = text;
    s.hidden = !text;
  }

  function stopTimer() {
    if (state.timer) window.clearTimeout(state.timer);
    state.timer = null;
  }

  function schedule() {
    stopTimer();
    state.timer = window.setTimeout(load, REFRESH_MS);
  }

  /* ---- loading */

  function api(url, method) {
    return fetch(url, { method: method || "GET", headers: { "Authorization": "Bearer " + state.token },
                        cache: "no-store", credentials: "omit" })
      .then(function (r) {
        if (r.status === 401) {
          var e = new Error("401");
          e.unauthorized = true;
          throw e;
        }
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body && body.error ? body.error : "HTTP " + r.status);
          return body;
        }, function () { throw new Error("HTTP " + r.status); });
      });
  }

  function load() {
    if (!state.token) { showLogin(""); return; }
    var q = [];
    if (state.date) q.push("date=" + encodeURIComponent(state.date));
    if (state.studio) q.push("studio=" + encodeURIComponent(state.studio));
    var sq = state.studio ? "studio=" + encodeURIComponent(state.studio) : "";
    Promise.all([
      api(API + (q.length ? "?" + q.join("&") : "")),
      api(DAY_API + (sq ? "?" + sq : "")),
      api(TREND_API + "?days=" + state.days + (sq ? "&" + sq : ""))
    ]).then(function (all) {
      render(all[0]);
      renderNow(all[1], all[0].timezone);
      renderTrends(all[2]);
      showStatus("");
      document.body.setAttribute("data-loaded", "1");
      schedule();
    }).catch(function (e) {
      if (e.unauthorized) {
        showLogin("Das Token ist ungültig oder abgelaufen. Bitte melden Sie sich neu an.");
        return;
      }
      showStatus("Die Zahlen konnten nicht geladen werden (" + e.message + "). Neuer Versuch in einer Minute.");
      schedule();
    });
  }

  /* ---- rendering */

  function render(d) {
    $("login").hidden = true;
    $("filters").hidden = false;
    $("board").hidden = false;
    document.body.setAttribute("data-date", d.date);
    fillStudios(d.studios || []);
    /* German day.month.year whatever the browser's language (a native date
     * field would follow the browser's locale). */
    $("date-input").value = longDate(d.date);
    var today = todayIn(d.timezone);
    $("calls-title").textContent = d.date === today ? "Anrufe heute" : "Anrufe am " + longDate(d.date);
    renderCalls(d.calls);
    renderBookings(d.bookings);
    renderFunnel(d.funnel);
    renderLatency(d.latency);
    renderRecent(d.recent_calls || [], d.timezone);
    renderSms(d.sms_not_delivered || { items: [] }, d.timezone);
    $("updated").textContent = "Stand: " + localTime(d.generated_at, d.timezone) +
      (d.studio ? " · " + d.studio.name : " · alle Studios") + " · Zeitzone " + d.timezone;
  }

  function fillStudios(list) {
    var sel = $("studio-select");
    if (!state.studiosLoaded) {
      list.forEach(function (s) {
        var o = el("option", s.name);
        o.value = String(s.id);
        sel.appendChild(o);
      });
      state.studiosLoaded = true;
    }
    var want = state.studio;
    list.forEach(function (s) { if (s.slug === want) want = String(s.id); });
    sel.value = want;
  }

  function countList(ul, obj, labels) {
    clear(ul);
    var keys = Object.keys(obj || {});
    if (!keys.length) { ul.appendChild(el("li", "keine", "empty")); return; }
    keys.forEach(function (k) {
      var li = el("li");
      li.setAttribute("data-key", k);
      li.appendChild(el("span", labels[k] || k, "label"));
      li.appendChild(el("span", num(obj[k]), "value"));
      ul.appendChild(li);
    });
  }

  function renderCalls(c) {
    setValue("calls-total", num(c.total), c.total);
    countList($("calls-by-status"), c.by_status, STATUS);
    countList($("calls-by-outcome"), c.by_outcome, OUTCOME);
    if (c.success_rate === null || c.success_rate === undefined) {
      setValue("success-rate", "–", "");
      $("success-note").textContent = "Noch keine Anrufe an diesem Tag.";
    } else {
      setValue("success-rate", percent(c.success_rate), c.success_rate);
      $("success-note").textContent = num(c.successful) + " von " + num(c.total) + " Anrufen erfolgreich.";
    }
  }

  function renderBookings(b) {
    setValue("bookings-total", num(b.total), b.total);
    setValue("bookings-made", num(b.made), b.made);
    var head = $("bookings-head");
    clear(head);
    head.appendChild(el("th", "Studio"));
    b.days.forEach(function (day, i) {
      var th = el("th", germanDate(day), i === 0 ? "num chosen" : "num");
      th.setAttribute("scope", "col");
      head.appendChild(th);
    });
    head.appendChild(el("th", "Summe", "num"));
    var body = $("bookings-body");
    clear(body);
    b.studios.forEach(function (s) {
      var tr = el("tr");
      tr.setAttribute("data-studio", s.slug);
      var th = el("th", s.name);
      th.setAttribute("scope", "row");
      tr.appendChild(th);
      s.counts.forEach(function (n, i) {
        tr.appendChild(el("td", num(n), (n ? "num" : "num zero") + (i === 0 ? " chosen" : "")));
      });
      var total = el("td", num(s.total), "num total");
      total.setAttribute("data-value", String(s.total));
      tr.appendChild(total);
      body.appendChild(tr);
    });
    var foot = $("bookings-foot");
    clear(foot);
    foot.appendChild(el("th", "Alle"));
    b.per_day.forEach(function (n, i) { foot.appendChild(el("td", num(n), i === 0 ? "num chosen" : "num")); });
    foot.appendChild(el("td", num(b.total), "num total"));
  }

  function renderFunnel(f) {
    var ol = $("funnel");
    clear(ol);
    var base = f.called || 0;
    FUNNEL.forEach(function (step) {
      var n = f[step[0]] || 0;
      var li = el("li");
      li.id = "funnel-" + step[0];
      li.setAttribute("data-value", String(n));
      var label = el("span", step[1], "label");
      var value = el("span", num(n) + (base ? " (" + percent(n / base) + ")" : ""), "value");
      var bar = el("span", null, "bar");
      var fill = el("span", null, "fill");
      /* Width through the CSSOM, not a style attribute: the page's CSP
       * allows no inline styles. */
      fill.style.width = (base ? Math.round(n / base * 100) : 0) + "%";
      bar.appendChild(fill);
      li.appendChild(label);
      li.appendChild(value);
      li.appendChild(bar);
      ol.appendChild(li);
    });
  }

  function renderLatency(l) {
    setValue("latency-avg", millis(l.avg_ms), l.avg_ms);
    setValue("latency-requests", num(l.requests), l.requests);
    setValue("latency-errors", num(l.non_2xx), l.non_2xx);
    var body = $("latency-body");
    clear(body);
    (l.routes || []).forEach(function (r) {
      var tr = el("tr");
      tr.setAttribute("data-route", r.route);
      var th = el("th", ROUTES[r.route] || r.route);
      th.setAttribute("scope", "row");
      th.title = r.route;
      tr.appendChild(th);
      tr.appendChild(el("td", num(r.requests), "num"));
      tr.appendChild(el("td", millis(r.avg_ms), "num"));
      tr.appendChild(el("td", millis(r.p50_ms), "num"));
      var p99 = el("td", millis(r.p99_ms), "num");
      if (r.p99_ms !== null && r.p99_ms > 5000) p99.className += " warn";
      tr.appendChild(p99);
      tr.appendChild(el("td", num(r.non_2xx), r.non_2xx ? "num warn" : "num"));
      body.appendChild(tr);
    });
  }

  function renderRecent(list, zone) {
    var body = $("recent-body");
    clear(body);
    if (!list.length) {
      var tr = el("tr");
      var td = el("td", "Keine Anrufe.", "empty");
      td.colSpan = 6;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    list.forEach(function (c) {
      var tr = el("tr");
      tr.setAttribute("data-call", String(c.id));
      tr.appendChild(el("td", localTime(c.started_at, zone)));
      tr.appendChild(el("td", c.studio || "–"));
      tr.appendChild(el("td", STATUS[c.status] || c.status));
      tr.appendChild(el("td", c.outcome ? (OUTCOME[c.outcome] || c.outcome) : OUTCOME.open));
      tr.appendChild(el("td", duration(c.duration_seconds), "num"));
      /* A statistics token gets no callers' numbers at all: "caller" is absent. */
      tr.appendChild(el("td", c.caller === undefined ? "–" : (c.caller || "unterdrückt"), "caller"));
      body.appendChild(tr);
    });
  }

  var SMS_KIND = {
    "confirmation": "Bestätigung", "reschedule": "Verschiebung", "cancellation": "Absage", "reminder": "Erinnerung"
  };

  function renderSms(s, zone) {
    var body = $("sms-body");
    clear(body);
    var list = s.items || [];
    if (!list.length) {
      var tr = el("tr");
      var td = el("td", "Alle SMS wurden zugestellt.", "empty");
      td.colSpan = 5;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    list.forEach(function (m) {
      var tr = el("tr");
      tr.setAttribute("data-sms", String(m.id));
      tr.appendChild(el("td", localTime(m.updated_at, zone)));
      tr.appendChild(el("td", m.studio || "–"));
      tr.appendChild(el("td", SMS_KIND[m.kind] || m.kind));
      tr.appendChild(el("td", m.from || "–"));
      tr.appendChild(el("td", m.reason || m.error || "–", "warn"));
      body.appendChild(tr);
    });
  }

  /* ---- what needs doing now */

  function minutes(sec) {
    var m = Math.floor(sec / 60), s = sec % 60;
    return m + ":" + (s < 10 ? "0" : "") + s + " min";
  }
  function clock(isoUtc, zone) {      /* "14:30", German, whatever the browser's language */
    var d = new Date(isoUtc);
    try {
      return new Intl.DateTimeFormat("de-DE", { timeZone: zone, hour: "2-digit", minute: "2-digit" }).format(d);
    } catch (e) {
      return isoUtc.slice(11, 16) + " UTC";
    }
  }

  function emptyItem(ul, text) { ul.appendChild(el("li", text, "empty")); }

  function actionButton(label, kind, id, action, cls) {
    var b = el("button", label, cls || "small");
    b.type = "button";
    b.setAttribute("data-kind", kind);
    b.setAttribute("data-id", String(id));
    b.setAttribute("data-action", action);
    b.id = kind + "-" + id + "-" + action;
    return b;
  }

  function person(x) {
    if (x.name === undefined && x.caller === undefined) return "";
    return (x.name || "ohne Namen") + (x.caller ? " · " + x.caller : "");
  }

  function renderNow(d, zone) {
    state.scope = d.scope;
    var admin = d.scope === "admin";
    var w = $("waiting-list");
    clear(w);
    if (!d.waiting.length) emptyItem(w, "Niemand wartet.");
    d.waiting.forEach(function (x) {
      var li = el("li");
      li.setAttribute("data-waiting", String(x.id));
      li.appendChild(el("span", (x.studio || "–") + ": wartet seit " + minutes(x.waiting_seconds), "label"));
      if (admin) li.appendChild(el("span", person(x), "who"));
      w.appendChild(li);
    });
    var c = $("callback-list");
    clear(c);
    if (!d.callbacks.length) emptyItem(c, "Keine offenen Rückrufe.");
    d.callbacks.forEach(function (x) {
      var li = el("li");
      li.setAttribute("data-callback", String(x.id));
      li.appendChild(el("span", localTime(x.requested_at, zone) + " · " + (x.studio || "–") + " · " +
        (REASON[x.reason] || x.reason) + " · " + (CB_STATUS[x.status] || x.status), "label"));
      if (admin) {
        li.appendChild(el("span", person(x), "who"));
        var actions = el("span", null, "actions");
        actions.appendChild(actionButton("Erledigt", "callback", x.id, "done"));
        actions.appendChild(actionButton("Nicht erreicht", "callback", x.id, "unreachable", "small secondary"));
        li.appendChild(actions);
      }
      c.appendChild(li);
    });
    setValue("flagged-count", num(d.flagged_leads.count), d.flagged_leads.count);
    var f = $("flagged-list");
    clear(f);
    (d.flagged_leads.items || []).forEach(function (x) {
      var li = el("li", person(x) + " · " + num(x.no_shows) + "× nicht erschienen");
      li.setAttribute("data-lead", String(x.lead_id));
      f.appendChild(li);
    });
    var body = $("appointments-body");
    clear(body);
    if (!d.appointments.length) {
      var tr0 = el("tr");
      var td0 = el("td", "Keine Termine heute und morgen.", "empty");
      td0.colSpan = 7;
      tr0.appendChild(td0);
      body.appendChild(tr0);
    }
    d.appointments.forEach(function (a) {
      var tr = el("tr");
      tr.setAttribute("data-appointment", String(a.id));
      tr.setAttribute("data-status", a.status);
      tr.appendChild(el("td", a.day === d.today ? "heute" : "morgen"));
      tr.appendChild(el("td", clock(a.starts_at, zone)));
      tr.appendChild(el("td", a.studio || "–"));
      tr.appendChild(el("td", admin ? (a.name || "–") : "–", "name"));
      tr.appendChild(el("td", admin ? (a.caller || "–") : "–", "caller"));
      tr.appendChild(el("td", (VISIT[a.status] || a.status) + (a.confirmed && a.status === "booked" ? ", per SMS bestätigt" : ""),
        "state"));
      var td = el("td");
      if (admin && a.begun) {
        td.appendChild(actionButton("Gekommen", "appointment", a.id, "attended"));
        td.appendChild(actionButton("Nicht erschienen", "appointment", a.id, "no-show", "small secondary"));
      } else {
        td.appendChild(el("span", a.begun ? "–" : "noch nicht begonnen", "empty"));
      }
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  function act(ev) {
    var b = ev.target.closest ? ev.target.closest("button[data-action]") : null;
    if (!b) return;
    var kind = b.getAttribute("data-kind"), id = b.getAttribute("data-id"), action = b.getAttribute("data-action");
    var url = "/api/v1/" + (kind === "callback" ? "callbacks/" : "appointments/") + encodeURIComponent(id) + "/" + action;
    b.disabled = true;
    api(url, "POST").then(function () {
      $("action-status").textContent = kind === "callback" ? "Rückruf als „" + b.textContent + "“ markiert." :
        "Termin als „" + b.textContent + "“ markiert.";
      load();
    }).catch(function (e) {
      b.disabled = false;
      if (e.unauthorized) { showLogin("Das Token ist ungültig oder abgelaufen. Bitte melden Sie sich neu an."); return; }
      $("action-status").textContent = "Das hat nicht geklappt (" + e.message + ").";
    });
  }

  /* ---- trends, drawn as SVG */

  function svg(tag, attrs, parent) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (parent) parent.appendChild(e);
    return e;
  }

  function svgRoot(box, w, h, label) {
    clear(box);
    var root = svg("svg", { viewBox: "0 0 " + w + " " + h, role: "img", "aria-label": label, "class": "svgchart" });
    svg("title", {}, root).textContent = label;
    box.appendChild(root);
    return root;
  }

  function niceMax(v) {
    if (v <= 5) return 5;
    var p = Math.pow(10, Math.floor(Math.log(v) / Math.LN10)), m = v / p;
    return (m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  /* Bars (calls) and a line (bookings) over the days. */
  function dailyChart(box, dates, bars, line, label) {
    var W = 720, H = 220, L = 40, R = 10, T = 10, B = 28;
    var root = svgRoot(box, W, H, label);
    var max = niceMax(Math.max.apply(null, bars.concat(line).concat([1])));
    var n = dates.length, step = (W - L - R) / n;
    for (var g = 0; g <= 4; g++) {
      var y = T + (H - T - B) * (1 - g / 4);
      svg("line", { x1: L, x2: W - R, y1: y, y2: y, "class": "grid" }, root);
      svg("text", { x: L - 6, y: y + 4, "class": "axis", "text-anchor": "end" }, root).textContent = num(max * g / 4);
    }
    bars.forEach(function (v, i) {
      var h = (H - T - B) * v / max;
      var r = svg("rect", { x: L + i * step + step * 0.15, y: H - B - h, width: step * 0.7, height: h, "class": "bar" }, root);
      svg("title", {}, r).textContent = longDate(dates[i]) + ": " + num(v) + " Anrufe, " + num(line[i]) + " Buchungen";
    });
    var pts = line.map(function (v, i) {
      return (L + i * step + step / 2).toFixed(1) + "," + (H - B - (H - T - B) * v / max).toFixed(1);
    });
    svg("polyline", { points: pts.join(" "), "class": "line" }, root);
    var every = n > 40 ? 14 : 7;
    dates.forEach(function (d, i) {
      if ((n - 1 - i) % every === 0)
        svg("text", { x: L + i * step + step / 2, y: H - 8, "class": "axis", "text-anchor": "middle" }, root)
          .textContent = germanDate(d);
    });
    var legend = el("p", null, "legend");
    legend.appendChild(el("span", "Anrufe", "key bar"));
    legend.appendChild(el("span", "Buchungen", "key line"));
    box.appendChild(legend);
  }

  function rateChart(box, dates, rates, label) {
    var W = 720, H = 160, L = 40, R = 10, T = 10, B = 28;
    var root = svgRoot(box, W, H, label);
    var n = dates.length, step = (W - L - R) / n;
    [0, 0.5, 1].forEach(function (g) {
      var y = T + (H - T - B) * (1 - g);
      svg("line", { x1: L, x2: W - R, y1: y, y2: y, "class": "grid" }, root);
      svg("text", { x: L - 6, y: y + 4, "class": "axis", "text-anchor": "end" }, root).textContent = Math.round(g * 100) + " %";
    });
    rates.forEach(function (v, i) {
      if (v === null) return;
      /* More bookings than calls (staff booked too) stays on the 100 % line. */
      var x = L + i * step + step / 2, y = T + (H - T - B) * (1 - Math.min(v, 1));
      var c = svg("circle", { cx: x, cy: y, r: 3, "class": "dot" }, root);
      svg("title", {}, c).textContent = longDate(dates[i]) + ": " + percent(v);
    });
  }

  function sparkline(values) {
    var W = 120, H = 24, max = Math.max.apply(null, values.concat([1]));
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img",
                            "aria-label": "Anrufe pro Tag, höchstens " + num(max), "class": "spark" });
    var step = W / Math.max(values.length - 1, 1);
    svg("polyline", { points: values.map(function (v, i) {
      return (i * step).toFixed(1) + "," + (H - 2 - (H - 4) * v / max).toFixed(1);
    }).join(" "), "class": "line" }, root);
    return root;
  }

  var WEEK = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];

  function heatmap(box, cells, label) {
    var W = 24 * 22 + 30, H = 7 * 22 + 20;
    var root = svgRoot(box, W, H, label);
    var max = Math.max.apply(null, cells.concat([1]));
    for (var d = 0; d < 7; d++) {
      svg("text", { x: 0, y: d * 22 + 15, "class": "axis" }, root).textContent = WEEK[d];
      for (var h = 0; h < 24; h++) {
        var v = cells[d * 24 + h];
        var level = v ? 1 + Math.min(4, Math.floor(v / max * 4.999)) : 0;
        var r = svg("rect", { x: 30 + h * 22, y: d * 22, width: 20, height: 20, rx: 3, "class": "heat l" + level }, root);
        svg("title", {}, r).textContent = WEEK[d] + " " + h + "–" + (h + 1) + " Uhr: " + num(v);
      }
    }
    [0, 6, 12, 18].forEach(function (h) {
      svg("text", { x: 30 + h * 22, y: H - 4, "class": "axis" }, root).textContent = h + " Uhr";
    });
  }

  function rateText(r) { return r === null || r === undefined ? "–" : percent(r); }

  function renderTrends(t) {
    setValue("trend-calls", num(t.totals.calls), t.totals.calls);
    setValue("trend-bookings", num(t.totals.bookings), t.totals.bookings);
    setValue("trend-conversion", rateText(t.totals.conversion), t.totals.conversion);
    setValue("trend-success", rateText(t.totals.success_rate), t.totals.success_rate);
    dailyChart($("chart-daily"), t.dates, t.calls, t.bookings,
      "Anrufe und Buchungen pro Tag vom " + longDate(t.from) + " bis " + longDate(t.to));
    rateChart($("chart-conversion"), t.dates, t.conversion, "Umwandlung pro Tag");
    var body = $("trend-studios-body");
    clear(body);
    t.studios.forEach(function (s) {
      var tr = el("tr");
      tr.setAttribute("data-studio", s.slug);
      var th = el("th", s.name);
      th.setAttribute("scope", "row");
      tr.appendChild(th);
      var calls = s.calls.reduce(function (a, b) { return a + b; }, 0);
      var books = s.bookings.reduce(function (a, b) { return a + b; }, 0);
      var a = s.attendance;
      [[calls, "calls"], [books, "bookings"]].forEach(function (p) {
        var td = el("td", num(p[0]), "num");
        td.setAttribute("data-field", p[1]);
        td.setAttribute("data-value", String(p[0]));
        tr.appendChild(td);
      });
      tr.appendChild(el("td", calls ? percent(books / calls) : "–", "num"));
      [["attended", a.attended], ["no_show", a.no_show], ["unknown", a.unknown]].forEach(function (p) {
        var td = el("td", num(p[1]), "num");
        td.setAttribute("data-field", p[0]);
        td.setAttribute("data-value", String(p[1]));
        tr.appendChild(td);
      });
      var rate = el("td", rateText(a.no_show_rate), "num");
      rate.setAttribute("data-field", "no_show_rate");
      tr.appendChild(rate);
      var sp = el("td");
      sp.appendChild(sparkline(s.calls));
      tr.appendChild(sp);
      body.appendChild(tr);
    });
    heatmap($("chart-hours-calls"), t.hours.calls, "Anrufe je Wochentag und Stunde");
    heatmap($("chart-hours-bookings"), t.hours.bookings, "Buchungen je Wochentag und Stunde");
    countList($("no-booking-list"), t.no_booking, OUTCOME);
    var ul = $("source-list");
    clear(ul);
    if (!t.attendance.sources.length) emptyItem(ul, "noch keine vergangenen Termine");
    t.attendance.sources.forEach(function (s) {
      var li = el("li");
      li.setAttribute("data-key", s.source);
      li.appendChild(el("span", SOURCE[s.source] || s.source, "label"));
      li.appendChild(el("span", rateText(s.no_show_rate) + " (" + num(s.no_show) + " von " +
        num(s.attended + s.no_show) + ")", "value"));
      ul.appendChild(li);
    });
  }

  /* ---- events */

  function start() {
    if (window.top !== window.self) {     /* never inside someone else's frame */
      document.body.textContent = "";
      return;
    }
    readFragment();
    state.token = sessionStorage.getItem(TOKEN_KEY);
    $("login-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var t = $("token-input").value.trim().replace(/^Bearer\s+/i, "");
      if (!t) return;
      sessionStorage.setItem(TOKEN_KEY, t);
      state.token = t;
      $("login-error").hidden = true;
      showStatus("Lade …");
      $("login").hidden = true;
      load();
    });
    $("filters").addEventListener("submit", function (ev) {
      ev.preventDefault();
      state.date = isoDate($("date-input").value);
      state.studio = $("studio-select").value || "";
      load();
    });
    $("studio-select").addEventListener("change", function () {
      state.studio = this.value || "";
      load();
    });
    $("date-input").addEventListener("change", function () {
      state.date = isoDate(this.value);
      load();
    });
    $("logout").addEventListener("click", function () { showLogin(""); });
    $("card-now").addEventListener("click", act);
    $("trend-days").addEventListener("change", function () {
      state.days = this.value === "90" ? "90" : "30";
      load();
    });
    $("trend-form").addEventListener("submit", function (ev) { ev.preventDefault(); });
    if (state.token) {
      showStatus("Lade …");
      load();
    } else {
      showLogin("");
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
