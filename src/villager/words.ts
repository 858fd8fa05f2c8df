import { useI18n } from 'vue-i18n'
import type { VillagerStep } from '@shared/villager/status'
import { dayOf, stepWords } from './format'

/**
 * The page's words for what the server answers: a refusal's code, an item's step and its date.
 *
 * @example
 * const words = useWords()
 * words.problem('voice_too_large') // '录音太大了（最多 1 MB），请删掉重录短一点'
 */
export function useWords() {
  const { t, te } = useI18n()
  return {
    /** A refusal in words; a code the page has no words for is named, never dropped. */
    problem: (code: string | null, minutes = 1): string =>
      code && te(`problem.${code}`) ? t(`problem.${code}`, { minutes }) : t('problem.unknown', { code: code ?? '?' }),
    step: (step: VillagerStep): string => stepWords(step, t),
    /** "12月5日", or nothing for an undated step. */
    stepDate: (step: VillagerStep): string => (step.at ? dayOf(step.at, t) : ''),
  }
}
