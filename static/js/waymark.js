// Loaded as a module, so it only runs where GOV.UK Frontend is supported;
// the classes replace the inline snippet of the GOV.UK template, which our CSP forbids.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// The timeout warning (templates/includes/timeout_warning.html). Two minutes before the
// session ends the dialog offers more time with one button, as WCAG 2.2.1 asks; a person
// who does nothing is moved off the page once the server has forgotten them, so nothing
// they were doing stays on the screen of a shared or watched device.
const GRACE_MS = 3000;

function initTimeoutWarning(dialog) {
  const timeout = Number(dialog.dataset.timeoutSeconds) * 1000;
  const warning = Number(dialog.dataset.warningSeconds) * 1000;
  const form = dialog.querySelector("form");
  const leave = () => window.location.replace(dialog.dataset.closedUrl);
  let timers = [];

  const schedule = () => {
    timers.forEach(clearTimeout);
    timers = [
      setTimeout(() => dialog.open || dialog.showModal(), timeout - warning),
      // A little after the server's own limit, so the page never renews what it should end.
      setTimeout(leave, timeout + GRACE_MS),
    ];
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        redirect: "manual",
      });
    } catch {
      leave();
      return;
    }
    // Anything but "No Content" means the session had already ended.
    if (response.status !== 204) {
      leave();
      return;
    }
    dialog.close();
    schedule();
  });
  // Escape would close the dialog without renewing anything; treat it as asking for time.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    form.requestSubmit();
  });
  schedule();
}

document.querySelectorAll('dialog[data-module="waymark-timeout-warning"]').forEach(initTimeoutWarning);
