// A performance mark named by this module's query string. Each query string is
// a module of its own, evaluated once, where it is imported.
performance.mark(decodeURIComponent(new URL(import.meta.url).search.slice(1)));
