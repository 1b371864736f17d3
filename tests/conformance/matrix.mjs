// Writes the conformance matrix (Markdown) from the results the last
// `cargo xtask test` kept in target/conformance/: one row a test, one column
// an engine × interpreter × release. `node tests/conformance/matrix.mjs`
// prints it; docs/testing.md holds the one of the latest full run.
import { readdirSync, readFileSync } from "node:fs";

const dir = new URL("../../target/conformance/", import.meta.url);
const ENGINES = ["chromium", "firefox", "webkit"];
const INTERPRETERS = ["brython", "pyodide", "micropython"];
const RELEASES = ["newest", "oldest"];
const order = (r) =>
  RELEASES.indexOf(r.release) * 100 + ENGINES.indexOf(r.engine) * 10 + INTERPRETERS.indexOf(r.interpreter);

const runs = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")))
  .sort((a, b) => order(a) - order(b));

const names = [...new Set(runs.flatMap((r) => r.results.map((t) => t.name)))];
const lines = [
  `| test | ${runs.map((r) => `${r.browser.replace(/^(\S+ \d+\.\d+).*/, "$1")}<br>${r.version}`).join(" | ")} |`,
  `|---|${runs.map(() => "---").join("|")}|`,
  ...names.map((name) => {
    const cells = runs.map((r) => {
      const result = r.results.find((t) => t.name === name);
      return result === undefined ? "not run" : result.passed ? "✓" : "✗";
    });
    return `| \`${name}\` | ${cells.join(" | ")} |`;
  }),
  `| **passed** | ${runs.map((r) => `${r.results.filter((t) => t.passed).length} of ${r.results.length}`).join(" | ")} |`,
];
console.log(lines.join("\n"));
