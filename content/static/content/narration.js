/* The narration player's extra controls (templates/content/includes/narration.html).
   Without this file the page keeps the browser's own <audio controls>. With it:
   play/pause, back and forward 10 seconds, speed 0.75–1.5×, and the position is
   remembered per page and language on this device (localStorage), so a learner who
   is interrupted goes on where they stopped. Nothing autoplays. */
(function () {
  "use strict";
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }

  function key(figure) { return "narration:" + location.pathname + ":" + figure.getAttribute("data-narration"); }

  function setup(figure) {
    var audio = figure.querySelector("audio");
    var controls = figure.querySelector(".narration-controls");
    if (!audio || !controls || figure.hasAttribute("data-ready")) { return; }
    figure.setAttribute("data-ready", "");
    var toggle = controls.querySelector("[data-narration-toggle]");
    var speed = controls.querySelector("[data-narration-speed]");
    var saved = store ? parseFloat(store.getItem(key(figure)) || "0") : 0;
    var lastSave = 0;

    function label() {
      var playing = !audio.paused;
      toggle.textContent = toggle.getAttribute(playing ? "data-pause" : "data-play");
      toggle.setAttribute("aria-pressed", playing ? "true" : "false");
    }
    function remember(force) {
      if (!store) { return; }
      var now = Date.now();
      if (!force && now - lastSave < 2000) { return; }
      lastSave = now;
      try {
        if (audio.ended) { store.removeItem(key(figure)); }
        else { store.setItem(key(figure), String(Math.floor(audio.currentTime))); }
      } catch (e) { /* storage full or blocked: the player still works */ }
    }
    audio.addEventListener("loadedmetadata", function () {
      if (saved > 0 && saved < (audio.duration || Infinity) - 1) { audio.currentTime = saved; }
      saved = 0;
    });
    audio.addEventListener("play", label);
    audio.addEventListener("pause", function () { label(); remember(true); });
    audio.addEventListener("ended", function () { label(); remember(true); });
    audio.addEventListener("timeupdate", function () { remember(false); });
    toggle.addEventListener("click", function () {
      if (audio.paused) { audio.play(); } else { audio.pause(); }
    });
    controls.querySelectorAll("[data-narration-skip]").forEach(function (button) {
      button.addEventListener("click", function () {
        var step = parseFloat(button.getAttribute("data-narration-skip"));
        var end = isFinite(audio.duration) ? audio.duration : Infinity;
        audio.currentTime = Math.max(0, Math.min(end, audio.currentTime + step));
      });
    });
    speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value) || 1; });
    controls.hidden = false;
  }

  document.querySelectorAll("figure.narration").forEach(setup);

  /* Quiz questions and options read one by one: each button plays its part of the
     page's narration (data-cue-start/end, seconds) and stops at its end. */
  var stopAt = null;
  document.querySelectorAll("button.narration-cue").forEach(function (button) {
    var audio = null;
    document.querySelectorAll("figure.narration audio").forEach(function (candidate) {
      if (candidate.getAttribute("src") === button.getAttribute("data-cue-src")) { audio = candidate; }
    });
    if (!audio) { return; }
    if (!audio.hasAttribute("data-cue-watch")) {
      audio.setAttribute("data-cue-watch", "");
      audio.addEventListener("timeupdate", function () {
        if (stopAt !== null && audio.currentTime >= stopAt) { stopAt = null; audio.pause(); }
      });
    }
    button.addEventListener("click", function () {
      var start = parseFloat(button.getAttribute("data-cue-start"));
      stopAt = parseFloat(button.getAttribute("data-cue-end"));
      function go() { audio.currentTime = start; audio.play(); }
      if (audio.readyState >= 1) { go(); }
      else { audio.addEventListener("loadedmetadata", go, { once: true }); audio.load(); }
    });
    button.hidden = false;
  });
})();
