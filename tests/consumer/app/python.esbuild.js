// esbuild leaves new URL(..., import.meta.url) alone: its file loader
// copies the wasm and the Python packages' sources and gives their URLs.
import modules from "pyws/pyws_modules.json";
import wasm from "pyws/pyws_python_bg.wasm";

import { main } from "./python.js";

main({ module_or_path: wasm }, modules);
