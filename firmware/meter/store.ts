// The meter's durable state, kept as records in the ring log. Nothing else is
// persisted: on boot the chain position, the pending periods and the accepted
// documents are rebuilt by scanning the log.
import type { FlashPartition } from '../platform/api.js';
import { concat, equalBytes, toHex } from '../core/bytes.js';
import { WattproofError, fail } from '../core/errors.js';
import type { CertificateSummary } from '../core/chain.js';
import { decodeDocument, type SignedDocument } from '../core/document.js';
import { RingLog, type LogRecord } from './ring-log.js';
import {
  RecordType, type CertificateRecord, type GenesisRecord, type PeriodRecord, type StatementRecord,
  decodeCertificateRecord, decodeFragment, decodeGenesis, decodePeriod, decodeStatementRecord, encodeFragment,
  encodeCertificateRecord, encodeGenesis, encodePeriod, encodeStatementRecord,
} from './records.js';

export interface RecoveredState {
  genesis: GenesisRecord | undefined;
  lastCertificate: CertificateRecord | undefined;
  /** Register at the end of the last certificate (or the genesis register). */
  chainRegister: bigint | undefined;
  /** Periods certified after the last certificate, in order. */
  pending: PeriodRecord[];
  documents: SignedDocument[];
  statements: StatementRecord[];
  tornRecords: number;
}

const MAX_REMEMBERED_STATEMENTS = 16;
/** A meter keeps a few documents; this bounds the RAM to reassemble one. */
export const MAX_STORED_DOCUMENT = 32 * 1024;

export class MeterStore {
  readonly log: RingLog;
  private pinnedHashes: Uint8Array[] = [];

  constructor(flash: FlashPartition) {
    this.log = RingLog.open(flash, { pinned: (r) => this.isPinned(r) });
  }

  /** Chain position, set by the meter: the last certificate and where it ends. */
  private chain = { lastSeq: -1, endPeriod: -1 };
  setChainPosition(lastSeq: number, endPeriod: number): void { this.chain = { lastSeq, endPeriod }; }

  /**
   * What must outlive its sector: the genesis, documents in force, the last
   * certificate record, and the periods from the end of that certificate on
   * (the certifier resumes from them).
   */
  private isPinned(r: LogRecord): boolean {
    if (r.type === RecordType.genesis) return true;
    if (r.type === RecordType.period) return decodePeriod(r.payload).period >= this.chain.endPeriod;
    if (r.type === RecordType.certificate) return decodeCertificateRecord(r.payload).seq === this.chain.lastSeq;
    if (r.type !== RecordType.document) return false;
    try {
      const f = decodeFragment(r.payload);
      return this.pinnedHashes.some((h) => equalBytes(h.subarray(0, 8), f.id));
    } catch { return false; }
  }

  setPinnedDocuments(docs: readonly SignedDocument[]): void { this.pinnedHashes = docs.map((d) => d.hash); }

  recover(): RecoveredState {
    const s: RecoveredState = { genesis: undefined, lastCertificate: undefined, chainRegister: undefined, pending: [], documents: [], statements: [], tornRecords: this.log.tornRecords };
    const seenDocs = new Set<string>();
    const fragments = new Map<string, (Uint8Array | undefined)[]>();
    // Records may appear twice or out of order (re-appended when their sector was recycled, or after a cut).
    const periods = new Map<number, bigint>();
    let certEnd = -1;
    this.log.forEach((r) => {
      switch (r.type) {
        case RecordType.genesis:
          if (!s.genesis) s.genesis = decodeGenesis(r.payload);
          break;
        case RecordType.period: {
          const p = decodePeriod(r.payload);
          if (p.period >= certEnd && !periods.has(p.period)) periods.set(p.period, p.register);
          break;
        }
        case RecordType.certificate: {
          const c = decodeCertificateRecord(r.payload);
          if (s.lastCertificate && c.seq <= s.lastCertificate.seq) break;
          s.lastCertificate = c;
          certEnd = c.firstPeriod + c.count - 1;
          for (const p of periods.keys()) if (p < certEnd) periods.delete(p);
          break;
        }
        case RecordType.document: {
          const f = decodeFragment(r.payload);
          const key = toHex(f.id);
          let parts = fragments.get(key);
          if (!parts || parts.length !== f.total) { parts = new Array<Uint8Array | undefined>(f.total).fill(undefined); fragments.set(key, parts); }
          parts[f.index] = f.bytes;
          if (parts.every((x) => x !== undefined) && !seenDocs.has(key)) {
            try {
              const d = decodeDocument(concat(...(parts as Uint8Array[])));
              if (equalBytes(d.hash.subarray(0, 8), f.id)) { seenDocs.add(key); s.documents.push(d); }
            } catch { /* a torn or mixed document is not one */ }
            fragments.delete(key);
          }
          break;
        }
        case RecordType.statement:
          s.statements.push(decodeStatementRecord(r.payload));
          if (s.statements.length > MAX_REMEMBERED_STATEMENTS) s.statements.shift();
          break;
        default:
          break; // unknown record types from a newer firmware are skipped
      }
    });
    s.chainRegister = s.lastCertificate ? periods.get(certEnd) : s.genesis?.register;
    const sorted = [...periods.keys()].filter((p) => p > certEnd).sort((a, b) => a - b);
    s.pending = sorted.map((period) => ({ period, register: periods.get(period)! }));
    if (s.lastCertificate) this.chain = { lastSeq: s.lastCertificate.seq, endPeriod: certEnd };
    else if (s.genesis) this.chain = { lastSeq: -1, endPeriod: s.genesis.firstPeriod - 1 };
    return s;
  }

  appendGenesis(g: GenesisRecord): void { this.log.append(RecordType.genesis, encodeGenesis(g)); }
  appendPeriod(p: PeriodRecord): void { this.log.append(RecordType.period, encodePeriod(p)); }
  appendCertificate(c: CertificateRecord): void {
    this.log.append(RecordType.certificate, encodeCertificateRecord(c));
    this.chain = { lastSeq: c.seq, endPeriod: c.firstPeriod + c.count - 1 };
  }
  appendDocument(d: SignedDocument): void {
    if (d.bytes.length > MAX_STORED_DOCUMENT) fail('document-too-large', `the meter stores documents up to ${MAX_STORED_DOCUMENT} bytes, got ${d.bytes.length}`);
    const chunk = this.log.maxPayload - 12;
    const total = Math.ceil(d.bytes.length / chunk);
    for (let i = 0; i < total; i++) this.log.append(RecordType.document, encodeFragment({ id: d.hash.subarray(0, 8), index: i, total, bytes: d.bytes.subarray(i * chunk, (i + 1) * chunk) }));
  }
  appendStatement(s: StatementRecord): void { this.log.append(RecordType.statement, encodeStatementRecord(s)); }

  /**
   * register(p) for ascending p, streamed from flash (one sector in memory):
   * what proveStatement needs without holding a month of registers.
   */
  registerReader(genesis: GenesisRecord | undefined): (period: number) => bigint {
    const it = this.log.records();
    let last: PeriodRecord | undefined;
    return (period) => {
      if (genesis && period === genesis.firstPeriod - 1) return genesis.register;
      while (!last || last.period < period) {
        const n = it.next();
        if (n.done) break;
        if (n.value.type === RecordType.period) last = decodePeriod(n.value.payload);
      }
      if (last && last.period === period) return last.register;
      // re-appended out of order (its sector was recycled): look it up directly
      let found: bigint | undefined;
      this.log.forEach((r) => { if (found === undefined && r.type === RecordType.period) { const p = decodePeriod(r.payload); if (p.period === period) found = p.register; } });
      if (found === undefined) throw new WattproofError('log-incomplete', `register of period ${period} is not in the log`);
      return found;
    };
  }

  /** Summaries of the certificates that overlap [from-1, to). */
  certificatesBetween(from: number, to: number): CertificateSummary[] {
    const out: CertificateSummary[] = [];
    this.log.forEach((r) => {
      if (r.type !== RecordType.certificate) return;
      const c = decodeCertificateRecord(r.payload);
      if (c.firstPeriod + c.count - 1 >= from - 1 && c.firstPeriod < to && !out.some((x) => x.seq === c.seq)) out.push(c);
    });
    return out;
  }
}
