/**
 * GET /actions/{token} (public; the token is the credential): what the link is for and whether
 * it can still be answered, as JSON or, for a browser, as a page in the trajectory's language.
 *
 * Reads only. Mail scanners and link previews open every link in a mail before its recipient
 * does; a GET that recorded anything (a "seen" mark, a spent link) would be acted on by them.
 */
import { clock } from '#adapters/clock.ts';
import { createDraftsFromEnv } from '#adapters/dynamo-drafts.ts';
import { taskFileRecordsFromEnv } from '#adapters/files-from-env.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import type { Drafts } from '#core/ports.ts';
import { findAction, type GetActionDeps } from '#usecases/action-link.ts';
import { openDraft } from '#usecases/drafts.ts';
import { actionApi } from './action-http.ts';
import { attachmentsFor, renderActionPage } from './action-page-outcomes.ts';

export const getActionHandler = (deps: GetActionDeps & { drafts?: Drafts }) =>
  actionApi({}, async ({ token, html, setLocale }) => {
    const { view, noResponse } = await findAction(deps, token);
    setLocale(view.locale);
    if (!html) return { type: 'json', statusCode: 200, body: view };
    const [attachments, draft] = await Promise.all([
      attachmentsFor(deps.files, view),
      // The task's saved draft, if any: the form opens with it (it wins over a revision's prefill).
      openDraft(deps.drafts, view),
    ]);
    return {
      type: 'html',
      statusCode: 200,
      html: renderActionPage(view, {
        noResponse,
        ...(attachments && { attachments }),
        ...(draft && { values: draft.fields, draftSavedAt: draft.savedAt }),
      }),
    };
  });

export const handler = getActionHandler({
  repository: createRepositoryFromEnv(),
  clock,
  drafts: createDraftsFromEnv(),
  files: taskFileRecordsFromEnv(),
});
