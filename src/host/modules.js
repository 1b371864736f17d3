// Where the adapters get the sources of the Python packages pyws adds
// (`websockets`, and Brython's `asyncio`): `pyws_modules.json`, written
// beside the package by `cargo xtask build` (see src/host/modules.rs). A
// page that never imports them never fetches it; one that does fetches it
// once, at the first such import, synchronously, since `import` is (as
// Brython fetches its own standard library's modules).

/** The sources of `files` that belong to the top-level `name`: its package
 * directory's files, or its module. */
function ofName(files, name) {
  const ours = {};
  for (const [path, source] of Object.entries(files)) {
    if (path.startsWith(`${name}/`) || path === `${name}.py`) ours[path] = source;
  }
  return ours;
}

/**
 * The packages' sources from `url` (by default `pyws_modules.json` beside
 * this module), fetched at the first call of `files`: `files(kind, name)`
 * gives the files (path -> source) of the top-level `name` among `kind`'s
 * ("python", every adapter's; "brython", what Brython adds). It throws an
 * Error saying what failed and where when the file cannot be fetched.
 */
export function moduleSource(url) {
  let modules;
  const load = () => {
    if (modules !== undefined) return modules;
    const fail = (why, where) => {
      throw new Error(`pyws cannot import its Python packages: ${why} fetching ${where} (serve pyws_modules.json beside the package, or give its URL to install())`);
    };
    // A given URL is the page's (or worker's) to resolve; the default,
    // this module's, which a classic-script build has none of.
    if (url === undefined && !import.meta.url) fail("no URL (a classic script does not know its own) for", "pyws_modules.json");
    const where = url === undefined ? new URL("pyws_modules.json", import.meta.url).href : new URL(url, globalThis.location.href).href;
    const request = new XMLHttpRequest();
    request.open("GET", where, false);
    try {
      request.send();
    } catch (err) {
      fail(err.message, where);
    }
    // 0: a file: or blob: URL, which has no status.
    if (request.status !== 200 && request.status !== 0) fail(`HTTP ${request.status}`, where);
    try {
      modules = JSON.parse(request.responseText);
    } catch (err) {
      fail(err.message, where);
    }
    return modules;
  };
  return { files: (kind, name) => ofName(load()[kind], name) };
}
