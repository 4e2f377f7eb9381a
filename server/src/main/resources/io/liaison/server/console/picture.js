// A line's picture on an offline map: Natural Earth land (world-atlas), missile tracks with their launch points,
// predicted impacts and uncertainty, each party's view (on a canvas, in the party's colour) and the fused tracks
// (symbols in APP-6 / MIL-STD-2525 by milsymbol), and the maritime picture. Everything comes from this node; the data
// is refreshed every second and the map updated in place.
(function () {
  var COLOURS = ["#1f5fbf", "#b8860b", "#2e8b57", "#8b3a8b", "#a0522d", "#00708a"];
  function fmt(p) { return p[0].toFixed(2) + ", " + p[1].toFixed(2); }
  var icons = {};
  // One symbol per kind, built once by milsymbol and cloned for each marker: a thousand tracks cost a thousand clones,
  // not a thousand symbol builds.
  function symbol(sidc, options) {
    var key = sidc + JSON.stringify(options);
    if (!icons[key]) {
      var s = new ms.Symbol(sidc, options);
      icons[key] = { dom: s.asDOM(), anchor: s.getAnchor() };
    }
    var icon = icons[key];
    return L.divIcon({ html: icon.dom.cloneNode(true), className: "sym", iconSize: null,
      iconAnchor: [icon.anchor.x, icon.anchor.y] });
  }
  // A layer drawing one symbol image at each of its points, on a canvas of its own: a thousand DOM markers would take
  // hundreds of milliseconds to place, a thousand drawImage calls take a few.
  var SymbolLayer = L.Layer.extend({
    initialize: function (symbol) {
      this._image = symbol.asCanvas();
      this._anchor = symbol.getAnchor();
      this._points = [];
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide symbols");
      map.getPanes().markerPane.appendChild(this._canvas);
      map.on("moveend zoomend resize", this._reset, this);
      this._reset();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize", this._reset, this);
    },
    setPoints: function (points) {
      this._points = points;
      if (this._map) { this._redraw(); }
    },
    _reset: function () {
      var size = this._map.getSize();
      L.DomUtil.setPosition(this._canvas, this._map.containerPointToLayerPoint([0, 0]));
      this._canvas.width = size.x;
      this._canvas.height = size.y;
      this._redraw();
    },
    _redraw: function () {
      var ctx = this._canvas.getContext("2d");
      var map = this._map, image = this._image, a = this._anchor;
      ctx.clearRect(0, 0, this._canvas.width, this._canvas.height);
      this._points.forEach(function (p) {
        var c = map.latLngToContainerPoint(p);
        ctx.drawImage(image, Math.round(c.x - a.x), Math.round(c.y - a.y));
      });
    }
  });

  function text(el, value) { el.textContent = value; return el; }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("map");
    if (!el || !window.L) { return; }
    var line = el.dataset.line;
    var drawnOnce = false;
    var map = L.map(el, { worldCopyJump: true, attributionControl: false, preferCanvas: true }).setView([38, 132], 5);
    // The land on a canvas of its own, in a pane below everything drawn over it.
    map.createPane("land").classList.add("land");
    var landRenderer = L.canvas({ pane: "land" });
    // The land is drawn once the first picture is: the tracks come first, the coastlines a moment later.
    var land = fetch("/assets/land-50m.json").then(function (r) { return r.json(); });
    function drawLand() {
      land.then(function (topo) {
        L.geoJSON(topojson.feature(topo, topo.objects.land), {
          style: { color: "#55624f", weight: 1, fillColor: "#e3e8dc", fillOpacity: 1 }, interactive: false,
          renderer: landRenderer
        }).addTo(map);
        el.setAttribute("data-land", "drawn");
        performance.mark("land-drawn");
      });
    }
    var views = {};            // a layer per party's view
    var fusedLayer = L.layerGroup().addTo(map);
    var fusedSymbols = new SymbolLayer(new ms.Symbol("SHAPM-----", { size: 26 })).addTo(fusedLayer);
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
    var fusedMarkers = {};     // fused id -> {marker, path, circle}
    function draw(data) {
      var seen = {};
      // Each party's view on the canvas: where the track is, its path from launch to predicted impact, and the
      // impact's uncertainty, in the party's colour.
      data.tracks.forEach(function (t) {
        var key = t.party + "/" + t.id;
        seen[key] = true;
        var c = colour(t.party);
        var m = markers[key];
        if (!m) {
          var layer = view(t.party);
          m = markers[key] = {
            marker: L.circleMarker(t.at, { radius: 5, color: c, weight: 2, fillOpacity: 0.8 }).addTo(layer),
            path: L.polyline([t.launch, t.at, t.impact], { color: c, weight: 1, dashArray: "6 4" }).addTo(layer),
            circle: L.circle(t.impact, { radius: t.sigma, color: c, weight: 1, fillOpacity: 0.05 }).addTo(layer),
            layer: layer
          };
          m.marker.bindTooltip(function () { return m.text; });
        } else {
          m.marker.setLatLng(t.at);
          m.path.setLatLngs([t.launch, t.at, t.impact]);
          m.circle.setLatLng(t.impact).setRadius(t.sigma);
        }
        m.text = t.marking + " · " + t.party + " " + t.id + " · " + t.sensor + " q" + t.quality + " · " + t.alt
          + " m · impact " + fmt(t.impact) + " ±" + Math.round(t.sigma / 1000) + " km";
      });
      Object.keys(markers).forEach(function (key) {
        if (!seen[key]) {
          var m = markers[key];
          [m.marker, m.path, m.circle].forEach(function (x) { m.layer.removeLayer(x); });
          delete markers[key];
        }
      });
      // The fused tracks, in APP-6 / MIL-STD-2525 (a hostile missile in flight), updated in place.
      var fusedSeen = {};
      data.fused.forEach(function (f) {
        fusedSeen[f.id] = true;
        var m = fusedMarkers[f.id];
        if (!m) {
          m = fusedMarkers[f.id] = {
            path: L.polyline([f.launch, f.at, f.impact], { color: "#c00000", weight: 2 }).addTo(fusedLayer),
            circle: L.circle(f.impact, { radius: f.sigma, color: "#c00000", weight: 2, fillOpacity: 0.1 })
              .addTo(fusedLayer)
          };
          m.path.bindTooltip(function () { return m.text; }, { sticky: true });
        } else {
          m.path.setLatLngs([f.launch, f.at, f.impact]);
          m.circle.setLatLng(f.impact).setRadius(f.sigma);
        }
        m.text = "fused " + f.id + " from " + f.from;
      });
      Object.keys(fusedMarkers).forEach(function (id) {
        if (!fusedSeen[id]) {
          var m = fusedMarkers[id];
          [m.path, m.circle].forEach(function (x) { fusedLayer.removeLayer(x); });
          delete fusedMarkers[id];
        }
      });
      fusedSymbols.setPoints(data.fused.map(function (f) { return f.at; }));
      var rows = document.getElementById("fused-rows");
      while (rows.firstChild) { rows.removeChild(rows.firstChild); }
      data.fused.slice(0, 100).forEach(function (f) {
        var tr = document.createElement("tr");
        [f.id, fmt(f.launch), fmt(f.impact), Math.round(f.sigma / 1000) + " km", f.from].forEach(function (v) {
          tr.appendChild(text(document.createElement("td"), v));
        });
        rows.appendChild(tr);
      });
      if (data.fused.length > 100) {
        var more = document.createElement("tr");
        var td = text(document.createElement("td"), (data.fused.length - 100) + " more fused tracks on the map");
        td.colSpan = 5;
        more.appendChild(td);
        rows.appendChild(more);
      }
      seaLayer.clearLayers();
      data.vessels.forEach(function (v) {
        L.marker(v.at, { icon: symbol("SNSPXM----", { size: 18 }) })
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
      if (!drawnOnce) {
        drawnOnce = true;
        performance.mark("picture-drawn");
        setTimeout(drawLand, 0);
      }
      el.setAttribute("data-fused", String(data.fused.length));
    }
    function first() {
      var block = document.getElementById("picture-data");
      var data = JSON.parse(block.textContent);
      performance.mark("picture-data");
      draw(data);
      setTimeout(refresh, 1000);
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
    first();
  });
})();
