import { ref } from 'vue'
import type { StorageProblem } from './errors'

// These live apart from the database module so the first screen can show them without loading Dexie.

/** A problem that keeps the app from using its database at all (shown as a full-width notice). */
export const storageProblem = ref<StorageProblem | null>(null)
/** Another tab upgraded the database: this tab closed its copy and must reload. */
export const reloadRequired = ref(false)
