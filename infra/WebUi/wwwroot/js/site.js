// Comfort only: every page works without this file. Focus the error summary after a failed post, and send file
// uploads with a progress bar instead of a plain form post.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();

    // A payment being confirmed: the page checks again by itself (without scripts, its "check again" link does).
    var recheck = document.querySelector("[data-recheck]");
    if (recheck) window.setTimeout(function () { window.location.reload(); }, (parseInt(recheck.getAttribute("data-recheck"), 10) || 3) * 1000);

    // Drafts save themselves a moment after the person stops typing, so nothing typed is lost if the tab closes; the
    // answer names each field's message, shown once the person has left that field (live validation, same rules).
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      var status = form.querySelector("[data-autosave-status]");
      var touched = {};
      var timer = null;
      var idOf = function (control) { return "f-" + control.name.replace(/[^A-Za-z0-9_-]/g, "-"); };
      var show = function (errors) {
        Object.keys(touched).forEach(function (id) {
          var control = document.getElementById(id);
          var field = control && control.closest(".field");
          if (!field) return;
          var message = document.getElementById(id + "-error");
          var text = errors[id];
          if (text) {
            if (!message) {
              message = document.createElement("p");
              message.className = "error-message";
              message.id = id + "-error";
              message.setAttribute("aria-live", "polite");
              var anchor = field.querySelector("input, select, textarea, .radios");
              anchor.parentNode.insertBefore(message, anchor);
              control.setAttribute("aria-describedby", ((control.getAttribute("aria-describedby") || "") + " " + message.id).trim());
            }
            message.textContent = text;
            field.classList.add("field--error");
            control.setAttribute("aria-invalid", "true");
          } else if (message) {
            message.parentNode.removeChild(message);
            field.classList.remove("field--error");
            control.removeAttribute("aria-invalid");
            control.setAttribute("aria-describedby", (control.getAttribute("aria-describedby") || "").replace(id + "-error", "").trim());
          }
        });
      };
      var save = function () {
        var body = new FormData(form);
        body.set("intent", "save");
        fetch(form.action || window.location.href, { method: "POST", body: body, headers: { "X-Autosave": "1" }, credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok || response.redirected) return null;
            if (status) {
              var now = new Date();
              var time = ("0" + now.getHours()).slice(-2) + ":" + ("0" + now.getMinutes()).slice(-2);
              status.textContent = (status.getAttribute("data-saved-text") || "").replace("{0}", time);
            }
            return response.json();
          })
          .then(function (errors) { if (errors) show(errors); })
          .catch(function () { /* the next change tries again; the buttons still save */ });
      };
      var changed = function () {
        if (timer) window.clearTimeout(timer);
        timer = window.setTimeout(save, 1500);
      };
      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
      form.addEventListener("focusout", function (event) {
        if (event.target.name) { touched[idOf(event.target)] = true; changed(); }
      });
    });

    document.querySelectorAll("form[data-upload]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var chosen = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
          return input.files && input.files.length > 0;
        });
        if (!chosen || !window.XMLHttpRequest || !window.FormData) return;
        event.preventDefault();
        var progress = form.querySelector("progress");
        var status = form.querySelector("[data-upload-status]");
        var button = form.querySelector("button[type=submit]");
        if (button) button.disabled = true;
        if (progress) { progress.hidden = false; progress.value = 0; }
        var request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.setRequestHeader("X-Upload", "progress");
        request.upload.addEventListener("progress", function (e) {
          if (!e.lengthComputable) return;
          var percent = Math.round(e.loaded * 100 / e.total);
          if (progress) progress.value = percent;
          if (status) status.textContent = percent + "%";
        });
        request.addEventListener("load", function () {
          // The server names the page to show next (the same page, with the file or its message).
          var next = window.location.href;
          try { next = JSON.parse(request.responseText).location || next; } catch (e) { /* keep the current page */ }
          window.location.assign(next);
        });
        request.addEventListener("error", function () { form.submit(); });
        request.send(new FormData(form));
      });
    });
  });
})();
