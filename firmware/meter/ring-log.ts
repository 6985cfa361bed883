// An append-only log of records in a flash partition used as a ring of
// sectors (blocks). Power may fail at any instant; the log then loses at most
// the record being written.
//
// Sector: header (16) = "WPL1" | sectorSeq u32 | 0xFFFFFFFF | crc32(first 12)
// Record: 0xA5 | type u8 | length u16 | recordSeq u32 | payload | crc32 u32
//         (crc over type..payload), padded with 0xFF to a multiple of 4 bytes.
// One sector ahead of the head is always erased. Before the oldest sector is
// erased to become that spare, its pinned records (e.g. the active tariff) are
// appended again at the head, so erasing never destroys a live record. A torn
// record ends its sector: the next append opens a fresh sector.
import type { FlashPartition } from '../platform/api.js';
import { crc32 } from './crc32.js';
import { fail } from '../core/errors.js';

const SECTOR_MAGIC = Uint8Array.of(0x57, 0x50, 0x4c, 0x31); // "WPL1"
const SECTOR_HEADER = 16;
const RECORD_MAGIC = 0xa5;
const RECORD_OVERHEAD = 12;

export interface LogRecord { seq: number; type: number; payload: Uint8Array }

interface Sector { block: number; seq: number }

function be32(b: Uint8Array, at: number): number { return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!; }
function put32(b: Uint8Array, at: number, v: number): void { b[at] = v >>> 24; b[at + 1] = (v >>> 16) & 255; b[at + 2] = (v >>> 8) & 255; b[at + 3] = v & 255; }

export interface RingLogOptions {
  /** Record types that must survive the recycling of their sector. */
  pinned?: (record: LogRecord) => boolean;
}

export class RingLog {
  private sectors: Sector[] = []; // in use, oldest first
  private headOffset = 0; // next write offset within the head sector
  private nextSeq = 0;
  private nextSectorSeq = 0;
  readonly maxPayload: number;
  /** Torn records found at boot (evidence of power cuts during writes). */
  tornRecords = 0;
  private carryDepth = 0;

  private constructor(private readonly flash: FlashPartition, private readonly options: RingLogOptions) {
    if (flash.blocks < 3) fail('flash-too-small', 'the ring log needs at least 3 blocks');
    this.maxPayload = flash.blockLength - SECTOR_HEADER - RECORD_OVERHEAD - 3;
  }

  /** Scans the partition, recovering the log after a clean or unclean stop. */
  static open(flash: FlashPartition, options: RingLogOptions = {}): RingLog {
    const log = new RingLog(flash, options);
    log.recover();
    return log;
  }

  private readHeader(block: number): number | undefined {
    const h = this.flash.read(block * this.flash.blockLength, SECTOR_HEADER);
    for (let i = 0; i < 4; i++) if (h[i] !== SECTOR_MAGIC[i]) return undefined;
    if (crc32(h, 0, 12) !== be32(h, 12)) return undefined;
    return be32(h, 4);
  }

  private recover(): void {
    const found: Sector[] = [];
    for (let b = 0; b < this.flash.blocks; b++) {
      const seq = this.readHeader(b);
      if (seq !== undefined) found.push({ block: b, seq });
    }
    found.sort((a, b) => a.seq - b.seq);
    // Keep the newest run of consecutive sector numbers; anything older is stale.
    let start = found.length - 1;
    while (start > 0 && found[start - 1]!.seq === found[start]!.seq - 1) start--;
    this.sectors = found.slice(Math.max(start, 0));
    if (this.sectors.length > this.flash.blocks - 1) this.sectors = this.sectors.slice(this.sectors.length - (this.flash.blocks - 1));
    if (this.sectors.length === 0) {
      this.openSector(0);
      return;
    }
    this.nextSectorSeq = this.sectors[this.sectors.length - 1]!.seq + 1;
    let lastSeq = -1;
    for (let i = 0; i < this.sectors.length; i++) {
      const end = this.scanSector(this.sectors[i]!.block, (r) => { lastSeq = r.seq; });
      if (i === this.sectors.length - 1) this.headOffset = end.clean ? end.offset : this.flash.blockLength;
    }
    this.nextSeq = lastSeq + 1;
    this.ensureSpare();
  }

  /** Visits the valid records of one sector; returns where they end and whether the rest is erased. */
  private scanSector(block: number, visit: (r: LogRecord) => void): { offset: number; clean: boolean } {
    const base = block * this.flash.blockLength;
    const data = this.flash.read(base, this.flash.blockLength);
    let at = SECTOR_HEADER;
    while (at + RECORD_OVERHEAD <= data.length) {
      if (data[at] === 0xff) {
        let erased = true;
        for (let i = at; i < data.length; i++) if (data[i] !== 0xff) { erased = false; break; }
        return { offset: at, clean: erased };
      }
      const length = (data[at + 2]! << 8) | data[at + 3]!;
      const end = at + 8 + length + 4;
      if (data[at] !== RECORD_MAGIC || end > data.length || crc32(data, at + 1, at + 8 + length) !== be32(data, at + 8 + length)) {
        this.tornRecords++;
        return { offset: at, clean: false };
      }
      visit({ seq: be32(data, at + 4), type: data[at + 1]!, payload: data.slice(at + 8, at + 8 + length) });
      at = (end + 3) & ~3;
    }
    return { offset: at, clean: true };
  }

  private openSector(block: number): void {
    this.flash.eraseBlock(block);
    const h = new Uint8Array(SECTOR_HEADER).fill(0xff);
    h.set(SECTOR_MAGIC, 0);
    put32(h, 4, this.nextSectorSeq);
    put32(h, 12, crc32(h, 0, 12));
    this.flash.write(block * this.flash.blockLength, h);
    this.sectors.push({ block, seq: this.nextSectorSeq++ });
    this.headOffset = SECTOR_HEADER;
  }

  /** Keeps one erased block after the head, carrying pinned records out of the oldest sector first. */
  private ensureSpare(): void {
    const head = this.sectors[this.sectors.length - 1]!;
    const spare = (head.block + 1) % this.flash.blocks;
    const oldest = this.sectors[0]!;
    if (oldest.block !== spare || this.sectors.length === 1) return;
    const carry: LogRecord[] = [];
    if (this.options.pinned) this.scanSector(oldest.block, (r) => { if (this.options.pinned!(r)) carry.push(r); });
    if (++this.carryDepth > this.flash.blocks) fail('log-full', 'pinned records no longer fit the partition');
    try {
      this.sectors.shift();
      // Re-append before erasing: a power cut in between leaves a duplicate, never a loss.
      for (const r of carry) this.appendRaw(r.type, r.payload);
      this.flash.eraseBlock(oldest.block);
    } finally {
      this.carryDepth--;
    }
  }

  append(type: number, payload: Uint8Array): number {
    if (!Number.isInteger(type) || type < 0 || type > 254) fail('bad-record', 'record type must be 0..254');
    if (payload.length > this.maxPayload) fail('record-too-large', `record payload ${payload.length} exceeds ${this.maxPayload} bytes`);
    return this.appendRaw(type, payload);
  }

  private appendRaw(type: number, payload: Uint8Array): number {
    const size = (RECORD_OVERHEAD + payload.length + 3) & ~3;
    if (this.headOffset + size > this.flash.blockLength) {
      const head = this.sectors[this.sectors.length - 1]!;
      this.openSector((head.block + 1) % this.flash.blocks);
      this.ensureSpare();
      if (this.headOffset + size > this.flash.blockLength) return this.appendRaw(type, payload);
    }
    const rec = new Uint8Array(size).fill(0xff);
    rec[0] = RECORD_MAGIC;
    rec[1] = type;
    rec[2] = payload.length >>> 8;
    rec[3] = payload.length & 255;
    const seq = this.nextSeq;
    put32(rec, 4, seq);
    rec.set(payload, 8);
    put32(rec, 8 + payload.length, crc32(rec, 1, 8 + payload.length));
    const head = this.sectors[this.sectors.length - 1]!;
    const offset = head.block * this.flash.blockLength + this.headOffset;
    this.headOffset += size; // a torn write must not be overwritten: advance first
    this.nextSeq = seq + 1;
    this.flash.write(offset, rec);
    return seq;
  }

  /** All valid records, oldest first. Reads the flash; memory is one sector at a time. */
  forEach(visit: (r: LogRecord) => void): void {
    for (const s of this.sectors.slice()) this.scanSector(s.block, visit);
  }

  /** The same, lazily: a caller that stops early reads no further sectors. */
  *records(): Generator<LogRecord> {
    for (const s of this.sectors.slice()) {
      const batch: LogRecord[] = [];
      this.scanSector(s.block, (r) => batch.push(r));
      yield* batch;
    }
  }

  get sectorCount(): number { return this.sectors.length; }
}
