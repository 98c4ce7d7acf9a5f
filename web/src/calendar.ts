// Week arithmetic for "Mes entretiens" (calendar view), in the person's local time. Pure functions.

/** YYYY-MM-DD of a local day. */
export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Local midnight of YYYY-MM-DD (or null if it is not a date). */
export function parseDay(day: string | null | undefined): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The Monday (local midnight) of the week that holds `date`. */
export function mondayOf(date: Date): Date {
  const monday = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const shift = (monday.getDay() + 6) % 7; // Monday 0 … Sunday 6
  monday.setDate(monday.getDate() - shift);
  return monday;
}

/** The seven local days of the week starting on `monday`. */
export function weekDays(monday: Date): Date[] {
  return Array.from({ length: 7 }, (_, i) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i));
}

export function addWeeks(monday: Date, weeks: number): Date {
  return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7 * weeks);
}

/** Items grouped by the local day of `at(item)`, each day sorted by time. */
export function byDay<T>(items: readonly T[], at: (item: T) => string): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => Date.parse(at(a)) - Date.parse(at(b)))) {
    const key = localDay(new Date(at(item)));
    days.set(key, [...(days.get(key) ?? []), item]);
  }
  return days;
}
