import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Dev/preview proxy for the API. `src/web/api/*.ts` is also served under `/api/` in dev, so
 * module requests (`/api/client.ts?...`) must stay with Vite; everything else goes to Fastify.
 */
const apiProxy = {
  '^/api/(?!.*\\.(?:ts|tsx|js|css)(?:\\?.*)?$)': { target: 'http://localhost:3000', changeOrigin: false },
};

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * The browser app. Every page is a lazy route (src/web/app/router.tsx), so a member on a cheap
 * phone downloads the shell and the profile page only; React and the router go into one
 * long-cached vendor chunk.
 */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, proxy: apiProxy },
  preview: { proxy: apiProxy },
});
