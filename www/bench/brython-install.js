// pkg/pyws_brython.js between two marks (see mark.js), so that its
// evaluation (decoding the inlined wasm, starting its compile, installing
// the adapter, all synchronous) is timed without its fetch: a module graph
// is fetched and linked whole, then evaluated in import order.
import "./mark.js?pyws_brython-start";
import "/pkg/pyws_brython.js";
import "./mark.js?pyws_brython-end";
