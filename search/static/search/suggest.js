/* Suggestions as people type on the search page; the form works the same without it.
   A separate file (not inline) so that the Content-Security-Policy allows it. */
(function () {
  /* Facets are folded behind one button so that results come first on a phone; on a
     wide screen they sit beside the results, open. */
  var fold = document.querySelector("details[data-open-wide]");
  if (fold && window.matchMedia && window.matchMedia("(min-width: 48em)").matches) fold.open = true;
})();
(function () {
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-suggestions");
  var timer;
  if (!input || !list || !window.fetch) return;
  var locale = input.getAttribute("data-locale") || document.documentElement.lang || "vi";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      fetch("/api/v1/search/suggest?q=" + encodeURIComponent(q) + "&locale=" + encodeURIComponent(locale))
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.textContent = "";
          (data.suggestions || []).forEach(function (s) {
            var option = document.createElement("option");
            option.value = s.title;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
