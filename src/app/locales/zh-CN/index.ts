import app from './app'
import attachment from './attachment'
import common from './common'
import desk from './desk'
import enrol from './enrol'
import errors from './errors'
import escalation from './escalation'
import followup from './followup'
import ledger from './ledger'
import meeting from './meeting'
import minutes from './minutes'
import run from './run'
import settings from './settings'
import suggestion from './suggestion'
import sync from './sync'
import triage from './triage'

/** Simplified Chinese, the complete reference locale: every other locale must have the same keys. */
export default { app, attachment, common, desk, enrol, errors, escalation, followup, ledger, meeting, minutes, run, settings, suggestion, sync, triage }
