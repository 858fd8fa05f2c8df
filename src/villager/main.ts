import { createApp } from 'vue'
import '../app/styles/theme.css'
import './styles/villager.css'
import VillagerApp from './VillagerApp.vue'
import { createVillagerI18n } from './i18n'
import { registerVillagerWorker } from './serviceWorker'
import { applyTheme } from './theme'

// The villager page of `/v/<village code>`: its own entry, with nothing of the cadres' app (no
// router, stores, IndexedDB library, component library or their service worker).
applyTheme()
// Chinese first; a phone that chose English switches once its kept state is read (VillagerApp).
createApp(VillagerApp).use(createVillagerI18n()).mount('#app')
if (import.meta.env.PROD) registerVillagerWorker()
