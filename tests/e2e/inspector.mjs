// The inspector page in headless Chromium (Debian's chromium, driven by playwright-core; both
// installed by scripts/install-tools.sh): load it from the real server, paste the seed, press
// Prepare and read the rendered page; choose an HTML file through the file input and see its
// removed blocks greyed with their reasons; an empty payload shows the refusal. A screenshot of
// the seed's answer is kept. Usage:
//   node tests/e2e/inspector.mjs BASE_URL SEED_TEXT HTML_FILE SCREENSHOT   (PLAYWRIGHT_FROM set)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.PLAYWRIGHT_FROM + "/");
const { chromium } = require("playwright-core");
const [base, seedFile, htmlFile, screenshot] = process.argv.slice(2);
const fail = (message) => { console.error(`e2e inspector: ${message}`); process.exit(1); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  // Containers run as root, where Chromium's sandbox cannot start.
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const response = await page.goto(base + "/");
  if (!response.ok() || !(response.headers()["content-type"] || "").startsWith("text/html")) {
    fail(`GET / gave ${response.status()}`);
  }
  const rendered = () => page.waitForSelector('body[data-rendered="yes"]', { timeout: 10000 });

  // The seed, pasted as text.
  await page.check('input[value="text"]');
  await page.fill("#payload", readFileSync(seedFile, "utf8"));
  await page.click("#prepare");
  await rendered().catch(async () => fail(`nothing rendered; status: ${await page.textContent("#status")}`));
  const metadata = await page.textContent("#metadata");
  if (!metadata.includes("NATO membership for Ukraine not off the table, US official says")) fail("no title");
  const quotes = await page.$$eval("mark.quote", (ms) => ms.map((m) => m.title));
  if (quotes.length < 10) fail(`${quotes.length} quotes marked`);
  if (!quotes.some((t) => t && t !== "no speaker")) fail("no speaker on a quote");
  // A speaker is shown beside its quote, not only in the tooltip.
  if ((await page.$$(".speaker")).length !== quotes.length) fail("speakers not shown beside quotes");
  if ((await page.$$("#body .chunk-start")).length < 2) fail("no chunk boundaries in the body");
  if (!/chunk 0 · \d+ tokens/.test(await page.textContent("#chunks"))) fail("no token counts on chunks");
  const removed = await page.$$eval("#removed .removed", (rs) => rs.map((r) => ({
    reason: r.querySelector(".reason")?.textContent || "",
    colour: getComputedStyle(r).color,
  })));
  if (removed.length === 0 || removed.some((r) => !r.reason)) fail("no removed blocks with reasons");
  // Removed blocks are greyed: drawn in another colour than the kept body.
  const bodyColour = await page.$eval("#body .paragraph", (p) => getComputedStyle(p).color);
  if (removed.some((r) => r.colour === bodyColour)) fail(`removed blocks drawn like the body (${bodyColour})`);
  await page.screenshot({ path: screenshot, fullPage: true });

  // An HTML file, chosen through the file input: the page switches to HTML and shows it.
  await page.evaluate(() => { document.body.dataset.rendered = ""; });
  await page.setInputFiles("#file", htmlFile);
  await page.waitForFunction(() => document.getElementById("payload").value.includes("<"));
  if (!(await page.isChecked('input[value="html"]'))) fail("an .html file did not switch the kind to HTML");
  // As Markdown with links and images: the figure's image is a paragraph of its own.
  await page.check("#markdown");
  await page.check("#links");
  await page.check("#images");
  await page.fill("#url", "https://riverton.example/city/budget.html");
  await page.click("#prepare");
  await rendered().catch(async () => fail(`HTML file: nothing rendered; status: ${await page.textContent("#status")}`));
  const images = await page.$$eval("#body .paragraph.kind-IMAGE", (ps) => ps.map((p) => p.textContent));
  if (!images.some((t) => t.includes("![Council members raise their hands") && t.includes("https://riverton.example/img/council-vote.jpg"))) {
    fail(`HTML file as Markdown: no image paragraph (${JSON.stringify(images)})`);
  }
  if (!(await page.textContent("#body")).includes("## Where the money goes")) fail("HTML file as Markdown: no heading marker");
  const headings = await page.$$eval("#body .paragraph.kind-HEADING", (hs) => hs.length);
  await page.uncheck("#markdown");
  if (headings === 0) fail("HTML file: no heading kept");
  const htmlRemoved = await page.$$eval("#removed .removed", (rs) => rs.map((r) => r.querySelector(".reason")?.textContent));
  if (htmlRemoved.length === 0) fail("HTML file: no removed blocks");

  // A refusal shows its code and message.
  await page.fill("#payload", "");
  await page.check('input[value="text"]');
  await page.click("#prepare");
  await page.waitForFunction(() => document.getElementById("status").textContent.length > 0);
  const status = await page.textContent("#status");
  if (!status.startsWith("INVALID_ARGUMENT: payload text is empty")) fail(`status: ${status}`);
  if (errors.length) fail(`script errors: ${errors.join("; ")}`);
  console.log(`e2e inspector (chromium): ${quotes.length} quotes marked, ${removed.length} removed blocks ` +
    `shown, HTML file as Markdown: ${headings} headings, ${images.length} images and ${htmlRemoved.length} removed (${[...new Set(htmlRemoved)].join(", ")}), ` +
    `refusal shown; screenshot ${screenshot}`);
} finally {
  await browser.close();
}
