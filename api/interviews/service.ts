// The interview calendar: every interview of the applications the caller may see (the applications'
// own visibility rule: a company's recruiters only once the application was sent to it), in a bounded
// period, in the order they take place.
import { anonymityOfRow, candidateAsSeenBy } from '../../workflows/candidate-identity.js';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { User } from '../../models/index.js';
import type { ApplicationStatus, InterviewMode } from '../../workflows/application-rules.js';
import { visibility as applicationVisibility, otherSlotRequestOf } from '../applications/service.js';
import { candidatePhoneOn } from '../candidate-cases.js';
import { HttpError, invalidField } from '../errors.js';
import { MAX_RANGE_DAYS, type listInterviewsQuery } from './schemas.js';

const DAY = 86_400_000;
const EARLIEST = Date.UTC(1900, 0, 1);

/** Europe/Paris's offset from UTC at `date`, in minutes (+60 in winter, +120 in summer). */
function parisOffsetMinutes(date: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** `2026-03-29` → that day's midnight in Paris; an ISO date-time as it is. */
export function parseInstant(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  let at = utcMidnight - parisOffsetMinutes(new Date(utcMidnight)) * 60_000;
  const again = parisOffsetMinutes(new Date(at));
  at = utcMidnight - again * 60_000;
  return new Date(at);
}

/** The period asked for, with the defaults (a month back, a month ahead) and the bound. */
export function periodOf(query: { from?: string; to?: string }, now = new Date()): { from: Date; to: Date } {
  const given = { from: query.from ? parseInstant(query.from) : null, to: query.to ? parseInstant(query.to) : null };
  for (const key of ['from', 'to'] as const) {
    if (given[key] && Number.isNaN(given[key]!.getTime())) throw invalidField(key, 'date invalide.');
  }
  const from = given.from ?? (given.to ? new Date(given.to.getTime() - MAX_RANGE_DAYS * DAY) : new Date(now.getTime() - (MAX_RANGE_DAYS / 2) * DAY));
  const to = given.to ?? new Date(from.getTime() + MAX_RANGE_DAYS * DAY);
  // `to` minus the period can reach year 0, which PostgreSQL has no date for (a 500): a period starts in 1900 at the earliest.
  if (from.getTime() < EARLIEST) throw invalidField(given.from ? 'from' : 'to', 'date trop ancienne (la période commence au plus tôt le 01/01/1900).');
  if (to.getTime() <= from.getTime()) throw invalidField('to', 'la fin de la période doit être après son début.');
  const days = (to.getTime() - from.getTime()) / DAY;
  // Calendar days: a period that crosses a change of summer time may last one hour more.
  if (days > MAX_RANGE_DAYS + 1 / 24) {
    throw new HttpError(
      'VALIDATION_FAILED',
      `Période trop longue : ${MAX_RANGE_DAYS} jours au plus entre from et to (demandé : ${Math.ceil(days)} jours). Demandez plusieurs périodes successives.`,
    );
  }
  return { from, to };
}

interface InterviewRow {
  id: string;
  round: number;
  status: 'PROPOSED' | 'CONFIRMED' | 'CANCELLED' | 'DONE';
  starts_at: Date;
  duration_minutes: number;
  mode: InterviewMode;
  location: string | null;
  video_url: string | null;
  application_id: string;
  application_status: ApplicationStatus;
  offer_id: string | null;
  offer_title: string | null;
  company_id: string;
  company_name: string;
  candidate_id: string;
  candidate_first_name: string;
  candidate_last_name: string;
  candidate_phone: string | null;
  candidate_email: string;
  anonymous: boolean;
  identity_shared_at: Date | null;
  candidate_number: number;
  referent_id: string | null;
  message: string | null;
  ics_sequence: number;
  other_slot_requested_at: Date | null;
  other_slot_message: string | null;
}

export function interviewService({ sequelize }: { sequelize: Sequelize }) {
  return {
    async list(user: User, query: z.output<typeof listInterviewsQuery>) {
      const { from, to } = periodOf(query);
      const scope = applicationVisibility(user);
      const where = `(${scope.where}) AND i.starts_at >= :from AND i.starts_at < :to`;
      const joins = `
        FROM interviews i
        JOIN applications a ON a.id = i.application_id
        JOIN companies c ON c.id = a.company_id
        JOIN users cu ON cu.id = a.candidate_id
        LEFT JOIN users r ON r.id = a.referent_id
        LEFT JOIN offers o ON o.id = a.offer_id`;
      const replacements = { ...scope.replacements, from, to };
      const [rows, [{ total }]] = await Promise.all([
        sequelize.query<InterviewRow>(
          `SELECT i.id, i.round, i.status, i.starts_at, i.duration_minutes, i.mode, i.location, i.video_url, i.message, i.ics_sequence,
                  i.other_slot_requested_at, i.other_slot_message,
                  a.id AS application_id, a.status AS application_status, o.id AS offer_id, o.title AS offer_title,
                  c.id AS company_id, c.name AS company_name, cu.id AS candidate_id, cu.first_name AS candidate_first_name, cu.last_name AS candidate_last_name,
                  cu.phone AS candidate_phone, cu.email AS candidate_email, a.anonymous, a.identity_shared_at, a.candidate_number, a.referent_id
           ${joins} WHERE ${where} ORDER BY i.starts_at, i.id LIMIT :limit OFFSET :offset`,
          { type: QueryTypes.SELECT, replacements: { ...replacements, limit: query.pageSize, offset: (query.page - 1) * query.pageSize } },
        ),
        sequelize.query<{ total: string }>(`SELECT count(*) AS total ${joins} WHERE ${where}`, { type: QueryTypes.SELECT, replacements }),
      ]);
      return {
        items: rows.map((row) => {
          // An anonymous application's company reads its candidate's number (workflows/candidate-identity.ts).
          const candidate = candidateAsSeenBy(
            user,
            anonymityOfRow(row),
            { id: row.candidate_id, firstName: row.candidate_first_name, lastName: row.candidate_last_name, email: row.candidate_email, phone: row.candidate_phone },
          );
          return {
          id: row.id,
          round: row.round,
          status: row.status,
          startsAt: new Date(row.starts_at).toISOString(),
          durationMinutes: row.duration_minutes,
          mode: row.mode,
          location: row.location,
          message: row.message,
          version: row.ics_sequence,
          otherSlotRequest: otherSlotRequestOf(row),
          ...candidatePhoneOn(user, { companyId: row.company_id, referentId: row.referent_id, candidatePhone: candidate.phone }, row),
          videoUrl: row.mode === 'VIDEO' && row.status !== 'CANCELLED' ? row.video_url : null,
          icsUrl: `/api/applications/${row.application_id}/interviews/${row.id}.ics`,
          application: { id: row.application_id, status: row.application_status },
          offer: row.offer_id ? { id: row.offer_id, title: row.offer_title ?? '' } : null,
          company: { id: row.company_id, name: row.company_name },
          candidate: { id: candidate.id, firstName: candidate.firstName, lastName: candidate.lastName },
          };
        }),
        total: Number(total),
        page: query.page,
        pageSize: query.pageSize,
        from: from.toISOString(),
        to: to.toISOString(),
      };
    },
  };
}
