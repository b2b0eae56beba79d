/**
 * How the dashboard's list is searched and ordered. Pure: the dashboard reads the rows, these
 * functions decide which match and in what order.
 */

/** The most trajectories one page of the list holds (the API's `limit`, the dashboard's page). */
export const MAX_PAGE_SIZE = 100;

/** The longest search term taken; a name is shorter, and a longer term matches nothing anyway. */
export const MAX_SEARCH_LENGTH = 100;

export const LIST_ORDERS = ['newest', 'deadline'] as const;
/** `newest`: started last, first (the default). `deadline`: the earliest next deadline first. */
export type ListOrder = (typeof LIST_ORDERS)[number];

/** Lower case, without accents and with single spaces: "Özil" is found as "ozil", "Eva  de" as "eva de". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether `name` holds every word of `term`, in any order ("vries eva" finds "Eva de Vries"). */
export function matchesName(name: string, term: string | undefined): boolean {
  const words = searchable(term ?? '')
    .split(' ')
    .filter(Boolean);
  const haystack = searchable(name);
  return words.every((word) => haystack.includes(word));
}

/**
 * Orders rows by their next deadline, earliest first; rows without one (closed, or waiting for a
 * planned date) follow in the order they came. Stable, so equal deadlines keep the list's order.
 */
export function byNextDeadline<T extends { nextDueAt?: string | undefined }>(rows: readonly T[]): T[] {
  const at = (row: T) => (row.nextDueAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(row.nextDueAt));
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => at(a.row) - at(b.row) || a.index - b.index)
    .map(({ row }) => row);
}
