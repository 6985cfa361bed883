// A simulated household, deterministic from a seed: standby and fridge cycles,
// a daily shape with morning and evening peaks, a seasonal factor, appliance
// events (kettle, oven, washing machine, EV charging), away days and spikes.
// Integrated minute by minute into an integer energy register (watt-minutes).
import { localSlotOfPeriod, civilFromDays, weekdayOfDay } from '../firmware/core/london-time.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ApplianceEvent { startMinute: number; minutes: number; watts: number }
interface DayPlan { away: boolean; events: ApplianceEvent[]; morning: number; evening: number }

export interface HouseholdProfile {
  standbyW: number;
  fridgeW: number;
  hasEv: boolean;
  peakScale: number;
}

export class Household {
  private readonly seed: number;
  readonly profile: HouseholdProfile;
  private minute: number; // minutes since epoch integrated so far
  private wattMinutes: bigint;
  private plans = new Map<number, DayPlan>();

  constructor(seed: number, startMs: number, initialRegisterWh = 0n) {
    this.seed = seed >>> 0;
    const r = mulberry32(this.seed ^ 0x9e3779b9);
    this.profile = { standbyW: 60 + Math.floor(r() * 140), fridgeW: 70 + Math.floor(r() * 80), hasEv: r() < 0.5, peakScale: 0.6 + r() * 0.9 };
    this.minute = Math.floor(startMs / 60000);
    this.wattMinutes = initialRegisterWh * 60n;
  }

  private plan(day: number): DayPlan {
    let p = this.plans.get(day);
    if (p) return p;
    const r = mulberry32((this.seed * 2654435761 + day * 40503) >>> 0);
    const away = r() < 0.04;
    const events: ApplianceEvent[] = [];
    if (!away) {
      const kettles = 2 + Math.floor(r() * 5);
      for (let i = 0; i < kettles; i++) events.push({ startMinute: 360 + Math.floor(r() * 960), minutes: 3 + Math.floor(r() * 2), watts: 2800 + Math.floor(r() * 400) });
      if (r() < 0.6) events.push({ startMinute: 1020 + Math.floor(r() * 90), minutes: 40 + Math.floor(r() * 50), watts: 1800 + Math.floor(r() * 600) });
      if (r() < 0.35) events.push({ startMinute: 540 + Math.floor(r() * 600), minutes: 80 + Math.floor(r() * 40), watts: 1900 + Math.floor(r() * 300) });
      if (this.profile.hasEv && r() < 0.3) events.push({ startMinute: 1380 + Math.floor(r() * 120), minutes: 150 + Math.floor(r() * 120), watts: 7000 });
      if (r() < 0.15) events.push({ startMinute: Math.floor(r() * 1440), minutes: 1 + Math.floor(r() * 5), watts: 4000 + Math.floor(r() * 4000) }); // spike
    }
    p = { away, events, morning: r(), evening: r() };
    this.plans.set(day, p);
    if (this.plans.size > 8) this.plans.delete(this.plans.keys().next().value!);
    return p;
  }

  /** Demand in W during the minute starting at `minute` (minutes since epoch). */
  powerAt(minute: number): number {
    const period = Math.floor(minute / 30);
    const { day } = localSlotOfPeriod(period);
    const localMinute = (minute - period * 30) + localSlotOfPeriod(period).slot * 30;
    const plan = this.plan(day);
    const yesterday = this.plan(day - 1);
    const { m } = civilFromDays(day);
    const season = 1 + 0.35 * Math.cos(((m - 1) / 12) * 2 * Math.PI); // winter high
    let w = this.profile.standbyW + ((minute % 60) < 20 ? this.profile.fridgeW : 0);
    if (!plan.away) {
      const weekend = weekdayOfDay(day) >= 5;
      const hour = localMinute / 60;
      const morningPeak = weekend ? 9 : 7.2;
      w += 900 * this.profile.peakScale * (0.5 + plan.morning) * Math.exp(-((hour - morningPeak) ** 2) / 0.8);
      w += 1600 * this.profile.peakScale * season * (0.5 + plan.evening) * Math.exp(-((hour - 19) ** 2) / 3);
      if (hour >= 7 && hour < 23) w += 120 * season; // lighting and electronics
    }
    for (const e of plan.events) if (localMinute >= e.startMinute && localMinute < e.startMinute + e.minutes) w += e.watts;
    for (const e of yesterday.events) if (localMinute + 1440 < e.startMinute + e.minutes && localMinute + 1440 >= e.startMinute) w += e.watts; // past midnight
    return Math.round(w);
  }

  /** The energy register (Wh) at a time; later queries only (a register never runs backwards). */
  registerAt(ms: number): bigint {
    const target = Math.floor(ms / 60000);
    while (this.minute < target) { this.wattMinutes += BigInt(this.powerAt(this.minute)); this.minute++; }
    return this.wattMinutes / 60n;
  }
}
