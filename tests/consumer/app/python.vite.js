// Vite finds the wasm and pyws_modules.json beside pyws_python.js by itself.
import { main } from "./python.js";

main();
