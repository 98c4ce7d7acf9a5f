// The statistics' pure part, testable without a server (test/rules/statistics.test.ts): the period a
// request asks for, and the shaping of the SQL rows (api/statistics/service.ts) into the answer —
// every month of the period present (zeros included), labels in French, shares and medians rounded.
import { APPLICATION_STATUSES, applicationRules, type ApplicationStatus } from '../../workflows/application-rules.js';
import { invalidField } from '../errors.js';
import { REFUSAL_REASON_LABEL, type RefusalReasonCode } from '../../workflows/refusal-reasons.js';
import { addDays, endOfParisDay, parisDate } from '../../workflows/paris-time.js';

/** Months are counted in Paris: an event at 23:30 UTC on 31 January is a February one there. */
export const STATISTICS_TIME_ZONE = 'Europe/Paris';

/** The longest period one request may ask for (its monthly series stay readable as a table). */
export const MAX_MONTHS = 60;

const EARLIEST = Date.UTC(1900, 0, 1);

/** The label of a refusal without a reason (events before reasons existed, or none chosen). */
export const NO_REASON_LABEL = 'Non précisé';

/**
 * GLUE — the one lookup of refusal reasons' labels. `workflows/refusal-reasons.ts` (another part of
 * issue #16) brings the enum and its French labels: point this function at it after the merge. Until
 * then, a reason reads as its code.
 */
export function refusalReasonLabel(code: string | null): string {
  return code === null ? NO_REASON_LABEL : (REFUSAL_REASON_LABEL[code as RefusalReasonCode] ?? code);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const statusLabelOf = (status: ApplicationStatus) => capitalize(applicationRules.statusLabel[status]);

/** Midnight in Paris starting this day (YYYY-MM-DD). */
const startOfParisDay = (day: string) => new Date(endOfParisDay(addDays(day, -1)).getTime() + 1);
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
/** A day: its midnight in Paris; a date-time: itself. */
const instantOf = (value: string) => (isDay(value) ? startOfParisDay(value) : new Date(value));

/** `YYYY-MM` → the month after. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The period asked for, as [from, to[ instants. A day given for `to` is included (« du 1er au 31 » reads
 * the 31st); a date-time is the end itself. Default: the last 12 months, from the first day of the
 * month eleven months back (so the chart has 12 whole months, the current one so far) until now.
 */
export function statisticsPeriod(query: { from?: string; to?: string }, now = new Date()): { from: Date; to: Date } {
  // A day's end is the next day's midnight in Paris (a day lasts 23 to 25 hours there).
  const end = query.to ? (isDay(query.to) ? instantOf(addDays(query.to, 1)) : instantOf(query.to)) : now;
  let from: Date;
  if (query.from) from = instantOf(query.from);
  else {
    const [y, m] = parisDate(end.getTime() - 1).split('-').map(Number) as [number, number];
    from = startOfParisDay(new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().slice(0, 10));
  }
  if (Number.isNaN(from.getTime())) throw invalidField('from', 'date invalide.');
  if (Number.isNaN(end.getTime())) throw invalidField('to', 'date invalide.');
  if (from.getTime() < EARLIEST) throw invalidField('from', 'date trop ancienne (la période commence au plus tôt le 01/01/1900).');
  if (end.getTime() <= from.getTime()) {
    // Without `to`, the period ends now: the start given is what is wrong.
    throw query.to ? invalidField('to', 'la fin de la période doit être après son début.') : invalidField('from', 'le début de la période doit être passé (sans date de fin, la période s’arrête aujourd’hui).');
  }
  if (monthsOf(from, end).length > MAX_MONTHS) throw invalidField('to', `période trop longue : ${MAX_MONTHS} mois au plus.`);
  return { from, to: end };
}

/** The months (`YYYY-MM`, Paris) that [from, to[ touches, in order. */
export function monthsOf(from: Date, to: Date): string[] {
  const last = parisDate(new Date(to.getTime() - 1)).slice(0, 7);
  const months: string[] = [];
  for (let month = parisDate(from).slice(0, 7); month <= last && months.length <= MAX_MONTHS; month = nextMonth(month)) months.push(month);
  return months;
}

// ---- The SQL rows (service.ts) ---------------------------------------------------------------------

export interface MonthStatusRow {
  month: string;
  status: ApplicationStatus;
  count: number;
}
export interface MonthCountRow {
  month: string;
  count: number;
}
export interface StayRow {
  status: ApplicationStatus;
  stays: number;
  median_seconds: number;
}
export interface ValidationRow {
  validated: number;
  within_sla: number;
  waiting_beyond_sla: number;
}
export interface ReasonRow {
  reason: string | null;
  refuse: number;
  not_hire: number;
}

const HOUR = 3600;
/** One decimal: a median of 0.04 h reads 0 h, and 36.25 h reads 36.3 h. */
const round1 = (value: number) => Math.round(value * 10) / 10;

export function shapeStatistics(
  period: { from: Date; to: Date },
  slaMs: number,
  rows: { entries: MonthStatusRow[]; hires: MonthCountRow[]; stays: StayRow[]; validation: ValidationRow; reasons: ReasonRow[] },
) {
  const months = monthsOf(period.from, period.to);
  const index = new Map(months.map((m, i) => [m, i]));
  const zeros = () => months.map(() => 0);

  const perStatus = new Map<ApplicationStatus, number[]>();
  for (const row of rows.entries) {
    const i = index.get(row.month);
    if (i === undefined) continue;
    const counts = perStatus.get(row.status) ?? zeros();
    counts[i]! += row.count;
    perStatus.set(row.status, counts);
  }
  const hires = zeros();
  for (const row of rows.hires) {
    const i = index.get(row.month);
    if (i !== undefined) hires[i]! += row.count;
  }
  const stays = new Map(rows.stays.map((r) => [r.status, r]));
  const { validated, within_sla: withinSla, waiting_beyond_sla: waitingBeyondSla } = rows.validation;

  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    timeZone: STATISTICS_TIME_ZONE,
    months,
    /** Applications that entered each state, per month (the process's order; states nobody entered left out). */
    statusEntries: APPLICATION_STATUSES.filter((s) => perStatus.has(s)).map((status) => {
      const counts = perStatus.get(status)!;
      return { status, label: statusLabelOf(status), counts, total: counts.reduce((a, b) => a + b, 0) };
    }),
    hires: { counts: hires, total: hires.reduce((a, b) => a + b, 0) },
    /** Stays that ended in the period: how long an application stayed in each state before leaving it. */
    timeInStatus: APPLICATION_STATUSES.filter((s) => stays.has(s)).map((status) => {
      const row = stays.get(status)!;
      return { status, label: statusLabelOf(status), stays: row.stays, medianHours: round1(Number(row.median_seconds) / HOUR) };
    }),
    referentValidation: {
      slaHours: slaMs / 3_600_000,
      validated,
      withinSla,
      late: validated - withinSla,
      /** withinSla / validated, 0 to 1 (three decimals); null when nothing was validated. */
      share: validated ? Math.round((withinSla / validated) * 1000) / 1000 : null,
      /** Applications waiting for their validation now, for longer than the SLA. */
      waitingBeyondSla,
    },
    /** Most frequent first; no reason last. */
    refusalReasons: rows.reasons
      .map((r) => ({ reason: r.reason, label: refusalReasonLabel(r.reason), refuse: r.refuse, notHire: r.not_hire, total: r.refuse + r.not_hire }))
      .sort((a, b) => Number(a.reason === null) - Number(b.reason === null) || b.total - a.total || a.label.localeCompare(b.label, 'fr')),
  };
}

export type Statistics = ReturnType<typeof shapeStatistics>;
