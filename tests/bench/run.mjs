// cargo xtask bench: runs every approach × workload in headless Chromium
// against the dev server's /echo, interleaving approaches over several
// repeats, and prints medians (with ratios to plain JS and to the best
// alternative in the same interpreter) and writes target/bench/latest.json.
//
//   node tests/bench/run.mjs [--repeats 3] [--scale 1] [--out target/bench/latest.json]
//                            [--approaches a,b] [--workloads w,x]
// PYWS_BASE_URL names the running dev server. --scale 0.01 is a smoke run.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const repeats = Number(args.repeats ?? 3);
const scale = Number(args.scale ?? 1);
const out = args.out ?? "target/bench/latest.json";
const baseUrl = process.env.PYWS_BASE_URL ?? "http://127.0.0.1:8000/";

const ALL_APPROACHES = {
  "js-raw": null,
  "pyws-brython": "brython",
  "pyws-pyodide": "pyodide",
  "pyodide-js.WebSocket": "pyodide",
  "pyws-micropython": "micropython",
  "micropython-js.WebSocket": "micropython",
};
const pick = (all, list) => (list ? list.split(",") : all);
const APPROACHES = Object.fromEntries(
  pick(Object.keys(ALL_APPROACHES), args.approaches).map((name) => [name, ALL_APPROACHES[name]]),
);
const WORKLOADS = pick(["startup", "pingpong", "stream", "binary64k", "binary1m"], args.workloads);
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
const runs = {}; // approach -> workload -> [result]

async function runOnce(approach, workload) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  try {
    await page.goto(`/bench/?approach=${approach}&workload=${workload}&scale=${scale}`);
    await page.waitForSelector("body[data-done]", { state: "attached", timeout: 300_000 });
    const [result, timing] = await page.evaluate(() => [window.benchResult, window.benchTiming]);
    return { ...result, handlerUs: timing.count ? (timing.total * 1000) / timing.count : null };
  } catch (err) {
    return { error: String(err).split("\n")[0] };
  } finally {
    await context.close();
  }
}

for (let repeat = 1; repeat <= repeats; repeat++) {
  for (const workload of WORKLOADS) {
    for (const approach of Object.keys(APPROACHES)) {
      const result = await runOnce(approach, workload);
      ((runs[approach] ??= {})[workload] ??= []).push(result);
      process.stderr.write(`bench: repeat ${repeat} ${workload} ${approach}: ${result.error ?? "ok"}\n`);
    }
  }
}
await browser.close();

const median = (values) => {
  const sorted = values.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};
/** Throughput in the unit the README table uses. */
function throughput(workload, r) {
  if (r.error || r.bad) return null;
  if (workload === "startup") return r.startupMs;
  const seconds = r.ms / 1000;
  return workload.startsWith("binary") ? (r.count * r.size) / seconds / 1e6 : r.count / seconds;
}
const summary = {};
for (const [approach, byWorkload] of Object.entries(runs)) {
  summary[approach] = {};
  for (const [workload, results] of Object.entries(byWorkload)) {
    summary[approach][workload] = {
      value: median(results.map((r) => throughput(workload, r))),
      handlerUs: median(results.map((r) => r.handlerUs)),
      errors: results.filter((r) => r.error || r.bad).map((r) => r.error ?? `${r.bad} bad echoes`),
    };
  }
}

function packageSize() {
  const files = ["pkg/pyws_bg.wasm", "pkg/pyws.js"];
  const snippets = (dir) => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? snippets(path) : [path];
  });
  files.push(...snippets("pkg/snippets"));
  const sizes = files.map((file) => {
    const bytes = readFileSync(file);
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = (key) => sizes.reduce((sum, s) => sum + s[key], 0);
  return { files: sizes, raw: total("raw"), gzip: total("gzip") };
}
const size = packageSize();

const units = { startup: "ms", pingpong: "rt/s", stream: "msg/s", binary64k: "MB/s", binary1m: "MB/s" };
const fmt = (v) => (v === null || v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(2));
const jsRaw = summary["js-raw"] ?? {};
console.log(`\npyws benchmark: median of ${repeats}, scale ${scale}, Chromium (headless), ${baseUrl}echo\n`);
console.log(`| approach | ${WORKLOADS.map((w) => `${w} ${units[w]}`).join(" | ")} |`);
console.log(`|---|${WORKLOADS.map(() => "---").join("|")}|`);
for (const approach of Object.keys(APPROACHES)) {
  const cells = WORKLOADS.map((w) => {
    const value = summary[approach][w].value;
    const ratio = w !== "startup" && approach !== "js-raw" && value && jsRaw[w]?.value ? ` (${(value / jsRaw[w].value).toFixed(2)})` : "";
    return value === null ? `— ${summary[approach][w].errors[0] ?? ""}` : `${fmt(value)}${ratio}`;
  });
  console.log(`| ${approach} | ${cells.join(" | ")} |`);
}
console.log(`\nMain-thread time in the message handler per message, µs:\n`);
const handlerWorkloads = WORKLOADS.filter((w) => w !== "startup");
console.log(`| approach | ${handlerWorkloads.join(" | ")} |`);
console.log(`|---|${handlerWorkloads.map(() => "---").join("|")}|`);
for (const approach of Object.keys(APPROACHES)) {
  console.log(`| ${approach} | ${handlerWorkloads.map((w) => fmt(summary[approach][w].handlerUs)).join(" | ")} |`);
}
console.log(`\nPackage: ${size.raw} bytes, ${size.gzip} bytes gzipped (wasm + JS glue + adapters)`);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), repeats, scale, baseUrl, summary, size, runs }, null, 2));
console.log(`wrote ${out}`);
const failures = Object.values(summary).flatMap((byWorkload) => Object.values(byWorkload).flatMap((s) => s.errors));
if (failures.length) {
  console.error(`bench: ${failures.length} runs failed: ${failures.slice(0, 5).join("; ")}`);
  process.exit(1);
}
