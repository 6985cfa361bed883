// A simulated NOR flash partition: erase sets 0xFF, writes can only clear bits,
// and a power cut can be armed to strike in the middle of a write or an erase.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { FlashPartition } from '../firmware/platform/api.js';

export class PowerCut extends Error {
  constructor(where: string) { super(`power cut during ${where}`); this.name = 'PowerCut'; }
}

export class SimFlash implements FlashPartition {
  readonly bytes: Uint8Array;
  writes = 0;
  erases = 0;
  bytesWritten = 0;
  private cut: { afterBytes: number } | undefined;

  constructor(readonly blockLength = 4096, readonly blocks = 64, initial?: Uint8Array) {
    this.bytes = initial ? Uint8Array.from(initial) : new Uint8Array(blockLength * blocks).fill(0xff);
    if (this.bytes.length !== blockLength * blocks) throw new Error('flash image has the wrong size');
  }

  static load(path: string, blockLength = 4096, blocks = 64): SimFlash {
    return new SimFlash(blockLength, blocks, existsSync(path) ? readFileSync(path) : undefined);
  }
  save(path: string): void { writeFileSync(path, this.bytes); }

  /** The next write or erase stops after `afterBytes` more bytes have been programmed, then power fails. */
  armPowerCut(afterBytes: number): void { this.cut = { afterBytes }; }
  get armed(): boolean { return this.cut !== undefined; }
  disarm(): void { this.cut = undefined; }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.bytes.length) throw new RangeError(`flash read ${offset}+${length} out of range`);
    return this.bytes.slice(offset, offset + length);
  }

  write(offset: number, data: Uint8Array): void {
    if (offset < 0 || offset + data.length > this.bytes.length) throw new RangeError(`flash write ${offset}+${data.length} out of range`);
    if (offset % 4 !== 0) throw new RangeError(`flash write at ${offset} is not 4-byte aligned`);
    this.writes++;
    for (let i = 0; i < data.length; i++) {
      if (this.cut && this.cut.afterBytes-- <= 0) {
        // the byte being programmed when power fails ends up with some of its bits cleared
        this.bytes[offset + i]! &= data[i]! | 0x5a;
        this.cut = undefined;
        throw new PowerCut('flash write');
      }
      this.bytes[offset + i]! &= data[i]!; // NOR: programming only clears bits
      this.bytesWritten++;
    }
  }

  eraseBlock(block: number): void {
    if (!Number.isInteger(block) || block < 0 || block >= this.blocks) throw new RangeError(`no block ${block}`);
    this.erases++;
    const base = block * this.blockLength;
    if (this.cut && this.cut.afterBytes < this.blockLength) {
      // an interrupted erase leaves part of the block erased
      this.bytes.fill(0xff, base, base + this.cut.afterBytes);
      this.cut = undefined;
      throw new PowerCut('flash erase');
    }
    if (this.cut) this.cut.afterBytes -= this.blockLength;
    this.bytes.fill(0xff, base, base + this.blockLength);
  }
}
