import app from './app'
import common from './common'
import enrol from './enrol'
import errors from './errors'
import escalation from './escalation'
import followup from './followup'
import ledger from './ledger'
import meeting from './meeting'
import settings from './settings'
import suggestion from './suggestion'
import sync from './sync'
import triage from './triage'

/** Simplified Chinese, the complete reference locale: every other locale must have the same keys. */
export default { app, common, enrol, errors, escalation, followup, ledger, meeting, settings, suggestion, sync, triage }
