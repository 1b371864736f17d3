// Vite finds the wasm beside pyws_python.js by itself.
import { main } from "./python.js";

main();
