// A line's picture on an offline map: Natural Earth land (world-atlas), missile tracks with their launch points,
// predicted impacts and uncertainty, each party's view and the fused tracks, and the maritime picture; symbols in
// APP-6 / MIL-STD-2525 by milsymbol. Everything comes from this node; the data is refreshed every second.
(function () {
  var COLOURS = ["#1f5fbf", "#b8860b", "#2e8b57", "#8b3a8b", "#a0522d", "#00708a"];
  function fmt(p) { return p[0].toFixed(2) + ", " + p[1].toFixed(2); }
  function symbol(sidc, options) {
    var s = new ms.Symbol(sidc, options);
    var anchor = s.getAnchor();
    return L.divIcon({ html: s.asDOM(), className: "sym", iconSize: null, iconAnchor: [anchor.x, anchor.y] });
  }
  function text(el, value) { el.textContent = value; return el; }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("map");
    if (!el || !window.L) { return; }
    var line = el.dataset.line;
    var map = L.map(el, { worldCopyJump: true, attributionControl: false, preferCanvas: false }).setView([38, 132], 5);
    fetch("/assets/land-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      L.geoJSON(topojson.feature(topo, topo.objects.land), {
        style: { color: "#55624f", weight: 1, fillColor: "#e3e8dc", fillOpacity: 1 }, interactive: false
      }).addTo(map).bringToBack();
      el.setAttribute("data-land", "drawn");
    });
    var views = {};            // a layer per party's view
    var fusedLayer = L.layerGroup().addTo(map);
    var seaLayer = L.layerGroup().addTo(map);
    var control = L.control.layers(null, { "Fused tracks": fusedLayer, "Maritime picture": seaLayer }).addTo(map);
    var markers = {};          // party/track -> {marker, path, circle}
    var colours = {};
    function colour(party) {
      if (!colours[party]) { colours[party] = COLOURS[Object.keys(colours).length % COLOURS.length]; }
      return colours[party];
    }
    function view(party) {
      if (!views[party]) {
        views[party] = L.layerGroup().addTo(map);
        control.addOverlay(views[party], party + "'s view");
      }
      return views[party];
    }
    function draw(data) {
      var seen = {};
      data.tracks.forEach(function (t) {
        var key = t.party + "/" + t.id;
        seen[key] = true;
        var c = colour(t.party);
        var m = markers[key];
        if (!m) {
          var layer = view(t.party);
          m = markers[key] = {
            marker: L.marker(t.at, { icon: symbol("SHAPM-----", { size: 22, fillColor: c, uniqueDesignation: t.id,
              additionalInformation: t.party }) }).addTo(layer),
            path: L.polyline([t.launch, t.at, t.impact], { color: c, weight: 2, dashArray: "6 4" }).addTo(layer),
            launch: L.circleMarker(t.launch, { radius: 4, color: c }).addTo(layer),
            circle: L.circle(t.impact, { radius: t.sigma, color: c, weight: 1, fillOpacity: 0.1 }).addTo(layer),
            layer: layer
          };
        } else {
          m.marker.setLatLng(t.at);
          m.path.setLatLngs([t.launch, t.at, t.impact]);
          m.launch.setLatLng(t.launch);
          m.circle.setLatLng(t.impact).setRadius(t.sigma);
        }
        m.marker.bindTooltip(t.marking + " · " + t.party + " " + t.id + " · " + t.sensor + " q" + t.quality
          + " · " + t.alt + " m · impact " + fmt(t.impact) + " ±" + Math.round(t.sigma / 1000) + " km");
      });
      Object.keys(markers).forEach(function (key) {
        if (!seen[key]) {
          var m = markers[key];
          [m.marker, m.path, m.launch, m.circle].forEach(function (x) { m.layer.removeLayer(x); });
          delete markers[key];
        }
      });
      fusedLayer.clearLayers();
      var rows = document.getElementById("fused-rows");
      while (rows.firstChild) { rows.removeChild(rows.firstChild); }
      data.fused.forEach(function (f) {
        L.marker(f.at, { icon: symbol("SHAPM-----", { size: 30, uniqueDesignation: "FUSED " + f.id }) })
          .bindTooltip("fused " + f.id + " from " + f.from).addTo(fusedLayer);
        L.polyline([f.launch, f.at, f.impact], { color: "#c00000", weight: 3 }).addTo(fusedLayer);
        L.circle(f.impact, { radius: f.sigma, color: "#c00000", weight: 2, fillOpacity: 0.15 }).addTo(fusedLayer);
        var tr = document.createElement("tr");
        [f.id, fmt(f.launch), fmt(f.impact), Math.round(f.sigma / 1000) + " km", f.from].forEach(function (v) {
          tr.appendChild(text(document.createElement("td"), v));
        });
        rows.appendChild(tr);
      });
      seaLayer.clearLayers();
      data.vessels.forEach(function (v) {
        L.marker(v.at, { icon: symbol("SNSPXM----", { size: 18, uniqueDesignation: v.name, additionalInformation: v.flags }) })
          .bindTooltip(v.name + " (" + v.flags + ")" + (v.speed != null ? " " + v.speed + " kn" : "")).addTo(seaLayer);
      });
      data.indications.forEach(function (i) {
        L.circleMarker(i.at, { radius: 12, color: "#d40000", weight: 3, fill: false }).bindTooltip(i.kind + ": " + i.summary)
          .addTo(seaLayer);
      });
      ["banner-top", "banner-bottom"].forEach(function (id) {
        var b = document.getElementById(id);
        b.textContent = data.banner.text;
        b.className = "banner " + data.banner.cssClass;
      });
      var status = document.getElementById("picture-status");
      status.textContent = data.tracks.length + " track view(s), " + data.fused.length + " fused, "
        + data.vessels.length + " vessel(s), " + data.indications.length + " indication(s) · updated "
        + new Date().toLocaleTimeString();
      el.setAttribute("data-tracks", String(data.tracks.length));
      el.setAttribute("data-fused", String(data.fused.length));
    }
    function refresh() {
      fetch("/hotline/" + encodeURIComponent(line) + "/picture.json", { credentials: "same-origin" })
        .then(function (r) {
          if (r.redirected || r.status === 401 || r.status === 303) { window.location.assign("/login?expired"); }
          return r.json();
        })
        .then(draw)
        .catch(function (e) { document.getElementById("picture-status").textContent = "not updated: " + e; })
        .finally(function () { setTimeout(refresh, 1000); });
    }
    refresh();
  });
})();
