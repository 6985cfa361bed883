// Value-of-energy documents: one settlement price per UTC period, integer
// millipence per kWh, published and signed by the settlement body. Prices may be
// negative (GB wholesale prices go below zero).
import { fail } from './errors.js';
import { checkPeriod } from './ids.js';
import { arr, exact, int, obj, onlyKeys, str } from './validate.js';

export const VALUE_OF_ENERGY_FORMAT = 'wattproof-value-of-energy/1';
export const MAX_SETTLEMENT_PRICE = 10_000_000;
export const MAX_VOE_PERIODS = 17_568; // 366 days

export interface ValueOfEnergy {
  publisher: string;
  version: number;
  firstPeriod: number;
  prices: Int32Array;
}

export function parseValueOfEnergy(json: Record<string, unknown>): ValueOfEnergy {
  const v = obj(json, '');
  onlyKeys(v, ['format', 'publisher', 'version', 'firstPeriod', 'prices'], '');
  exact(v.format, VALUE_OF_ENERGY_FORMAT, 'format');
  const publisher = str(v.publisher, 'publisher', /^.{1,128}$/);
  const version = int(v.version, 'version', 1, 0x7fffffff, 'version');
  const firstPeriod = checkPeriod(int(v.firstPeriod, 'firstPeriod', 1, 0xffffffff, 'period'), 'firstPeriod');
  const list = arr(v.prices, 'prices', 1, MAX_VOE_PERIODS);
  if (firstPeriod + list.length - 1 > 0xffffffff) fail('bad-period', 'prices run past period 2^32-1', 'prices');
  const prices = new Int32Array(list.length);
  list.forEach((p, i) => { prices[i] = int(p, `prices[${i}]`, -MAX_SETTLEMENT_PRICE, MAX_SETTLEMENT_PRICE, 'price'); });
  return Object.freeze({ publisher, version, firstPeriod, prices });
}

export function settlementPriceOfPeriod(v: ValueOfEnergy, period: number): number {
  const i = period - v.firstPeriod;
  if (i < 0 || i >= v.prices.length)
    fail('price-not-available', `value-of-energy v${v.version} covers periods ${v.firstPeriod}..${v.firstPeriod + v.prices.length - 1}, not ${period}`);
  return v.prices[i]!;
}
