// The meter application: closes each half-hour period at its UTC boundary and
// certifies it, closes a certificate at every UTC midnight, takes signed
// tariff and value-of-energy updates, bills and settles in the meter at the
// start of each month (local time), and queues messages for the WAN.
// Platform-free: everything device-specific comes through `Platform`.
import type { Platform, TimerHandle } from '../platform/api.js';
import { Certifier } from '../core/certifier.js';
import { ZERO_HASH, certificateHash, encodeCertificateBody } from '../core/certificate.js';
import { registerCommitment } from '../core/commitment.js';
import { encodePoint } from '../core/group.js';
import { DocumentKind, type SignedDocument, decodeDocument, documentJson, verifyDocumentSignature } from '../core/document.js';
import { WattproofError } from '../core/errors.js';
import { PERIOD_SECONDS, PERIODS_PER_UTC_DAY } from '../core/ids.js';
import { civilFromDays, daysFromCivil, firstPeriodOfLocalDay, formatDate, localSlotOfPeriod } from '../core/london-time.js';
import { proveStatement } from '../core/prover.js';
import { type Statement, StatementKind, encodeStatement } from '../core/statement.js';
import { type Tariff, parseTariff } from '../core/tariff.js';
import { type ValueOfEnergy, parseValueOfEnergy } from '../core/value-of-energy.js';
import { concat, equalBytes, toHex } from '../core/bytes.js';
import { type MeterIdentity, loadIdentity } from './keys.js';
import { EventLevel, MessageType, documentAck, eventMessage, message, parseMessage } from './messages.js';
import { MeterStore } from './store.js';
import { type CertificateRecord, type GenesisRecord, RecordType, decodeCertificateRecord } from './records.js';

export interface MeterConfig {
  /** Outbound messages kept while the WAN is down; the oldest are dropped beyond it. */
  queueLimit: number;
  /** Retry interval for the outbound queue. */
  retryMs: number;
  /** Accepted documents of each kind kept (the newest). */
  documentsKept: number;
}

export const DEFAULT_METER_CONFIG: MeterConfig = Object.freeze({ queueLimit: 96, retryMs: 60_000, documentsKept: 3 });

interface ActiveTariff { doc: SignedDocument; tariff: Tariff }
interface ActiveVoe { doc: SignedDocument; voe: ValueOfEnergy }

export interface MeterStatus {
  lastPeriod: number;
  nextCertificateSeq: number;
  pendingPeriods: number;
  queued: number;
  dropped: number;
  tariffs: { tariffId: string; version: number; validFrom: string; validTo: string }[];
  statements: number;
  tornRecords: number;
}

export class Meter {
  private readonly config: MeterConfig;
  private identity!: MeterIdentity;
  private store!: MeterStore;
  private certifier!: Certifier;
  private genesis: GenesisRecord | undefined;
  private tariffs: ActiveTariff[] = [];
  private voes: ActiveVoe[] = [];
  private queue: Uint8Array[] = [];
  private dropped = 0;
  private statementsIssued: { kind: number; fromPeriod: number; count: number; statement: Uint8Array }[] = [];
  private boundaryTimer: TimerHandle | undefined;
  private retryTimer: TimerHandle | undefined;
  private tornRecords = 0;
  private running = false;

  constructor(private readonly platform: Platform, config: Partial<MeterConfig> = {}) {
    this.config = { ...DEFAULT_METER_CONFIG, ...config };
  }

  private log(level: 'info' | 'warn' | 'error', text: string, send = level !== 'info'): void {
    this.platform.log.log(level, text);
    if (send) this.enqueue(eventMessage(EventLevel[level], text));
  }

  /** Starts (or restarts after a power cut): recovers the log, catches up, schedules the next boundary. */
  boot(): void {
    this.identity = loadIdentity(this.platform.keyValue);
    this.store = new MeterStore(this.platform.flash);
    const s = this.store.recover();
    this.tornRecords = s.tornRecords;
    if (s.tornRecords > 0) this.log('warn', `recovered the log: ${s.tornRecords} torn record(s) discarded`);
    for (const d of s.documents) this.restoreDocument(d);
    this.statementsIssued = s.statements.map((x) => ({ kind: x.kind, fromPeriod: x.fromPeriod, count: x.count, statement: x.statement }));
    const keys = { meterId: this.identity.meterId, meterSecretKey: this.identity.meterSecretKey, meterCustomerKey: this.identity.meterCustomerKey };
    const now = this.currentPeriod();
    if (!s.genesis) {
      // First boot: certification starts with the period now in progress.
      this.genesis = { firstPeriod: now, register: this.platform.metrology.readRegisterWh() };
      this.store.appendGenesis(this.genesis);
      this.certifier = Certifier.genesis(keys, this.genesis.firstPeriod, this.genesis.register);
      this.log('info', `genesis at period ${now}, register ${this.genesis.register} Wh`, false);
    } else {
      this.genesis = s.genesis;
      const last = s.lastCertificate;
      const chain = last
        ? { nextSeq: last.seq + 1, prevHash: last.hash, lastPeriod: last.firstPeriod + last.count - 1, lastRegister: s.chainRegister! }
        : { nextSeq: 0, prevHash: ZERO_HASH, lastPeriod: s.genesis.firstPeriod - 1, lastRegister: s.genesis.register };
      if (chain.lastRegister === undefined) throw new WattproofError('log-incomplete', 'the register ending the last certificate is no longer in the log');
      this.certifier = Certifier.resume(keys, chain, s.pending);
      this.log('info', `resumed at period ${this.certifier.nextPeriod}, certificate ${chain.nextSeq}, ${s.pending.length} pending`, false);
    }
    this.running = true;
    this.platform.network.onReceive((m) => this.receive(m));
    if (s.genesis) this.recoverDueWork();
    this.onBoundary();
  }

  /** Stops timers (the simulator's power switch). */
  halt(): void {
    this.running = false;
    this.platform.timers.clear(this.boundaryTimer);
    this.platform.timers.clear(this.retryTimer);
  }

  private currentPeriod(): number { return Math.floor(this.platform.clock.nowMs() / (PERIOD_SECONDS * 1000)); }

  /** Closes every ended period, then sleeps until the next boundary. */
  private onBoundary(): void {
    if (!this.running) return;
    const now = this.currentPeriod();
    const next = this.certifier.nextPeriod;
    if (now < next) {
      if (now < next - 1) this.log('warn', `clock is behind the certified chain (period ${now} < ${next - 1}); waiting`);
    } else {
      // Periods that ended unobserved (power off, clock jump) take the register read now.
      const register = this.platform.metrology.readRegisterWh();
      if (now > next + 1) this.log('warn', `${now - next - 1} period(s) ended unobserved (${next}..${now - 2}); certified with the register read now`);
      for (let p = next; p < now; p++) this.closePeriod(p, register);
    }
    const msToNext = (Math.max(now, this.certifier.nextPeriod) + 1) * PERIOD_SECONDS * 1000 - this.platform.clock.nowMs();
    this.boundaryTimer = this.platform.timers.once(Math.max(1, msToNext), () => this.onBoundary());
    // Idle time: the next commitment's rho*H needs no reading.
    this.platform.timers.once(0, () => { if (this.running) this.certifier.prepare(); });
    this.flush();
  }

  private closePeriod(period: number, register: bigint): void {
    this.certifier.certify(period, register);
    this.store.appendPeriod({ period, register });
    this.afterPeriod(period);
  }

  /** Work due once `period` is certified: the day's certificate, the month's bills. Idempotent. */
  private afterPeriod(period: number): void {
    if ((period + 1) % PERIODS_PER_UTC_DAY === 0 && this.certifier.pendingCount > 0) this.closeCertificate();
    const after = localSlotOfPeriod(period + 1);
    if (after.slot === 0 && civilFromDays(after.day).d === 1 && firstPeriodOfLocalDay(after.day) === period + 1) this.billMonthEndingAt(after.day);
  }

  /**
   * After a restart: redo what the cut may have interrupted (a certificate or
   * bill due at the last boundary) and send again the statements of the last
   * day, which may not have left RAM (146 bytes each; receivers drop
   * duplicates). Certificates are rebuilt only when the receiver asks (0x82):
   * rebuilding one costs 49 commitments, too much for every boot.
   */
  private recoverDueWork(): void {
    const last = this.certifier.nextPeriod - 1;
    this.afterPeriod(last);
    for (const s of this.statementsIssued) if (s.fromPeriod + s.count >= last - PERIODS_PER_UTC_DAY) this.enqueue(message(MessageType.statement, s.statement));
  }

  private closeCertificate(): void {
    const cert = this.certifier.close();
    this.store.appendCertificate({ seq: cert.seq, firstPeriod: cert.firstPeriod, count: cert.count, hash: cert.hash, signature: cert.signature });
    this.enqueue(message(MessageType.certificate, cert.bytes));
  }

  // --- billing ---------------------------------------------------------------

  /** In-meter billing for the local month that ends at local day `endDay` (the 1st). */
  private billMonthEndingAt(endDay: number): void {
    const end = civilFromDays(endDay);
    const startDay = daysFromCivil(end.m === 1 ? end.y - 1 : end.y, end.m === 1 ? 12 : end.m - 1, 1);
    const to = firstPeriodOfLocalDay(endDay);
    let from = firstPeriodOfLocalDay(startDay);
    // A meter installed mid-month bills from its first whole local day.
    let d = startDay;
    while (from - 1 < this.genesis!.firstPeriod - 1 && d < endDay) from = firstPeriodOfLocalDay(++d);
    if (from >= to) return;
    // Certificates must be closed over the range: close the partial day now (the chain allows short certificates).
    if (this.certifier.pendingCount > 0) this.closeCertificate();
    this.issueBills(from, to, startDay, endDay);
    this.issueSettlement(from, to);
  }

  private issueBills(from: number, to: number, firstDay: number, endDay: number): void {
    // One bill statement per run of days under the same tariff document.
    let runStart = firstDay;
    let runTariff: ActiveTariff | undefined = this.tariffForDay(firstDay);
    for (let day = firstDay + 1; day <= endDay; day++) {
      const t = day < endDay ? this.tariffForDay(day) : undefined;
      if (day < endDay && t === runTariff) continue;
      const a = Math.max(from, firstPeriodOfLocalDay(runStart)), b = firstPeriodOfLocalDay(day);
      if (!runTariff) this.log('error', `no tariff in force for ${formatDate(runStart)}..${formatDate(day - 1)}: not billed`);
      else if (b > a) this.issue(StatementKind.bill, a, b - a, runTariff.doc);
      runStart = day;
      runTariff = t;
    }
  }

  private issueSettlement(from: number, to: number): void {
    const v = this.voes.find((x) => x.voe.firstPeriod <= from && x.voe.firstPeriod + x.voe.prices.length >= to);
    if (!v) { this.log('warn', `no value-of-energy document covers periods ${from}..${to - 1}: no settlement`); return; }
    this.issue(StatementKind.settlement, from, to - from, v.doc);
  }

  private tariffForDay(day: number): ActiveTariff | undefined {
    let best: ActiveTariff | undefined;
    for (const t of this.tariffs) if (t.tariff.validFromDay <= day && t.tariff.validToDay >= day && (!best || t.tariff.version > best.tariff.version)) best = t;
    return best;
  }

  private issue(kind: StatementKind, fromPeriod: number, count: number, document: SignedDocument): void {
    if (this.statementsIssued.some((s) => s.kind === kind && s.fromPeriod === fromPeriod && s.count === count)) return;
    let statement: Statement;
    try {
      statement = proveStatement({
        kind, meterId: this.identity.meterId, fromPeriod, count, document,
        register: this.store.registerReader(this.genesis),
        openings: this.certifier.openings,
        certificates: this.store.certificatesBetween(fromPeriod, fromPeriod + count),
      });
    } catch (e) {
      this.log('error', `could not prove ${kind === StatementKind.bill ? 'bill' : 'settlement'} ${fromPeriod}+${count}: ${(e as Error).message}`);
      return;
    }
    const encoded = encodeStatement(statement);
    this.store.appendStatement({ kind, fromPeriod, count, statement: encoded });
    this.statementsIssued.push({ kind, fromPeriod, count, statement: encoded });
    if (this.statementsIssued.length > 16) this.statementsIssued.shift();
    this.enqueue(message(MessageType.statement, encoded));
    this.log('info', `${kind === StatementKind.bill ? 'bill' : 'settlement'} for periods ${fromPeriod}..${fromPeriod + count - 1}: ${statement.amount} p`, false);
  }

  // --- documents --------------------------------------------------------------

  private restoreDocument(d: SignedDocument): void {
    try { this.install(d, this.check(d, false)); } catch { /* a stored document that no longer applies is ignored */ }
  }

  /** Validates an update: signature, body, version and dates. Throws a WattproofError naming the fault. */
  private check(d: SignedDocument, isUpdate: boolean): Tariff | ValueOfEnergy {
    const isTariff = d.kind === DocumentKind.tariff;
    const key = isTariff ? this.identity.supplierPublicKey : this.identity.settlementPublicKey;
    if (!key) throw new WattproofError('no-trust-anchor', 'no settlement-body key provisioned');
    if (!verifyDocumentSignature(d, key)) throw new WattproofError('document-signature', 'signature does not verify');
    const json = documentJson(d);
    if (isTariff) {
      const t = parseTariff(json);
      if (isUpdate) {
        const today = localSlotOfPeriod(this.currentPeriod()).day;
        const newest = this.tariffs.reduce((v, x) => Math.max(v, x.tariff.version), 0);
        if (t.version <= newest) throw new WattproofError('stale-version', `version ${t.version} is not newer than ${newest}`, 'version');
        if (t.validToDay < today) throw new WattproofError('expired', `validTo ${formatDate(t.validToDay)} has passed`, 'validTo');
        if (this.tariffs.length > 0 && t.validFromDay < today) throw new WattproofError('retroactive', `validFrom ${formatDate(t.validFromDay)} is before today ${formatDate(today)}`, 'validFrom');
      }
      return t;
    }
    const v = parseValueOfEnergy(json);
    if (isUpdate) {
      const clash = this.voes.find((x) => x.voe.firstPeriod === v.firstPeriod && x.voe.version >= v.version);
      if (clash) throw new WattproofError('stale-version', `version ${v.version} is not newer than ${clash.voe.version}`, 'version');
    }
    return v;
  }

  private install(d: SignedDocument, parsed: Tariff | ValueOfEnergy): void {
    if (d.kind === DocumentKind.tariff) {
      this.tariffs = [...this.tariffs.filter((t) => toHex(t.doc.hash) !== toHex(d.hash)), { doc: d, tariff: parsed as Tariff }]
        .sort((a, b) => a.tariff.version - b.tariff.version).slice(-this.config.documentsKept);
    } else {
      this.voes = [...this.voes.filter((t) => toHex(t.doc.hash) !== toHex(d.hash)), { doc: d, voe: parsed as ValueOfEnergy }]
        .sort((a, b) => a.voe.firstPeriod - b.voe.firstPeriod || a.voe.version - b.voe.version).slice(-this.config.documentsKept);
    }
    this.store.setPinnedDocuments([...this.tariffs.map((t) => t.doc), ...this.voes.map((v) => v.doc)]);
  }

  /** Inbound message from the WAN. Bad input is answered and logged, never thrown. */
  receive(m: Uint8Array): void {
    let hash: Uint8Array = new Uint8Array(32);
    try {
      const { type, payload } = parseMessage(m);
      if (type === MessageType.resendCertificates) {
        if (payload.length !== 4) throw new WattproofError('bad-message', 'resend request carries a u32 sequence number');
        this.resendFrom(((payload[0]! << 24) >>> 0) + (payload[1]! << 16) + (payload[2]! << 8) + payload[3]!);
        this.flush();
        return;
      }
      if (type !== MessageType.documentUpdate) throw new WattproofError('bad-message', `unexpected message type ${type}`);
      const d = decodeDocument(payload);
      hash = d.hash;
      const parsed = this.check(d, true);
      this.store.appendDocument(d);
      this.install(d, parsed);
      this.enqueue(documentAck(true, d.hash, 'accepted'));
      this.log('info', `accepted ${d.kind === DocumentKind.tariff ? 'tariff' : 'value-of-energy'} ${toHex(d.hash).slice(0, 16)}`, false);
    } catch (e) {
      const reason = e instanceof WattproofError ? e.message : `internal error: ${(e as Error).message}`;
      this.enqueue(documentAck(false, hash, reason));
      this.log('warn', `rejected document update: ${reason}`);
    }
    this.flush();
  }

  /**
   * Rebuilds certificates from the log (registers, derived openings, stored
   * signatures) and sends them again; at most 32 per request. The rebuilt
   * bodies are byte-identical, so the stored signatures still verify.
   */
  private resendFrom(fromSeq: number): void {
    const records: CertificateRecord[] = [];
    let prevHash: Uint8Array = ZERO_HASH;
    this.store.log.forEach((r) => {
      if (r.type !== RecordType.certificate) return;
      const c = decodeCertificateRecord(r.payload);
      if (c.seq === fromSeq - 1) prevHash = c.hash;
      if (c.seq >= fromSeq && records.length < 32 && !records.some((x) => x.seq === c.seq)) records.push(c);
    });
    if (records.length === 0 || records[0]!.seq !== fromSeq) { this.log('warn', `cannot resend certificate ${fromSeq}: no longer in the log`); return; }
    for (const c of records) {
      const read = this.store.registerReader(this.genesis);
      const commit = (p: number) => encodePoint(registerCommitment(read(p), this.certifier.openings.opening(p)));
      const startRegister = commit(c.firstPeriod - 1);
      const registers: Uint8Array[] = [];
      for (let p = c.firstPeriod; p < c.firstPeriod + c.count; p++) registers.push(commit(p));
      const body = encodeCertificateBody({ meterId: this.identity.meterId, seq: c.seq, firstPeriod: c.firstPeriod, prevHash, startRegister, registers });
      if (!equalBytes(certificateHash(body), c.hash)) { this.log('error', `rebuilt certificate ${c.seq} does not match its record`); return; }
      this.enqueue(message(MessageType.certificate, concat(body, c.signature)));
      prevHash = c.hash;
    }
  }

  // --- outbound queue ----------------------------------------------------------

  private enqueue(m: Uint8Array): void {
    this.queue.push(m);
    while (this.queue.length > this.config.queueLimit) { this.queue.shift(); this.dropped++; }
  }

  private flush(): void {
    while (this.queue.length > 0 && this.platform.network.send(this.queue[0]!)) this.queue.shift();
    if (this.queue.length > 0 && this.running && this.retryTimer === undefined) {
      this.retryTimer = this.platform.timers.once(this.config.retryMs, () => { this.retryTimer = undefined; this.flush(); });
    }
  }

  status(): MeterStatus {
    return {
      lastPeriod: this.certifier.nextPeriod - 1,
      nextCertificateSeq: this.certifier.snapshot().nextSeq,
      pendingPeriods: this.certifier.pendingCount,
      queued: this.queue.length,
      dropped: this.dropped,
      tariffs: this.tariffs.map((t) => ({ tariffId: t.tariff.tariffId, version: t.tariff.version, validFrom: formatDate(t.tariff.validFromDay), validTo: formatDate(t.tariff.validToDay) })),
      statements: this.statementsIssued.length,
      tornRecords: this.tornRecords,
    };
  }
}
