// Request and response shapes of the interview calendar: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { APPLICATION_STATUSES, INTERVIEW_MODES } from '../../workflows/application-rules.js';
import { listOf, page, person } from '../schemas.js';
import { otherSlotRequest } from '../applications/schemas.js';

/** The longest period one request may ask for. */
export const MAX_RANGE_DAYS = 62;

/** `2026-02-30` is no day. */
function isCalendarDay(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A day (`AAAA-MM-JJ`, midnight in Paris) or an ISO 8601 date-time with its offset; shared by the statistics' period. */
export const instant = (field: string) =>
  z
    .string({ error: 'date attendue' })
    .trim()
    .max(40)
    .refine(
      (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? isCalendarDay(v) : z.iso.datetime({ offset: true }).safeParse(v).success),
      `${field} : date (AAAA-MM-JJ, minuit heure de Paris) ou date et heure ISO 8601 avec fuseau attendue (ex. 2026-12-01 ou 2026-12-01T10:00:00+01:00)`,
    );

export const listInterviewsQuery = z
  .object({
    from: instant('from').optional(),
    to: instant('to').optional(),
    page,
    pageSize: z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(500, '500 au plus').default(200),
  })
  .strict();

export const interviewListItem = z
  .object({
    id: z.uuid(),
    round: z.number(),
    status: z.enum(['PROPOSED', 'CONFIRMED', 'CANCELLED', 'DONE']),
    startsAt: z.string(),
    durationMinutes: z.number(),
    mode: z.enum(INTERVIEW_MODES),
    location: z.string().nullable(),
    /** The recruiter's message with the invitation: « Mes entretiens » prefills the move dialog with it. */
    message: z.string().nullable(),
    /** Grows each time the interview moves: sent back as `interviewVersion`. */
    version: z.number().int(),
    otherSlotRequest: otherSlotRequest.nullable(),
    /** A live PHONE interview, for who calls (the company's recruiters, the candidate's référent): the candidate's number (null: none on file). */
    candidatePhone: z.string().nullable().optional(),
    /** The room's plain URL (VIDEO, not cancelled); the application page gives each person their own link. */
    videoUrl: z.string().nullable(),
    icsUrl: z.string(),
    application: z.object({ id: z.uuid(), status: z.enum(APPLICATION_STATUSES) }),
    offer: z.object({ id: z.uuid(), title: z.string() }).nullable(),
    company: z.object({ id: z.uuid(), name: z.string() }),
    // id null: an anonymous application's candidate, for the company until the lift.
    candidate: person.extend({ id: z.uuid().nullable() }),
  })
  .meta({ id: 'InterviewListItem' });

export const interviewList = listOf(interviewListItem, 'InterviewList').extend({ from: z.string(), to: z.string() });
