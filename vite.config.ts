import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

const CHUNKS: [string, RegExp][] = [
  ['react', /node_modules[\\/](react|react-dom|scheduler)[\\/]/],
  ['mantine', /node_modules[\\/]@mantine[\\/]/],
  ['i18n', /node_modules[\\/](i18next|react-i18next)[\\/]/],
  ['phone', /node_modules[\\/](libphonenumber-js|qrcode)[\\/]/],
];

/**
 * The renderer: sources in src-renderer/, built to dist/renderer with relative asset URLs, so the same files are
 * served by web mode at `/` and by the desktop window's `app://` protocol.
 */
export default defineConfig({
  root: path.join(root, 'src-renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached across app updates.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          const group = CHUNKS.find(([, pattern]) => pattern.test(id));
          return group ? group[0] : 'vendor';
        },
      },
    },
  },
  server: {
    fs: { allow: [root] },
  },
});
