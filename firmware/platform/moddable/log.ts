import type { Log } from '../api.js';

export const log: Log = { log: (level, message) => trace(`[${level}] ${message}\n`) };
