/// The dashboard's only script, progressive: every page works without it. It submits filter
/// selects when changed, asks before destructive buttons, shows the application form's fields
/// for the chosen invoice and applicant type (disabling the hidden ones, as ShopXO's app sends
/// only visible fields), and selects a new API key on focus.
enum Script {
    static let version = Assets.fingerprint(text)

    static let text = #"""
        "use strict";
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
            select.addEventListener("change", function () { if (select.form) { select.form.requestSubmit(); } });
          });
          document.querySelectorAll("[data-confirm]").forEach(function (button) {
            button.addEventListener("click", function (event) {
              if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
            });
          });
          document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
            input.addEventListener("focus", function () { input.select(); });
          });
          var form = document.querySelector("form.application-form");
          if (form) {
            var invoiceType = form.querySelector("[name=invoice_type]");
            var applyType = form.querySelector("[name=apply_type]");
            var update = function () {
              var type = invoiceType ? Number(invoiceType.value) : 0;
              var state = {
                enterprise: applyType ? applyType.value === "1" : false,
                special: type === 2 || type === 3,
                electronic: type === 0 || type === 3,
                paper: type === 1 || type === 2
              };
              form.querySelectorAll("[data-when]").forEach(function (group) {
                var shown = state[group.getAttribute("data-when")];
                group.hidden = !shown;
                group.querySelectorAll("input, textarea, select").forEach(function (input) { input.disabled = !shown; });
              });
            };
            if (invoiceType) { invoiceType.addEventListener("change", update); }
            if (applyType) { applyType.addEventListener("change", update); }
            update();
          }
        });
        """#
}
