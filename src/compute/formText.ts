/** Text forms of list fields, so the dialogs stay plain inputs. */

export function parseList(text: string): string[] {
  return text
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

/** "team=ml, project=no2" → {team: 'ml', project: 'no2'} */
export function parseTags(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of parseList(text)) {
    const i = part.indexOf('=');
    if (i === -1) {
      out[part] = '';
    } else {
      out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
    }
  }
  return out;
}

export function formatTags(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join(', ');
}

/** One per line: "name: s3://bucket/script.sh arg1 arg2". */
export function parseBootstrap(
  text: string
): { name: string; path: string; args: string[] }[] {
  return text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
    .map(line => {
      const i = line.indexOf(': ');
      const name = i === -1 ? '' : line.slice(0, i).trim();
      const [path = '', ...args] = line
        .slice(i === -1 ? 0 : i + 2)
        .trim()
        .split(/\s+/);
      return { name: name || path.split('/').pop() || '', path, args };
    });
}

export function formatBootstrap(
  actions: { name: string; path: string; args: string[] }[]
): string {
  return actions
    .map(a => [`${a.name}: ${a.path}`, ...a.args].join(' '))
    .join('\n');
}

export function toNumber(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}
