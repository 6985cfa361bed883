// UTC from the RTC. The meter's time source (comms hub / GPS / SNTP) sets it
// with Time.set(); until then Date.now() is whatever the RTC holds.
import type { Clock } from '../api.js';

export const clock: Clock = { nowMs: () => Date.now() };
