// What "today" and "end of day" mean for people in France, whatever the server's zone. Pure code,
// shared by the API, the activities and the web app.

// Made on first use: the workflow bundle imports this file and needs them only to word a refusal.
let parisDay: Intl.DateTimeFormat | undefined;
let parisOffset: Intl.DateTimeFormat | undefined;
let parisDateTime: Intl.DateTimeFormat | undefined;

/** « lundi 2 mars 2026 à 14:30 » — what people in France read, whatever the server's zone. */
export const formatParisDateTime = (at: Date | string | number) =>
  (parisDateTime ??= new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' })).format(new Date(at));

/** The calendar day in Paris at this instant, as YYYY-MM-DD. */
export const parisDate = (at: Date | number = Date.now()) =>
  (parisDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })).format(new Date(at));

/** Offset of Paris from UTC at this instant, in ms (+1 h in winter, +2 h in summer). */
function parisOffsetMs(at: number): number {
  parisOffset ??= new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' });
  const name = parisOffset.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3_600_000 + Number(match[3]) * 60_000);
}

/** The last millisecond of this day (YYYY-MM-DD) in Paris. */
export function endOfParisDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const nextMidnightUtc = Date.UTC(y!, m! - 1, d! + 1);
  // Midnight is never inside a DST change in France (they happen at 2 h and 3 h), so one lookup is exact.
  return new Date(nextMidnightUtc - parisOffsetMs(nextMidnightUtc) - 1);
}

/** YYYY-MM-DD plus some days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

