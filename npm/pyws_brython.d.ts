// `pyws/brython` is imported for its effect: it installs the `websocket`
// builtin into the page's Brython (load brython.js first). It exports nothing.
export {};
