import type { ExportWords } from '@shared/desk/exportRows'
import { ledgerColumnKeys } from '@shared/desk/exportRows'
import { statsColumns } from '@shared/desk/stats'
// Loaded with the export (records.ts brings zod): not on the statistics page's first paint.
import { ratingOutcomes, suggestionCategories, suggestionSources, suggestionStatuses } from '@shared/records'

type Translate = (key: string, named?: Record<string, unknown>) => string

const each = <K extends string>(keys: readonly K[], word: (key: K) => string) =>
  Object.fromEntries(keys.map((key) => [key, word(key)])) as Record<K, string>

/** The words of an export in the person's language (the headers are the township's 台账 columns in zh-CN). */
export function exportWords(t: Translate): ExportWords {
  return {
    ledgerSheet: t('reports.export.ledgerSheet'),
    statsSheet: t('reports.export.statsSheet'),
    headers: each(ledgerColumnKeys, (key) => t(`reports.export.headers.${key}`)),
    statsHeaders: { ...each(statsColumns, (key) => t(`reports.figures.${key}`)), village: t('reports.table.village') },
    total: t('reports.table.total'),
    status: each(suggestionStatuses, (key) => t(`suggestion.status.${key}`)),
    source: each(suggestionSources, (key) => t(`suggestion.source.${key}`)),
    category: each(suggestionCategories, (key) => t(`suggestion.category.${key}`)),
    outcome: each(ratingOutcomes, (key) => t(`followup.outcome.${key}`)),
    stars: (n) => t('reports.export.stars', { n }),
    yes: t('reports.export.yes'),
    no: t('reports.export.no'),
    separator: t('reports.export.separator'),
  }
}
