// wheel.js in a dedicated module worker: posts what Python saw.
import { installAndEcho } from "/e2e/wheel.js";

const params = new URL(self.location.href).searchParams;
try {
  self.postMessage(await installAndEcho(params.get("wheel"), params.get("installer")));
} catch (err) {
  self.postMessage(`error: ${err}`);
}
