/* Quick exit (sensitive courses) and the print button. A static file, so it
   runs under the site's Content-Security-Policy (script-src 'self'). */
(function () {
  var exit = document.querySelector("[data-quick-exit]");
  if (exit) {
    var leave = function (event) {
      if (event) { event.preventDefault(); }
      try { document.title = ""; document.body.innerHTML = ""; } catch (e) { /* ignore */ }
      location.replace(exit.href); // replace: Back does not return here
    };
    exit.addEventListener("click", leave);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { leave(event); }
    });
  }
  var print = document.querySelector("[data-print]");
  if (print) { print.addEventListener("click", function () { window.print(); }); }
})();
