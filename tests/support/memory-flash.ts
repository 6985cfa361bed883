// A NOR-semantics flash partition in memory, with no platform dependency (runs under XS).
import type { FlashPartition } from '../../firmware/platform/api.js';

export class MemoryFlash implements FlashPartition {
  readonly bytes: Uint8Array;
  constructor(readonly blockLength: number, readonly blocks: number) { this.bytes = new Uint8Array(blockLength * blocks).fill(0xff); }
  read(offset: number, length: number): Uint8Array { return this.bytes.slice(offset, offset + length); }
  write(offset: number, data: Uint8Array): void { for (let i = 0; i < data.length; i++) this.bytes[offset + i]! &= data[i]!; }
  eraseBlock(block: number): void { this.bytes.fill(0xff, block * this.blockLength, (block + 1) * this.blockLength); }
}
