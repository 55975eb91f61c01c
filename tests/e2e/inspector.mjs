// The inspector page, loaded from the real server into jsdom (a headless DOM) with its own
// script: paste the seed, press Prepare, and read what the page shows. Usage:
//   node tests/e2e/inspector.mjs http://127.0.0.1:PORT SEED_FILE   (jsdom from NODE_PATH)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.JSDOM_FROM + "/");
const { JSDOM } = require("jsdom");
const [base, seedFile] = process.argv.slice(2);
const fail = (message) => { console.error(`e2e inspector: ${message}`); process.exit(1); };

const page = await fetch(base + "/");
if (!page.ok || !(page.headers.get("content-type") || "").startsWith("text/html")) fail(`GET / gave ${page.status}`);
const dom = new JSDOM(await page.text(), {
  url: base + "/",
  runScripts: "dangerously",
  beforeParse(window) {
    // jsdom has no fetch: the page's calls go to the real server.
    window.fetch = (url, options) => fetch(new URL(url, base), options);
  },
});
const { document } = dom.window;
document.querySelector('input[value="text"]').checked = true;
document.getElementById("payload").value = readFileSync(seedFile, "utf8");
document.getElementById("prepare").click();
for (let i = 0; i < 100 && document.body.dataset.rendered !== "yes"; i++) {
  await new Promise((r) => setTimeout(r, 50));
}
if (document.body.dataset.rendered !== "yes") fail(`nothing rendered; status: ${document.getElementById("status").textContent}`);
const text = (id) => document.getElementById(id).textContent;
if (!text("metadata").includes("NATO membership for Ukraine not off the table, US official says")) fail("no title");
const marks = [...document.querySelectorAll("mark.quote")];
if (marks.length < 10) fail(`${marks.length} quotes marked`);
if (!marks.some((m) => (m.title || "").length > 0 && m.title !== "no speaker")) fail("no speaker on a quote");
if (document.querySelectorAll(".chunk-start").length < 2) fail("no chunk boundaries");
const removed = [...document.querySelectorAll("#removed .removed")];
if (removed.length === 0 || !removed[0].querySelector(".reason")) fail("no removed blocks with reasons");
// A refusal shows its code and message.
document.getElementById("payload").value = "";
document.body.dataset.rendered = "";
document.getElementById("prepare").click();
for (let i = 0; i < 100 && !text("status"); i++) await new Promise((r) => setTimeout(r, 50));
if (!text("status").startsWith("INVALID_ARGUMENT: payload text is empty")) fail(`status: ${text("status")}`);
console.log(`e2e inspector: ${marks.length} quotes marked, ${removed.length} removed blocks shown, refusal shown`);
