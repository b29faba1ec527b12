// Builds the front-end assets into static/build/ (not committed):
// our Sass on top of GOV.UK Frontend, and the GOV.UK Frontend script our module imports.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(out, { recursive: true });

const css = sass.compile(join(root, "static", "src", "waymark.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
// The footer's Crown copyright crest is for GOV.UK services only; we never show it, and not
// shipping the image means its CSS must not point at it either.
const crest = /url\("[^"]*govuk-crest\.svg"\)/g;
writeFileSync(join(out, "waymark.css"), css.css.replace(crest, "none"));

for (const name of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  copyFileSync(join(govuk, name), join(out, name));
}
copyFileSync(join(root, "static", "js", "waymark.js"), join(out, "waymark.js"));
console.log(`Built ${out}`);
