// Runs the shared Python conformance suite (tests/conformance/, served at
// /conformance/suite/) in one interpreter and collects its result lines.
//
// The page loads an interpreter with /runtimes.js, whose prelude defines
// later() and INTERPRETER; this adds emit(), ECHO_URL, ENGINE,
// HAS_WEBSOCKET_STREAM and RUN_ID, then runs the harness and every test file
// in that interpreter.

export const SUITE = [
  "harness.py",
  "test_connection.py",
  "test_data.py",
  "test_arguments.py",
  "test_callbacks.py",
  "test_reliability.py",
  "test_async.py",
  "test_reconnect.py",
  "test_module.py",
];

/** The browser engine, for the few tests whose expectations differ by engine
 * (each such branch is documented in the README's engine differences). */
export const ENGINE = /Firefox\//.test(navigator.userAgent)
  ? "firefox"
  : /Chrom(e|ium)\//.test(navigator.userAgent)
    ? "chromium"
    : "webkit";

export const ECHO_URL = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/echo`;

/** Results so far, read by the end-to-end runner: {lines, done, version}. */
const results = (globalThis.pywsResults = { lines: [], done: false });

/** The core object behind a Brython socket, for the test that breaks it. */
globalThis.pywsCoreOf = (ws) => ws.$socket;

/** Called from Python with each result line. */
globalThis.pywsEmit = (line) => {
  results.lines.push(String(line));
  if (String(line).startsWith("DONE ")) results.done = true;
  const item = document.createElement("li");
  item.textContent = line;
  document.getElementById("results")?.append(item);
};

export async function runSuite(interpreter) {
  results.version = interpreter.version;
  const params = new URLSearchParams(location.search);
  const only = params.get("only");
  // ?file=test_async.py,test_reconnect.py runs those files only.
  const files = params.get("file")?.split(",");
  const suite = files ? SUITE.filter((file) => file === "harness.py" || files.includes(file)) : SUITE;
  const sources = await Promise.all(
    suite.map(async (file) => {
      const response = await fetch(`/conformance/suite/${file}`);
      if (!response.ok) throw new Error(`/conformance/suite/${file}: ${response.status}`);
      return `# --- ${file} ---\n${await response.text()}`;
    }),
  );
  const filter = only ? `\n_tests[:] = [t for t in _tests if t[0] == ${JSON.stringify(only)}]\n` : "\n";
  const prelude = `${interpreter.prelude}
def emit(line):
    window.pywsEmit(line)

ECHO_URL = ${JSON.stringify(ECHO_URL)}
ENGINE = ${JSON.stringify(ENGINE)}
HAS_WEBSOCKET_STREAM = ${"WebSocketStream" in globalThis ? "True" : "False"}
RUN_ID = ${JSON.stringify(`${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`)}
`;
  await interpreter.run(`${prelude}\n${sources.join("\n")}${filter}run_all()\n`);
}
