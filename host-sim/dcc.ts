// The DCC relay between a meter and the services: carries the meter's outbound
// messages (the WAN can be taken down) and delivers inbound updates.
import type { Network } from '../firmware/platform/api.js';

export interface Carried { atMs: number; message: Uint8Array }

export class DccRelay implements Network {
  up = true;
  readonly delivered: Carried[] = [];
  private handler: ((m: Uint8Array) => void) | undefined;
  private readonly listeners: ((m: Uint8Array, atMs: number) => void)[] = [];
  constructor(private readonly now: () => number) {}

  send(message: Uint8Array): boolean {
    if (!this.up) return false;
    const c = { atMs: this.now(), message: Uint8Array.from(message) };
    this.delivered.push(c);
    for (const l of this.listeners) l(c.message, c.atMs);
    return true;
  }
  onReceive(handler: (message: Uint8Array) => void): void { this.handler = handler; }
  /** Services subscribe to what the meter sends. */
  subscribe(listener: (m: Uint8Array, atMs: number) => void): void { this.listeners.push(listener); }
  /** Delivers a message to the meter now; false when no meter is listening (powered off). */
  toMeter(message: Uint8Array): boolean {
    if (!this.handler) return false;
    this.handler(message);
    return true;
  }
  /** A power cut unregisters the meter's handler until it boots again. */
  detach(): void { this.handler = undefined; }
}
