import type { FlashPartition } from '../../firmware/platform/api.js';
import { world } from '../world.js';
export const flash: FlashPartition = {
  get blockLength() { return world().flash.blockLength; },
  get blocks() { return world().flash.blocks; },
  read: (offset, length) => world().flash.read(offset, length),
  write: (offset, data) => world().flash.write(offset, data),
  eraseBlock: (block) => world().flash.eraseBlock(block),
};
