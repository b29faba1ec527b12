// Loaded as a module, so it only runs where GOV.UK Frontend is supported;
// the classes replace the inline snippet of the GOV.UK template, which our CSP forbids.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
