import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

/**
 * Three bundles: main (the Electron shell, plus the CLI and web host that share its services),
 * preload (the bridge, sandboxed, so bundled as one CommonJS file) and the Vue renderer.
 */
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // Run as a separate process at first start (see store/electron-rebuild.ts), never bundled.
        external: ['@electron/rebuild'],
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
          'train-worker': resolve(__dirname, 'src/main/runner/train-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [vue()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    }
  }
})
