// Register commitments: K_p = E_p*G + rho_p*H, where E_p is the cumulative energy
// register (Wh) at the end of period p. The reading of period p is
// c_p = E_p - E_{p-1}, committed as K_p - K_{p-1} with opening rho_p - rho_{p-1}.
// Committing to the register rather than to each reading lets a verifier touch
// only the periods where a weight changes (see linear.ts).
import { G, H, mul, type Point } from './group.js';
import { checkRegister } from './ids.js';

export function registerCommitment(register: bigint, opening: bigint): Point {
  return mul(G, checkRegister(register, 'register')).add(openingTerm(opening));
}

/** rho*H depends on no reading, so a meter computes it ahead of the period boundary. */
export function openingTerm(opening: bigint): Point {
  return mul(H(), opening);
}
