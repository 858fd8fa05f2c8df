import { createApp } from 'vue'
import '../app/styles/theme.css'
import './styles/villager.css'
import VillagerApp from './VillagerApp.vue'
import { createVillagerI18n, storedVillagerLocale, switchLocale } from './i18n'
import { registerVillagerWorker } from './serviceWorker'
import { applyTheme } from './theme'

// The villager page of `/v/<village code>`: its own entry, with nothing of the cadres' app (no
// router, stores, IndexedDB library, component library or their service worker).
async function start(): Promise<void> {
  applyTheme()
  const i18n = createVillagerI18n()
  const locale = storedVillagerLocale()
  // English loads before the first paint when chosen; without signal the page stays in Chinese.
  if (locale !== 'zh-CN') await switchLocale(i18n.global, locale).catch(() => undefined)
  createApp(VillagerApp).use(i18n).mount('#app')
  if (import.meta.env.PROD) registerVillagerWorker()
}

void start()
