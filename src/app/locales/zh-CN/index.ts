import app from './app'
import common from './common'
import enrol from './enrol'
import errors from './errors'
import escalation from './escalation'
import followup from './followup'
import ledger from './ledger'
import settings from './settings'
import suggestion from './suggestion'
import sync from './sync'

/** Simplified Chinese, the complete reference locale: every other locale must have the same keys. */
export default { app, common, enrol, errors, escalation, followup, ledger, settings, suggestion, sync }
