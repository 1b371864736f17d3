// Vite finds the wasm beside pyws.js by itself.
import { main } from "./plain.js";

main();
