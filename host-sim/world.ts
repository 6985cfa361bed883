// The simulated world one meter lives in. The host side of the platform seam
// (host-sim/platform/*) forwards to the world installed here, so the firmware's
// `#platform/*` imports reach simulated hardware.
import type { LogLevel } from '../firmware/platform/api.js';
import { DccRelay } from './dcc.js';
import { SimFlash } from './flash.js';
import { Household } from './household.js';
import { SimKeyValue } from './key-value.js';
import { Scheduler } from './scheduler.js';

export interface LogLine { atMs: number; level: LogLevel; message: string }

export class World {
  readonly scheduler: Scheduler;
  readonly dcc: DccRelay;
  readonly logLines: LogLine[] = [];
  echoLog = false;
  constructor(startMs: number, readonly flash: SimFlash, readonly keyValue: SimKeyValue, readonly household: Household) {
    this.scheduler = new Scheduler(startMs);
    this.dcc = new DccRelay(() => this.scheduler.nowMs());
  }
  log(level: LogLevel, message: string): void {
    this.logLines.push({ atMs: this.scheduler.nowMs(), level, message });
    if (this.logLines.length > 5000) this.logLines.shift();
    if (this.echoLog) console.log(`[meter ${new Date(this.scheduler.nowMs()).toISOString()}] ${level}: ${message}`);
  }
}

let current: World | undefined;
export function installWorld(w: World | undefined): void { current = w; }
export function world(): World {
  if (!current) throw new Error('no simulated world installed: host-sim/platform modules need installWorld() first');
  return current;
}
