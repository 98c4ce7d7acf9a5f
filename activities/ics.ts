// An interview as a calendar invitation (iTIP/iMIP): the same UID for every round-trip of one
// interview and a growing SEQUENCE, so calendars update or remove the event instead of adding one.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { CHAT_JOIN_LABEL } from '../workflows/message-rules.js';
import type { InterviewMode, InterviewView } from '../workflows/application-rules.js';
import { formatParisDateTime } from '../workflows/paris-time.js';

export const INTERVIEW_MODE_LABEL: Record<InterviewMode, string> = {
  PHONE: 'par téléphone',
  VIDEO: 'en visioconférence',
  CHAT: 'par messagerie instantanée',
  IN_PERSON: 'en présentiel',
};

/** Made for the rules too (a refusal names the interview's start): shared from workflows/paris-time.ts. */
export { formatParisDateTime };

export const interviewStartsAt = (interview: Pick<InterviewView, 'startsAt'>) => new Date(interview.startsAt);
export const interviewEndsAt = (interview: Pick<InterviewView, 'startsAt' | 'durationMinutes'>) =>
  new Date(Date.parse(interview.startsAt) + interview.durationMinutes * 60_000);

export const interviewUid = (interview: Pick<InterviewView, 'id'>) => `${interview.id}@tremplin`;

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface InterviewIcsInput {
  interview: InterviewView;
  /** Summary of the event, e.g. « Entretien — Développeur H/F (Acme) ». */
  title: string;
  organizer: CalendarPerson;
  attendees: CalendarPerson[];
  method: 'REQUEST' | 'CANCEL';
  /** This recipient's own link to the video room (it may carry their token); defaults to the room URL. */
  joinUrl?: string;
}

function description(interview: InterviewView, method: InterviewIcsInput['method'], joinUrl: string | null): string {
  const cancelled = method === 'CANCEL' || interview.status === 'CANCELLED';
  const lines = [
    cancelled ? 'Cet entretien est annulé.' : `Entretien ${INTERVIEW_MODE_LABEL[interview.mode]}.`,
    `Date : ${formatParisDateTime(interview.startsAt)} (heure de Paris), durée ${interview.durationMinutes} minutes.`,
  ];
  if (joinUrl && !cancelled) lines.push(`${interview.mode === 'CHAT' ? CHAT_JOIN_LABEL : 'Rejoindre la visioconférence'} : ${joinUrl}`);
  if (interview.location) lines.push(`Lieu : ${interview.location}`);
  if (interview.message) lines.push('', 'Message du recruteur :', interview.message);
  return lines.join('\n');
}

function eventStatus(interview: InterviewView, method: InterviewIcsInput['method']): ICalEventStatus {
  if (method === 'CANCEL' || interview.status === 'CANCELLED') return ICalEventStatus.CANCELLED;
  // Proposed but not yet confirmed by the candidate: tentative in everyone's calendar.
  return interview.status === 'PROPOSED' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
}

/**
 * A person's name as a parameter value (ORGANIZER;CN=…, ATTENDEE;CN=…). ical-generator puts it
 * between double quotes but escapes a quote inside as `\"`, which RFC 5545 does not know: to a
 * calendar, the quote ends the value and what follows (`;ROLE=…`, `:mailto:…`) is read as more
 * parameters, or as the address. RFC 6868 is how a parameter value carries these characters: `^'`
 * for a double quote, `^n` for a line break, `^^` for a caret. Other control characters are dropped,
 * and so is the backslash, which ical-generator would double (a name may no longer contain either).
 */
export function calendarParameter(value: string): string {
  return value
    .replace(/\r\n|\r|\n|\^|"/g, (char) => (char === '^' ? '^^' : char === '"' ? "^'" : '^n'))
    .replace(/[\u0000-\u001f\u007f\\]/g, '');
}

export function interviewIcs(input: InterviewIcsInput): string {
  const { interview, method } = input;
  const joinUrl = interview.mode === 'VIDEO' ? (input.joinUrl ?? interview.videoUrl) : interview.mode === 'CHAT' ? (input.joinUrl ?? null) : null;
  const calendar = ical({
    prodId: { company: 'Tremplin', product: 'entretiens', language: 'FR' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: interviewUid(interview),
    sequence: interview.icsSequence,
    start: interviewStartsAt(interview),
    end: interviewEndsAt(interview),
    summary: input.title,
    description: description(interview, method, joinUrl),
    location: joinUrl ?? interview.location ?? null,
    url: joinUrl,
    status: eventStatus(interview, method),
    organizer: { name: calendarParameter(input.organizer.name), email: input.organizer.email },
    attendees: input.attendees.map((a) => ({
      name: calendarParameter(a.name),
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: method === 'REQUEST',
    })),
  });
  return calendar.toString();
}
