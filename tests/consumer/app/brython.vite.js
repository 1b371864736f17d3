// pyws/brython carries its wasm inline: the same for every bundler.
import "pyws/brython";
