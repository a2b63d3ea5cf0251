import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Built into `dist/`, which the server serves at `/` (hashed files under `/assets/`). `npm run dev -w
 * @hookflow/console` serves the app with hot reload and forwards the API to a running server
 * (HOOKFLOW_CONSOLE_API, default http://localhost:3000).
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline script or data: module under the server's CSP.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': process.env.HOOKFLOW_CONSOLE_API ?? 'http://localhost:3000' },
  },
});
