// Wires the meter to the platform seam. On Moddable `#platform/*` is the device
// (timer, time, flash/preference, metrology driver); on Node it is host-sim.
import { clock } from '#platform/clock';
import { timers } from '#platform/timers';
import { flash } from '#platform/flash';
import { keyValue } from '#platform/key-value';
import { metrology } from '#platform/metrology';
import { network } from '#platform/network';
import { log } from '#platform/log';
import { Meter, type MeterConfig } from './meter.js';

export function startMeter(config: Partial<MeterConfig> = {}): Meter {
  const meter = new Meter({ clock, timers, flash, keyValue, metrology, network, log }, config);
  meter.boot();
  return meter;
}
