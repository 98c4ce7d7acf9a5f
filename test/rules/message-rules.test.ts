// The pure rules of application threads (workflows/message-rules.ts), shared by the API and the web app:
// when a thread takes messages, and when a CHAT interview is live.
import { describe, expect, it } from 'vitest';
import { CLOSED_THREAD_WRITABLE_DAYS, chatLive, threadClosedReason, threadState } from '../../workflows/message-rules.js';

const DAY = 86_400_000;
const now = Date.parse('2026-12-04T10:00:00Z');

describe('a thread', () => {
  it('opens when the application reaches the company, and stays writable for a while once closed', () => {
    expect(threadState({ status: 'PENDING_REFERENT_VALIDATION', sentToCompanyAt: null, statusChangedAt: new Date(now) }, now)).toBe('NOT_YET');
    expect(threadState({ status: 'REJECTED_BY_REFERENT', sentToCompanyAt: null, statusChangedAt: new Date(now - 30 * DAY) }, now)).toBe('NOT_YET');
    expect(threadState({ status: 'PENDING_RECRUITER', sentToCompanyAt: new Date(now), statusChangedAt: new Date(now - 90 * DAY) }, now)).toBe('OPEN');
    const closedAgo = (days: number) => threadState({ status: 'REFUSED', sentToCompanyAt: new Date(now - 40 * DAY), statusChangedAt: new Date(now - days * DAY) }, now);
    expect(closedAgo(CLOSED_THREAD_WRITABLE_DAYS - 0.01)).toBe('OPEN');
    expect(closedAgo(CLOSED_THREAD_WRITABLE_DAYS)).toBe('CLOSED');
    expect(threadClosedReason('OPEN')).toBeNull();
    expect(threadClosedReason('NOT_YET')).toMatch(/transmise à l’entreprise/);
    expect(threadClosedReason('CLOSED')).toMatch(/7 jours ou plus/);
  });
});

describe('a CHAT interview', () => {
  const at = (minutesFromStart: number, fields: Partial<Parameters<typeof chatLive>[0]> = {}) =>
    chatLive({ mode: 'CHAT', status: 'CONFIRMED', startsAt: new Date(now).toISOString(), durationMinutes: 30, ...fields }, now + minutesFromStart * 60_000);

  it('is live from 10 minutes before its start to 15 minutes after its end', () => {
    expect(at(-10.5)).toBe(false);
    expect(at(-10)).toBe(true);
    expect(at(0)).toBe(true);
    expect(at(45)).toBe(true);
    expect(at(45.5)).toBe(false);
  });

  it('only for a CHAT interview still on', () => {
    expect(at(0, { mode: 'VIDEO' })).toBe(false);
    expect(at(0, { status: 'PROPOSED' })).toBe(true);
    expect(at(0, { status: 'CANCELLED' })).toBe(false);
    expect(at(0, { status: 'DONE' })).toBe(false);
  });
});
