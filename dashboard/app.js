/* app.js: the managers' dashboard. Reads GET /api/v1/stats (and nothing
 * else) with the token kept in sessionStorage (this tab only; a "stats"
 * token is enough, and then no caller's number is shown) and renders it; a 401 sends
 * the user back to the login. A link may carry the token in the fragment
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
    "open": "offen"
  };
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

  var state = { token: null, date: "", studio: "", timer: null, studiosLoaded: false };

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

  function load() {
    if (!state.token) { showLogin(""); return; }
    var q = [];
    if (state.date) q.push("date=" + encodeURIComponent(state.date));
    if (state.studio) q.push("studio=" + encodeURIComponent(state.studio));
    var url = API + (q.length ? "?" + q.join("&") : "");
    fetch(url, { headers: { "Authorization": "Bearer " + state.token }, cache: "no-store", credentials: "omit" })
      .then(function (r) {
        if (r.status === 401) {
          showLogin("Das Token ist ungültig oder abgelaufen. Bitte melden Sie sich neu an.");
          return null;
        }
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body && body.error ? body.error : "HTTP " + r.status);
          return body;
        }, function () { throw new Error("HTTP " + r.status); });
      })
      .then(function (data) {
        if (!data) return;
        render(data);
        showStatus("");
        schedule();
      })
      .catch(function (e) {
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
    $("date-input").value = d.date;
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
    document.body.setAttribute("data-loaded", "1");
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
      state.date = $("date-input").value || "";
      state.studio = $("studio-select").value || "";
      load();
    });
    $("studio-select").addEventListener("change", function () {
      state.studio = this.value || "";
      load();
    });
    $("date-input").addEventListener("change", function () {
      state.date = this.value || "";
      load();
    });
    $("logout").addEventListener("click", function () { showLogin(""); });
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
