// The console's one script of its own: a FLASH arriving on a desk sounds a tone (the page already flashes it).
(function () {
  var audio = null;
  function tone() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var o = audio.createOscillator();
      var g = audio.createGain();
      o.frequency.value = 880;
      o.connect(g);
      g.connect(audio.destination);
      g.gain.setValueAtTime(0.2, audio.currentTime);
      o.start();
      o.stop(audio.currentTime + 0.6);
    } catch (e) {
      // no audio here: the visual alert stands
    }
  }
  // Tells the page (and its tests) the live stream is open.
  document.addEventListener("htmx:sseOpen", function () {
    document.body.setAttribute("data-sse", "open");
  });
  document.addEventListener("htmx:sseMessage", function (e) {
    if (e.detail && e.detail.type === "message" && String(e.detail.data).indexOf("prec-FLASH") >= 0) {
      document.body.setAttribute("data-flash", String(Date.now()));
      tone();
    }
  });
})();

// An audit entry's page checks the proof itself (RFC 9162 inclusion, then the head's Ed25519 signature), with the
// browser's own SHA-256 and Ed25519, trusting nothing the node computed but the key it showed.
(function () {
  function hex(buf) {
    return Array.from(new Uint8Array(buf)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  function unhex(s) {
    var out = new Uint8Array(s.length / 2);
    for (var i = 0; i < out.length; i++) { out[i] = parseInt(s.substr(i * 2, 2), 16); }
    return out;
  }
  function join(prefix, a, b) {
    var out = new Uint8Array(1 + a.length + (b ? b.length : 0));
    out[0] = prefix;
    out.set(a, 1);
    if (b) { out.set(b, 1 + a.length); }
    return out;
  }
  async function sha(bytes) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  }
  async function check(el, out) {
    var entry = Uint8Array.from(atob(el.dataset.entry), function (c) { return c.charCodeAt(0); });
    var leaf = await sha(join(0, entry));
    if (hex(leaf) !== el.dataset.leaf) { return "FAILED: the entry's bytes do not hash to its leaf"; }
    var size = Number(el.dataset.size);
    if (!size) { return "not yet in a signed head"; }
    var fn = Number(el.dataset.seq), sn = size - 1, r = leaf;
    var path = el.dataset.path ? el.dataset.path.split(",") : [];
    for (var i = 0; i < path.length; i++) {
      var p = unhex(path[i]);
      if (sn === 0) { return "FAILED: the proof is longer than the tree"; }
      if ((fn & 1) === 1 || fn === sn) {
        r = await sha(join(1, p, r));
        if ((fn & 1) === 0) {
          while ((fn & 1) === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
        }
      } else {
        r = await sha(join(1, r, p));
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    if (sn !== 0 || hex(r) !== el.dataset.root) { return "FAILED: the proof does not lead to the signed root"; }
    var spki = Uint8Array.from(atob(el.dataset.key), function (c) { return c.charCodeAt(0); });
    var key = await crypto.subtle.importKey("spki", spki, { name: "Ed25519" }, false, ["verify"]);
    var message = new TextEncoder().encode("liaison-tree-head-v1|" + size + "|" + el.dataset.root + "|"
        + el.dataset.signedAt);
    var ok = await crypto.subtle.verify({ name: "Ed25519" }, key, unhex(el.dataset.signature), message);
    return ok ? "VERIFIED in this browser: entry " + el.dataset.seq + " is in the signed tree of " + size + " entries"
        : "FAILED: the head's signature does not verify";
  }
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("proof");
    var out = document.getElementById("browser-check");
    if (!el || !out) { return; }
    if (!window.crypto || !crypto.subtle) {
      out.textContent = "this browser cannot check (no Web Crypto here: it needs HTTPS or localhost)";
      return;
    }
    check(el, out).then(function (v) { out.textContent = v; }, function (e) {
      out.textContent = "this browser could not check: " + e;
    });
  });
})();

// The session's end, counted down in the header; at the end the page goes to sign-in.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("session");
    if (!el || !el.dataset.left) { return; }
    var end = Date.now() + Number(el.dataset.left) * 1000;
    function tick() {
      var left = Math.round((end - Date.now()) / 60000);
      if (end - Date.now() <= 0) {
        window.location.assign("/login?expired");
        return;
      }
      el.textContent = "session ends in " + (left >= 60 ? Math.floor(left / 60) + " h " + (left % 60) + " min"
          : left + " min");
      el.className = left <= 5 ? "session ending" : "session";
    }
    tick();
    setInterval(tick, 15000);
  });
})();

// A policy's levels shown in their banner colours, which the page gives as data (the page carries no style).
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".chip[data-color]").forEach(function (el) {
      if (/^#[0-9A-F]{6}$/.test(el.dataset.color) && /^#[0-9A-F]{6}$/.test(el.dataset.text || "")) {
        el.style.backgroundColor = el.dataset.color;
        el.style.color = el.dataset.text;
      }
    });
  });
})();
