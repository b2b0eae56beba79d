import type { Clock } from '#core/ports.ts';

/**
 * The clock every handler reads. In AWS it is the system clock; the local cloud installs its
 * virtual clock once at start-up, so handler code has no local-only branch.
 */
let current: Clock = { now: () => new Date() };

export const clock: Clock = { now: () => current.now() };

export function installClock(replacement: Clock): void {
  current = replacement;
}
