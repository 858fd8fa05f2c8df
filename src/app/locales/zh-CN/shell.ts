import app from './app'
import common from './common'
import enrol from './enrol'
import errors from './errors'
import sync from './sync'

/**
 * What the app shell (top bar, tabs, notices) and the enrol page say: bundled with the first
 * screen. The other domains load with the first page that needs them (`src/app/i18n/messages.ts`).
 */
export default { app, common, enrol, errors, sync }
