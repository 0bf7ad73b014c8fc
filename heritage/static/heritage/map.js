/* The heritage map: markers from the page's JSON, tiles only when configured.
   A marker at a commune centre (its note says so) is drawn faded and its popup says it is approximate.
   Markers too close to tell apart at the current zoom (several places in one commune share
   its centre) are drawn as one numbered group (Leaflet.markercluster): one target big enough
   to tap, which zooms in, or spreads its markers when they sit on the same point.
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
  // maxZoom on the map itself: without tiles no layer sets one, and grouping needs it.
  var map = L.map(el, { scrollWheelZoom: false, maxZoom: 18 });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: config.attribution || "" }).addTo(map);
  } else {
    el.classList.add("no-tiles");
  }
  L.Icon.Default.imagePath = el.getAttribute("data-images") || L.Icon.Default.imagePath;
  var layer = L.markerClusterGroup
    ? L.markerClusterGroup({
        showCoverageOnHover: false,
        maxClusterRadius: 40,
        iconCreateFunction: function (cluster) {
          var count = cluster.getChildCount();
          var label = (config.clusterLabel || "%(count)s").replace("%(count)s", count);
          var said = document.createElement("span");
          said.className = "visually-hidden";
          said.textContent = label;  // the group's name for a screen reader
          var icon = L.divIcon({
            html: '<span aria-hidden="true">' + count + "</span>" + said.outerHTML,
            className: "map-group",
            iconSize: L.point(40, 40),
          });
          cluster.options.title = label;
          cluster.options.alt = label;
          return icon;
        },
      })
    : map;
  var bounds = [];
  markers.forEach(function (m) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.title;
    popup.appendChild(link);
    var label = m.title;
    if (m.note) {
      // A commune centre stands in for unknown coordinates: say so wherever the marker is.
      var note = document.createElement("small");
      note.className = "approximate";
      note.textContent = m.note;
      popup.appendChild(document.createElement("br"));
      popup.appendChild(note);
      label = m.title + " (" + m.note + ")";
    }
    var marker = L.marker([m.lat, m.lon], { title: label, alt: label, opacity: m.note ? 0.6 : 1 });
    marker.bindPopup(popup);
    layer.addLayer(marker);
    bounds.push([m.lat, m.lon]);
  });
  if (layer !== map) map.addLayer(layer);
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [30, 30] });
  } else if (bounds.length === 1) {
    map.setView(bounds[0], 12);
  } else {
    map.setView([14.1, 108.95], 9);
  }
})();
