/**
 * A tiny ustar writer and gzip, so a script-mode entry point can be packaged
 * as sourcedir.tar.gz in the browser (no extra dependency, no server round trip).
 */

const BLOCK = 512;

function writeString(
  header: Uint8Array,
  offset: number,
  length: number,
  text: string
): void {
  const bytes = new TextEncoder().encode(text);
  header.set(bytes.subarray(0, length), offset);
}

/** Octal numbers, zero-padded, NUL-terminated, as ustar wants. */
function writeOctal(
  header: Uint8Array,
  offset: number,
  length: number,
  value: number
): void {
  writeString(
    header,
    offset,
    length,
    value.toString(8).padStart(length - 1, '0') + '\0'
  );
}

export interface ITarEntry {
  /** Path inside the archive, e.g. "train.py"; at most 100 bytes. */
  name: string;
  content: Uint8Array;
  mode?: number;
  mtime?: Date;
}

/** One ustar header block for `entry`. */
export function tarHeader(entry: ITarEntry): Uint8Array {
  if (new TextEncoder().encode(entry.name).length > 100) {
    throw new Error(`File name too long for the archive: ${entry.name}`);
  }
  const h = new Uint8Array(BLOCK);
  writeString(h, 0, 100, entry.name);
  writeOctal(h, 100, 8, entry.mode ?? 0o644);
  writeOctal(h, 108, 8, 0); // uid
  writeOctal(h, 116, 8, 0); // gid
  writeOctal(h, 124, 12, entry.content.length);
  writeOctal(
    h,
    136,
    12,
    Math.floor((entry.mtime ?? new Date()).getTime() / 1000)
  );
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  h[156] = 0x30; // '0': regular file
  writeString(h, 257, 6, 'ustar\0');
  writeString(h, 263, 2, '00');
  let sum = 0;
  for (const b of h) {
    sum += b;
  }
  writeString(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** An uncompressed tar of `entries`, ending with the two zero blocks. */
export function tar(entries: ITarEntry[]): Uint8Array {
  const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;
  const size =
    entries.reduce((s, e) => s + BLOCK + padded(e.content.length), 0) +
    2 * BLOCK;
  const out = new Uint8Array(size);
  let at = 0;
  for (const entry of entries) {
    out.set(tarHeader(entry), at);
    at += BLOCK;
    out.set(entry.content, at);
    at += padded(entry.content.length);
  }
  return out;
}

/** gzip with the browser's CompressionStream (Chromium 80+, Firefox 113+, Safari 16.4+). */
export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  if (typeof CompressionStream === 'undefined') {
    throw new Error(
      'This browser cannot gzip (no CompressionStream). Use a recent Chrome, Firefox or Safari.'
    );
  }
  const stream = new Blob([data])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function tarGz(entries: ITarEntry[]): Promise<Uint8Array> {
  return gzip(tar(entries));
}
