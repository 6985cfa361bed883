// CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320): detects torn flash writes.
// An integrity check against power cuts, not a security mechanism.
let table: Uint32Array | undefined;

export function crc32(data: Uint8Array, from = 0, to = data.length): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = from; i < to; i++) crc = table[(crc ^ data[i]!) & 255]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
