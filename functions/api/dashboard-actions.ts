/**
 * The dashboard's forms (HTML, session cookie, CSRF token). HR's: start a trajectory, cancel one,
 * move a task's deadline, pause one for illness and resume it, ask for a change of the plan, each
 * running the same use case as its JSON route (create-trajectory, cancel-trajectory, extend-task,
 * pause-trajectory, resume-trajectory, request-plan-change), and mail the employee a new link to
 * their own copy or revoke every link sent (employee-copy). Everyone's: answer a task that waits for them, through the same use case as
 * the mailed link (functions/usecases/answer-task.ts). Each answers with a redirect
 * (post/redirect/get), or with the form again and its field errors. Starting and cancelling
 * take two steps: a valid form is first answered with a page that shows what will be mailed,
 * and only the same fields sent again with `confirm` act.
 */
import { randomUUID } from 'node:crypto';
import { cancelTrajectoryBody, extendTaskBody } from '#core/actions.ts';
import type { MailLedger } from '#core/outbox.ts';
import { MAX_DRAFT_BYTES } from '#core/drafts.ts';
import { pauseTrajectoryBody } from '#core/pause.ts';
import { planChangeBody } from '#core/plan-change.ts';
import type {
  Clock,
  Drafts,
  Mailer,
  PauseTokens,
  TrajectoryRepository,
  WorkflowClient,
} from '#core/ports.ts';
import { createTrajectoryBody, parseBody } from '#core/schemas.ts';
import { clock } from '#adapters/clock.ts';
import { createDraftsFromEnv } from '#adapters/dynamo-drafts.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createPauseTokensFromEnv } from '#adapters/dynamo-pause-tokens.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import {
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  StateConflictError,
  ValidationError,
} from '#shared/errors.ts';
import { config } from '#shared/env.ts';
import { PayloadTooLargeError, pathParam } from '#shared/http.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { draftMessages } from '#shared/i18n/drafts.ts';
import { httpMessages } from '#shared/i18n/http.ts';
import { pauseMessages } from '#shared/i18n/pause.ts';
import { planChangeMessages } from '#shared/i18n/plan-change.ts';
import { answerTask } from '#usecases/answer-task.ts';
import { saveDraft } from '#usecases/drafts.ts';
import { cancelTrajectory } from '#usecases/cancel-trajectory.ts';
import { createTrajectory } from '#usecases/create-trajectory.ts';
import { extendTask } from '#usecases/extend-task.ts';
import {
  CopyNotMailedError,
  issueEmployeeCopy,
  revokeEmployeeCopies,
  type CopySettings,
} from '#usecases/employee-copy.ts';
import { pauseTrajectory } from '#usecases/pause-trajectory.ts';
import { requestPlanChange } from '#usecases/request-plan-change.ts';
import { resumeTrajectory } from '#usecases/resume-trajectory.ts';
import { signedInTask, signedInView } from '#usecases/signed-in-task.ts';
import {
  renderCancelConfirmPage,
  renderDossierPage,
  renderStartConfirmPage,
  renderStartPage,
  renderTaskPage,
  taskHref,
  type DossierPageOptions,
} from '#web/dashboard-pages.ts';
import { COPY_NOTICE_QUERY } from '#web/copy-section.ts';
import { PAUSE_REASON_FIELD } from '#web/pause-section.ts';
import { PLAN_CHANGE_REASON_FIELD } from '#web/plan-change-section.ts';
import { formToBody } from './action-http.ts';
import { checkForm, formFields, page, pageApi, redirect, type PageRequest } from './page-http.ts';
import { checkIdempotencyKey } from '#core/idempotency-key.ts';

export interface DashboardActionsDeps {
  repository: TrajectoryRepository;
  workflow: WorkflowClient;
  mailer: Mailer;
  ledger: MailLedger;
  /** Where the workflow asleep during a pause left its token (resume). */
  pauseTokens: PauseTokens;
  clock: Clock;
  /** The long forms' drafts: kept on request, deleted with the answer. */
  drafts?: Drafts;
  /** The employee's copy link: the public base URL, how long it works, how long the dossier is kept. */
  copy?: CopySettings;
}

const tDraft = /* @__PURE__ */ translator(draftMessages);
const tChange = /* @__PURE__ */ translator(planChangeMessages, pauseMessages);
const tHttp = /* @__PURE__ */ translator(httpMessages);

/** The catalogue's words for a refused change of the plan, shown at the reason on the page. */
const refusalKey = (code: string) =>
  code === 'paused' || code === 'plan_change_open' || code === 'plan_not_acknowledged'
    ? (`error.${code}` as const)
    : 'error.not_active';

const SCHEDULE_NUMBERS = ['termWeeks', 'followUpEveryDays'];
const PEOPLE = ['employee', 'manager', 'hrAdvisor'];

/** The fields of the start form that are the trajectory's; the rest steer the form itself. */
const FORM_CONTROLS = new Set(['csrf', 'confirm', 'edit', 'startKey']);
const startFields = (fields: URLSearchParams): [string, string][] =>
  [...fields].filter(([name]) => !FORM_CONTROLS.has(name));

/**
 * The start form as the body of `POST /trajectories` (numbers are text in a form). A person
 * left blank is an empty person rather than none, so each missing field is named on its own.
 */
function startBody(fields: URLSearchParams, locale: 'nl' | 'en'): Record<string, unknown> {
  const kept = new URLSearchParams(startFields(fields));
  const body = formToBody(kept.toString(), locale);
  for (const role of PEOPLE) body[role] ??= {};
  const schedule = body.schedule as Record<string, unknown> | undefined;
  if (schedule) {
    for (const key of SCHEDULE_NUMBERS) {
      const value = schedule[key];
      if (typeof value === 'string' && /^\s*\d{1,4}\s*$/.test(value)) schedule[key] = Number(value);
    }
  }
  return body;
}

export const dashboardActionsHandler = (deps: DashboardActionsDeps) =>
  pageApi(async (request) => {
    const { event, locale, session } = request;
    const fields = formFields(event);
    checkForm(request, fields);
    if (event.routeKey === 'POST /dossiers/{id}/tasks/{taskId}') return answer(deps, request, fields);
    if (event.routeKey === 'POST /dossiers/{id}/tasks/{taskId}/draft')
      return keepDraft(deps, request, fields);
    if (session.principal.role !== 'hr') throw new ForbiddenError('forbidden');
    switch (event.routeKey) {
      case 'POST /start': {
        let body: Record<string, unknown> = {};
        try {
          body = startBody(fields, locale);
          // Back from the confirmation step to the form, with everything as it was typed.
          if (fields.get('edit')) return page(renderStartPage(locale, session, body));
          const parsed = parseBody(createTrajectoryBody, body, locale);
          if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
          // Nothing starts and nobody is mailed until HR has seen what will be sent.
          if (fields.get('confirm') !== '1') {
            const confirm = renderStartConfirmPage(
              locale,
              session,
              parsed.value,
              startFields(fields),
              randomUUID(),
              deps.clock.now(),
            );
            return page(confirm);
          }
          const startKey = fields.get('startKey');
          const { trajectory } = await createTrajectory(deps, {
            input: parsed.value,
            principal: session.principal,
            // A second click on "confirm" starts the same trajectory, not another one.
            ...(startKey ? { idempotencyKey: checkIdempotencyKey(startKey, locale) } : {}),
          });
          return redirect(`/dossiers/${trajectory.id}`);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return page(renderStartPage(locale, session, body, error.fieldErrors), 400);
        }
      }
      case 'POST /dossiers/{id}/cancel': {
        const id = pathParam(event, 'id');
        // A note left empty is no note: the field is optional on the form as in the JSON body.
        const note = fields.get('internalNote')?.trim();
        const body = { reason: fields.get('reason') ?? '', ...(note ? { internalNote: note } : {}) };
        const parsed = parseBody(cancelTrajectoryBody, body, locale);
        if (!parsed.ok) return refused(deps, request, id, parsed.fieldErrors);
        // First what will be mailed and what stays internal; the cancel only once HR confirms.
        if (fields.get('confirm') !== '1') {
          const trajectory = await deps.repository.getTrajectory(id);
          if (!trajectory) throw new NotFoundError('trajectory');
          if (trajectory.status !== 'active') throw new ConflictError('trajectory already closed');
          return page(renderCancelConfirmPage(locale, session, trajectory, parsed.value));
        }
        await cancelTrajectory(deps, { id, ...parsed.value });
        return redirect(`/dossiers/${id}`);
      }
      case 'POST /dossiers/{id}/pause': {
        const id = pathParam(event, 'id');
        const reason = fields.get(PAUSE_REASON_FIELD) ?? '';
        const parsed = parseBody(pauseTrajectoryBody, { reason }, locale);
        if (!parsed.ok) {
          const errors = parsed.fieldErrors.map((error) => ({ ...error, path: PAUSE_REASON_FIELD }));
          return refused(deps, request, id, errors);
        }
        await pauseTrajectory(deps, { id, reason: parsed.value.reason });
        return redirect(`/dossiers/${id}`);
      }
      case 'POST /dossiers/{id}/plan-change': {
        const id = pathParam(event, 'id');
        const reason = fields.get(PLAN_CHANGE_REASON_FIELD) ?? '';
        const onReason = (errors: readonly { message: string }[]) =>
          refused(
            deps,
            request,
            id,
            errors.map(({ message }) => ({ path: PLAN_CHANGE_REASON_FIELD, message })),
          );
        const parsed = parseBody(planChangeBody, { reason }, locale);
        if (!parsed.ok) return onReason(parsed.fieldErrors);
        try {
          // A second click with the same reason finds the task the first one opened.
          await requestPlanChange(deps, { id, body: parsed.value });
        } catch (error) {
          if (!(error instanceof StateConflictError)) throw error;
          return onReason([{ message: tChange(locale, refusalKey(error.code)) }]);
        }
        return redirect(`/dossiers/${id}`);
      }
      case 'POST /dossiers/{id}/resume': {
        const id = pathParam(event, 'id');
        await resumeTrajectory(deps, { id });
        return redirect(`/dossiers/${id}`);
      }
      case 'POST /dossiers/{id}/employee-copy': {
        const id = pathParam(event, 'id');
        if (!deps.copy) throw new NotFoundError('no copy links');
        try {
          await issueEmployeeCopy({ ...deps, settings: deps.copy }, id);
        } catch (error) {
          if (!(error instanceof CopyNotMailedError)) throw error;
          // The dossier page itself, with what happened on top and the withdrawal in its timeline.
          const message = tHttp(locale, 'error.copy_not_mailed');
          return dossierPage(deps, request, id, error.statusCode, { message });
        }
        return redirect(`/dossiers/${id}?${COPY_NOTICE_QUERY}=issued#employee-copy`);
      }
      case 'POST /dossiers/{id}/employee-copy/revoke': {
        const id = pathParam(event, 'id');
        await revokeEmployeeCopies(deps, id);
        return redirect(`/dossiers/${id}?${COPY_NOTICE_QUERY}=revoked#employee-copy`);
      }
      default: {
        const id = pathParam(event, 'id');
        const taskId = pathParam(event, 'taskId');
        const days = Number(fields.get(`days[${taskId}]`) ?? fields.get('days') ?? '');
        const parsed = parseBody(extendTaskBody, { days }, locale);
        if (!parsed.ok) {
          const errors = parsed.fieldErrors.map((error) => ({ ...error, path: `days.${taskId}` }));
          return refused(deps, request, id, errors);
        }
        await extendTask(deps, { trajectoryId: id, taskId, days: parsed.value.days });
        return redirect(`/dossiers/${id}`);
      }
    }
  });

/**
 * A task answered by the person it waits for, signed in. Who may answer is checked before the
 * form is read; then the mailed link's use case decides, so a task answered here shows as done
 * on its link and the other way round. A refusal shows the task as it now is: the form again
 * with the errors (400) or under a pause notice (409), or the task's "done" or "closed" state
 * (409, 410), which makes a second submit of the same form harmless.
 */
async function answer(deps: DashboardActionsDeps, request: PageRequest, fields: URLSearchParams) {
  const { event, locale, session } = request;
  const id = pathParam(event, 'id');
  const taskId = pathParam(event, 'taskId');
  await signedInTask(deps.repository, session.principal, id, taskId);
  let body: Record<string, unknown> | undefined;
  try {
    const answerFields = new URLSearchParams([...fields].filter(([name]) => name !== 'csrf'));
    body = formToBody(answerFields.toString(), locale);
    await answerTask(deps, { trajectoryId: id, taskId, body, locale });
    return redirect(taskHref(id, taskId));
  } catch (error) {
    const paused = error instanceof StateConflictError && error.code === 'paused';
    const known = error instanceof ValidationError || paused;
    if (!known && !(error instanceof ConflictError || error instanceof GoneError)) throw error;
    const { view, noResponse } = signedInView(
      await signedInTask(deps.repository, session.principal, id, taskId),
      locale,
      deps.clock.now(),
    );
    const status = error instanceof ValidationError ? 400 : error instanceof GoneError ? 410 : 409;
    if (known && view.status === 'open') {
      const options =
        error instanceof ValidationError
          ? { values: body ?? {}, fieldErrors: error.fieldErrors }
          : { values: body ?? {}, paused: true };
      return page(renderTaskPage(locale, session, view, options), status);
    }
    return page(renderTaskPage(locale, session, view, { noResponse }), status === 400 ? 409 : status);
  }
}

/**
 * A task's form kept as a draft by the person it waits for, signed in: the same checks as the
 * answer, then back to the task's page, which opens with the draft and the time it was saved. A
 * refusal shows the task as
 * it now is, as after an answer (the form under a pause notice, or its "done" or "closed" state).
 */
async function keepDraft(deps: DashboardActionsDeps, request: PageRequest, fields: URLSearchParams) {
  const { event, locale, session } = request;
  const id = pathParam(event, 'id');
  const taskId = pathParam(event, 'taskId');
  const { drafts } = deps;
  if (!drafts) throw new NotFoundError('no drafts');
  await signedInTask(deps.repository, session.principal, id, taskId);
  let body: Record<string, unknown> | undefined;
  try {
    const draftFields = new URLSearchParams([...fields].filter(([name]) => name !== 'csrf'));
    body = formToBody(draftFields.toString(), locale);
    await saveDraft({ ...deps, drafts }, { trajectoryId: id, taskId, body, locale });
    // Post/redirect/get: the task's page opens with the draft and its time, at the task's own URL.
    return redirect(taskHref(id, taskId));
  } catch (error) {
    const paused = error instanceof StateConflictError && error.code === 'paused';
    const unfit = error instanceof ValidationError || error instanceof PayloadTooLargeError;
    if (!paused && !unfit && !(error instanceof ConflictError || error instanceof GoneError)) throw error;
    const { view, noResponse } = signedInView(
      await signedInTask(deps.repository, session.principal, id, taskId),
      locale,
      deps.clock.now(),
    );
    const status = error instanceof GoneError ? 410 : unfit ? (error.statusCode as 400 | 413) : 409;
    if (unfit && view.status === 'open') {
      // Nothing was kept: the form again with what was typed and why, to shorten or fix.
      const fieldErrors =
        error instanceof ValidationError
          ? error.fieldErrors
          : [{ path: '', message: tDraft(locale, 'draft.error.tooLarge', { max: MAX_DRAFT_BYTES / 1024 }) }];
      return page(renderTaskPage(locale, session, view, { values: body ?? {}, fieldErrors }), status);
    }
    if (paused && view.status === 'open') {
      return page(renderTaskPage(locale, session, view, { values: body ?? {}, paused: true }), status);
    }
    return page(renderTaskPage(locale, session, view, { noResponse }), status);
  }
}

/** The dossier page again, with the field errors of the form that was refused (400). */
function refused(
  deps: DashboardActionsDeps,
  request: Pick<PageRequest, 'locale' | 'session'>,
  id: string,
  fieldErrors: { path: string; message: string }[],
) {
  return dossierPage(deps, request, id, 400, { fieldErrors });
}

/** The dossier page as it now is, under what the form's request came to. */
async function dossierPage(
  deps: DashboardActionsDeps,
  { locale, session }: Pick<PageRequest, 'locale' | 'session'>,
  id: string,
  statusCode: number,
  shown: Pick<DossierPageOptions, 'fieldErrors' | 'message'>,
) {
  const dossier = await deps.repository.getDossier(id);
  if (!dossier) throw new NotFoundError('trajectory');
  return page(renderDossierPage(locale, session, dossier, { now: deps.clock.now(), ...shown }), statusCode);
}

export const handler = dashboardActionsHandler({
  repository: createRepositoryFromEnv(),
  workflow: createWorkflowFromEnv(),
  mailer: createMailerFromEnv(),
  ledger: createMailLedgerFromEnv(),
  pauseTokens: createPauseTokensFromEnv(),
  clock,
  drafts: createDraftsFromEnv(),
  // Read on first use: the module loads without configuration.
  copy: config,
});
