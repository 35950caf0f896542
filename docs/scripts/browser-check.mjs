#!/usr/bin/env node
// The built site in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) opens every guide and a sample of catalogue and API pages from a local static server,
// fails on console errors, page errors, failed requests and broken internal links, checks that search
// finds an operation by id, path and vendor name, and saves screenshots to .ci/out.
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const docsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const siteDir = join(docsDir, ".vitepress/dist");
const shotsDir = join(docsDir, "..", ".ci/out/screenshots");
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
if (!existsSync(join(siteDir, "index.html"))) throw new Error("build the site first: pnpm run docs");
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
mkdirSync(shotsDir, { recursive: true });

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".png": "image/png" };
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
  let file = normalize(join(siteDir, path));
  if (!file.startsWith(siteDir)) {
    response.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
  if (!existsSync(file)) {
    response.writeHead(404, { "content-type": "text/html" }).end("not found");
    return;
  }
  response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;

const guides = readdirSync(join(siteDir, "guides")).filter((file) => file.endsWith(".html")).map((file) => `/guides/${file}`);
// Every catalogue page: the index and one page per product (the heaviest pages of the site).
const catalogue = readdirSync(join(siteDir, "operations")).filter((file) => file.endsWith(".html")).map((file) => `/operations/${file}`);
const api = ["/api/index.html", "/api/@cortex-sdk/core.html"].filter((page) => existsSync(join(siteDir, page)));
const pages = ["/index.html", ...guides, ...catalogue, ...api];

const userDataDir = mkdtempSync(join(tmpdir(), "cortex-docs-chromium-"));
const problems = [];
// A fresh profile each run (playwright passes it as --user-data-dir).
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await context.newPage();
  let current = "";
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${current}: console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${current}: page error: ${error.message}`));
  // Prefetches of linked pages are cut off when the next page loads (net::ERR_ABORTED); anything else counts.
  page.on("requestfailed", (request) => {
    if (request.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`${current}: request failed: ${request.url()} (${request.failure()?.errorText ?? "?"})`);
  });
  page.on("response", (response) => {
    if (response.url().startsWith(origin) && response.status() >= 400) problems.push(`${current}: ${response.status()} for ${response.url()}`);
  });

  const checkedLinks = new Set();
  for (const path of pages) {
    current = path;
    await page.goto(`${origin}${path}`, { waitUntil: "networkidle" });
    const links = await page.$$eval("a[href]", (anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
    for (const href of links) {
      if (/^(https?:|mailto:|#)/.test(href) || href === "") continue;
      const target = new URL(href, `${origin}${path}`);
      const key = target.pathname;
      if (checkedLinks.has(key)) continue;
      checkedLinks.add(key);
      let file = join(siteDir, decodeURIComponent(key));
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
      if (!existsSync(file) && !existsSync(`${file}.html`)) problems.push(`${path}: broken internal link ${href}`);
    }
  }
  await page.goto(`${origin}/guides/getting-started.html`, { waitUntil: "networkidle" });
  await page.screenshot({ path: join(shotsDir, "guide-getting-started.png") });
  await page.goto(`${origin}/operations/xdr.html#op-incidents-get-incidents`, { waitUntil: "networkidle" });
  await page.screenshot({ path: join(shotsDir, "operations-xdr-get-incidents.png") });

  // Search: the operation's id, its path and the vendor's name (its OpenAPI operationId) all find its
  // catalogue entry.
  current = "search";
  const searches = [
    ["incidents.get_incidents", "op-incidents-get-incidents"],
    ["/public_api/v1/incidents/get_incidents", "op-incidents-get-incidents"],
    ["postGetIncidents", "op-incidents-get-incidents"],
    ["api_keys.generate", "op-api-keys-generate"],
  ];
  for (const [query, expected] of searches) {
    await page.goto(`${origin}/index.html`, { waitUntil: "networkidle" });
    await page.keyboard.press("/");
    const input = page.locator(".VPLocalSearchBox input");
    await input.waitFor({ state: "visible", timeout: 15_000 });
    await input.fill(query);
    const results = page.locator(".VPLocalSearchBox .results a");
    try {
      await results.first().waitFor({ state: "visible", timeout: 15_000 });
    } catch {
      problems.push(`search "${query}": no results`);
      continue;
    }
    const hrefs = await results.evaluateAll((anchors) => anchors.slice(0, 8).map((anchor) => anchor.getAttribute("href") ?? ""));
    if (!hrefs.some((href) => href.includes(expected))) problems.push(`search "${query}": the first results do not include #${expected}: ${hrefs.join(", ")}`);
    if (query === "incidents.get_incidents") await page.screenshot({ path: join(shotsDir, "search-incidents.png") });
  }
  console.log(`browser-check: ${pages.length} pages, ${checkedLinks.size} internal links, ${searches.length} searches; screenshots in .ci/out/screenshots`);
} finally {
  await context.close();
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`browser-check: ${problems.length} problem(s)\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
