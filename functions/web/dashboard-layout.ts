/**
 * The frame of every dashboard page: who is signed in, the sign-out form, the title, and the
 * refusal page. Its own module, so a handler that may only have to refuse (every page handler,
 * through api/page-http.ts) does not carry the dashboard's pages and the mail previews with it.
 */
import type { Locale } from '#core/model.ts';
import type { Principal } from '#shared/auth.ts';
import { roleKey, translator } from '#shared/i18n/catalogue.ts';
import { dashboardMessages } from '#shared/i18n/dashboard.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import { webMessages } from '#shared/i18n/web.ts';
import { html, type Child, type Html } from './html.ts';
import { layout } from './layout.ts';

const t = /* @__PURE__ */ translator(dashboardMessages, webMessages, labelMessages);

export interface Session {
  principal: Principal;
  csrf: string;
}

export const csrfField = (session: Session): Html =>
  html`<input type="hidden" name="csrf" value="${session.csrf}" />`;

export function userBar(locale: Locale, session: Session): Html {
  return html`<div class="user">
    <span
      >${t(locale, 'dash.signedInAs', {
        email: session.principal.email,
        role: t(locale, roleKey(session.principal.role)),
      })}</span
    >
    <form method="post" action="/sign-out">
      ${csrfField(session)}<button type="submit">${t(locale, 'dash.signOut')}</button>
    </form>
  </div>`;
}

export function dashboardLayout(locale: Locale, session: Session, title: string, main: Child): string {
  return layout({
    locale,
    title: `${title} – ${t(locale, 'web.brand')}`,
    main,
    header: userBar(locale, session),
    homeHref: '/',
  });
}

/** A refusal on the dashboard (403, 404, a stale form). */
export function renderDashboardMessage(
  locale: Locale,
  session: Session | undefined,
  message: string,
): string {
  const main = html`<div class="narrow">
    <div class="notice warning">
      <h1>${t(locale, 'web.error.title')}</h1>
      <p>${message}</p>
      <p><a href="/">${t(locale, 'dash.back')}</a></p>
    </div>
  </div>`;
  return session
    ? dashboardLayout(locale, session, t(locale, 'web.error.title'), main)
    : layout({ locale, title: t(locale, 'web.error.title'), main, homeHref: '/' });
}
