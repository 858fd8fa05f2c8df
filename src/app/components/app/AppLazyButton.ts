import { defineAsyncComponent } from 'vue'

/**
 * Vant's Button, fetched with its stylesheets (and the icon and loading ones they pull in) the
 * first time one is drawn. The shell's notices rarely show a button, so the first screen of the
 * app does not download, parse and match those rules for nothing.
 */
export const AppLazyButton = defineAsyncComponent(async () => {
  const [{ Button }] = await Promise.all([import('vant/es/button/index'), import('vant/es/button/style/index')])
  return Button
})
