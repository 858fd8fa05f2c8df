// Preloaded into the server (`NODE_OPTIONS=--import …`) by `bench:sync --cpu-prof DIR`: Node
// refuses `--cpu-prof` in NODE_OPTIONS, so this runs the V8 profiler through the inspector and
// writes `DIR/server-<pid>.cpuprofile` (open it in Chrome DevTools) when the process is stopped.
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import path from 'node:path'

const dir = process.env.BENCH_CPU_PROFILE_DIR
if (dir) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.setSamplingInterval', { interval: 1000 })
  session.post('Profiler.start')
  let written = false
  // A main-thread inspector session answers synchronously, so this also works inside 'exit'.
  const write = () => {
    if (written) return
    written = true
    session.post('Profiler.stop', (error, result) => {
      if (error) console.error(`cpu profile not written: ${error.message}`)
      else writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
    })
  }
  // At SIGTERM, not only at exit: tsx's parent process SIGKILLs a child that is slow to answer
  // its relayed signal, and a killed process never reaches 'exit'.
  process.on('SIGTERM', write)
  process.on('exit', write)
}
