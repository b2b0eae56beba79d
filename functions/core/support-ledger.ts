/**
 * The support ledger of a dossier: every piece of support the manager offered in the plan or
 * gave (or newly offered) in a follow-up, per goal, in the order it was recorded. A dismissal for
 * unsuitability is only fair when the employee was given real help to improve, so the dossier
 * has to show what was offered and what was actually given. Pure: a function of the dossier.
 */
import type { Dossier, Task } from './model.ts';
import type { ActionBody, SupportKind, SupportStatus } from './schemas.ts';

export interface SupportEntry {
  /** 0-based index of the goal in the plan. */
  goal: number;
  kind: SupportKind;
  description: string;
  status: SupportStatus;
  hours?: number;
  /** When the plan or follow-up that holds the entry was submitted. */
  recordedAt: string;
  taskId: string;
  source: 'plan' | 'follow-up';
}

type LedgerTask = Task & { kind: 'plan' | 'follow-up' };

const byTime = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every ledger entry of the dossier, oldest first (entries of one task in the order given).
 * Only the newest submitted plan counts: a plan that HR sent back for revision was never put to
 * the employee, and its goal numbers may point at goals the revision dropped. Every answered
 * follow-up counts. A response stored before the ledger existed simply has none.
 */
export function supportLedger(dossier: Dossier): SupportEntry[] {
  const answered = dossier.tasks
    .filter(
      (task): task is LedgerTask =>
        (task.kind === 'plan' || task.kind === 'follow-up') && task.response !== undefined,
    )
    .sort((a, b) => byTime(recordedAt(a), recordedAt(b)) || byTime(a.openedAt, b.openedAt));
  const plan = answered.filter((task) => task.kind === 'plan').at(-1);
  const counted = answered.filter((task) => task.kind === 'follow-up' || task === plan);
  return counted.flatMap((task) => {
    const ledger = (task.response as Partial<ActionBody<'plan' | 'follow-up'>>).supportLedger ?? [];
    return ledger.map((entry): SupportEntry => ({
      goal: entry.goal,
      kind: entry.kind,
      description: entry.description,
      status: entry.status,
      ...(entry.hours !== undefined && { hours: entry.hours }),
      recordedAt: recordedAt(task),
      taskId: task.id,
      source: task.kind,
    }));
  });
}

const recordedAt = (task: Task): string => task.completedAt ?? task.openedAt;

/** The ledger grouped per goal of the plan (goal index → its entries, oldest first). */
export function supportPerGoal(entries: readonly SupportEntry[]): Map<number, SupportEntry[]> {
  const perGoal = new Map<number, SupportEntry[]>();
  for (const entry of entries) {
    const list = perGoal.get(entry.goal) ?? [];
    list.push(entry);
    perGoal.set(entry.goal, list);
  }
  return perGoal;
}
