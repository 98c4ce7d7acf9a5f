// One way to write a date in the back office: French, in Paris time, whatever the browser's zone —
// « 03/12/2026 21:55 » for an instant, « 03/12/2026 » for a calendar day.
const instant = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', dateStyle: 'short' });

/** An instant (ISO string, Date or ms); a calendar day when given as YYYY-MM-DD. */
export function formatDate(value) {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return day.format(new Date(`${value}T00:00:00Z`));
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : instant.format(date);
}
