// Records what a test asserts never happened: console messages and uncaught
// errors, in globalThis.pywsRecorded. Test pages load it first; the
// end-to-end fixture runs it on other pages once they have loaded (WebDriver
// has no way to run a script before a page's own). Running it twice is
// harmless.
if (!globalThis.pywsRecorded) {
  const recorded = (globalThis.pywsRecorded = { console: [], errors: [] });
  for (const type of ["log", "info", "warn", "error", "debug"]) {
    const original = console[type];
    console[type] = function (...args) {
      recorded.console.push(`${type}: ${args.map(String).join(" ")}`);
      return original.apply(this, args);
    };
  }
  addEventListener("error", (e) => recorded.errors.push(String(e.error ?? e.message)));
  addEventListener("unhandledrejection", (e) => recorded.errors.push(String(e.reason)));
}
