// The app's small behaviours, CSP-safe (a static file, no inline script); each degrades to plain HTML.
// Irreversible actions ask first, in a <dialog> that says what will happen.
// Without this script the same forms carry a required "I understand" checkbox (the server checks it);
// with it the box is hidden and ticked by the dialog's confirm button. CSP-safe: no inline script.
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return; // old browser: the checkbox stays
  document.documentElement.classList.add("js-confirm");
  var pending = null;

  function box(form) {
    return form.querySelector('input[type="checkbox"][name$="confirmed"]');
  }

  function prepare(form) {
    var b = box(form);
    if (b) b.required = false; // a hidden required box would block the submit silently
  }

  function fill(form) {
    document.getElementById("confirm-dialog-title").textContent = form.dataset.confirmTitle || "";
    var text = document.getElementById("confirm-dialog-text");
    text.textContent = "";
    (form.dataset.confirm || "").split("\n").forEach(function (line) {
      if (!line.trim()) return;
      var p = document.createElement("p");
      p.textContent = line;
      text.appendChild(p);
    });
    document.getElementById("confirm-dialog-ok").textContent =
      form.dataset.confirmOk || document.getElementById("confirm-dialog-ok").dataset.label || "OK";
  }

  document.querySelectorAll("form[data-confirm]").forEach(prepare);

  // A vote form carries its threshold: a vote that fails it asks first, like the server's confirm page.
  function voteFails(form) {
    function n(name) {
      var f = form.querySelector('[name$="-' + name + '"]');
      return f ? parseInt(f.value, 10) : NaN;
    }
    var base = form.dataset.thresholdBase === "members_total" ? n("members_total") : n("members_present");
    var votes = n("votes_for");
    if (!(base > 0) || isNaN(votes)) return false; // the server says what is missing
    var share = (votes * 100) / base;
    var need = parseFloat(form.dataset.threshold);
    return form.dataset.thresholdStrict === "1" ? !(share > need) : !(share >= need);
  }

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form.matches) return;
      if (form.matches("form[data-threshold]") && form.dataset.confirmed !== "1" && voteFails(form)) {
        form.dataset.confirm = form.dataset.voteFail;
        if (!form.querySelector('input[name="confirm_failing"]')) {
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = "confirm_failing";
          hidden.value = "1";
          hidden.disabled = true; // sent only once the dialog is confirmed
          form.appendChild(hidden);
        }
      } else if (form.matches("form[data-threshold]")) {
        return;
      }
      if (!form.matches("form[data-confirm]")) return;
      var b = box(form);
      if (form.dataset.confirmed === "1") return; // confirmed in the dialog: let it go
      event.preventDefault();
      pending = { form: form, submitter: event.submitter, box: b };
      fill(form);
      dialog.returnValue = "";
      dialog.showModal();
      document.getElementById("confirm-dialog-cancel").focus();
    },
    false
  );

  dialog.addEventListener("close", function () {
    var p = pending;
    pending = null;
    if (!p || dialog.returnValue !== "ok") return;
    if (p.box) p.box.checked = true;
    var failing = p.form.querySelector('input[name="confirm_failing"]');
    if (failing) failing.disabled = false;
    p.form.dataset.confirmed = "1";
    if (p.form.requestSubmit) p.form.requestSubmit(p.submitter || undefined);
    else p.form.submit();
  });
})();

// "Select all" boxes (data-select-all="field name"): tick or untick every box of that name in the same table.
document.addEventListener("change", function (event) {
  var all = event.target;
  if (!all.matches || !all.matches("input[data-select-all]")) return;
  var scope = all.closest("table") || document;
  scope.querySelectorAll('input[name="' + all.dataset.selectAll + '"]').forEach(function (box) {
    box.checked = all.checked;
  });
});

// Phones: the menu folds behind a button (without this script it simply stays open).
(function () {
  "use strict";
  var toggle = document.getElementById("menu-toggle");
  if (!toggle) return;
  document.documentElement.classList.add("js-menu");
  toggle.addEventListener("click", function () {
    var bar = toggle.closest(".topbar");
    var open = bar.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
