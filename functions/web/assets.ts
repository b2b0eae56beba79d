/**
 * The static files of the web pages. They are modules, not files on disk, so esbuild bundles
 * them into the Lambda like any code; `assetPath` adds a hash of the content, so a page always
 * loads the stylesheet and script of its own release and both can be cached for long.
 */
import { createHash } from 'node:crypto';
import { APP_CSS } from './assets/app-css.ts';
import { APP_JS } from './assets/app-js.ts';
import { PRINT_CSS } from './assets/print-css.ts';

export interface Asset {
  contentType: string;
  body: string;
  /** A short hash of the body: the `v` of the asset's URL and its ETag. */
  version: string;
}

const asset = (contentType: string, body: string): Asset => ({
  contentType,
  body,
  version: createHash('sha256').update(body).digest('hex').slice(0, 12),
});

export const ASSETS: Readonly<Record<string, Asset>> = {
  'app.css': asset('text/css; charset=utf-8', APP_CSS),
  'app.js': asset('text/javascript; charset=utf-8', APP_JS),
  // The printable dossier's layout on screen and on paper (functions/web/dossier-print.ts).
  'print.css': asset('text/css; charset=utf-8', PRINT_CSS),
  // Without an icon a browser asks for /favicon.ico, which no route serves.
  'icon.svg': asset(
    'image/svg+xml',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f4e79"/><path d="M4 8.5l2.5 2.5L12 5" stroke="#fff" stroke-width="2" fill="none"/></svg>',
  ),
};

export function assetPath(name: keyof typeof ASSETS & string): string {
  const found = ASSETS[name];
  if (!found) throw new Error(`no asset ${name}`);
  return `/static/${name}?v=${found.version}`;
}
