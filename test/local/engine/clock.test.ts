/**
 * The virtual clock shared by the engine and the handlers: frozen or scaled time, ordered timers,
 * advance-until-idle, and a persistable offset so time never jumps back after a restart.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '#local/clock.ts';
import { DAY, frozenClock, SECOND, START, temporaryDir } from './harness.ts';

const clocks: VirtualClock[] = [];
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.dispose();
});
const track = (clock: VirtualClock): VirtualClock => {
  clocks.push(clock);
  return clock;
};
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('VirtualClock', () => {
  it('at time scale 0 time stands still until advance moves it by exactly the given amount', async () => {
    const clock = track(frozenClock());
    expect(clock.now().getTime()).toBe(START);
    await tick();
    expect(clock.now().getTime()).toBe(START);
    await clock.advance(3 * DAY);
    expect(clock.now().getTime()).toBe(START + 3 * DAY);
  });

  it('advance fires the timers that fall due in time order, each seeing now() equal to its due time, and leaves later ones', async () => {
    const clock = track(frozenClock());
    const fired: [string, number][] = [];
    const at = (offset: number, label: string) =>
      clock.schedule(new Date(START + offset), () => {
        fired.push([label, clock.nowMs() - START]);
      });
    at(3 * SECOND, 'c');
    at(1 * SECOND, 'a');
    at(2 * SECOND, 'b1');
    at(2 * SECOND, 'b2');
    at(10 * SECOND, 'late');
    await clock.advance(5 * SECOND);
    expect(fired).toEqual([
      ['a', 1000],
      ['b1', 2000],
      ['b2', 2000],
      ['c', 3000],
    ]);
    expect(clock.now().getTime()).toBe(START + 5 * SECOND);
    expect(clock.pendingTimers).toBe(1);
    expect(clock.nextTimerAt()).toEqual(new Date(START + 10 * SECOND));
  });

  it('a timer that schedules another timer before the target gets it fired in the same advance', async () => {
    const clock = track(frozenClock());
    const fired: number[] = [];
    clock.schedule(START + 1 * SECOND, () => {
      fired.push(clock.nowMs() - START);
      clock.schedule(clock.nowMs() + 2 * SECOND, () => {
        fired.push(clock.nowMs() - START);
        clock.schedule(clock.nowMs() + 5 * SECOND, () => fired.push(clock.nowMs() - START));
      });
    });
    await clock.advance(4 * SECOND);
    expect(fired).toEqual([1000, 3000]);
    await clock.advance(4 * SECOND);
    expect(fired).toEqual([1000, 3000, 8000]);
  });

  it('advance awaits each timer and resolves only when tracked work is idle again', async () => {
    const clock = track(frozenClock());
    const log: string[] = [];
    clock.schedule(START + SECOND, async () => {
      log.push('timer start');
      void clock.track(
        (async () => {
          await tick(30);
          log.push('work scheduled by the timer done');
        })(),
      );
      await tick();
      log.push('timer end');
    });
    await clock.advance(2 * SECOND);
    log.push('advance resolved');
    expect(log).toEqual(['timer start', 'timer end', 'work scheduled by the timer done', 'advance resolved']);
  });

  it('whenIdle waits for tracked promises, including ones registered while waiting', async () => {
    const clock = track(frozenClock());
    const log: string[] = [];
    void clock.track(
      (async () => {
        await tick();
        void clock.track(tick().then(() => log.push('second')));
        log.push('first');
      })(),
    );
    await clock.whenIdle();
    expect(log).toEqual(['first', 'second']);
  });

  it('a cancelled timer does not fire; a failing timer does not stop the others', async () => {
    const errors: unknown[] = [];
    const clock = track(new VirtualClock({ timeScale: 0, onTimerError: (error) => errors.push(error) }));
    const fired: string[] = [];
    clock.schedule(clock.nowMs() + 1, () => {
      throw new Error('boom');
    });
    clock.schedule(clock.nowMs() + 2, () => fired.push('cancelled')).cancel();
    clock.schedule(clock.nowMs() + 3, () => fired.push('kept'));
    await clock.advance(10);
    expect(fired).toEqual(['kept']);
    expect(errors).toHaveLength(1);
  });

  it('timeScale makes virtual time flow faster than real time, and real time fires due timers without advance', async () => {
    const clock = track(new VirtualClock({ timeScale: 86_400 }));
    const before = clock.nowMs();
    const fired = new Promise<number>((resolve) =>
      clock.schedule(before + 3600 * SECOND, () => resolve(clock.nowMs())),
    );
    const firedAt = await fired;
    expect(firedAt).toBeGreaterThanOrEqual(before + 3600 * SECOND);
    expect(clock.nowMs() - before).toBeGreaterThanOrEqual(3600 * SECOND);
  });

  it('the offset persists: toJSON/restore and a stateFile keep virtual time from jumping back after a restart', async () => {
    const first = track(new VirtualClock({ timeScale: 0 }));
    await first.advance(10 * DAY);
    const reached = first.nowMs();
    const restored = track(VirtualClock.restore(first.toJSON()));
    expect(restored.nowMs()).toBeGreaterThanOrEqual(reached);
    expect(restored.timeScale).toBe(0);

    const dir = await temporaryDir();
    try {
      const stateFile = join(dir.path, 'clock.json');
      const saved = new VirtualClock({ timeScale: 0, stateFile });
      await saved.advance(30 * DAY);
      const savedAt = saved.nowMs();
      saved.dispose();
      expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ timeScale: 0 });
      const reopened = new VirtualClock({ stateFile });
      expect(reopened.nowMs()).toBeGreaterThanOrEqual(savedAt);
      expect(reopened.nowMs() - savedAt).toBeLessThan(DAY);
      reopened.dispose();
    } finally {
      await dir.remove();
    }
  });
});
