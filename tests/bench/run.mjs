// cargo xtask bench: runs every approach × workload in headless Chromium
// against the dev server's /echo, interleaving approaches over several
// repeats, and prints medians (with ratios to plain JS and to the best
// alternative in the same interpreter) and writes target/bench/latest.json.
//
//   node tests/bench/run.mjs [--repeats 3] [--scale 1] [--out target/bench/latest.json]
//                            [--approaches a,b] [--workloads w,x] [--engine chromium|firefox|webkit]
//                            [--baseline LABEL]
// PYWS_BASE_URL names the running dev server. --scale 0.01 is a smoke run.
// --baseline adds, for each pyws row, the same row with the package the
// server has at /baseline/pkg/ (an earlier commit's, which `cargo xtask
// bench --baseline REV` builds; LABEL names it), interleaved with the rest,
// and prints this build against it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname } from "node:path";
import { gzipSync } from "node:zlib";
import { launch, openPage } from "../e2e/fixtures/browser.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const repeats = Number(args.repeats ?? 3);
const scale = Number(args.scale ?? 1);
const out = args.out ?? "target/bench/latest.json";
const baseUrl = process.env.PYWS_BASE_URL ?? "http://127.0.0.1:8000/";

// Approach -> its interpreter; pyws's rows are named pyws-<interpreter>, the
// others are that interpreter's alternatives.
const ALL_APPROACHES = {
  "js-raw": null,
  "pyws-brython": "brython",
  "brython-browser.websocket": "brython",
  "pyws-pyodide": "pyodide",
  "pyodide-js.WebSocket": "pyodide",
  "pyscript-pyodide": "pyodide",
  "pyws-micropython": "micropython",
  "micropython-js.WebSocket": "micropython",
  "pyscript-micropython": "micropython",
};
// pyws's rows (and, with --baseline, their baseline twins).
const isPyws = (approach) => approach.startsWith("pyws-");
const isBaseline = (approach) => approach.endsWith("@baseline");
const pick = (all, list) => (list ? list.split(",") : all);
const APPROACHES = Object.fromEntries(
  pick(Object.keys(ALL_APPROACHES), args.approaches).map((name) => {
    if (!(name in ALL_APPROACHES)) throw new Error(`unknown approach ${name}; expected one of ${Object.keys(ALL_APPROACHES)}`);
    return [name, ALL_APPROACHES[name]];
  }),
);
// Each baseline row right after its pyws row, so the two run back to back.
const baselineLabel = args.baseline;
if (baselineLabel) {
  const entries = Object.entries(APPROACHES).flatMap(([name, interpreter]) =>
    isPyws(name) ? [[name, interpreter], [`${name}@baseline`, interpreter]] : [[name, interpreter]]);
  for (const name of Object.keys(APPROACHES)) delete APPROACHES[name];
  Object.assign(APPROACHES, Object.fromEntries(entries));
}
const WORKLOADS = pick(["startup", "pingpong", "stream", "binary64k", "binary1m"], args.workloads);
// The engine: --engine chromium (the default), firefox or webkit (which
// needs an X display: cargo xtask bench starts one).
const engine = args.engine ?? "chromium";
const browser = await launch(engine);
const browserVersion = await browser.describe();
const runs = {}; // approach -> workload -> [result]

async function runOnce(approach, workload) {
  let page;
  try {
    page = await openPage(browser, `/bench/?approach=${approach}&workload=${workload}&scale=${scale}`);
    await page.waitForSelector("body[data-done]", { timeout: 300_000 });
    const [result, timing, isolated] = await page.evaluate(() => [window.benchResult, window.benchTiming, window.crossOriginIsolated]);
    // Outside a cross-origin isolated page, performance.now() is coarse
    // (100 µs in Chromium, 1 ms in Firefox and WebKit) and the handler
    // times only averages of jitter.
    if (!isolated) return { error: "the bench page is not cross-origin isolated (COOP and COEP headers): its timer is coarse" };
    return { ...result, handlerUs: timing.count ? (timing.total * 1000) / timing.count : null };
  } catch (err) {
    return { error: String(err).split("\n")[0] };
  } finally {
    await page?.close();
  }
}

// The order of one repeat. A page runs a little slower right after another
// interpreter's page than after its own, so with --baseline each pyws row
// and its twin swap places every other repeat.
function order(repeat) {
  const names = Object.keys(APPROACHES);
  if (!baselineLabel || repeat % 2) return names;
  return names.map((name) => (isBaseline(name) ? name.slice(0, -"@baseline".length) : isPyws(name) ? `${name}@baseline` : name));
}

for (let repeat = 1; repeat <= repeats; repeat++) {
  for (const workload of WORKLOADS) {
    for (const approach of order(repeat)) {
      const result = await runOnce(approach, workload);
      ((runs[approach] ??= {})[workload] ??= []).push(result);
      process.stderr.write(`bench: repeat ${repeat} ${workload} ${approach}: ${result.error ?? "ok"}\n`);
    }
  }
}
await browser.stop();

const median = (values) => {
  const sorted = values.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};
/** [lowest, highest] of the runs: the spread a median is read against. */
const range = (values) => {
  const numbers = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  return numbers.length ? [Math.min(...numbers), Math.max(...numbers)] : null;
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
    const ok = results.filter((r) => !r.error && !r.bad);
    summary[approach][workload] = {
      value: median(results.map((r) => throughput(workload, r))),
      valueRange: range(results.map((r) => throughput(workload, r))),
      handlerUs: median(results.map((r) => r.handlerUs)),
      handlerUsRange: range(results.map((r) => r.handlerUs)),
      errors: results.filter((r) => r.error || r.bad).map((r) => r.error ?? `${r.bad} bad echoes`),
    };
    if (workload === "startup") {
      // What the approach adds once its interpreter is ready (pyws; PyScript's
      // package; Brython's stdlib), its parts, and the first socket opened.
      for (const key of ["loadMs", "setupMs", "waitMs", "importMs", "initMs", "installMs", "pythonMs", "firstOpenMs"]) {
        summary[approach][workload][key] = median(ok.map((r) => r[key]));
        summary[approach][workload][`${key}Range`] = range(ok.map((r) => r[key]));
      }
    }
  }
}

// pyws against the best alternative in its interpreter: for throughput the
// highest, for start-up and handler time the lowest; ratio = pyws ÷ best.
function bestAlternative(approach, workload, metric) {
  const lowerIsBetter = metric === "handlerUs" || workload === "startup";
  let best = null;
  for (const [other, interpreter] of Object.entries(APPROACHES)) {
    if (isPyws(other) || interpreter !== APPROACHES[approach]) continue;
    const value = summary[other][workload]?.[metric];
    if (typeof value !== "number") continue;
    if (!best || (lowerIsBetter ? value < best.value : value > best.value)) best = { approach: other, value };
  }
  const own = summary[approach][workload]?.[metric];
  return best && typeof own === "number" ? { ...best, ratio: own / best.value, lowerIsBetter } : null;
}
for (const approach of Object.keys(APPROACHES).filter((a) => isPyws(a) && !isBaseline(a))) {
  for (const workload of WORKLOADS) {
    const entry = summary[approach][workload];
    entry.vsBestAlternative = {
      value: bestAlternative(approach, workload, "value"),
      handlerUs: workload === "startup" ? null : bestAlternative(approach, workload, "handlerUs"),
    };
  }
}

/** What a page downloads, per package `cargo xtask build` makes: the wasm
 * and the bundled glue with its adapters (Brython's has the wasm inlined). */
const PACKAGES = {
  "Brython (pyws_brython.js)": ["pkg/pyws_brython.js"],
  "Pyodide, MicroPython (pyws_python.js)": ["pkg/pyws_python_bg.wasm", "pkg/pyws_python.js"],
  "every adapter and plain JS (pyws.js)": ["pkg/pyws_bg.wasm", "pkg/pyws.js"],
};

function packageSize() {
  return Object.entries(PACKAGES).map(([name, files]) => {
    const sizes = files.map((file) => {
      const bytes = readFileSync(file);
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    const total = (key) => sizes.reduce((sum, s) => sum + s[key], 0);
    return { name, files: sizes, raw: total("raw"), gzip: total("gzip") };
  });
}
const size = packageSize();

const packageVersion = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")).version;
const environment = {
  browser: browserVersion,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
  node: process.version,
  packages: Object.fromEntries(
    ["brython", "pyodide", "@micropython/micropython-webassembly-pyscript", "@pyscript/core"].map((n) => [n, packageVersion(n)]),
  ),
};

const units = { startup: "ms", pingpong: "rt/s", stream: "msg/s", binary64k: "MB/s", binary1m: "MB/s" };
const fmt = (v) => (v === null || v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(2));
const jsRaw = summary["js-raw"] ?? {};
const table = (header, rows) => {
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
};
console.log(`\npyws benchmark: median of ${repeats}, scale ${scale}, ${environment.browser}, ${environment.cpus}, ${baseUrl}echo`);
console.log(`${Object.entries(environment.packages).map(([n, v]) => `${n} ${v}`).join(", ")}\n`);
console.log("Throughput (start-up: ms from page load until the approach's Python can open a socket); ratio to js-raw in brackets:\n");
table(
  ["approach", ...WORKLOADS.map((w) => `${w} ${units[w]}`)],
  Object.keys(APPROACHES).map((approach) => [approach, ...WORKLOADS.map((w) => {
    const value = summary[approach][w].value;
    const ratio = w !== "startup" && approach !== "js-raw" && value && jsRaw[w]?.value ? ` (${(value / jsRaw[w].value).toFixed(2)})` : "";
    return value === null ? `— ${summary[approach][w].errors[0] ?? ""}` : `${fmt(value)}${ratio}`;
  })]),
);
console.log(`\nMain-thread time in the message handler per message, µs:\n`);
const handlerWorkloads = WORKLOADS.filter((w) => w !== "startup");
table(
  ["approach", ...handlerWorkloads],
  Object.keys(APPROACHES).map((approach) => [approach, ...handlerWorkloads.map((w) => fmt(summary[approach][w].handlerUs))]),
);

const pywsApproaches = Object.keys(APPROACHES).filter((a) => isPyws(a) && !isBaseline(a));
const describe = (cmp) => (cmp ? `${cmp.ratio.toFixed(2)}× ${cmp.approach}` : "—");
if (pywsApproaches.some((a) => WORKLOADS.some((w) => summary[a][w].vsBestAlternative.value))) {
  console.log("\npyws ÷ the best alternative in the same interpreter (throughput: above 1 is faster; handler time and start-up: below 1 is better):\n");
  table(
    ["pyws in", ...WORKLOADS.map((w) => (w === "startup" ? "startup ms" : `${w} throughput / handler`))],
    pywsApproaches.map((approach) => [approach.slice("pyws-".length), ...WORKLOADS.map((w) => {
      const { value, handlerUs } = summary[approach][w].vsBestAlternative;
      return w === "startup" ? describe(value) : `${describe(value)} / ${describe(handlerUs)}`;
    })]),
  );
}

if (WORKLOADS.includes("startup")) {
  console.log(
    "\nStart-up, ms: total; setup = what the approach adds once its interpreter is ready, having fetched what it loads while the\n" +
      "interpreter loaded (pyws: waiting for that, then install(); in Brython, pyws_brython.js evaluated: the adapter installed, the wasm compiling);\n" +
      "import and init = pyws's module and wasm, fetched meanwhile; Python = the approach's definitions and imports; first open =\n" +
      "the first socket opened, with what the approach defers to it:\n",
  );
  table(
    ["approach", "startup", "setup", "wait", "install", "import", "init", "Python", "first open"],
    Object.keys(APPROACHES).filter((a) => APPROACHES[a]).map((a) => {
      const s = summary[a].startup;
      return [a, ...[s.value, s.setupMs, s.waitMs, s.installMs, s.importMs, s.initMs, s.pythonMs, s.firstOpenMs].map(fmt)];
    }),
  );
  for (const approach of pywsApproaches) {
    const { setupMs, installMs } = summary[approach].startup;
    if (typeof setupMs !== "number") continue;
    console.log(`${approach}: pyws adds ${fmt(setupMs)} ms to start-up (target ≤ 20 ms: ${setupMs <= 20 ? "met" : "missed"})`);
    if (approach === "pyws-brython" && typeof installMs === "number") {
      console.log(`${approach}: synchronous install ${fmt(installMs)} ms (target < 5 ms: ${installMs < 5 ? "met" : "missed"})`);
    }
  }
}
// This build against the baseline's package, row by row: the medians'
// ratio, each side's spread (lowest–highest of the runs), and whether this
// build's median is worse than the baseline's worst run.
const comparison = {};
if (baselineLabel) {
  console.log(`\nThis build ÷ baseline ${baselineLabel}, median (lowest–highest of the ${repeats} runs); handler time and start-up: below 1 is better:\n`);
  const spread = (r) => (r ? `${fmt(r[0])}–${fmt(r[1])}` : "—");
  const rows = [];
  for (const approach of pywsApproaches) {
    for (const workload of WORKLOADS) {
      const metrics = workload === "startup"
        ? [["startup ms", "value", "valueRange"], ["setup ms", "setupMs", "setupMsRange"], ["install ms", "installMs", "installMsRange"], ["first open ms", "firstOpenMs", "firstOpenMsRange"]]
        : [["handler µs", "handlerUs", "handlerUsRange"]];
      for (const [label, key, rangeKey] of metrics) {
        const now = summary[approach][workload];
        const then = summary[`${approach}@baseline`][workload];
        if (typeof now[key] !== "number" || typeof then[key] !== "number") continue;
        const worse = then[rangeKey] && now[key] > then[rangeKey][1];
        const ratio = now[key] / then[key];
        ((comparison[approach] ??= {})[workload] ??= {})[key] = { now: now[key], baseline: then[key], ratio, nowRange: now[rangeKey], baselineRange: then[rangeKey], worseThanSpread: worse };
        rows.push([approach.slice("pyws-".length), workload, label, `${fmt(now[key])} (${spread(now[rangeKey])})`, `${fmt(then[key])} (${spread(then[rangeKey])})`, ratio.toFixed(2), worse ? "**worse than the baseline's slowest run**" : "within or better"]);
      }
    }
  }
  table(["interpreter", "workload", "metric", "this build", `baseline ${baselineLabel}`, "ratio", "verdict"], rows);
}

console.log("\nPackage size (target ≤ 30 KB gzipped):");
for (const { name, raw, gzip } of size) {
  console.log(`  ${name}: ${raw} bytes, ${gzip} bytes gzipped (${gzip <= 30000 ? "met" : "missed"})`);
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), repeats, scale, baseUrl, environment, baseline: baselineLabel ?? null, comparison, summary, size, runs }, null, 2));
console.log(`wrote ${out}`);
const failures = Object.values(summary).flatMap((byWorkload) => Object.values(byWorkload).flatMap((s) => s.errors));
if (failures.length) {
  console.error(`bench: ${failures.length} runs failed: ${failures.slice(0, 5).join("; ")}`);
  process.exit(1);
}
