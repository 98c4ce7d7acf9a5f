// The statistics' pure part (api/statistics/shape.ts): the period a request asks for, in Paris, and
// the shaping of the SQL rows — every month present, labels, shares, medians, reasons in order.
import { describe, expect, it } from 'vitest';
import { MAX_MONTHS, NO_REASON_LABEL, monthsOf, shapeStatistics, statisticsPeriod } from '../../api/statistics/shape.js';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { details?: { fields?: Array<{ field: string }> } }).details?.fields?.[0]?.field;
  }
  return undefined;
};

describe('statistics period', () => {
  it('defaults to the last 12 months: from the first of the month eleven months back, in Paris, until now', () => {
    const now = new Date('2026-12-04T05:00:00Z');
    const { from, to } = statisticsPeriod({}, now);
    expect(from.toISOString()).toBe('2025-12-31T23:00:00.000Z'); // 1 January 2026, midnight in Paris
    expect(to).toEqual(now);
    expect(monthsOf(from, to)).toHaveLength(12);
    expect(monthsOf(from, to)[0]).toBe('2026-01');
  });

  it('includes the day given as `to`, up to the next midnight in Paris (summer time too)', () => {
    const { from, to } = statisticsPeriod({ from: '2026-07-01', to: '2026-07-31' });
    expect(from.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(to.toISOString()).toBe('2026-07-31T22:00:00.000Z');
    expect(monthsOf(from, to)).toEqual(['2026-07']);
    // An instant with its offset is the end itself.
    expect(statisticsPeriod({ from: '2026-01-01', to: '2026-03-01T10:00:00+01:00' }).to.toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });

  it('refuses an empty or reversed period, and one too long, naming the field', () => {
    expect(fieldOf(() => statisticsPeriod({ from: '2026-05-01', to: '2026-04-01' }))).toBe('to');
    expect(fieldOf(() => statisticsPeriod({ from: '1800-01-01', to: '1850-01-01' }))).toBe('from');
    expect(fieldOf(() => statisticsPeriod({ from: '2000-01-01', to: '2026-01-01' }))).toBe('to');
    expect(monthsOf(...Object.values(statisticsPeriod({ from: '2021-01-01', to: '2025-12-31' })) as [Date, Date])).toHaveLength(MAX_MONTHS);
  });
});

describe('statistics shaping', () => {
  const period = statisticsPeriod({ from: '2026-01-01', to: '2026-03-31' });
  const shaped = shapeStatistics(period, 3 * 86_400_000, {
    entries: [
      { month: '2026-01', status: 'PENDING_REFERENT_VALIDATION', count: 4 },
      { month: '2026-03', status: 'PENDING_REFERENT_VALIDATION', count: 1 },
      { month: '2026-02', status: 'HIRED', count: 2 },
    ],
    hires: [{ month: '2026-02', count: 2 }],
    stays: [{ status: 'PENDING_REFERENT_VALIDATION', stays: 3, median_seconds: 130_000 }],
    validation: { validated: 3, within_sla: 2, waiting_beyond_sla: 1 },
    reasons: [
      { reason: null, refuse: 5, not_hire: 1 },
      { reason: 'SKILLS', refuse: 1, not_hire: 0 },
      { reason: 'POSITION_FILLED', refuse: 2, not_hire: 3 },
    ],
  });

  it('gives every month of the period, zeros included, per state in the process’s order', () => {
    expect(shaped.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(shaped.statusEntries.map((s) => [s.status, s.counts, s.total])).toEqual([
      ['PENDING_REFERENT_VALIDATION', [4, 0, 1], 5],
      ['HIRED', [0, 2, 0], 2],
    ]);
    expect(shaped.statusEntries[0]!.label).toMatch(/^[A-ZÀ-Ý]/);
    expect(shaped.hires).toEqual({ counts: [0, 2, 0], total: 2 });
  });

  it('rounds medians to a tenth of an hour and computes the share within the SLA', () => {
    expect(shaped.timeInStatus).toEqual([expect.objectContaining({ status: 'PENDING_REFERENT_VALIDATION', stays: 3, medianHours: 36.1 })]);
    expect(shaped.referentValidation).toEqual({ slaHours: 72, validated: 3, withinSla: 2, late: 1, share: 0.667, waitingBeyondSla: 1 });
    expect(shapeStatistics(period, 1, { entries: [], hires: [], stays: [], validation: { validated: 0, within_sla: 0, waiting_beyond_sla: 0 }, reasons: [] }).referentValidation.share).toBeNull();
  });

  it('lists refusal reasons most frequent first, without reason last as « Non précisé »', () => {
    expect(shaped.refusalReasons.map((r) => [r.reason, r.total])).toEqual([
      ['POSITION_FILLED', 5],
      ['SKILLS', 1],
      [null, 6],
    ]);
    expect(shaped.refusalReasons.at(-1)!.label).toBe(NO_REASON_LABEL);
  });
});
