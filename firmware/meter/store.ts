// The meter's durable state, kept as records in the ring log. Nothing else is
// persisted: on boot the chain position, the pending periods and the accepted
// documents are rebuilt by scanning the log.
import type { FlashPartition } from '../platform/api.js';
import { equalBytes } from '../core/bytes.js';
import type { CertificateSummary } from '../core/chain.js';
import { decodeDocument, type SignedDocument } from '../core/document.js';
import { RingLog, type LogRecord } from './ring-log.js';
import {
  RecordType, type CertificateRecord, type GenesisRecord, type PeriodRecord, type StatementRecord,
  decodeCertificateRecord, decodeGenesis, decodePeriod, decodeStatementRecord,
  encodeCertificateRecord, encodeGenesis, encodePeriod, encodeStatementRecord,
} from './records.js';

export interface RecoveredState {
  genesis: GenesisRecord | undefined;
  lastCertificate: CertificateRecord | undefined;
  /** Register at the end of the last certificate (or the genesis register). */
  chainRegister: bigint | undefined;
  /** Periods certified after the last certificate, in order. */
  pending: PeriodRecord[];
  lastPeriod: PeriodRecord | undefined;
  documents: SignedDocument[];
  statements: StatementRecord[];
  tornRecords: number;
}

const MAX_REMEMBERED_STATEMENTS = 16;

export class MeterStore {
  readonly log: RingLog;
  private pinnedHashes: Uint8Array[] = [];

  constructor(flash: FlashPartition) {
    this.log = RingLog.open(flash, { pinned: (r) => this.isPinned(r) });
  }

  /** Documents still in force, and the genesis, must outlive their sector. */
  private isPinned(r: LogRecord): boolean {
    if (r.type === RecordType.genesis) return true;
    if (r.type !== RecordType.document) return false;
    try {
      const d = decodeDocument(r.payload);
      return this.pinnedHashes.some((h) => equalBytes(h, d.hash));
    } catch { return false; }
  }

  setPinnedDocuments(docs: readonly SignedDocument[]): void { this.pinnedHashes = docs.map((d) => d.hash); }

  recover(): RecoveredState {
    const s: RecoveredState = { genesis: undefined, lastCertificate: undefined, chainRegister: undefined, pending: [], lastPeriod: undefined, documents: [], statements: [], tornRecords: this.log.tornRecords };
    const seenDocs = new Set<string>();
    this.log.forEach((r) => {
      switch (r.type) {
        case RecordType.genesis: {
          const g = decodeGenesis(r.payload);
          if (!s.genesis) { s.genesis = g; s.chainRegister = g.register; }
          break;
        }
        case RecordType.period: {
          const p = decodePeriod(r.payload);
          if (s.lastPeriod && p.period <= s.lastPeriod.period) break; // duplicate after a cut: keep the first
          s.pending.push(p);
          s.lastPeriod = p;
          break;
        }
        case RecordType.certificate: {
          const c = decodeCertificateRecord(r.payload);
          if (s.lastCertificate && c.seq <= s.lastCertificate.seq) break;
          s.lastCertificate = c;
          const end = c.firstPeriod + c.count - 1;
          const endRecord = s.pending.find((p) => p.period === end);
          s.chainRegister = endRecord?.register; // undefined: the log no longer holds it (cannot happen within retention)
          s.pending = s.pending.filter((p) => p.period > end);
          break;
        }
        case RecordType.document: {
          const d = decodeDocument(r.payload);
          const key = Array.from(d.hash.subarray(0, 12)).join(',');
          if (!seenDocs.has(key)) { seenDocs.add(key); s.documents.push(d); }
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
    return s;
  }

  appendGenesis(g: GenesisRecord): void { this.log.append(RecordType.genesis, encodeGenesis(g)); }
  appendPeriod(p: PeriodRecord): void { this.log.append(RecordType.period, encodePeriod(p)); }
  appendCertificate(c: CertificateRecord): void { this.log.append(RecordType.certificate, encodeCertificateRecord(c)); }
  appendDocument(d: SignedDocument): void { this.log.append(RecordType.document, d.bytes); }
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
        if (n.done) throw new Error(`register of period ${period} is not in the log`);
        if (n.value.type === RecordType.period) last = decodePeriod(n.value.payload);
      }
      if (last.period !== period) throw new Error(`register of period ${period} is not in the log`);
      return last.register;
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
