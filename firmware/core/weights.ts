// Public weights of each statement kind, and the bill's public parts.
import { fail } from './errors.js';
import { firstPeriodOfLocalDay, formatDate, localSlotOfPeriod } from './london-time.js';
import { StatementKind, micropenceToPence } from './statement.js';
import { type Tariff, forEachPriceRun } from './tariff.js';
import { type ValueOfEnergy, settlementPriceOfPeriod } from './value-of-energy.js';

/** Calls run(start, end, w) for maximal runs [start, end) of equal weight covering [from, from + count). */
export type Weights = (from: number, count: number, run: (start: number, end: number, weight: bigint) => void) => void;

export function tariffWeights(t: Tariff): Weights {
  return (from, count, run) => forEachPriceRun(t, from, count, (a, b, price) => run(a, b, BigInt(price)));
}

export function settlementWeights(v: ValueOfEnergy): Weights {
  return (from, count, run) => {
    settlementPriceOfPeriod(v, from);
    settlementPriceOfPeriod(v, from + count - 1);
    const base = from - v.firstPeriod;
    let start = from, price = v.prices[base]!;
    for (let i = 1; i < count; i++) {
      const q = v.prices[base + i]!;
      if (q !== price) { run(start, from + i, BigInt(price)); start = from + i; price = q; }
    }
    run(start, from + count, BigInt(price));
  };
}

export const totalWeights: Weights = (from, count, run) => run(from, from + count, 1n);

/** Local days [firstDay, endDay) spanned by a bill; bills run from local midnight to local midnight. */
export function billDays(fromPeriod: number, count: number): { firstDay: number; endDay: number } {
  const first = localSlotOfPeriod(fromPeriod);
  const end = localSlotOfPeriod(fromPeriod + count);
  if (first.slot !== 0 || firstPeriodOfLocalDay(first.day) !== fromPeriod)
    fail('bill-not-whole-days', `a bill starts at local midnight; period ${fromPeriod} is not the start of ${formatDate(first.day)}`, 'fromPeriod');
  if (end.slot !== 0 || firstPeriodOfLocalDay(end.day) !== fromPeriod + count)
    fail('bill-not-whole-days', `a bill ends at local midnight; period ${fromPeriod + count} is not the start of a local day`, 'count');
  return { firstDay: first.day, endDay: end.day };
}

export function standingChargeOf(t: Tariff, fromPeriod: number, count: number): bigint {
  const { firstDay, endDay } = billDays(fromPeriod, count);
  return BigInt(endDay - firstDay) * BigInt(t.standingChargePerDay);
}

/** The public side of a statement from its parsed input document (none for a total). */
export function publicParts(input: Tariff | ValueOfEnergy | undefined, fromPeriod: number, count: number): { weights: Weights; standingCharge: bigint } {
  if (input === undefined) return { weights: totalWeights, standingCharge: 0n };
  if ('bands' in input) return { weights: tariffWeights(input), standingCharge: standingChargeOf(input, fromPeriod, count) };
  return { weights: settlementWeights(input), standingCharge: 0n };
}

/** Bills and settlements: pence, rounded once, half away from zero; totals: the result itself (Wh). */
export function statementAmount(kind: StatementKind, result: bigint, standingCharge: bigint): bigint {
  return kind === StatementKind.total ? result : micropenceToPence(result + standingCharge * 1000n);
}
