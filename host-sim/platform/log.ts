import type { Log } from '../../firmware/platform/api.js';
import { world } from '../world.js';
export const log: Log = { log: (level, message) => world().log(level, message) };
