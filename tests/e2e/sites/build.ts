// Bundles the fixture sites from npm packages (no CDN) into tests/e2e/.sites-dist, once per E2E run.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';

const sitesDir = path.dirname(fileURLToPath(import.meta.url));
export const SITES_DIST = path.resolve(sitesDir, '../.sites-dist');

function bundle(input: Record<string, string>, extra: Pick<InlineConfig, 'resolve'> = {}): Promise<unknown> {
  return build({
    configFile: false,
    root: sitesDir,
    logLevel: 'warn',
    // Development React and Draft builds keep their warnings visible in the page console.
    define: { 'process.env.NODE_ENV': '"development"', global: 'globalThis' },
    ...extra,
    build: {
      outDir: SITES_DIST,
      emptyOutDir: false,
      minify: false,
      sourcemap: 'inline',
      rolldownOptions: {
        input,
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
}

export async function buildSites(): Promise<void> {
  await rm(SITES_DIST, { recursive: true, force: true });
  await mkdir(SITES_DIST, { recursive: true });
  await bundle({
    'linkedin-classic': path.join(sitesDir, 'linkedin/classic.ts'),
    'linkedin-sdui': path.join(sitesDir, 'linkedin/sdui.ts'),
    'linkedin-page-admin': path.join(sitesDir, 'linkedin/page-admin.ts'),
    'linkedin-article': path.join(sitesDir, 'linkedin/article.ts'),
  });
  // X's fixture brings its own React 18 (see x/package.json); everything it imports must use that copy.
  const xModules = path.join(sitesDir, 'x/node_modules');
  await bundle(
    { 'x-app': path.join(sitesDir, 'x/app.tsx') },
    {
      resolve: {
        alias: [
          { find: /^react$/, replacement: path.join(xModules, 'react/index.js') },
          { find: /^react\/(.*)$/, replacement: path.join(xModules, 'react/$1') },
          { find: /^react-dom$/, replacement: path.join(xModules, 'react-dom/index.js') },
          { find: /^react-dom\/(.*)$/, replacement: path.join(xModules, 'react-dom/$1') },
        ],
      },
    },
  );
  await copyFile(path.join(sitesDir, 'x/shell.css'), path.join(SITES_DIST, 'x-shell.css'));
}
