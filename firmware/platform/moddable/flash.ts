// The certified-record partition on targets with Moddable's "flash" module
// (nrf52: partition "storage"). NOR semantics are the chip's own.
import Flash from 'flash';
import config from 'mc/config';
import type { FlashPartition } from '../api.js';

const partition = new Flash(typeof config.flashPartition === 'string' ? config.flashPartition : 'storage');

export const flash: FlashPartition = {
  blockLength: partition.blockSize,
  blocks: Math.floor(partition.byteLength / partition.blockSize),
  read: (offset, length) => new Uint8Array(partition.read(offset, length)),
  write: (offset, data) => {
    const copy = data.slice();
    partition.write(offset, copy.byteLength, copy.buffer as ArrayBuffer);
  },
  eraseBlock: (block) => partition.erase(block),
};
