import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'
import { VitePWA } from 'vite-plugin-pwa'

const alias = {
  '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)),
  '@app': fileURLToPath(new URL('./src/app', import.meta.url)),
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

/**
 * Vant inlines its icon font into its CSS as 26 KB (gzip) of base64, which every first screen
 * would download and parse. This moves it into its own hashed .woff2 file: the browser fetches it
 * only when an icon is drawn, and the service worker precaches it like any other asset.
 */
function vantIconFontFile(): Plugin {
  // The woff fallback on a third-party CDN is dropped too: every browser we serve reads woff2.
  const inlined =
    /url\("?data:font\/woff2;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)"?\) format\("woff2"\)(?:,\s*url\([^)]*\) format\("woff"\))?/
  return {
    name: 'yehua:vant-icon-font-file',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vant[\\/]es[\\/]icon[\\/]index\.css$/.test(id)) return
      return code.replace(inlined, (_match, base64: string) => {
        const ref = this.emitFile({ type: 'asset', name: 'vant-icon.woff2', source: Buffer.from(base64, 'base64') })
        // Vite's CSS pipeline swaps this placeholder for the emitted file's hashed URL.
        return `url(__VITE_ASSET__${ref}__) format("woff2")`
      })
    },
  }
}

/**
 * What every page needs — the cadres' app and the villager page alike — in one long-cached chunk
 * that changes only when the packages are upgraded: Vue, vue-i18n and the i18n message compiler.
 */
const frameworkModules = /[\\/]node_modules[\\/](?:@vue|vue|vue-i18n|@intlify)[\\/]|[\\/]src[\\/]app[\\/]i18n[\\/]compiler\.ts$/
/** The cadres' app's own framework (routes, stores), in a chunk of its own: a villager never loads it. */
const appFrameworkPackages = /[\\/]node_modules[\\/](?:vue-router|pinia)[\\/]/

/**
 * vue-i18n 11 reads `getCurrentInstance` through `import * as Vue from 'vue'` with a computed key
 * (`key in Vue`), which forces bundlers to keep every export of Vue: 18 KB gzip of Vue that no
 * page uses (hydration, custom elements, …). Vue 3.5 has no `currentInstance` export, so the
 * lookup always ends in `Vue.getCurrentInstance()`; calling it directly is the same code, and
 * Vue is tree-shaken again. The build fails if a vue-i18n upgrade changes these lines.
 */
function vueI18nTreeShaking(): Plugin {
  const lookup = /if \(key in Vue\) \{\s*return Vue\[key\];\s*\}\s*else \{\s*return Vue\.getCurrentInstance\(\);\s*\}/
  return {
    name: 'yehua:vue-i18n-tree-shaking',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vue-i18n[\\/]dist[\\/]vue-i18n\.mjs(\?|$)/.test(id)) return null
      if (!lookup.test(code)) throw new Error('vue-i18n changed: check yehua:vue-i18n-tree-shaking in vite.config.ts')
      return { code: code.replace(lookup, 'return Vue.getCurrentInstance();'), map: null }
    },
  }
}

/**
 * The villager page's own service worker, `/v/sw.js` (scope `/v/`), built from
 * src/villager/sw.ts: it precaches exactly the files villager.html loads (listed here once the
 * bundle is known) and answers `/v/<code>` with that page offline. The cadres' worker
 * (vite-plugin-pwa) neither precaches these files nor answers for `/v/`.
 */
function villagerServiceWorker(): Plugin {
  const swFile = 'v/sw.js'
  return {
    name: 'yehua:villager-service-worker',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: fileURLToPath(new URL('./src/villager/sw.ts', import.meta.url)), fileName: swFile })
    },
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find(
        (file) => file.type === 'chunk' && file.isEntry && /[\\/]villager\.html$/.test(file.facadeModuleId ?? ''),
      )
      const sw = bundle[swFile]
      if (!entry || entry.type !== 'chunk' || !sw || sw.type !== 'chunk') throw new Error('villager entry or its service worker is missing')
      // vite-plugin-pwa links its manifest into every page; the villager page is not the cadres' app.
      const html = bundle['villager.html']
      if (html?.type === 'asset') html.source = String(html.source).replace(/\s*<link rel="manifest"[^>]*>/, '')
      const files = new Set<string>(['villager.html', 'pwa-192x192.png'])
      const visit = (name: string): void => {
        const chunk = bundle[name]
        if (!chunk || chunk.type !== 'chunk' || files.has(name)) return
        files.add(name)
        chunk.viteMetadata?.importedCss.forEach((css) => files.add(css))
        chunk.viteMetadata?.importedAssets.forEach((asset) => files.add(asset))
        // The English texts load when chosen; kept too, so the choice also works offline.
        ;[...chunk.imports, ...chunk.dynamicImports].forEach(visit)
      }
      visit(entry.fileName)
      const urls = [...files].sort().map((file) => `/${file}`)
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 12)
      if (!sw.code.includes('__VILLAGER_PRECACHE__')) throw new Error('src/villager/sw.ts must use __VILLAGER_PRECACHE__')
      sw.code = sw.code.replace(/__VILLAGER_PRECACHE__/g, JSON.stringify({ version, urls }))
    },
  }
}

export default defineConfig({
  resolve: { alias },
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    // Messages are compiled by src/app/i18n/compiler.ts (a tenth of the size of vue-i18n's own), so
    // vue-i18n's compiler and the legacy (Options) API are left out of the bundle.
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
    __INTLIFY_JIT_COMPILATION__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  plugins: [
    // Every component (ours and Vant's) uses setup(): the Options API code can go.
    vue({ features: { optionsAPI: false } }),
    Components({ resolvers: [VantResolver()], dts: false, dirs: [] }),
    vantIconFontFile(),
    vueI18nTreeShaking(),
    villagerServiceWorker(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon-180x180.png'],
      manifest: {
        id: '/',
        name: '乡村夜话',
        short_name: '夜话',
        description: '村里的夜话会：收集意见、开会议事、当场拍板、跟踪落实',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#1d5fd0',
        background_color: '#0c1a36',
        categories: ['productivity', 'government'],
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        // The villager page is not the cadres' app: its files stay out of this precache.
        // The report libraries (exceljs ~236 KB, ECharts ~182 KB gzip) are not precached: every
        // install, a cadre's cheap phone too, would download them for a page most never open. They
        // are cached the first time they load (below), so exports and charts work offline after.
        // So is the desk's statistics worker (~64 KB gzip): only a township's desk starts it.
        globIgnores: ['villager.html', 'v/**', 'assets/villager-*', 'assets/exceljs*', 'assets/charts-*', 'assets/statsFacts.worker-*'],
        navigateFallback: '/index.html',
        // Never answer an API call (or a link to one) with the app shell, nor a village's link
        // (`/v/<code>`, the villager page, which its own worker answers offline).
        navigateFallbackDenylist: [/^\/api(?:\/|$)/, /^\/v(?:\/|$)/],
        cleanupOutdatedCaches: true,
        // The first install takes control of the open page at once, so a phone enrolled on its
        // first visit works offline without a reload. Updates still wait for consent (no skipWaiting).
        clientsClaim: true,
        // /api goes to the network only; the app's data lives in IndexedDB. The one runtime cache
        // holds the report libraries left out of the precache (hashed names: never stale).
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /^\/assets\/(?:exceljs|charts-|statsFacts\.worker-)[^/]*\.js$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'yehua-reports', expiration: { maxEntries: 8 } },
          },
        ],
      },
    }),
  ],
  // The statistics' facts worker (src/app/components/reports/statsFacts.worker.ts) is a module.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Every browser we serve preloads modules itself; the polyfill was one more request per page.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Two pages: the cadres' app, and the villager page of `/v/<code>` (its own small entry).
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        villager: fileURLToPath(new URL('./villager.html', import.meta.url)),
      },
      output: {
        // Explicit compile hint (Chromium 136+): V8 compiles these chunks whole while they stream
        // in, off the main thread, instead of function by function on first call during startup.
        // Only the chunks every first screen runs: the framework and the entry.
        postBanner: (chunk) =>
          (chunk.isEntry && chunk.fileName !== 'v/sw.js') || chunk.name === 'framework' || chunk.name === 'app-framework'
            ? '//# allFunctionsCalledOnLoad'
            : '',
        // The villager page's lazy chunks carry its prefix, so the cadres' precache can leave them out.
        chunkFileNames: (chunk) =>
          /[\\/]src[\\/]villager[\\/]/.test(chunk.facadeModuleId ?? '') ? 'assets/villager-[name]-[hash].js' : 'assets/[name]-[hash].js',
        codeSplitting: {
          groups: [
            { name: 'framework', test: frameworkModules, priority: 3 },
            { name: 'app-framework', test: appFrameworkPackages, priority: 2 },
            { name: 'dexie', test: /[\\/]node_modules[\\/]dexie[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  preview: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'happy-dom',
          // happy-dom has no IndexedDB; components that read the device database get fake-indexeddb.
          setupFiles: ['fake-indexeddb/auto'],
          // Vant's style entry points import .css files, which only Vite (not Node) can load.
          server: { deps: { inline: ['vant'] } },
        },
      },
      {
        extends: true,
        test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Builds the app once per run into a folder of its own (or takes npm test's build).
          globalSetup: ['tests/e2e/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
