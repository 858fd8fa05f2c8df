/**
 * The browser test harness: a real server on a free port with a fresh data directory, and headless
 * Chromium phones with fresh profiles. Test files import everything from here.
 *
 * @example
 * const server = useServer()
 * const device = useDevice(server)
 * it('loads', async () => {
 *   await device().page.goto('/')
 *   await waitForServiceWorkerControl(device().page)
 * })
 */
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest'
import { launchDevice } from './support/browser'
import type { Device, LaunchOptions } from './support/browser'
import { screenshotIfFailed } from './support/failure'
import { startServer } from './support/server'
import type { RunningServer, StartServerOptions } from './support/server'

export { chromiumFlags, chromiumPath, goOffline, goOnline, launchDevice, waitForServiceWorkerControl } from './support/browser'
export type { Device, LaunchOptions } from './support/browser'
export { buildApp, buildIntoTempDir } from './support/build'
export { freshCode } from './support/codes'
export { enrolAs, enrolDesk } from './support/enrol'
export { coveredControls } from './support/covered'
export { expectVisible } from './support/visible'
export { say, unsent } from './support/messages'
export { screenshotIfFailed } from './support/failure'
export { codeFor, demoMember, freePort, startServer } from './support/server'
export type { DemoCode, RunningServer, StartServerOptions } from './support/server'

/** A getter for a value that only exists once a `beforeAll`/`beforeEach` hook has run. */
function lateBound<T>(what: string): { get: () => T; peek: () => T | undefined; set: (value: T | undefined) => void } {
  let value: T | undefined
  return {
    peek: () => value,
    get: () => {
      if (value === undefined) throw new Error(`${what} is not running: call it inside a test`)
      return value
    },
    set: (next) => (value = next),
  }
}

/**
 * Starts the server on the run's build (see global-setup.ts) before the file's tests and stops it
 * after them. Returns a getter for the running server.
 */
export function useServer(options: Partial<StartServerOptions> = {}): () => RunningServer {
  const server = lateBound<RunningServer>('the server')
  beforeAll(async () => {
    server.set(await startServer({ distDir: inject('e2eDistDir'), ...options }))
  })
  afterAll(async () => {
    await server.peek()?.stop()
    server.set(undefined)
  })
  return server.get
}

/**
 * A fresh phone (Chromium profile) for each test, pointed at the server; on failure saves a
 * screenshot into `test-results/` and prints the page errors, then closes the browser.
 */
export function useDevice(server: () => RunningServer, options: LaunchOptions = {}): () => Device {
  const device = lateBound<Device>('the device')
  beforeEach(async () => {
    device.set(await launchDevice({ baseURL: server().url, ...options }))
  })
  afterEach(async (context) => {
    const current = device.peek()
    if (!current) return
    const shot = await screenshotIfFailed(context, current.page)
    if (shot) {
      console.error(`screenshot: ${shot}`)
      if (current.errors.length > 0) console.error(`page errors:\n  ${current.errors.join('\n  ')}`)
      const ended = server().ended()
      if (ended) console.error(`the server had ended (${ended}); its last output:\n${server().output().slice(-3000)}`)
    }
    await current.close()
    device.set(undefined)
  })
  return device.get
}

/**
 * A second phone that a test opens when it needs one (the township's desk, another cadre): on
 * failure its screenshot and page errors are saved too, and it is closed after each test.
 *
 * @example
 * const township = useSecondDevice(server, 'township')
 * it('reaches the township', async () => {
 *   const desk = (await township.open()).page
 * })
 */
export function useSecondDevice(server: () => RunningServer, label = 'second phone'): { open: (options?: LaunchOptions) => Promise<Device> } {
  let current: Device | undefined
  afterEach(async (context) => {
    if (!current) return
    const shot = await screenshotIfFailed(context, current.page)
    if (shot) console.error(`${label} screenshot: ${shot}\n  ${current.errors.join('\n  ')}`)
    await current.close()
    current = undefined
  })
  return { open: async (options = {}) => (current = await launchDevice({ baseURL: server().url, ...options })) }
}
