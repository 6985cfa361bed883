export function world(): any { return { clock: { nowMs: () => 5 } }; }
