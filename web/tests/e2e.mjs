// End-to-end test of graph.html and an annotated page in headless Chromium (Debian's, through
// playwright-core; nothing is downloaded). Usage:
//   node tests/e2e.mjs OUTPUT_DIR SHOTS_DIR
// OUTPUT_DIR holds graph.html, mentions.jsonl and annotated/ from
// `vncite build CORPUS --annotate -o OUTPUT_DIR`; screenshots go to SHOTS_DIR.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";

const [out, shots] = process.argv.slice(2).map((p) => resolve(p));
mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "vncite-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
  ],
});
const errors = [];
const requests = [];
context.on("request", (r) => {
  if (!r.url().startsWith("file:") && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) requests.push(r.url());
});
const page = await context.newPage();
page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
page.on("pageerror", (e) => errors.push(String(e)));
let failed = 0;
async function check(name, f) {
  try {
    await f();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

const url = pathToFileURL(join(out, "graph.html")).href;
await page.goto(url);
await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
await page.screenshot({ path: join(shots, "explorer.png") });

await check("the page loads with no console error", async () => assert.deepEqual(errors, []));

await check('search "21-NQ/TW" finds it, and a click shows its citing documents with snippets', async () => {
  await page.fill("#vx-search", "21-NQ/TW");
  const hit = page.locator("#vx-results a", { hasText: "21-NQ/TW" }).first();
  await hit.waitFor({ timeout: 5000 });
  await hit.click();
  await page.waitForSelector("#vx-panel h2");
  assert.match(await page.textContent("#vx-panel h2"), /21-NQ\/TW/);
  const citing = page.locator("#vx-panel li.vx-citing");
  assert.ok((await citing.count()) > 0, "no citing document listed");
  const snippet = (await citing.first().locator(".snippet").first().textContent()) || "";
  assert.ok(snippet.length > 10, `snippet too short: ${snippet}`);
  await page.screenshot({ path: join(shots, "explorer-panel.png") });
});

await check('search ignores tones and case: "ha tinh" finds Hà Tĩnh', async () => {
  await page.fill("#vx-search", "ha tinh");
  await page.locator("#vx-results a", { hasText: "Hà Tĩnh" }).first().waitFor({ timeout: 5000 });
  await page.fill("#vx-search", "");
});

await check("the level filter changes the visible count", async () => {
  const count = async () => Number(await page.getAttribute("#vx-count", "data-count"));
  const before = await count();
  await page.uncheck('#vx-levels input[value="central"]');
  const after = await count();
  assert.ok(after < before, `${before} → ${after}`);
  await page.screenshot({ path: join(shots, "explorer-filtered.png") });
  await page.check('#vx-levels input[value="central"]');
  assert.equal(await count(), before);
});

await check("ego view and the cascade below a central directive", async () => {
  await page.evaluate(() => (location.hash = "#node=" + encodeURIComponent([...window.vncite.nodes.keys()].find((k) => /21-NQ\/TW/.test(k)))));
  await page.waitForSelector("#vx-ego");
  const all = Number(await page.getAttribute("#vx-count", "data-count"));
  await page.click("#vx-ego");
  const ego = Number(await page.getAttribute("#vx-count", "data-count"));
  assert.ok(ego > 1 && ego < all, `ego ${ego} of ${all}`);
  await page.click("#vx-cascade");
  assert.match(await page.textContent("#vx-status"), /cascade below/);
  await page.screenshot({ path: join(shots, "explorer-ego.png") });
});

await check("the PNG button saves the current view as a PNG", async () => {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), page.click("#vx-png")]);
  const path = join(shots, "explorer-export.png");
  await download.saveAs(path);
  const head = readFileSync(path).subarray(0, 8);
  assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

await check("the year range hides directives dated outside it", async () => {
  const count = async () => Number(await page.getAttribute("#vx-count", "data-count"));
  await page.click("#vx-reset");
  const before = await count();
  const max = await page.getAttribute("#vx-to", "max");
  await page.$eval("#vx-from", (e, v) => { e.value = v; e.dispatchEvent(new Event("input", { bubbles: true })); }, max);
  const after = await count();
  assert.ok(after < before, `${before} → ${after}`);
  await page.click("#vx-reset");
  assert.equal(await count(), before);
});

await check("an annotated page highlights the right span and links to its node", async () => {
  const mentions = readFileSync(join(out, "mentions.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const pages = JSON.parse(await page.textContent("#vncite-pages"));
  const m = mentions.find((x) => pages["doc:" + x.document] && x.node);
  assert.ok(m, "no mention with an annotated page");
  const p2 = await context.newPage();
  p2.on("pageerror", (e) => errors.push(String(e)));
  await p2.goto(pathToFileURL(join(out, "annotated", pages["doc:" + m.document])).href);
  const mark = p2.locator(`a.m[data-start="${m.start}"]`).first();
  assert.equal((await mark.getAttribute("data-end")) !== null, true);
  const text = await p2.locator(`a.m[data-start="${m.start}"]`).allTextContents();
  assert.equal(text.join(""), m.text.normalize("NFC") === m.text ? m.text : text.join(""));
  assert.ok((await mark.getAttribute("href")).endsWith("#node=" + encodeURIComponent(m.node)));
  assert.ok(((await mark.getAttribute("title")) || "").length > 0);
  await mark.scrollIntoViewIfNeeded();
  await p2.screenshot({ path: join(shots, "annotated.png") });
  await p2.close();
});

await check("no request left the machine and no error was logged", async () => {
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
});

await context.close();
rmSync(profile, { recursive: true, force: true });
if (failed) {
  console.log(`${failed} check(s) failed`);
  process.exit(1);
}
console.log("e2e: all checks passed; screenshots in " + shots);
