// The meter firmware on the host simulator: a month end to end, power cuts,
// clock jumps, restarts mid-period and tariff updates good and bad.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DocumentKind, PERIOD_SECONDS, parseTariff, signDocument, unitPriceOfPeriod, toHex,
  settlementPriceOfPeriod, parseValueOfEnergy, documentJson,
} from '../../firmware/core/index.js';
import { Simulation, type SimEvent } from '../../host-sim/simulate.js';
import { DEFAULT_TARIFF, localMidnightPeriod } from '../../host-sim/defaults.js';
import { Household } from '../../host-sim/household.js';
import { keyFromSeed, plainLinear } from '../support/fixtures.js';

const HOUR = 3_600_000;
const ms = (period: number) => period * PERIOD_SECONDS * 1000;

/** Registers the household really had at each period end (the meter reads at the boundary). */
function trueRegisters(seed: number, installMs: number) {
  const h = new Household(seed, installMs, 1_234_567n);
  const cache = new Map<number, bigint>();
  let next = Math.floor(installMs / (PERIOD_SECONDS * 1000));
  return (p: number) => {
    while (next <= p) { cache.set(next, h.registerAt(ms(next + 1))); next++; } // the household only runs forward
    return cache.get(p)!;
  };
}

function run(options: ConstructorParameters<typeof Simulation>[0]) {
  const sim = new Simulation(options);
  sim.run();
  return { sim, report: sim.report(0) };
}

describe('meter on the host simulator', function () {
  this.timeout(300_000);

  it('a simulated month: every period certified, bill and settlement verified and equal to the plain recomputation', () => {
    const { sim, report } = run({ start: '2026-01-01', days: 31, seed: 7 });
    assert.equal(report.chainComplete, true);
    assert.equal(report.periodsCertified, 1489);
    assert.equal(report.allStatementsValid, true, JSON.stringify(report.statements));
    const bill = sim.supplier.statements.find((s) => s.kind === 'bill')!;
    const settlement = sim.supplier.statements.find((s) => s.kind === 'settlement')!;
    assert.ok(bill.verdict.valid && settlement.verdict.valid);
    const from = localMidnightPeriod('2026-01-01'), to = localMidnightPeriod('2026-02-01');
    assert.equal(bill.fromPeriod, from);
    assert.equal(bill.count, to - from);
    const reg = trueRegisters(7, sim.installMs);
    const tariff = parseTariff(DEFAULT_TARIFF as unknown as Record<string, unknown>);
    const voe = parseValueOfEnergy(documentJson(sim.documents.find((d) => d.kind === DocumentKind.valueOfEnergy)!));
    const y = plainLinear((p) => unitPriceOfPeriod(tariff, p), reg, from, to);
    const z = plainLinear((p) => settlementPriceOfPeriod(voe, p), reg, from, to);
    assert.equal(bill.verdict.valid && bill.verdict.statement.result, y);
    assert.equal(settlement.verdict.valid && settlement.verdict.statement.result, z);
    assert.ok(y > 0n && z !== 0n);
  });

  it('a restart in the middle of a period loses nothing', () => {
    const install = localMidnightPeriod('2026-01-25') - 1;
    const events: SimEvent[] = [{ atMs: 3 * 86_400_000 + 10 * 60_000, kind: 'power-off', forMs: 5 * 60_000 }];
    const { sim, report } = run({ start: '2026-01-25', days: 7, seed: 3, events });
    assert.equal(report.powerCuts, 1);
    assert.equal(report.chainComplete, true);
    assert.equal(report.allStatementsValid, true);
    const bill = sim.supplier.statements.find((s) => s.kind === 'bill')!;
    assert.ok(bill.verdict.valid);
    const reg = trueRegisters(3, sim.installMs);
    const tariff = parseTariff(DEFAULT_TARIFF as unknown as Record<string, unknown>);
    const y = plainLinear((p) => unitPriceOfPeriod(tariff, p), reg, bill.fromPeriod, bill.fromPeriod + bill.count);
    assert.equal(bill.verdict.statement.result, y, 'a 5-minute outage inside a period must not move any reading');
    assert.ok(install > 0);
  });

  it('a clock jump and an outage across boundaries: unobserved periods are certified, the chain stays whole', () => {
    const events: SimEvent[] = [
      { atMs: 2 * 86_400_000 + 7 * 60_000, kind: 'clock-jump', byMs: 3 * HOUR },
      { atMs: 4 * 86_400_000 + 20 * 60_000, kind: 'power-off', forMs: 5 * HOUR },
    ];
    const { sim, report } = run({ start: '2026-01-25', days: 7, seed: 4, events });
    assert.equal(report.chainComplete, true);
    assert.equal(report.allStatementsValid, true, JSON.stringify(report.statements));
    assert.ok(sim.world.logLines.some((l) => /ended unobserved/.test(l.message)));
    // the bill still covers every period of the billed days
    const bill = sim.supplier.statements.find((s) => s.kind === 'bill')!;
    assert.equal(bill.fromPeriod + bill.count, localMidnightPeriod('2026-02-01'));
  });

  it('a clock that goes backwards is waited out, never re-certified', () => {
    const events: SimEvent[] = [
      { atMs: 2 * 86_400_000 + 7 * 60_000, kind: 'clock-jump', byMs: -2 * HOUR },
      { atMs: 3 * 86_400_000, kind: 'clock-jump', byMs: 2 * HOUR }, // corrected a day later
    ];
    const { sim, report } = run({ start: '2026-01-25', days: 7, seed: 5, events });
    assert.equal(report.chainComplete, true);
    assert.equal(report.allStatementsValid, true);
    assert.ok(sim.world.logLines.some((l) => /clock is behind/.test(l.message)));
  });

  it('a tariff update mid-month: the meter bills each part on its own tariff', () => {
    const sim = new Simulation({ start: '2026-01-01', days: 31, seed: 9 });
    const v2 = { ...DEFAULT_TARIFF, version: 2, validFrom: '2026-01-15', bands: { night: 12000, day: 29000, peak: 45000 } };
    const doc = sim.signTariff(v2);
    sim.world.scheduler.once(10 * 86_400_000, () => sim.deliver(doc));
    sim.run();
    const report = sim.report(0);
    assert.equal(report.allStatementsValid, true);
    const bills = sim.supplier.statements.filter((s) => s.kind === 'bill');
    assert.equal(bills.length, 2);
    assert.equal(bills[0]!.fromPeriod, localMidnightPeriod('2026-01-01'));
    assert.equal(bills[1]!.fromPeriod, localMidnightPeriod('2026-01-15'));
    assert.equal(bills[0]!.fromPeriod + bills[0]!.count, bills[1]!.fromPeriod);
    assert.ok(bills[1]!.verdict.valid && toHex(bills[1]!.verdict.statement.inputHash) === toHex(doc.hash));
    const reg = trueRegisters(9, sim.installMs);
    const t1 = parseTariff(DEFAULT_TARIFF as unknown as Record<string, unknown>), t2 = parseTariff(v2);
    const y = plainLinear((p) => unitPriceOfPeriod(t2, p), reg, bills[1]!.fromPeriod, bills[1]!.fromPeriod + bills[1]!.count);
    assert.equal(bills[1]!.verdict.statement.result, y);
    assert.notEqual(unitPriceOfPeriod(t1, bills[1]!.fromPeriod + 40), unitPriceOfPeriod(t2, bills[1]!.fromPeriod + 40));
  });

  it('bad tariff updates are rejected with a reason and the meter bills on the old tariff', () => {
    const sim = new Simulation({ start: '2026-01-25', days: 7, seed: 11 });
    const original = sim.documents.find((d) => d.kind === DocumentKind.tariff)!;
    const bad = [
      signDocument(DocumentKind.tariff, JSON.stringify({ ...DEFAULT_TARIFF, version: 5, validFrom: '2026-01-28' }), keyFromSeed('not the supplier')),
      signDocument(DocumentKind.tariff, JSON.stringify({ ...DEFAULT_TARIFF, version: 1, validFrom: '2026-01-28' }), sim.keys.supplierSecretKey),
      signDocument(DocumentKind.tariff, JSON.stringify({ ...DEFAULT_TARIFF, version: 6, validFrom: '2026-01-02' }), sim.keys.supplierSecretKey),
      signDocument(DocumentKind.tariff, JSON.stringify({ ...DEFAULT_TARIFF, version: 7, validFrom: '2025-01-01', validTo: '2025-12-31', holidays: [] }), sim.keys.supplierSecretKey),
      signDocument(DocumentKind.tariff, JSON.stringify({ ...DEFAULT_TARIFF, version: 8, bands: { night: -1, day: 2, peak: 3 } }), sim.keys.supplierSecretKey),
      signDocument(DocumentKind.tariff, '{"format": "wattproof-tariff/1", ', sim.keys.supplierSecretKey),
    ];
    bad.forEach((d, i) => sim.world.scheduler.once((2 + i) * 3_600_000, () => sim.deliver(d)));
    sim.world.scheduler.once(3 * 86_400_000, () => sim.world.dcc.toMeter(Uint8Array.of(0x81, 1, 2, 3)));
    sim.run();
    const report = sim.report(0);
    const rejected = report.documentAcks.filter((a) => !a.accepted).map((a) => a.reason);
    assert.equal(rejected.length, 7, JSON.stringify(report.documentAcks));
    assert.match(rejected[0]!, /document-signature/);
    assert.match(rejected[1]!, /stale-version/);
    assert.match(rejected[2]!, /retroactive: validFrom/);
    assert.match(rejected[3]!, /expired: validTo/);
    assert.match(rejected[4]!, /negative: bands.night/);
    assert.match(rejected[5]!, /bad-json/);
    assert.match(rejected[6]!, /truncated|bad-version/);
    const bill = sim.supplier.statements.find((s) => s.kind === 'bill')!;
    assert.ok(bill.verdict.valid && toHex(bill.verdict.statement.inputHash) === toHex(original.hash));
    assert.equal(report.meterStatus.tariffs.length, 1);
  });

  it('power cuts during flash writes: the chain survives reboots and the bill verifies', () => {
    const sim = new Simulation({ start: '2026-01-25', days: 7, seed: 13, flashBlocks: 48 });
    let cuts = 0;
    let x = 12345;
    // every few simulated hours, arm a cut at a random byte of the coming writes
    for (let h = 1; h < 7 * 24; h += 3) {
      sim.world.scheduler.once(h * HOUR + 1, () => { x = (x * 1103515245 + 12345) >>> 0; sim.world.flash.armPowerCut(x % 200); });
    }
    sim.run();
    cuts = sim.powerCuts;
    const report = sim.report(0);
    assert.ok(cuts >= 40, `only ${cuts} cuts struck`);
    assert.equal(report.chainComplete, true, JSON.stringify(sim.supplier.chainReport()));
    assert.equal(report.allStatementsValid, true, JSON.stringify(report.statements));
    assert.ok(report.tornRecords >= 0);
  });
});

describe('wattproof CLI', function () {
  this.timeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'wattproof-cli-'));
  const cli = (...args: string[]) => spawnSync(process.execPath, ['tools/cli/wattproof.js', ...args], { encoding: 'utf8' });

  it('simulate writes artefacts whose statements verify; any altered field is rejected with a reason', () => {
    const r = cli('simulate', '--days', '7', '--start', '2026-01-25', '--seed', '21', '--out', dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const files = readdirSync(join(dir, 'statements'));
    assert.ok(files.some((f) => f.startsWith('bill-')) && files.some((f) => f.startsWith('settlement-')));
    const billFile = join(dir, 'statements', files.find((f) => f.startsWith('bill-'))!);
    const ok = cli('verify', billFile);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^VALID bill/);
    // alter each statement field in turn (offsets of docs/protocol.md §8.1, after the 4-byte magic)
    const original = readFileSync(billFile);
    const fields: [string, number][] = [['version', 0], ['kind', 1], ['meterId', 2], ['fromPeriod', 13], ['count', 17], ['inputHash', 18], ['result', 57], ['standingCharge', 65], ['amount', 73], ['R', 74], ['firstCertSeq', 109], ['lastCertSeq', 113], ['headCertHash', 114]];
    for (const [name, offset] of fields) {
      const altered = Buffer.from(original);
      altered[4 + offset]! ^= 1;
      const f = join(dir, `altered-${name}.wps`);
      writeFileSync(f, altered);
      const v = cli('verify', f, '--keys', join(dir, 'keys.json'));
      assert.equal(v.status, 1, `${name}: ${v.stdout}${v.stderr}`);
      assert.match(v.stdout, /INVALID[\s\S]*reason: [a-z-]+/);
    }
    const unreadable = cli('verify', join(dir, 'nope.wps'), '--keys', join(dir, 'keys.json'));
    assert.equal(unreadable.status, 2);
    assert.equal(cli('verify').status, 2);
    assert.equal(cli('frobnicate').status, 2);
  });

  it('provision prints an identity and a customer code that decodes with its check symbol', async () => {
    const r = cli('provision', '--meter-id', '001bc50c70001234', '--out', dir);
    assert.equal(r.status, 0, r.stderr);
    const secret = JSON.parse(readFileSync(join(dir, 'meter-secret.json'), 'utf8'));
    assert.equal(secret.meterId, '001bc50c70001234');
    const { decodeCustomerCode, customerKeyFromSecret } = await import('../../tools/cli/code.js');
    assert.equal(toHex(customerKeyFromSecret(decodeCustomerCode(secret.customerCode))), secret.meterCustomerKey);
    const typo = secret.customerCode.replace(/^(.)/, (c: string) => (c === 'A' ? 'B' : 'A'));
    assert.throws(() => decodeCustomerCode(typo), /check symbol mismatch|bad-code/);
  });
});
