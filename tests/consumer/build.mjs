// usage: node tests/consumer/build.mjs TARBALL
//
// Makes target/consumer/, a project that uses pyws as a user would: the
// pages in tests/consumer/app/, the packed tarball installed into it with
// `npm install` (offline: the package has no dependencies), and its pages
// bundled with Vite (dist/vite/) and with esbuild (dist/esbuild/), and
// app/types.ts type-checked against the package's declarations. The dev
// server serves it at /consumer/; nothing here reads pkg/ or src/.
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

import { build as esbuild } from "esbuild";
import { build as vite } from "vite";

const [tarball] = process.argv.slice(2);
if (!tarball) throw new Error("usage: node tests/consumer/build.mjs TARBALL");
const project = new URL("../../target/consumer/", import.meta.url).pathname;
const pages = ["plain", "python", "brython"];

rmSync(project, { recursive: true, force: true });
cpSync(new URL("app/", import.meta.url).pathname, project, { recursive: true });
execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", resolve(tarball)], {
  cwd: project,
  stdio: "inherit",
});

await vite({
  root: project,
  base: "./",
  logLevel: "warn",
  build: {
    outDir: "dist/vite",
    emptyOutDir: true,
    rollupOptions: { input: Object.fromEntries(pages.map((page) => [page, `${project}${page}.html`])) },
  },
});

await esbuild({
  absWorkingDir: project,
  entryPoints: pages.map((page) => `${page}.esbuild.js`),
  outdir: "dist/esbuild",
  bundle: true,
  format: "esm",
  loader: { ".wasm": "file", ".json": "file" },
  logLevel: "warning",
});
// Each entry's declarations, as the exports map resolves them (types.ts).
execFileSync(new URL("../../node_modules/.bin/tsc", import.meta.url).pathname, ["-p", project], { stdio: "inherit" });

// esbuild bundles scripts, not pages: each page points at its bundle.
for (const page of pages) {
  const html = readFileSync(`${project}${page}.html`, "utf8");
  writeFileSync(`${project}dist/esbuild/${page}.html`, html.replace(`./${page}.vite.js`, `./${page}.esbuild.js`));
}
console.log(`consumer: target/consumer/ (${readdirSync(`${project}dist/esbuild`).join(", ")})`);
