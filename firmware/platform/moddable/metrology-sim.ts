// The lin simulator has no metering front end: a steady 600 W load.
import type { Metrology } from '../api.js';

const startMs = Date.now();
export const metrology: Metrology = { readRegisterWh: () => BigInt(Math.floor((Date.now() - startMs) / 6000)) };
