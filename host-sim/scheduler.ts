// Simulated time: a discrete-event scheduler that jumps from timer to timer,
// so a month of half-hour boundaries runs in seconds.
import type { Clock, TimerHandle, Timers } from '../firmware/platform/api.js';

interface Entry { id: number; at: number; callback: () => void; owner: string }

/**
 * Timers run on elapsed (real) time, as hardware timers do; the wall clock the
 * meter reads is real time plus an offset that `jump` changes (an RTC
 * correction), so a jump moves the clock without moving pending timers.
 */
export class Scheduler implements Clock, Timers {
  private now: number;
  private offset = 0;
  private nextId = 1;
  private entries: Entry[] = []; // kept sorted by (at, id)

  constructor(startMs: number) { this.now = startMs; }

  nowMs(): number { return this.now + this.offset; }
  /** Elapsed simulated time since the epoch of the run (timers' time base). */
  realMs(): number { return this.now; }

  /** `owner` tells the meter's timers (lost at a power cut) from the world's. */
  once(ms: number, callback: () => void, owner = 'world'): TimerHandle {
    const e = { id: this.nextId++, at: this.now + Math.max(0, ms), callback, owner };
    let i = this.entries.length;
    while (i > 0 && (this.entries[i - 1]!.at > e.at)) i--;
    this.entries.splice(i, 0, e);
    return { id: e.id };
  }

  clear(handle: TimerHandle | undefined): void {
    if (handle) this.entries = this.entries.filter((e) => e.id !== handle.id);
  }

  /** Drops every timer of one owner (a power cut takes the meter's RAM with it). */
  clearOwner(owner: string): void { this.entries = this.entries.filter((e) => e.owner !== owner); }

  /** Moves the wall clock without moving timers (an RTC correction). */
  jump(ms: number): void { this.offset += ms; }

  /** Fires timers in order until elapsed time reaches `untilMs`. */
  runUntil(untilMs: number, onError?: (e: unknown) => void): void {
    while (this.entries.length > 0 && this.entries[0]!.at <= untilMs) {
      const e = this.entries.shift()!;
      if (e.at > this.now) this.now = e.at;
      try { e.callback(); } catch (err) { if (onError) onError(err); else throw err; }
    }
    if (untilMs > this.now) this.now = untilMs;
  }

  get pending(): number { return this.entries.length; }
}
