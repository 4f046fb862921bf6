import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // The choice is kept in a cookie; the first visit follows the browser's languages.
      strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
    }),
    sveltekit({
      compilerOptions: { runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true) },
      adapter: adapter({ out: 'build' }),
      // Pages carry their own policy; Kit adds hashes for its inline bootstrap.
      csp: {
        mode: 'hash',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:'],
          'connect-src': ['self'],
          'frame-ancestors': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'object-src': ['none'],
        },
      },
    }),
  ],
  server: {
    // `npm run dev -w apps/web` talks to an API server started separately on port 3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
