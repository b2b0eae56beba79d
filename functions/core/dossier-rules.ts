/**
 * Rules that refuse an answer which would sink the dossier, instead of accepting it and flagging
 * it afterwards: what the schema alone cannot know, because it needs the trajectory, its other
 * tasks and today's date. Each rule gives field errors (a 400 that changes nothing); the one
 * exception HR may make, confirming an unsuccessful end the dossier does not carry, needs a
 * written reason, which becomes part of the dossier (`override`).
 *
 * docs/completeness.md explains why each rule matters in court.
 */
import type { FieldError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { completenessMessages } from '#shared/i18n/completeness.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import {
  assessCompleteness,
  DEFAULT_MIN_TERM_WEEKS,
  type CriterionId,
  type CriterionResult,
} from './completeness.ts';
import { formatDay } from './dates-in-words.ts';
import type { Dossier, Locale, Task, TaskKind, Trajectory } from './model.ts';
import { termEndDate } from './schedule.ts';
import { latestResponse } from './trajectory.ts';
import type { ActionBody } from './schemas.ts';
import { amsterdamDate } from './working-days.ts';

const t = /* @__PURE__ */ translator(validationMessages, completenessMessages);

export interface RuleContext {
  trajectory: Trajectory;
  /** Every task of the trajectory (a confirmation is judged with the evaluation it confirms). */
  tasks: readonly Task[];
  /** The whole dossier, for the completeness check a confirmed unsuccessful end must pass. */
  dossier?: Dossier;
  now: Date;
}

/**
 * What the completeness check judges only once HR confirmed the end: left out when deciding
 * whether HR may confirm it (redeployment has its own field check: `checkRedeployment`).
 */
const AFTER_CONFIRMATION: readonly CriterionId[] = [
  'hr-confirmed-decision',
  'redeployment',
  'outcome-informed',
  'aftercare',
];

/** The override an unsuccessful end needs, with the rules it sets aside (recorded with it). */
export interface Override {
  reason: string;
  rules: string[];
}

/**
 * The field errors of `value` (already valid for its schema) against the dossier; and for a
 * decision confirmation that sets a rule aside, the override to record with it.
 */
export function checkDossierRules(
  kind: TaskKind,
  value: ActionBody<TaskKind>,
  ctx: RuleContext,
): { fieldErrors: FieldError[]; override?: Override } {
  const locale = ctx.trajectory.locale;
  switch (kind) {
    case 'conversation':
    case 'follow-up':
      return { fieldErrors: checkHeldOn((value as ActionBody<'conversation'>).heldOn, ctx, locale) };
    case 'plan':
      return { fieldErrors: checkDeadlines(value as ActionBody<'plan'>, ctx, locale) };
    case 'evaluation':
      return { fieldErrors: checkEvaluation(value as ActionBody<'evaluation'>, locale) };
    case 'decision-confirmation':
      return checkConfirmation(value as ActionBody<'decision-confirmation'>, ctx, locale);
    default:
      return { fieldErrors: [] };
  }
}

/** A meeting was held today or before, and not before the trajectory started. */
function checkHeldOn(heldOn: string, ctx: RuleContext, locale: Locale): FieldError[] {
  const today = amsterdamDate(ctx.now);
  const started = amsterdamDate(new Date(ctx.trajectory.createdAt));
  if (heldOn > today) return [{ path: 'heldOn', message: t(locale, 'validation.dateInFuture') }];
  if (heldOn < started) {
    const date = formatDay(started, locale);
    return [{ path: 'heldOn', message: t(locale, 'validation.dateBeforeStart', { date }) }];
  }
  return [];
}

/**
 * Each goal's deadline falls within the term: not before today, and not after the day the term
 * would end if the plan were acknowledged today (it starts later, so it ends later, never earlier).
 * A change of the plan while the term runs (functions/core/plan-change.ts) keeps to the term's
 * own last day.
 */
function checkDeadlines(plan: ActionBody<'plan'>, ctx: RuleContext, locale: Locale): FieldError[] {
  const today = amsterdamDate(ctx.now);
  const { termEndsAt } = ctx.trajectory;
  const lastDay =
    termEndsAt !== undefined
      ? amsterdamDate(new Date(termEndsAt))
      : termEndDate(ctx.now, ctx.trajectory.schedule.termWeeks);
  return plan.goals.flatMap((goal, index): FieldError[] => {
    const path = `goals.${index}.deadline`;
    if (goal.deadline < today) return [{ path, message: t(locale, 'validation.deadlinePast') }];
    if (goal.deadline > lastDay) {
      const date = formatDay(lastDay, locale);
      return [{ path, message: t(locale, 'validation.deadlineAfterTerm', { date }) }];
    }
    return [];
  });
}

/**
 * The decision follows from the results per goal, or says why not: "unsuccessful" with every
 * goal achieved, or "successful" with none achieved, needs an explanation.
 */
function checkEvaluation(evaluation: ActionBody<'evaluation'>, locale: Locale): FieldError[] {
  const outcomes = evaluation.results.map((result) => result.outcome);
  const contradicts =
    (evaluation.decision === 'unsuccessful' && outcomes.every((outcome) => outcome === 'achieved')) ||
    (evaluation.decision === 'successful' && outcomes.every((outcome) => outcome === 'not-achieved'));
  if (!contradicts || evaluation.explanation) return [];
  return [{ path: 'explanation', message: t(locale, 'validation.decisionContradicts') }];
}

/**
 * What the completeness check says of the dossier as it would stand with the evaluation's decision
 * confirmed: the criteria that fail or call for care, in `locale`, for HR to read before they
 * confirm. What can only follow the confirmation (the employee told of the outcome, aftercare) is
 * left out: nobody can have done it yet.
 */
export function confirmationConcerns(dossier: Dossier, now: Date, locale: Locale): CriterionResult[] {
  const decision = latestResponse(dossier.tasks, 'evaluation')?.decision;
  const ending: Dossier = decision
    ? { ...dossier, trajectory: { ...dossier.trajectory, decision } }
    : dossier;
  return assessCompleteness(ending, { now: now.toISOString(), locale }).criteria.filter(
    (criterion) =>
      (criterion.status === 'fail' || criterion.status === 'warning') &&
      !AFTER_CONFIRMATION.includes(criterion.id),
  );
}

/**
 * HR confirms an unsuccessful end only on a dossier that carries it: a term of at least the
 * minimum (extensions included) and no failing criterion of the completeness check. Otherwise
 * HR sends the evaluation back, or records in `override.reason` why it confirms all the same.
 */
function checkConfirmation(
  confirmation: ActionBody<'decision-confirmation'>,
  ctx: RuleContext,
  locale: Locale,
): { fieldErrors: FieldError[]; override?: Override } {
  const evaluation = latestResponse(ctx.tasks, 'evaluation');
  if (confirmation.decision !== 'approve' || evaluation?.decision !== 'unsuccessful' || !ctx.dossier) {
    return { fieldErrors: [] };
  }
  // The same list HR saw on the form (confirmationConcerns), of which only failures bind.
  const failing = confirmationConcerns(ctx.dossier, ctx.now, locale).filter(
    (criterion) => criterion.status === 'fail',
  );
  if (failing.length === 0) return { fieldErrors: [] };
  const rules = failing.map((criterion) => criterion.id);
  if (confirmation.override)
    return { fieldErrors: [], override: { reason: confirmation.override.reason, rules } };
  const reasons = failing
    .map((criterion) =>
      criterion.id === 'term-length'
        ? t(locale, 'validation.override.termTooShort', { min: DEFAULT_MIN_TERM_WEEKS })
        : t(locale, `completeness.criterion.${criterion.id}`),
    )
    .join('; ');
  return {
    fieldErrors: [
      { path: 'override.reason', message: t(locale, 'validation.overrideRequired', { reasons }) },
    ],
  };
}
