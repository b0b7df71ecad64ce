/** "1 h 2 min", "3 min 4 s", "5 s". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '—';
  }
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h) {
    return `${h} h ${m} min`;
  }
  return m ? `${m} min ${s % 60} s` : `${s} s`;
}

/** How old something is: "5 s", "3 min", "2 h", "4 d". */
export function formatAge(from: Date | undefined, now = Date.now()): string {
  if (!from) {
    return '—';
  }
  const s = Math.max(0, (now - from.getTime()) / 1000);
  if (s < 60) {
    return `${Math.floor(s)} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)} h`;
  }
  return `${Math.floor(s / 86400)} d`;
}
