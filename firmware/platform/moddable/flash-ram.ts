// A volatile partition in RAM, for targets where Moddable offers no flash
// partition API to scripts (pico, the lin simulator). Records do not survive a
// reset: the manifest warns at build time. A pico meter needs a native module
// over pico-sdk's flash_range_erase/flash_range_program for this seam.
import config from 'mc/config';
import type { FlashPartition } from '../api.js';

const blockLength = 4096;
const blocks = typeof config.ramFlashBlocks === 'number' ? config.ramFlashBlocks : 8;
const bytes = new Uint8Array(blockLength * blocks).fill(0xff);
trace(`wattproof: volatile RAM flash (${blocks} x ${blockLength} bytes); records are lost at reset\n`);

export const flash: FlashPartition = {
  blockLength,
  blocks,
  read: (offset, length) => bytes.slice(offset, offset + length),
  write: (offset, data) => { for (let i = 0; i < data.length; i++) bytes[offset + i]! &= data[i]!; },
  eraseBlock: (block) => { bytes.fill(0xff, block * blockLength, (block + 1) * blockLength); },
};
