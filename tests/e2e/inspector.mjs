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

// Containers run as root, where Chromium's sandbox cannot start; with no GPU and a closed network,
// the GPU process and background fetches are turned off. A browser that dies while starting (one
// CI run saw SIGSEGV at launch, before any page) is started again, at most three times: only the
// launch is retried, never a check on the page.
const launchOnce = () => chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const launch = async (attempt = 1) => {
  try {
    return await launchOnce();
  } catch (error) {
    if (attempt >= 3) throw error;
    console.error(`e2e inspector: chromium did not start (attempt ${attempt}): ${String(error).split("\n")[0]}`);
    return launch(attempt + 1);
  }
};
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const response = await page.goto(base + "/");
  if (!response.ok() || !(response.headers()["content-type"] || "").startsWith("text/html")) {
    fail(`GET / gave ${response.status()}`);
  }
  const rendered = () => page.waitForSelector('body[data-rendered="yes"]', { timeout: 10000 });

  // The seed, pasted as it comes with the default kind ("detect"): the server tells it is text.
  if (!(await page.isChecked('input[value="auto"]'))) fail("the default kind is not detect");
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
  // What each reason means, the related articles, and the answer as JSON to keep.
  if (!(await page.textContent("#legend")).includes("related-articles section")) fail("no legend of the reasons");
  const related = await page.$$eval("#related div", (ds) => ds.map((d) => d.textContent));
  if (!related.some((t) => t.includes("Sweden, Denmark, Norway"))) fail(`no related list: ${JSON.stringify(related)}`);
  const download = await page.$eval("#download", (a) => ({ hidden: a.hidden, href: a.href }));
  if (download.hidden || !download.href.startsWith("blob:")) fail("no JSON to download");
  const json = await page.evaluate(async () => (await fetch(document.getElementById("download").href)).json());
  if (json.metadata.title !== "NATO membership for Ukraine not off the table, US official says") fail("the JSON is not the answer");
  await page.screenshot({ path: screenshot, fullPage: true });

  // Small chunks: several start inside one paragraph, each drawn where it starts.
  await page.evaluate(() => { document.body.dataset.rendered = ""; });
  await page.fill("#max-tokens", "16");
  await page.selectOption("#tokenizer", "TOKENIZER_WORDS");
  await page.click("#prepare");
  await rendered().catch(async () => fail(`small chunks: nothing rendered; status: ${await page.textContent("#status")}`));
  const drawn = (await page.$$("#body .chunk-start")).length;
  const chunkCount = json.chunks.length;
  if (drawn <= chunkCount) fail(`16-word chunks: ${drawn} boundaries drawn for more chunks than the 512-token ${chunkCount}`);
  const inside = await page.$$eval("#body .paragraph", (ps) => ps.filter((p) => p.querySelectorAll(".chunk-start").length > 1).length);
  if (inside === 0) fail("no chunk boundary drawn inside a paragraph");
  // A refusal clears the answer before it: nothing stale is left to read as this one's.
  await page.fill("#max-tokens", "0");
  await page.fill("#read-mask", "nope");
  await page.click("#prepare");
  await page.waitForFunction(() => document.getElementById("status").textContent.length > 0);
  if ((await page.textContent("#body")).trim() !== "") fail("a refusal left the previous answer on the page");
  await page.fill("#read-mask", "");
  await page.fill("#max-tokens", "512");
  await page.selectOption("#tokenizer", "TOKENIZER_CL100K_BASE");
  // At a phone's width the form stands above the answer, in one column, nothing wider than it.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click("#prepare");
  await rendered().catch(async () => fail(`phone: nothing rendered; status: ${await page.textContent("#status")}`));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) fail(`at 390 px the page is ${overflow} px wider than the screen`);
  const [form, answer] = await page.$$eval("main > div", (ds) => ds.map((d) => d.getBoundingClientRect().top));
  if (!(answer > form)) fail("at 390 px the answer is not below the form");
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-phone.png"), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 1600 });

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
    `refusal shown; ${drawn} boundaries of 16-word chunks, ${inside} paragraphs cut; phone width fits; screenshots ${screenshot} and -phone`);
} finally {
  await browser.close();
}
