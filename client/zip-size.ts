import { inflateRawSync } from 'node:zlib';

// A DOCX is a zip, and a zip of 10 MB can hold gigabytes (a "zip bomb"): mammoth would unpack it
// whole in the console's memory. Before mammoth reads one, each of its parts is unpacked here with
// a ceiling on what comes out — its real size, not the one its header declares, which may lie.

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Whether the zip in `bytes` unpacks to at most `max` bytes in all (`within`), to more (`beyond`),
 * or cannot be walked (`unreadable`: not a zip, ZIP64, an unknown compression, a damaged part).
 */
export function zipUnpacking(bytes: Uint8Array, max: number): 'within' | 'beyond' | 'unreadable' {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--)
    if (data.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  if (end < 0) return 'unreadable';
  let left = max;
  try {
    let entry = data.readUInt32LE(end + 16);
    for (let i = data.readUInt16LE(end + 10); i > 0; i--) {
      if (data.readUInt32LE(entry) !== DIRECTORY_ENTRY) return 'unreadable';
      const method = data.readUInt16LE(entry + 10);
      const packed = data.readUInt32LE(entry + 20);
      const local = data.readUInt32LE(entry + 42);
      if (data.readUInt32LE(local) !== LOCAL_HEADER) return 'unreadable';
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      const part = data.subarray(start, start + packed);
      if (method === STORED) left -= part.length;
      else if (method === DEFLATED)
        left -= inflateRawSync(part, { maxOutputLength: Math.max(1, left) }).length;
      else return 'unreadable';
      if (left < 0) return 'beyond';
      entry +=
        46 + data.readUInt16LE(entry + 28) + data.readUInt16LE(entry + 30) + data.readUInt16LE(entry + 32);
    }
  } catch (error) {
    // zlib stops at the ceiling; anything else is a header pointing outside the file, or damaged data.
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'beyond' : 'unreadable';
  }
  return 'within';
}
