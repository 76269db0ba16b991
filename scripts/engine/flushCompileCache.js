// Preloaded (NODE_OPTIONS --require) into the Node plugins the Pulumi CLI starts, when
// NODE_COMPILE_CACHE is set (see hostCompileCache.ts): Node writes its compile cache at exit, and
// the engine kills its plugins instead, so it is written here, once the plugin's main module has
// loaded (its modules are most of what it compiles). Plain JavaScript: it runs in the plugin's
// Node, without ts-node.
const nodeModule = require("node:module");
if (typeof nodeModule.flushCompileCache === "function") setImmediate(() => nodeModule.flushCompileCache());
