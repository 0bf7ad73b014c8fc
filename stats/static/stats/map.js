/* Commune centres sized by value (the heritage map's Leaflet; tiles only when configured). */
(function () {
  "use strict";
  var el = document.getElementById("stats-map");
  var data = document.getElementById("stats-markers");
  if (!el || !data || typeof L === "undefined") return;
  var config = JSON.parse(el.getAttribute("data-config") || "{}");
  var markers = JSON.parse(data.textContent || "[]");
  el.innerHTML = "";
  var map = L.map(el, { scrollWheelZoom: false });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: config.attribution || "" }).addTo(map);
  }
  var top = Math.max.apply(null, markers.map(function (m) { return m.value; }).concat([1]));
  var bounds = [];
  markers.forEach(function (m) {
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.title + ": " + m.value.toLocaleString("vi-VN");
    L.circleMarker([m.lat, m.lon], { radius: 4 + 16 * Math.sqrt(m.value / top), color: "#2e6b4f" })
      .addTo(map).bindPopup(link);
    bounds.push([m.lat, m.lon]);
  });
  if (bounds.length > 1) { map.fitBounds(bounds, { padding: [30, 30] }); }
  else if (bounds.length === 1) { map.setView(bounds[0], 12); }
  else { map.setView([14.1, 108.95], 9); }
})();
