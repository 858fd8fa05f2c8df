import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** What the fake build holds, so tests can compare bodies. */
export const fakeDist = {
  indexHtml: '<!doctype html><html lang="zh-CN"><head><title>乡村夜话</title></head><body><div id="app"></div><script type="module" src="/assets/index-B2x9QkLm.js"></script></body></html>\n',
  entryJs: `console.log(${JSON.stringify('乡村夜话 '.repeat(400))})\n`,
  manifest: JSON.stringify({ name: '乡村夜话', short_name: '夜话', start_url: '/', display: 'standalone' }),
  sw: 'self.addEventListener("fetch", () => {})\n',
}

/** A tiny stand-in for `vite build` output in a temp folder. */
export function makeFakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yehua-dist-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), fakeDist.indexHtml)
  writeFileSync(join(dir, 'assets', 'index-B2x9QkLm.js'), fakeDist.entryJs)
  writeFileSync(join(dir, 'assets', 'index-D8fPq1aZ.css'), 'body{margin:0}\n')
  writeFileSync(join(dir, 'manifest.webmanifest'), fakeDist.manifest)
  writeFileSync(join(dir, 'sw.js'), fakeDist.sw)
  writeFileSync(join(dir, 'registerSW.js'), 'navigator.serviceWorker.register("/sw.js")\n')
  writeFileSync(join(dir, 'workbox-5a8b1c2d.js'), 'self.workbox = {}\n')
  writeFileSync(join(dir, 'icon-192.png'), Buffer.from('89504e470d0a1a0a', 'hex'))
  return dir
}
