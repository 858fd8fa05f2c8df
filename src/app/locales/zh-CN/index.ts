import app from './app'
import attachment from './attachment'
import common from './common'
import enrol from './enrol'
import errors from './errors'
import escalation from './escalation'
import followup from './followup'
import ledger from './ledger'
import meeting from './meeting'
import minutes from './minutes'
import reports from './reports'
import run from './run'
import settings from './settings'
import suggestion from './suggestion'
import sync from './sync'
import triage from './triage'

/** Simplified Chinese, the complete reference locale: every other locale must have the same keys. */
export default { app, attachment, common, enrol, errors, escalation, followup, ledger, meeting, minutes, reports, run, settings, suggestion, sync, triage }
