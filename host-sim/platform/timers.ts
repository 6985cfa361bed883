import type { Timers } from '../../firmware/platform/api.js';
import { world } from '../world.js';
export const timers: Timers = {
  once: (ms, callback) => world().scheduler.once(ms, callback, 'meter'),
  clear: (handle) => world().scheduler.clear(handle),
};
