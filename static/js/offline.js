/* The site for phones that lose the signal (issue 19): registers the service worker
   (/sw.js, templates/cms/sw.js), saves a course for offline use, lists saved courses,
   keeps answers given offline as progress events in IndexedDB and sends them when the
   connection returns. Plain JS, no build step, runs under script-src 'self'.

   Saved course: the URLs of /<lang>/learn/offline/courses/<id>/files.json are fetched
   without cookies (the pages every visitor gets, never a learner's own page) into the
   cache nr-course-<id>-<lang> (nr-course-s-… when sensitive); its record in IndexedDB
   ("courses") keeps the lessons, their quizzes without answers and the strings.
   Offline events: the same as the app's (uuid, kind, lesson, timestamp, quiz, answers),
   stored with the id of the learner signed in when they were made, and sent only while
   that learner is signed in (POST /api/v1/me/progress-events, session + CSRF token);
   the server ignores a UUID it already has, so a retry is harmless. */
(function () {
  "use strict";
  var DB = "nharong-offline";
  var LEARNER = "nr-learner";
  var LIGHT = "nr-light";
  var language = (location.pathname.split("/")[1] || "vi");

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        db.createObjectStore("courses", { keyPath: "cache" });
        db.createObjectStore("events", { keyPath: "uuid" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function store(name, mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var result = work(tx.objectStore(name));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all(name) { return store(name, "readonly", function (s) { return s.getAll(); }); }

  function uuid4() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  function size(bytes) {
    var number;
    try { number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }); }
    catch (e) { number = new Intl.NumberFormat("vi", { maximumFractionDigits: 1 }); }
    if (bytes < 1e6) { return number.format(Math.max(1, Math.round(bytes / 1e3))) + " KB"; }
    return number.format(bytes / 1e6) + " MB";
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function worker(message) {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage(message);
    }
  }

  // -- who is signed in on this browser -------------------------------------------

  function whoIsSignedIn() {
    return fetch("/" + language + "/learn/offline/me.json", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (me) {
        if (me.learner) { localStorage.setItem(LEARNER, String(me.learner)); }
        else { localStorage.removeItem(LEARNER); }
        return me;
      });
  }

  // -- saving a course --------------------------------------------------------------

  function cacheName(course) {
    return "nr-course-" + (course.sensitive ? "s-" : "") + course.id + "-" + course.language;
  }

  function validators(response) {
    var headers = {};
    if (response.headers.get("ETag")) { headers["If-None-Match"] = response.headers.get("ETag"); }
    if (response.headers.get("Last-Modified")) { headers["If-Modified-Since"] = response.headers.get("Last-Modified"); }
    return headers;
  }

  /* Fetch what is missing or changed into the course's cache: a kept picture or audio
     file is kept (its URL changes with its content); a kept page is asked again with
     its ETag and replaced only if the server sends a new one (not 304). */
  function fill(listing, onProgress) {
    var name = cacheName(listing.course);
    var done = 0;
    var failed = 0;
    return caches.open(name).then(function (cache) {
      var wanted = listing.files.map(function (f) { return new URL(f.url, location.href).href; });
      return cache.keys().then(function (keys) {
        return Promise.all(keys.filter(function (k) { return wanted.indexOf(k.url) < 0; })
          .map(function (k) { return cache.delete(k); }));
      }).then(function () {
        var queue = listing.files.slice();
        function next() {
          var file = queue.shift();
          if (!file) { return Promise.resolve(); }
          var url = new URL(file.url, location.href).href;
          return cache.match(url, { ignoreVary: true }).then(function (kept) {
            if (kept && file.kind !== "page") { return null; }
            var headers = kept ? validators(kept) : {};
            return fetch(url, { credentials: "omit", headers: headers, cache: "no-store" }).then(function (response) {
              if (response.status === 304) { return null; }
              if (!response.ok) { throw new Error(String(response.status)); }
              if (!response.redirected) { return cache.put(url, response); }
              return response.blob().then(function (body) {
                return cache.put(url, new Response(body, { status: 200, headers: response.headers }));
              });
            });
          }).catch(function () { failed += 1; }).then(function () {
            done += 1;
            if (onProgress) { onProgress(done, listing.files.length); }
            return next();
          });
        }
        return Promise.all([next(), next(), next()]);
      });
    }).then(function () {
      if (failed) { throw new Error("incomplete"); }
      var record = {
        cache: name, id: listing.course.id, title: listing.course.title, url: listing.course.url,
        language: listing.course.language, sensitive: listing.course.sensitive,
        bytes: listing.total_bytes, saved_at: new Date().toISOString(), checked_at: Date.now(),
        lessons: listing.lessons, strings: listing.strings, source: listing.source
      };
      return store("courses", "readwrite", function (s) { s.put(record); }).then(function () { return record; });
    });
  }

  function remove(name) {
    return caches.delete(name).then(function () {
      return store("courses", "readwrite", function (s) { s.delete(name); });
    });
  }

  function listingUrl(base, sensitiveAsked) {
    var light = localStorage.getItem(LIGHT) === "1" || (navigator.connection && navigator.connection.saveData);
    return base + "?" + (light ? "light=1&" : "") + (sensitiveAsked ? "sensitive=1" : "");
  }

  function getListing(url) {
    return fetch(url, { credentials: "omit" }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }).then(function (listing) { listing.source = url; return listing; });
  }

  function courseWidget(box) {
    var base = box.getAttribute("data-offline-course");
    getListing(listingUrl(base, false)).then(function (listing) {
      var s = listing.strings;
      var name = cacheName(listing.course);
      var status = el("p", { role: "status", "class": "offline-status" });
      var progress = el("progress", { max: "1", value: "0", hidden: "" });
      var save = el("button", { type: "button", "data-offline-save": "" }, s.save);
      var drop = el("button", { type: "button", "class": "secondary", "data-offline-remove": "", hidden: "" }, s.remove);
      var about = el("p", {}, format(s.size, { size: size(listing.total_bytes) }));
      var consent = null;
      box.appendChild(el("h2", {}, s.heading));
      if (listing.withheld) {
        about.textContent = s.sensitive;
        var label = el("label", { "class": "check" });
        consent = el("input", { type: "checkbox", "data-offline-consent": "" });
        label.appendChild(consent);
        label.appendChild(document.createTextNode(" " + s.sensitive_ok));
        box.appendChild(about);
        box.appendChild(el("p")).appendChild(label);
      } else {
        box.appendChild(about);
      }
      progress.setAttribute("aria-label", s.save);
      var actions = el("p", { "class": "offline-actions" });
      actions.appendChild(save);
      actions.appendChild(drop);
      box.appendChild(actions);
      box.appendChild(progress);
      box.appendChild(status);
      box.hidden = false;

      function showSaved(saved) {
        save.hidden = saved;
        drop.hidden = !saved;
        if (consent) { consent.parentNode.parentNode.hidden = saved; }
      }

      store("courses", "readonly", function (st) { return st.get(name); }).then(function (record) {
        showSaved(Boolean(record));
        if (record) {
          status.textContent = s.saved;
          if (navigator.onLine && Date.now() - (record.checked_at || 0) > 60000) {
            getListing(record.source || listingUrl(base, record.sensitive)).then(function (fresh) { return fill(fresh); });
          }
        }
      });

      save.addEventListener("click", function () {
        var asked = Boolean(consent && consent.checked);
        if (listing.withheld && !asked) { consent.focus(); return; }
        save.disabled = true;
        progress.hidden = false;
        whoIsSignedIn().catch(function () { return null; });
        var ready = asked ? getListing(listingUrl(base, true)) : Promise.resolve(listing);
        ready.then(function (full) {
          status.textContent = format(s.saving, { done: 0, total: full.files.length }) + " · " + size(full.total_bytes);
          return fill(full, function (done, total) {
            progress.max = total;
            progress.value = done;
            status.textContent = format(s.saving, { done: done, total: total });
          });
        }).then(function () {
          status.textContent = s.saved;
          showSaved(true);
        }).catch(function () {
          status.textContent = s.failed;
        }).then(function () {
          save.disabled = false;
          progress.hidden = true;
        });
      });
      drop.addEventListener("click", function () {
        remove(name).then(function () {
          status.textContent = s.removed;
          showSaved(false);
        });
      });
    }).catch(function () { /* offline or not public: no button */ });
  }

  // -- the "Saved for offline" page -----------------------------------------------------

  function savedPage(box) {
    var strings = JSON.parse(document.getElementById("nr-offline-strings").textContent);
    var light = document.querySelector("[data-offline-light]");
    if (light) {
      light.checked = localStorage.getItem(LIGHT) === "1";
      light.addEventListener("change", function () {
        localStorage.setItem(LIGHT, light.checked ? "1" : "0");
        worker({ type: "settings", light: light.checked });
      });
    }
    all("courses").then(function (records) {
      box.textContent = "";
      if (!records.length) { box.appendChild(el("p", {}, strings.empty)); return; }
      var list = el("ul", { "class": "saved-courses" });
      records.forEach(function (record) {
        var item = el("li");
        item.appendChild(el("a", { href: record.url, lang: record.language }, record.title));
        var d = new Date(record.saved_at);
        var date = ("0" + d.getDate()).slice(-2) + "/" + ("0" + (d.getMonth() + 1)).slice(-2) + "/" + d.getFullYear();
        item.appendChild(el("span", {}, " · " + size(record.bytes) + " · " + format(strings.saved_on, { date: date }) + " "));
        var drop = el("button", { type: "button", "class": "secondary" }, strings.remove);
        drop.addEventListener("click", function () { remove(record.cache).then(function () { item.remove(); }); });
        item.appendChild(drop);
        list.appendChild(item);
        if (navigator.onLine && record.source && Date.now() - (record.checked_at || 0) > 3600000) {
          getListing(record.source).then(function (fresh) { return fill(fresh); }).catch(function () {});
        }
      });
      box.appendChild(list);
    });
  }

  // -- learning offline -----------------------------------------------------------------

  function queue(event, note) {
    event.uuid = uuid4();
    event.timestamp = new Date().toISOString();
    var learner = localStorage.getItem(LEARNER);
    return store("events", "readwrite", function (s) { s.put({ uuid: event.uuid, learner: learner, event: event }); })
      .then(function () { note.textContent = note.getAttribute("data-queued"); return send(); });
  }

  var sending = null;
  function send() {
    if (sending) { return sending; }
    sending = all("events").then(function (rows) {
      if (!rows.length || !navigator.onLine) { return null; }
      return whoIsSignedIn().then(function (me) {
        var mine = rows.filter(function (r) { return me.learner && String(me.learner) === r.learner; }).slice(0, 500);
        if (!mine.length) { return null; }
        return fetch("/api/v1/me/progress-events", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": me.csrf },
          body: JSON.stringify({ events: mine.map(function (r) { return r.event; }) })
        }).then(function (r) {
          if (!r.ok) { return null; }
          return r.json().then(function (result) {
            var settled = result.accepted.concat(result.duplicates, result.rejected.map(function (x) { return x.uuid; }));
            return store("events", "readwrite", function (s) { settled.forEach(function (u) { s.delete(u); }); })
              .then(function () {
                document.querySelectorAll("[data-offline-note]").forEach(function (n) {
                  if (n.textContent) { n.textContent = n.getAttribute("data-sent"); }
                });
              });
          });
        });
      });
    }).catch(function () { return null; }).then(function (value) { sending = null; return value; });
    return sending;
  }

  function note(strings) {
    return el("p", { role: "status", "class": "notice offline-note", "data-offline-note": "",
      "data-queued": strings.queued, "data-sent": strings.sent });
  }

  function quizForm(section, lessonId, quiz, strings) {
    var form = el("form", { "class": "offline-quiz", "data-offline-quiz": quiz.id });
    quiz.questions.forEach(function (q, n) {
      var set = el("fieldset");
      set.appendChild(el("legend", {}, (n + 1) + ". " + q.prompt));
      if (q.multiple) { set.appendChild(el("p")).appendChild(el("small", {}, strings.choose_all)); }
      q.options.forEach(function (o) {
        var label = el("label");
        var input = el("input", { type: q.multiple ? "checkbox" : "radio", name: "q-" + q.id, value: String(o.index) });
        if (!q.multiple) { input.required = true; }
        label.appendChild(input);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(el("span", {}, o.text));
        set.appendChild(label);
      });
      form.appendChild(set);
    });
    form.appendChild(el("button", { type: "submit" }, strings.check));
    var status = note(strings);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var answers = {};
      quiz.questions.forEach(function (q) {
        answers[q.id] = Array.prototype.map.call(
          form.querySelectorAll('input[name="q-' + q.id + '"]:checked'), function (i) { return Number(i.value); });
      });
      queue({ kind: "quiz_submitted", lesson: lessonId, quiz: quiz.id, answers: answers }, status);
    });
    Array.prototype.forEach.call(section.querySelectorAll("p"), function (p) {
      if (p.querySelector('a[href*="/learn/login/"]')) { p.remove(); }
    });
    section.appendChild(form);
    section.appendChild(status);
  }

  /* A saved lesson shown without the learner's own forms (the copy every visitor gets,
     served by the worker while offline) to a learner signed in on this phone: the quiz
     and "I have finished" work, and their events wait in IndexedDB. */
  function offlineLesson() {
    var learner = localStorage.getItem(LEARNER);
    var article = document.querySelector("main article");
    if (!learner || !article || article.querySelector('form[action*="/learn/"]')) { return; }
    all("courses").then(function (records) {
      var path = location.pathname;
      records.forEach(function (record) {
        (record.lessons || []).forEach(function (lesson) {
          if (lesson.url !== path) { return; }
          var strings = record.strings;
          lesson.quizzes.forEach(function (quiz) {
            var section = document.getElementById("quiz-" + quiz.id);
            if (section && !section.querySelector("form")) { quizForm(section, lesson.id, quiz, strings); }
          });
          var finish = el("p", { "class": "offline-finish" });
          var button = el("button", { type: "button", "data-offline-complete": "" }, strings.finished);
          var status = note(strings);
          button.addEventListener("click", function () {
            button.disabled = true;
            queue({ kind: "lesson_completed", lesson: lesson.id }, status);
          });
          finish.appendChild(button);
          var nav = article.querySelector("nav.lesson-nav");
          article.insertBefore(finish, nav);
          article.insertBefore(status, nav);
        });
      });
    });
  }

  // -- quick exit and sign-out ------------------------------------------------------------

  function forgetOnExit() {
    document.querySelectorAll("[data-quick-exit]").forEach(function (link) {
      link.addEventListener("click", function () { worker({ type: "quick-exit" }); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && document.querySelector("[data-quick-exit]")) { worker({ type: "quick-exit" }); }
    });
    document.querySelectorAll('form[action$="/learn/logout/"]').forEach(function (form) {
      form.addEventListener("submit", function () {
        localStorage.removeItem(LEARNER);
        worker({ type: "sign-out" });
      });
    });
  }

  if (!("indexedDB" in window) || !("caches" in window)) { return; }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      worker({ type: "settings", light: localStorage.getItem(LIGHT) === "1" || Boolean(navigator.connection && navigator.connection.saveData) });
    }).catch(function () { /* an old browser: the site works online */ });
  }
  if (localStorage.getItem(LIGHT) === "1" || (navigator.connection && navigator.connection.saveData)) {
    document.documentElement.setAttribute("data-save-data", "on"); // players: no autoplay
  }
  forgetOnExit();
  var box = document.querySelector("[data-offline-course]");
  if (box) { courseWidget(box); }
  var saved = document.querySelector("[data-offline-saved]");
  if (saved) { savedPage(saved); }
  offlineLesson();
  window.addEventListener("online", send);
  send();
})();
