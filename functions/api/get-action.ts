/**
 * GET /actions/{token} (public; the token is the credential): what the link is for and whether
 * it can still be answered, as JSON or, for a browser, as a page in the trajectory's language.
 *
 * Reads only. Mail scanners and link previews open every link in a mail before its recipient
 * does; a GET that recorded anything (a "seen" mark, a spent link) would be acted on by them.
 */
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { findAction, type GetActionDeps } from '#usecases/action-link.ts';
import { actionApi } from './action-http.ts';
import { renderActionPage } from './action-page.ts';

export const getActionHandler = (deps: GetActionDeps) =>
  actionApi({}, async ({ token, html, setLocale }) => {
    const { view, noResponse } = await findAction(deps, token);
    setLocale(view.locale);
    return html
      ? { type: 'html', statusCode: 200, html: renderActionPage(view, { noResponse }) }
      : { type: 'json', statusCode: 200, body: view };
  });

export const handler = getActionHandler({ repository: createRepositoryFromEnv() });
