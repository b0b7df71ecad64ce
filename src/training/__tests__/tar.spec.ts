import { tar, tarHeader } from '../tar';

const text = (b: Uint8Array, from: number, len: number) =>
  new TextDecoder().decode(b.subarray(from, from + len)).replace(/\0.*$/s, '');

describe('tar writer', () => {
  const content = new TextEncoder().encode('print("hello")\n');

  it('writes a ustar header with name, octal size and a valid checksum', () => {
    const h = tarHeader({
      name: 'train.py',
      content,
      mode: 0o755,
      mtime: new Date(0)
    });
    expect(h).toHaveLength(512);
    expect(text(h, 0, 100)).toBe('train.py');
    expect(parseInt(text(h, 124, 12), 8)).toBe(content.length);
    expect(text(h, 100, 8)).toBe('0000755');
    expect(text(h, 257, 6)).toBe('ustar');
    const stored = parseInt(text(h, 148, 8), 8);
    const copy = h.slice();
    copy.fill(0x20, 148, 156);
    expect(copy.reduce((s, b) => s + b, 0)).toBe(stored);
  });

  it('pads content to 512-byte blocks and ends with two zero blocks', () => {
    const out = tar([
      { name: 'a.py', content },
      { name: 'b.sh', content: new Uint8Array(600) }
    ]);
    expect(out.length).toBe(512 + 512 + 512 + 1024 + 1024);
    expect(text(out, 1024, 100)).toBe('b.sh');
    expect(out.subarray(out.length - 1024).every(b => b === 0)).toBe(true);
  });

  it('refuses names longer than the header holds', () => {
    expect(() => tarHeader({ name: 'x'.repeat(101), content })).toThrow(
      /too long/
    );
  });
});
