// Deep imports of the per-year JSON only: the package's main entry bundles lunar-calendar code
// the client does not need. Add a year here when chinese-days publishes it (and the package is
// bumped); until then an administrator can add it at run time with `addYear`. Trusted as it is
// (a test checks every bundled year against `yearData`): the first screen does not load zod.
import y2024 from 'chinese-days/dist/years/2024.json' with { type: 'json' }
import y2025 from 'chinese-days/dist/years/2025.json' with { type: 'json' }
import y2026 from 'chinese-days/dist/years/2026.json' with { type: 'json' }
import { weekendsOnly, withYears } from './calendar'

/** Years whose data ships with the app. */
export const bundledYears = [2024, 2025, 2026] as const

/** The calendar with the bundled years (2024–2026). */
export const defaultCalendar = withYears(weekendsOnly, [
  { year: 2024, ...y2024 },
  { year: 2025, ...y2025 },
  { year: 2026, ...y2026 },
])
