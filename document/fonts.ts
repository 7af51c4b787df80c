import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

// The model's fonts: Spectral (Production Type, SIL Open Font License), as the design system's
// package ships it, in WOFF. fontkit reads WOFF, but inflates a table again at every access with a
// pure-JavaScript inflater, which was most of a draft's time in a profile. Its tables are inflated
// here once, with Node's zlib, back into the TrueType file they came from.

const FONTS = join(dirname(fileURLToPath(import.meta.resolve('@gouvfr/dsfr/package.json'))), 'dist', 'fonts');

const WOFF_HEADER = 44;
const WOFF_ENTRY = 20;
const SFNT_HEADER = 12;
const SFNT_ENTRY = 16;

/** The TrueType (sfnt) file a WOFF 1.0 file packs (W3C WOFF File Format 1.0, §3–5). */
export function sfntOfWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const tables = woff.readUInt16BE(12);
  const entries = Array.from({ length: tables }, (_, i) => {
    const at = WOFF_HEADER + i * WOFF_ENTRY;
    const [offset, compressed, original] = [4, 8, 12].map((field) => woff.readUInt32BE(at + field)) as [
      number,
      number,
      number,
    ];
    const packed = woff.subarray(offset, offset + compressed);
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compressed < original ? inflateSync(packed) : packed,
    };
  });
  // The directory's search fields, as the sfnt header wants them.
  const power = 2 ** Math.floor(Math.log2(tables));
  const header = Buffer.alloc(SFNT_HEADER + tables * SFNT_ENTRY);
  woff.copy(header, 0, 4, 8); // the flavor: TrueType or CFF
  header.writeUInt16BE(tables, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(tables * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  entries.forEach(({ tag, checksum, data }, i) => {
    const at = SFNT_HEADER + i * SFNT_ENTRY;
    tag.copy(header, at);
    header.writeUInt32BE(checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    const padded = Buffer.alloc(Math.ceil(data.length / 4) * 4);
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

const loaded = new Map<string, Buffer>();

/** A font of the design system's package (`Spectral-Regular`) as TrueType, read once per process. */
export function designSystemFont(name: string): Buffer {
  let font = loaded.get(name);
  if (!font) loaded.set(name, (font = sfntOfWoff(readFileSync(join(FONTS, `${name}.woff`)))));
  return font;
}
