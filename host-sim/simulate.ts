// Runs one simulated meter: the firmware's own modules (firmware/meter/start.ts
// through the `#platform/*` seam) on simulated clock, household load, flash,
// key-value storage and WAN, with the supplier verifying what arrives.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  DocumentKind, type SignedDocument, signDocument, utf8Encode, toHex, formatDate, localSlotOfPeriod, concat, parseTariff,
  PERIOD_SECONDS,
} from '../firmware/core/index.js';
import { startMeter } from '../firmware/meter/start.js';
import type { Meter, MeterStatus } from '../firmware/meter/meter.js';
import { storeIdentity } from '../firmware/meter/keys.js';
import { MessageType, message } from '../firmware/meter/messages.js';
import { DEFAULT_TARIFF, localMidnightPeriod, valueOfEnergyJson } from './defaults.js';
import { PowerCut, SimFlash } from './flash.js';
import { Household } from './household.js';
import { SimKeyValue } from './key-value.js';
import { Supplier } from './supplier.js';
import { World, installWorld } from './world.js';

export interface SimulateOptions {
  /** First local date billed (YYYY-MM-DD); the meter is installed half an hour before its midnight. */
  start?: string;
  days?: number;
  seed?: number;
  /** Tariff JSON (object) to sign with the supplier key and send at installation. */
  tariff?: Record<string, unknown>;
  /** Where artefacts go; none written when undefined. */
  outDir?: string | undefined;
  /** Called once per simulated day. */
  progress?: (day: number, days: number) => void;
  /** Scripted events at simulated times (ms after installation). */
  events?: SimEvent[];
  flashBlocks?: number;
  echoLog?: boolean;
}

export type SimEvent =
  | { atMs: number; kind: 'power-off'; forMs: number }
  | { atMs: number; kind: 'clock-jump'; byMs: number }
  | { atMs: number; kind: 'wan'; up: boolean }
  | { atMs: number; kind: 'document'; document: SignedDocument };

export interface SimulationKeys {
  meterId: Uint8Array;
  meterSecretKey: Uint8Array;
  meterCustomerKey: Uint8Array;
  supplierSecretKey: Uint8Array;
  settlementSecretKey: Uint8Array;
}

/** Simulation-only keys, derived from the seed so runs repeat. Real meters are provisioned with `wattproof provision`. */
export function simulationKeys(seed: number): SimulationKeys {
  const k = (label: string) => { const h = sha256(utf8Encode(`wattproof simulation ${label} ${seed}`)); h[0] = h[0]! & 0x7f; return h; };
  return { meterId: k('meter id').subarray(0, 8), meterSecretKey: k('meter signing key'), meterCustomerKey: k('meter-customer key'), supplierSecretKey: k('supplier key'), settlementSecretKey: k('settlement key') };
}

export interface SimulationReport {
  meterId: string;
  from: string;
  to: string;
  periodsCertified: number;
  certificates: number;
  chainComplete: boolean;
  statements: { kind: string; from: string; periods: number; amountPence: string; valid: boolean; reason?: string }[];
  billPence: string;
  settlementPence: string;
  allStatementsValid: boolean;
  registerWh: string;
  documentAcks: { accepted: boolean; reason: string }[];
  powerCuts: number;
  tornRecords: number;
  flash: { writes: number; erases: number; bytesWritten: number };
  meterStatus: MeterStatus;
  elapsedMs: number;
  artefacts?: string | undefined;
}

export class Simulation {
  readonly world: World;
  readonly supplier: Supplier;
  readonly keys: SimulationKeys;
  readonly installMs: number;
  readonly endMs: number;
  meter: Meter | undefined;
  powerCuts = 0;
  readonly documents: SignedDocument[] = [];
  private poweredOffUntil = 0;

  constructor(readonly options: SimulateOptions = {}) {
    const seed = options.seed ?? 1;
    const days = options.days ?? 31;
    const from = localMidnightPeriod(options.start ?? '2026-01-01');
    this.installMs = (from - 1) * PERIOD_SECONDS * 1000;
    const endPeriod = localMidnightPeriod(formatDate(localSlotOfPeriod(from).day + days));
    this.endMs = (endPeriod + 1) * PERIOD_SECONDS * 1000 + 1;
    this.keys = simulationKeys(seed);
    const kv = new SimKeyValue();
    storeIdentity(kv, {
      meterId: this.keys.meterId, meterSecretKey: this.keys.meterSecretKey, meterCustomerKey: this.keys.meterCustomerKey,
      supplierPublicKey: p256.getPublicKey(this.keys.supplierSecretKey, true), settlementPublicKey: p256.getPublicKey(this.keys.settlementSecretKey, true),
    });
    this.world = new World(this.installMs, new SimFlash(4096, options.flashBlocks ?? 64), kv, new Household(seed, this.installMs, 1_234_567n));
    this.world.echoLog = options.echoLog ?? false;
    this.supplier = new Supplier({
      meterPublicKey: p256.getPublicKey(this.keys.meterSecretKey, false), meterId: this.keys.meterId,
      tariffPublicKey: p256.getPublicKey(this.keys.supplierSecretKey, false), valueOfEnergyPublicKey: p256.getPublicKey(this.keys.settlementSecretKey, false),
    });
    // The supplier asks for missing certificates; while the meter is off it asks again later.
    const ask = (request: Uint8Array, tries: number): void => {
      this.world.scheduler.once(60_000, () => { if (!this.world.dcc.toMeter(request) && tries > 0) ask(request, tries - 1); });
    };
    this.world.dcc.subscribe((m) => {
      const request = this.supplier.receive(m);
      if (request) ask(request, 30);
    });
    const tariff = this.signTariff(options.tariff ?? (DEFAULT_TARIFF as unknown as Record<string, unknown>));
    const voe = signDocument(DocumentKind.valueOfEnergy, JSON.stringify(valueOfEnergyJson(from - 48, endPeriod - from + 96, seed)), this.keys.settlementSecretKey);
    this.supplier.knowDocument(voe);
    this.documents.push(voe);
    for (const d of [tariff, voe]) this.world.scheduler.once(1, () => this.deliver(d));
    for (const e of options.events ?? []) this.world.scheduler.once(e.atMs, () => this.onEvent(e));
  }

  signTariff(json: Record<string, unknown>): SignedDocument {
    parseTariff(json); // a bad tariff file is the user's error: fail before simulating
    const d = signDocument(DocumentKind.tariff, JSON.stringify(json), this.keys.supplierSecretKey);
    this.supplier.knowDocument(d);
    this.documents.push(d);
    return d;
  }

  deliver(d: SignedDocument): void { this.world.dcc.toMeter(message(MessageType.documentUpdate, d.bytes)); }

  private onEvent(e: SimEvent): void {
    switch (e.kind) {
      case 'power-off': this.powerOff(e.forMs); break;
      case 'clock-jump': this.world.scheduler.jump(e.byMs); break;
      case 'wan': this.world.dcc.up = e.up; break;
      case 'document': this.deliver(e.document); break;
    }
  }

  /** Boots (or reboots) the meter with its firmware modules. */
  boot(): void {
    installWorld(this.world);
    this.meter = startMeter();
  }

  /** Cuts power now: the meter's RAM and timers are gone; flash and key-value storage remain. */
  powerOff(forMs: number): void {
    this.meter?.halt();
    this.meter = undefined;
    this.world.scheduler.clearOwner('meter');
    this.world.dcc.detach();
    this.powerCuts++;
    this.poweredOffUntil = this.world.scheduler.realMs() + forMs;
    this.world.scheduler.once(forMs, () => this.boot());
  }

  run(untilMs = this.endMs): void {
    if (!this.meter && this.world.scheduler.realMs() >= this.poweredOffUntil) this.boot();
    const dayMs = 86_400_000;
    const days = Math.ceil((untilMs - this.installMs) / dayMs);
    for (let t = this.world.scheduler.realMs(); t < untilMs;) {
      const next = Math.min(untilMs, t + dayMs);
      this.world.scheduler.runUntil(next, (e) => {
        if (e instanceof PowerCut) this.powerOff(5_000); // a write was torn: the meter stops there and boots again shortly
        else throw e;
      });
      t = next;
      this.options.progress?.(Math.round((t - this.installMs) / dayMs), days);
    }
  }

  report(elapsedMs: number): SimulationReport {
    const chain = this.supplier.chainReport();
    const statements = this.supplier.statements.map((s) => ({
      kind: s.kind, from: formatDate(localSlotOfPeriod(s.fromPeriod).day), periods: s.count,
      amountPence: s.verdict.valid ? s.verdict.statement.amount.toString() : '?', valid: s.verdict.valid,
      ...(s.verdict.valid ? {} : { reason: `${s.verdict.reason}: ${s.verdict.detail}` }),
    }));
    const sum = (kind: string) => this.supplier.statements.filter((s) => s.kind === kind && s.verdict.valid)
      .reduce((v, s) => v + (s.verdict.valid ? s.verdict.statement.amount : 0n), 0n).toString();
    const status = this.meter?.status();
    const certs = [...this.supplier.certificates.values()];
    return {
      meterId: toHex(this.keys.meterId),
      from: new Date(this.installMs).toISOString(),
      to: new Date(this.world.scheduler.nowMs()).toISOString(),
      periodsCertified: certs.reduce((n, c) => n + c.count, 0),
      certificates: chain.certificates,
      chainComplete: chain.complete,
      statements,
      billPence: sum('bill'),
      settlementPence: sum('settlement'),
      allStatementsValid: statements.length > 0 && statements.every((s) => s.valid),
      registerWh: this.world.household.registerAt(this.world.scheduler.realMs()).toString(),
      documentAcks: this.supplier.acks.map((a) => ({ accepted: a.accepted, reason: a.reason })),
      powerCuts: this.powerCuts,
      tornRecords: status?.tornRecords ?? 0,
      flash: { writes: this.world.flash.writes, erases: this.world.flash.erases, bytesWritten: this.world.flash.bytesWritten },
      meterStatus: status!,
      elapsedMs: Math.round(elapsedMs),
    };
  }

  /** Writes the artefacts described in docs/formats.md. */
  writeArtefacts(dir: string): void {
    mkdirSync(join(dir, 'statements'), { recursive: true });
    const certs = [...this.supplier.certificates.values()].sort((a, b) => a.seq - b.seq);
    writeFileSync(join(dir, 'certificates.wpc'), concat(...certs.map((c) => c.bytes)));
    for (const s of this.supplier.statements) {
      writeFileSync(join(dir, 'statements', `${s.kind}-${formatDate(localSlotOfPeriod(s.fromPeriod).day)}-${s.count}.wps`), s.file);
    }
    for (const d of this.documents) writeFileSync(join(dir, `${d.kind === DocumentKind.tariff ? 'tariff' : 'value-of-energy'}-${toHex(d.hash).slice(0, 12)}.wpd`), d.bytes);
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({
      meterId: toHex(this.keys.meterId),
      meterPublicKey: toHex(p256.getPublicKey(this.keys.meterSecretKey, false)),
      tariffPublicKey: toHex(p256.getPublicKey(this.keys.supplierSecretKey, false)),
      valueOfEnergyPublicKey: toHex(p256.getPublicKey(this.keys.settlementSecretKey, false)),
    }, null, 1) + '\n');
    this.world.flash.save(join(dir, 'meter-flash.bin'));
    this.world.keyValue.save(join(dir, 'meter-key-value.json'));
  }
}

export function simulate(options: SimulateOptions = {}): SimulationReport {
  const started = performance.now();
  const sim = new Simulation(options);
  sim.run();
  const report = sim.report(performance.now() - started);
  if (options.outDir) {
    sim.writeArtefacts(options.outDir);
    report.artefacts = options.outDir;
    writeFileSync(join(options.outDir, 'report.json'), JSON.stringify(report, null, 1) + '\n');
  }
  installWorld(undefined);
  return report;
}
