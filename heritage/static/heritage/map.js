/* The heritage map: markers from the page's JSON, tiles only when configured.
   Without tiles the markers sit on a plain background; the list below the map
   always has every place. */
(function () {
  "use strict";
  var el = document.getElementById("heritage-map");
  var data = document.getElementById("heritage-markers");
  if (!el || !data || typeof L === "undefined") return;
  var config = JSON.parse(el.getAttribute("data-config") || "{}");
  var markers = JSON.parse(data.textContent || "[]");
  el.innerHTML = "";
  var map = L.map(el, { scrollWheelZoom: false });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: config.attribution || "" }).addTo(map);
  } else {
    el.classList.add("no-tiles");
  }
  L.Icon.Default.imagePath = el.getAttribute("data-images") || L.Icon.Default.imagePath;
  var bounds = [];
  markers.forEach(function (m) {
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.title;
    L.marker([m.lat, m.lon], { title: m.title, alt: m.title }).addTo(map).bindPopup(link);
    bounds.push([m.lat, m.lon]);
  });
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [30, 30] });
  } else if (bounds.length === 1) {
    map.setView(bounds[0], 12);
  } else {
    map.setView([14.1, 108.95], 9);
  }
})();
