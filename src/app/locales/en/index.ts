import type { MessageSchema } from '../index'
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

export default { app, common, enrol, errors, escalation, followup, ledger, settings, suggestion, sync } satisfies MessageSchema
