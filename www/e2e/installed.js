// What the third-party library runners (gql.js, sgqlc.js) ask Python about
// the package pyws provides in place of a PyPI distribution.

/** Python that gives what micropip and importlib say of `distribution`,
 * and where `import module` comes from (the library runners, gql.js and
 * sgqlc.js, check pyws's package wins). */
export const installed = (distribution, module) => `
import importlib.metadata, micropip, ${module}
package = micropip.list()["${distribution}"]
"${distribution} %s from %s (micropip: %s, %s), imported from %s" % (
    importlib.metadata.version("${distribution}"),
    importlib.metadata.distribution("${distribution}").locate_file(""),
    package.version, package.source, ${module}.__file__)
`;

/** Python that lists the directories on sys.path that have `module`'s
 * package, in order. */
export const found = (module) =>
  `import os, sys\n' '.join(p for p in sys.path if os.path.isfile(os.path.join(p, '${module}', '__init__.py')))`;
