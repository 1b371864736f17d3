// `pyws/pyscript` is imported for its effect: it registers PyScript hooks
// that install `websocket()` into every py and mpy script. It exports nothing.
export {};
