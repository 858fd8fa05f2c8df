// Imported first by main.ts. The server's Content-Security-Policy has no 'unsafe-eval'; zod probes
// for eval with `new Function('')` the first time it parses an object (its JIT), which the browser
// blocks and reports as a CSP violation. jitless skips the probe. zod 4 keeps its config on
// globalThis, so this needs no zod import (and adds no zod to the first screen's bundle); mutating
// the object works whether zod was evaluated before this module or after.

declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined
}

globalThis.__zod_globalConfig ??= {}
globalThis.__zod_globalConfig.jitless = true

export {}
