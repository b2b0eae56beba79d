/**
 * The frame of every page: language, viewport, the stylesheet and the one script (both served
 * from /static/, since the Content-Security-Policy allows no inline code), a skip link and a
 * header. The script only enhances: every page works without it.
 */
import type { Locale } from '#core/model.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { webMessages } from '#shared/i18n/web.ts';
import { html, type Child, type Html } from './html.ts';
import { assetPath } from './assets.ts';

const t = /* @__PURE__ */ translator(webMessages);

export interface LayoutOptions {
  locale: Locale;
  title: string;
  /** The page's content, inside `<main>`. */
  main: Child;
  /** Shown at the right of the header (the dashboard's user and sign-out). */
  header?: Child;
  /** Where the brand in the header leads; plain text when absent (an action page has no home). */
  homeHref?: string;
  /** Stylesheets after app.css, from /static/ (the printable dossier adds print.css). */
  stylesheets?: readonly string[];
}

export function layout({ locale, title, main, header, homeHref, stylesheets = [] }: LayoutOptions): string {
  const brand = t(locale, 'web.brand');
  const page: Html = html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        <link rel="icon" href="${assetPath('icon.svg')}" type="image/svg+xml" />
        <link rel="stylesheet" href="${assetPath('app.css')}" />
        ${stylesheets.map((name) => html`<link rel="stylesheet" href="${assetPath(name)}" />`)}
        <script src="${assetPath('app.js')}" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${t(locale, 'web.skip')}</a>
        <header class="top">
          <div class="top-inner">
            ${
              homeHref
                ? html`<a class="brand" href="${homeHref}">${brand}</a>`
                : html`<span class="brand">${brand}</span>`
            }${header}
          </div>
        </header>
        <main id="main" tabindex="-1">${main}</main>
      </body>
    </html> `;
  return page.value;
}
