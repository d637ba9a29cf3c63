import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// renderer/ is the Vite root. base './' because the desktop app loads from app://ledger/ and
// browser mode from http://127.0.0.1:<port>/: relative asset URLs work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist-renderer',
    emptyOutDir: true,
    // Offline desktop app: one chunk per entry is fine, the size warning is noise here.
    chunkSizeWarningLimit: 4000,
  },
});
