import type { Metrology } from '../../firmware/platform/api.js';
import { world } from '../world.js';
export const metrology: Metrology = { readRegisterWh: () => world().household.registerAt(world().scheduler.realMs()) };
