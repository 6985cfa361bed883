// Metrology by pulse counting: the measuring front end (or the meter's test
// LED output) gives `pulsesPerKwh` pulses per kWh on a GPIO. The register
// survives resets through a base value saved in preferences every
// `saveEveryWh`; pulses after the last save are lost at a power cut, so a
// production meter reads the metrology chip's own non-volatile register instead.
import Digital from 'embedded:io/digital';
import Preference from 'preference';
import config from 'mc/config';
import type { Metrology } from '../api.js';

const pin = typeof config.metrologyPin === 'number' ? config.metrologyPin : 2;
const pulsesPerKwh = BigInt(typeof config.pulsesPerKwh === 'number' ? config.pulsesPerKwh : 1000);
const saveEveryWh = 10n;
const saved = Preference.get('wattproof', 'register-wh');
let baseWh = typeof saved === 'string' ? BigInt(saved) : 0n;
let pulses = 0n;

new Digital({ pin, mode: Digital.Input, edge: Digital.Rising, onReadable() { pulses++; } });

export const metrology: Metrology = {
  readRegisterWh() {
    const wh = baseWh + (pulses * 1000n) / pulsesPerKwh;
    if (wh - baseWh >= saveEveryWh) {
      Preference.set('wattproof', 'register-wh', wh.toString());
      pulses -= ((wh - baseWh) * pulsesPerKwh) / 1000n;
      baseWh = wh;
    }
    return wh;
  },
};
