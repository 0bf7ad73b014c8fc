/* Record narration in the browser (admin, content/admin_recordings.py).
 *
 * MediaRecorder records the microphone (WebM/Opus, Ogg/Opus or MP4, whatever the browser
 * makes); the server converts it to the site's MP3. The recording goes into the form's
 * file input (DataTransfer), so the form posts it like a chosen file; where a browser
 * cannot set a file input, the form is sent with fetch. Every word shown comes from the
 * section's data attributes, translated by the template. Without this script (or without
 * MediaRecorder) the form is a plain file upload.
 */
(function () {
  "use strict";

  var section = document.querySelector("[data-recorder]");
  var form = document.querySelector("[data-recording-form]");
  if (!section || !form) return;
  var text = section.dataset;
  var toggle = section.querySelector("[data-recorder-toggle]");
  var status = section.querySelector("[data-recorder-status]");
  var preview = section.querySelector("[data-recorder-preview]");
  var input = form.querySelector('input[type="file"][name="audio"]');
  var maxSeconds = parseInt(text.maxSeconds, 10) || 2700;

  section.hidden = false;
  if (!window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    toggle.hidden = true;
    status.textContent = text.unsupported;
    return;
  }

  var TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];
  var EXTENSIONS = { "audio/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "m4a" };
  var recorder = null;
  var chunks = [];
  var stream = null;
  var started = 0;
  var timer = null;
  var blob = null;

  function clock(seconds) {
    var s = Math.floor(seconds);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function say(template, seconds) {
    status.textContent = template.replace("{time}", clock(seconds));
  }

  function pickType() {
    for (var i = 0; i < TYPES.length; i++) {
      if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(TYPES[i])) return TYPES[i];
    }
    return "";
  }

  function attach(file) {
    if (!input || typeof DataTransfer === "undefined") return false;
    try {
      var transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      return input.files.length === 1;
    } catch (error) {
      return false;
    }
  }

  function stop() {
    if (recorder && recorder.state !== "inactive") recorder.stop();
  }

  function finished() {
    clearInterval(timer);
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    var type = (recorder.mimeType || "audio/webm").split(";")[0];
    blob = new Blob(chunks, { type: type });
    var name = "recording." + (EXTENSIONS[type] || "webm");
    var file = typeof File === "function" ? new File([blob], name, { type: type }) : blob;
    if (attach(file)) blob = null; // the form posts it as its file
    else blob = { data: blob, name: name };
    preview.src = URL.createObjectURL(file);
    preview.hidden = false;
    say(text.recorded, (Date.now() - started) / 1000);
    toggle.textContent = text.again;
    toggle.setAttribute("aria-pressed", "false");
    recorder = null;
  }

  toggle.addEventListener("click", function () {
    if (recorder) { stop(); return; }
    navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true } }).then(function (s) {
      stream = s;
      chunks = [];
      var type = pickType();
      recorder = type ? new MediaRecorder(stream, { mimeType: type, audioBitsPerSecond: 48000 }) : new MediaRecorder(stream);
      recorder.addEventListener("dataavailable", function (event) { if (event.data.size) chunks.push(event.data); });
      recorder.addEventListener("stop", finished);
      recorder.start(1000);
      started = Date.now();
      toggle.textContent = text.stop;
      toggle.setAttribute("aria-pressed", "true");
      say(text.recording, 0);
      timer = setInterval(function () {
        var seconds = (Date.now() - started) / 1000;
        say(text.recording, seconds);
        if (seconds >= maxSeconds) stop();
      }, 500);
    }, function () {
      status.textContent = text.denied;
    });
  });

  // A browser that could not put the recording in the file input sends it with fetch.
  form.addEventListener("submit", function (event) {
    if (!blob || (input && input.files && input.files.length)) return;
    event.preventDefault();
    var data = new FormData(form);
    data.set("audio", blob.data, blob.name);
    status.textContent = text.sending;
    fetch(form.action || window.location.href, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (response.redirected) { window.location.href = response.url; return null; }
        return response.text();
      })
      .then(function (html) {
        if (html === null) return;
        document.open();
        document.write(html);
        document.close();
      })
      .catch(function () { status.textContent = text.failed; });
  });
})();
