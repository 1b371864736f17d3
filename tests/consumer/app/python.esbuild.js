// esbuild leaves new URL(..., import.meta.url) alone: its file loader
// copies the wasm and gives its URL.
import wasm from "pyws/pyws_python_bg.wasm";

import { main } from "./python.js";

main({ module_or_path: wasm });
