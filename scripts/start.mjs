#!/usr/bin/env node
// `npm start`: build the PWA when dist/ is missing or older than its sources, then run the server.
// Signals are forwarded to the server and its exit code becomes ours.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = join(root, 'dist', 'index.html')
const sources = ['src/app', 'src/shared', 'public', 'index.html', 'vite.config.ts', 'package.json']

/** The newest modification time under a file or folder (0 if it does not exist). */
function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function needsBuild() {
  if (!existsSync(builtIndex)) return 'dist/index.html is missing'
  const builtAt = statSync(builtIndex).mtimeMs
  const stale = sources.find((source) => newestMtime(join(root, source)) > builtAt)
  return stale ? `${stale} changed since the last build` : null
}

/** Run a node script as a child; resolve with its exit code, forwarding SIGINT/SIGTERM to it. */
function run(args, label) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    // `npm start` killed with SIGTERM exits without passing the signal on: when our parent goes
    // away we are re-parented, and stop the child rather than leave a server running.
    const parent = process.ppid
    const orphanCheck = setInterval(() => process.ppid !== parent && forward('SIGTERM'), 1000)
    orphanCheck.unref()
    child.on('error', (error) => {
      console.error(`${label} could not start: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      clearInterval(orphanCheck)
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1))
    })
  })
}

const reason = needsBuild()
if (reason) {
  console.log(`Building the app (${reason}) …`)
  const code = await run([join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], 'vite build')
  if (code !== 0) process.exit(code)
}
process.exit(await run(['--import', 'tsx', join(root, 'src', 'server', 'index.ts')], 'the server'))
