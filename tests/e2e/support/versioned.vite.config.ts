// The app's own build with another version number (`YEHUA_TEST_VERSION`): a second release of the
// same code, so that a browser test can serve build A, then build B, and watch a real update.
import { mergeConfig } from 'vite'
import base from '../../../vite.config'

const version = process.env.YEHUA_TEST_VERSION
if (!version) throw new Error('YEHUA_TEST_VERSION is not set')

export default mergeConfig(base, { define: { __APP_VERSION__: JSON.stringify(version) } })
