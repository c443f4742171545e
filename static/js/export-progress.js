// The export page asks the server for the export's progress every two seconds until it is done.
(function () {
  var box = document.getElementById("export");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  function tick() {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        document.getElementById("export-status").textContent = d.status_display;
        document.getElementById("export-progress").value = d.progress;
        document.getElementById("export-rows").textContent = d.rows_done + " / " + d.rows_total;
        if (d.download) {
          var link = document.createElement("a");
          link.className = "button";
          link.href = d.download;
          link.textContent = "Tải tệp";
          var slot = document.getElementById("export-download");
          slot.textContent = "";
          slot.appendChild(link);
        }
        if (d.status === "queued" || d.status === "running") setTimeout(tick, 2000);
      })
      .catch(function () { setTimeout(tick, 5000); });
  }
  tick();
})();
