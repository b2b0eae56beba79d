/**
 * The virtual clock of the local cloud. One instance is shared by the Step Functions engine and
 * the handlers (installed as their `Clock`), so a Wait state, a task timeout and a handler's
 * "now" all read the same time, and weeks of a trajectory can pass in milliseconds.
 *
 * Virtual time = real time flowing at `timeScale` (1 = real speed, 0 = frozen, 86400 = a day per
 * real second) plus an offset that `advance` adds to. The offset is persistable so that after a
 * restart the time continues from where it was instead of jumping back to the wall clock.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';

/** What `toJSON` returns and the constructor accepts back. */
export interface VirtualClockState {
  /** Virtual time minus wall-clock time, in milliseconds, at the moment of saving. */
  offsetMs: number;
  timeScale: number;
}

export interface VirtualClockOptions {
  /** Real milliseconds are multiplied by this; 0 freezes time between `advance` calls. Default 1. */
  timeScale?: number;
  /** Initial virtual time minus wall-clock time, in milliseconds. Default 0. */
  offsetMs?: number;
  /** Initial virtual time, exactly (wins over `offsetMs`); tests use it for exact timestamps. */
  startAt?: Date | number;
  /**
   * A file holding the clock's state. Read at construction when it exists (it wins over
   * `offsetMs`/`timeScale`), written atomically after every advance, fired timer and scale change,
   * so a crash loses at most the real time flowing since the last write.
   */
  stateFile?: string;
  /** Where a timer callback's failure goes; timers have no caller to throw to. Default console.error. */
  onTimerError?: (error: unknown) => void;
}

export type TimerCallback = () => unknown;

export interface ClockTimer {
  /** The virtual time the timer is due. */
  readonly at: Date;
  /** Removes the timer; a no-op when it already fired or was cancelled. */
  cancel(): void;
}

interface PendingTimer {
  at: number;
  seq: number;
  fn: TimerCallback;
  cancelled: boolean;
}

/** `setTimeout` rejects delays above 2^31-1 ms; longer waits re-arm when that one fires. */
const MAX_REAL_DELAY_MS = 2 ** 31 - 1;

export class VirtualClock {
  #scale: number;
  /** Virtual ms at `#anchorReal`. */
  #anchorVirtual: number;
  /** `performance.now()` at the last anchor: monotonic, so NTP steps never move virtual time back. */
  #anchorReal: number;
  /** Never hand out an earlier time than before, even across scale changes. */
  #lastNow = -Infinity;
  #timers: PendingTimer[] = [];
  #seq = 0;
  #realTimeout: NodeJS.Timeout | undefined;
  #inflight = new Set<Promise<unknown>>();
  /** Serializes timer firing: `advance` and the real-time path never run two timers at once. */
  #firing: Promise<void> = Promise.resolve();
  readonly #stateFile: string | undefined;
  /** The virtual time (anchor) of the last write of the state file. */
  #savedAt = Number.NaN;
  readonly #onTimerError: (error: unknown) => void;
  #disposed = false;

  constructor(options: VirtualClockOptions = {}) {
    const wallClock = Date.now();
    const startAt = options.startAt instanceof Date ? options.startAt.getTime() : options.startAt;
    let virtual = startAt ?? wallClock + (options.offsetMs ?? 0);
    let scale = options.timeScale ?? 1;
    this.#stateFile = options.stateFile;
    if (this.#stateFile) {
      const saved = readState(this.#stateFile);
      if (saved) {
        virtual = wallClock + saved.offsetMs;
        scale = options.timeScale ?? saved.timeScale;
      }
    }
    assertScale(scale);
    this.#scale = scale;
    this.#anchorVirtual = virtual;
    this.#anchorReal = performance.now();
    this.#onTimerError =
      options.onTimerError ?? ((error) => console.error('A virtual clock timer failed:', error));
    this.#save();
  }

  /** Restores a clock from `toJSON()` output; `options` may override the scale. */
  static restore(
    state: VirtualClockState,
    options: Omit<VirtualClockOptions, 'offsetMs'> = {},
  ): VirtualClock {
    return new VirtualClock({
      ...options,
      offsetMs: state.offsetMs,
      timeScale: options.timeScale ?? state.timeScale,
    });
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    const computed = this.#anchorVirtual + (performance.now() - this.#anchorReal) * this.#scale;
    const now = Math.max(Math.floor(computed), this.#lastNow);
    this.#lastNow = now;
    return now;
  }

  get timeScale(): number {
    return this.#scale;
  }

  setTimeScale(scale: number): void {
    assertScale(scale);
    this.#reanchor(this.nowMs());
    this.#scale = scale;
    this.#armRealTimeout();
    this.#save();
  }

  toJSON(): VirtualClockState {
    return { offsetMs: this.nowMs() - Date.now(), timeScale: this.#scale };
  }

  /** Runs `fn` once virtual time reaches `at` (at once on the next firing round if `at` is past). */
  schedule(at: Date | number, fn: TimerCallback): ClockTimer {
    const atMs = typeof at === 'number' ? at : at.getTime();
    if (!Number.isFinite(atMs)) throw new RangeError(`Cannot schedule a timer at ${String(at)}`);
    const timer: PendingTimer = { at: atMs, seq: this.#seq++, fn, cancelled: false };
    insertSorted(this.#timers, timer);
    this.#armRealTimeout();
    return {
      at: new Date(atMs),
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        const index = this.#timers.indexOf(timer);
        if (index >= 0) this.#timers.splice(index, 1);
        this.#armRealTimeout();
      },
    };
  }

  /** Due time of the earliest pending timer. */
  nextTimerAt(): Date | undefined {
    const next = this.#timers[0];
    return next ? new Date(next.at) : undefined;
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  /**
   * Moves virtual time forward by `ms`, stepping to each timer that falls due on the way, in time
   * order, so every callback sees `now()` equal to its due time. After each timer it waits until
   * the system is idle, so a timer that schedules an earlier-than-target timer gets it fired in
   * this same advance. Resolves once the target is reached and everything is idle.
   * Not for use inside a timer callback or tracked work: it would wait for itself.
   */
  advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`advance needs a non-negative number of ms, got ${ms}`);
    return this.#exclusive(async () => {
      const target = this.nowMs() + ms;
      await this.whenIdle();
      for (;;) {
        const next = this.#timers[0];
        if (!next || next.at > Math.max(target, this.nowMs())) break;
        this.#reanchor(next.at);
        await this.#fire(next);
        await this.whenIdle();
      }
      this.#reanchor(target);
      this.#armRealTimeout();
      this.#save();
      await this.whenIdle();
    });
  }

  /** `advance` to an absolute virtual time (a no-op when it is already past). */
  advanceTo(at: Date): Promise<void> {
    return this.advance(Math.max(0, at.getTime() - this.nowMs()));
  }

  /** Registers in-flight work so `whenIdle` (and `advance`) wait for it. Returns `work` itself. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.#inflight.add(settled);
    void settled.then(() => this.#inflight.delete(settled));
    return work;
  }

  /**
   * Resolves when no tracked work is in flight, including work registered while waiting.
   * Tracked work must not await it (it would wait for itself).
   */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.#inflight.size === 0) {
        // Work may be one macrotask away from registering (an I/O callback, a setImmediate).
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.#inflight.size === 0) return;
      }
      await Promise.allSettled([...this.#inflight]);
    }
  }

  /** Stops the real-time timer and writes the state a last time. Pending timers stay unfired. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#realTimeout) clearTimeout(this.#realTimeout);
    this.#realTimeout = undefined;
    this.#save(true);
  }

  #reanchor(virtualMs: number): void {
    const now = this.nowMs();
    this.#anchorVirtual = Math.max(now, virtualMs);
    this.#anchorReal = performance.now();
  }

  /**
   * Not tracked itself: `advance` waits for idleness inside it, and a queued real-time round
   * waiting behind an advance would otherwise deadlock it. Each fired callback is tracked.
   */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#firing.then(task);
    this.#firing = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async #fire(timer: PendingTimer): Promise<void> {
    const index = this.#timers.indexOf(timer);
    if (index >= 0) this.#timers.splice(index, 1);
    if (timer.cancelled) return;
    timer.cancelled = true;
    try {
      await this.track(Promise.resolve().then(timer.fn));
    } catch (error) {
      this.#onTimerError(error);
    }
    // Timers falling due at one time (a thousand trajectories in step) need one write, not one each:
    // a crash between them loses no virtual time.
    if (timer.at !== this.#savedAt) this.#save();
  }

  /** Fires, in order, every timer that real time has made due. */
  #fireDueByRealTime(): void {
    void this.#exclusive(async () => {
      for (;;) {
        const next = this.#timers[0];
        if (!next || next.at > this.nowMs()) break;
        await this.#fire(next);
      }
      this.#armRealTimeout();
    });
  }

  #armRealTimeout(): void {
    if (this.#realTimeout) clearTimeout(this.#realTimeout);
    this.#realTimeout = undefined;
    const next = this.#timers[0];
    if (!next || this.#disposed || this.#scale === 0) return;
    const delay = Math.min(MAX_REAL_DELAY_MS, Math.max(0, Math.ceil((next.at - this.nowMs()) / this.#scale)));
    this.#realTimeout = setTimeout(() => {
      this.#realTimeout = undefined;
      this.#fireDueByRealTime();
    }, delay);
    // The clock alone must not keep a process alive; servers and tests hold their own handles.
    this.#realTimeout.unref();
  }

  #save(force = false): void {
    if (!this.#stateFile || (this.#disposed && !force)) return;
    writeState(this.#stateFile, this.toJSON());
    this.#savedAt = this.#anchorVirtual;
  }
}

function assertScale(scale: number): void {
  if (!Number.isFinite(scale) || scale < 0)
    throw new RangeError(`timeScale must be a number >= 0, got ${scale}`);
}

function insertSorted(timers: PendingTimer[], timer: PendingTimer): void {
  let low = 0;
  let high = timers.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = timers[mid]!;
    if (other.at < timer.at || (other.at === timer.at && other.seq < timer.seq)) low = mid + 1;
    else high = mid;
  }
  timers.splice(low, 0, timer);
}

function readState(file: string): VirtualClockState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<VirtualClockState>;
  if (typeof parsed.offsetMs !== 'number' || typeof parsed.timeScale !== 'number') {
    throw new Error(`${file} does not hold a virtual clock state`);
  }
  return { offsetMs: parsed.offsetMs, timeScale: parsed.timeScale };
}

let tempCounter = 0;

function writeState(file: string, state: VirtualClockState): void {
  mkdirSync(dirname(file), { recursive: true });
  // Write-then-rename so a crash mid-write leaves the previous state, never half a file.
  const temp = `${file}.${process.pid}.${tempCounter++}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}
