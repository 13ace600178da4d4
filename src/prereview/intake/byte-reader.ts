/** Bounds-checked reads over a byte array: out-of-range reads give undefined, never throw. */
export interface ByteReader {
  u16(offset: number): number | undefined;
  u24(offset: number): number | undefined;
  u32(offset: number): number | undefined;
  ascii(offset: number, length: number): string | undefined;
}

export function createByteReader(bytes: Uint8Array, littleEndian: boolean): ByteReader {
  const read = (offset: number, length: number): number | undefined => {
    if (!Number.isInteger(offset) || offset < 0 || offset + length > bytes.length) return undefined;
    let value = 0;
    for (let i = 0; i < length; i++) {
      const byte = bytes[offset + (littleEndian ? length - 1 - i : i)] as number;
      value = value * 256 + byte;
    }
    return value;
  };
  return {
    u16: (offset) => read(offset, 2),
    u24: (offset) => read(offset, 3),
    u32: (offset) => read(offset, 4),
    ascii: (offset, length) => {
      if (offset < 0 || offset + length > bytes.length) return undefined;
      return String.fromCharCode(...bytes.subarray(offset, offset + length));
    },
  };
}
