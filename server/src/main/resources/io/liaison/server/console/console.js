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
