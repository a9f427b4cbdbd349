// Bundles the web application's styles (with the Roboto fonts) and scripts into dist/, which the
// service's build copies to its wwwroot/dist. Everything comes from the pinned packages of
// package-lock.json: the service serves it itself, no CDN.
import { copyFileSync, mkdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: {
    app: 'src/app.css',
    diagrama: 'src/diagrama.js',
    disenador: 'src/disenador.js',
    plantilla: 'src/plantilla.js',
    versiones: 'src/versiones/versiones.js',
  },
  bundle: true,
  minify: true,
  sourcemap: false,
  outdir: 'dist',
  format: 'iife',
  target: ['chrome120', 'firefox120', 'safari16'],
  loader: { '.woff2': 'file', '.woff': 'file', '.eot': 'file', '.ttf': 'file', '.svg': 'file' },
  assetNames: 'fuentes/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});

// Files served as they are.
mkdirSync('dist', { recursive: true });
copyFileSync('src/favicon.svg', 'dist/favicon.svg');
