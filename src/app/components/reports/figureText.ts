import type { StatsColumn, StatsFigures } from '@shared/desk/stats'
import { shareColumns } from '@shared/desk/stats'

type Translate = (key: string, named?: Record<string, unknown>) => string

const oneDecimal = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

/** A figure as the page shows it: shares as percentages, days and stars with one decimal, — for none. */
export function figureText(t: Translate, column: StatsColumn, figures: StatsFigures): string {
  const value = figures[column]
  if (value === null) return t('reports.figures.none')
  if (shareColumns.has(column)) return `${oneDecimal(Math.round(value * 1000) / 10)}%`
  if (column === 'decisionDays' || column === 'escalationDays') return t('reports.figures.days', { n: oneDecimal(value) })
  if (column === 'ratingMean') return t('reports.figures.stars', { n: oneDecimal(value) })
  return String(value)
}
