import { onScopeDispose, ref, type Ref } from 'vue'

/**
 * Whether a CSS media query matches, kept up to date (false where matchMedia is missing).
 *
 * @example
 * const wide = useMediaQuery('(min-width: 1024px)')
 */
export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const media = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query) : null
  const matches = ref(media?.matches ?? false)
  const onChange = (event: MediaQueryListEvent) => {
    matches.value = event.matches
  }
  media?.addEventListener('change', onChange)
  onScopeDispose(() => media?.removeEventListener('change', onChange))
  return matches
}
