import './csp'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'vant/es/style/base.css'
import './styles/theme.css'
import './styles/base.css'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { ensureAllMessages, installMessageLoading } from './i18n/messages'
import { applyDocumentLocale, storedLocale } from './composables/locale'
import { installPwaUpdate } from './composables/pwaUpdate'
import { registerServiceWorker } from './composables/pwaRegister'
import { markServiceWorkerControl } from './composables/serviceWorker'
import { afterFirstScreen } from './composables/startup'
import { createAppRouter } from './router'

async function start(): Promise<void> {
  const locale = storedLocale()
  const i18n = createAppI18n({ locale })
  // zh-CN starts with its shell texts; another locale is loaded whole before the first screen.
  if (locale !== 'zh-CN') await ensureAllMessages(i18n.global, locale)
  applyDocumentLocale(locale)

  const app = createApp(App)
  app.use(createPinia())
  app.use(i18n)
  const router = createAppRouter()
  installMessageLoading(router, i18n.global)
  app.use(router)
  // Mount once the first page (a lazy chunk) is in: the shell and the page are laid out and
  // painted once, in a task of their own, instead of the shell first and the page again later.
  // Meanwhile index.html's placeholder shows. A failed first navigation still mounts the shell.
  await router.isReady().catch(() => undefined)
  app.mount('#app')

  if (import.meta.env.PROD) {
    markServiceWorkerControl()
    // The service worker (and workbox-window) waits until the first screen is up.
    void afterFirstScreen().then(() => installPwaUpdate(registerServiceWorker))
  }
}

void start()
