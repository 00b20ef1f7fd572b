// Opens a graph.html headless in Chromium and reports the time to first draw (from navigation
// start to the first frame sigma draws), and how long a search and a level filter take there.
// Usage: node tests/bench.mjs GRAPH_HTML [ROUNDS]
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [file, rounds = "3"] = process.argv.slice(2);
const url = pathToFileURL(resolve(file)).href;
const results = [];
for (let r = 0; r < Number(rounds); r++) {
  const profile = mkdtempSync(join(tmpdir(), "vncite-bench-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url, { timeout: 300000 });
  await page.waitForSelector("body[data-ready=true]", { timeout: 300000 });
  const m = await page.evaluate(async () => {
    const firstDraw = window.__vnciteFirstDraw;
    const steps = JSON.stringify(window.__vnciteTimings);
    const nodes = window.vncite.graph.order;
    let t = performance.now();
    window.vncite.find("nq 21");
    const search = performance.now() - t;
    t = performance.now();
    document.querySelector('#vx-levels input[value="central"]').click();
    const filter = performance.now() - t;
    return { nodes, firstDraw, search, filter, steps };
  });
  if (errors.length) throw new Error(errors.join("\n"));
  results.push(m);
  console.log(`round ${r + 1}: ${m.nodes} nodes, first draw ${(m.firstDraw / 1000).toFixed(2)} s, search ${m.search.toFixed(0)} ms, level filter ${m.filter.toFixed(0)} ms; steps (ms since navigation) ${m.steps}`);
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
const best = Math.min(...results.map((r) => r.firstDraw));
console.log(`best time to first draw: ${(best / 1000).toFixed(2)} s`);
