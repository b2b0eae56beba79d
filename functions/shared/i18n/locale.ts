/**
 * The languages people read the product in. They live with the message catalogue rather than
 * in the domain model, so that `functions/shared/` needs nothing from `functions/core/`; the
 * model re-exports them, as a trajectory's `locale` is one of them.
 */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
