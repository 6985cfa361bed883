import type { Clock } from '../../firmware/platform/api.js';
import { world } from '../world.js';
export const clock: Clock = { nowMs: () => world().scheduler.nowMs() };
