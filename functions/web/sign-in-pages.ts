/**
 * What a person sees when the dashboard's sign-in cannot go on: sign-in is not set up in this
 * environment, or an attempt through the Cognito Hosted UI failed. Pure renderers, no session
 * (nobody is signed in yet).
 */
import type { Locale } from '#core/model.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { signInMessages } from '#shared/i18n/sign-in.ts';
import { webMessages } from '#shared/i18n/web.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';

const t = /* @__PURE__ */ translator(signInMessages, webMessages);
type MessageKey = Parameters<typeof t>[1];

export const SIGN_IN_PROBLEMS = {
  notConfigured: 'signIn.notConfigured.body',
  refused: 'signIn.refused.body',
  failed: 'signIn.failed.body',
  state: 'signIn.state.body',
  exchange: 'signIn.exchange.body',
  token: 'signIn.token.body',
  noRole: 'signIn.noRole.body',
} as const satisfies Record<string, MessageKey>;

export type SignInProblem = keyof typeof SIGN_IN_PROBLEMS;

export function renderSignInProblem(locale: Locale, problem: SignInProblem): string {
  const notConfigured = problem === 'notConfigured';
  const title = t(locale, notConfigured ? 'signIn.notConfigured.title' : 'signIn.problem.title');
  const main = html`<div class="narrow">
    <div class="notice warning" data-problem="${problem}">
      <h1>${title}</h1>
      <p>${t(locale, SIGN_IN_PROBLEMS[problem])}</p>
      ${notConfigured ? '' : html`<p><a href="/sign-in">${t(locale, 'signIn.retry')}</a></p>`}
    </div>
  </div>`;
  return layout({ locale, title: `${title} – ${t(locale, 'web.brand')}`, main });
}
