// The short list's stages (workflows/shortlist.ts; seed 002), pure: each status and contact stage of an
// application the company sees, in one process stage at most, as the seed's pictograms count them; the
// availability as the profile says it.
import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../workflows/application-rules.js';
import { availabilityLabel, processStageOf } from '../../workflows/shortlist.js';

const CONTACTS = [null, 'TO_CONTACT', 'CONTACTED'] as const;

/** Written from the seed, not from the code: open applications first (no contact stage), then lifted ones. */
const OPEN: Record<ApplicationStatus, string | null> = {
  PENDING_REFERENT_VALIDATION: null,
  REJECTED_BY_REFERENT: null,
  PENDING_RECRUITER: 'pending',
  ACCEPTED: 'toContact',
  INTERVIEW_PROPOSED: 'contacted',
  INTERVIEW_DONE: 'contacted',
  HIRED: 'contacted',
  NOT_HIRED: 'refused',
  REFUSED: 'refused',
  WITHDRAWN: null,
};

describe('the short list’s stages', () => {
  it('places an open application by its status', () => {
    for (const status of APPLICATION_STATUSES) expect(processStageOf({ status, contactStage: null }), status).toBe(OPEN[status]);
  });

  it('places a lifted one by its contact stage while the company has it; refused and withdrawn win', () => {
    for (const status of APPLICATION_STATUSES) {
      for (const contactStage of CONTACTS.slice(1)) {
        const stage = processStageOf({ status, contactStage });
        if (status === 'REFUSED' || status === 'NOT_HIRED') expect(stage, status).toBe('refused');
        else if (status === 'WITHDRAWN') expect(stage).toBeNull();
        else if (contactStage === 'CONTACTED' || OPEN[status] === 'contacted') expect(stage, `${status} ${contactStage}`).toBe('contacted');
        else expect(stage, `${status} ${contactStage}`).toBe('toContact');
      }
    }
  });
});

describe('availability', () => {
  it('reads as the profile says it: empty is now, a date passed is now, none without a profile', () => {
    expect(availabilityLabel(null, '2026-12-04')).toBe('Disponibilité non renseignée');
    expect(availabilityLabel({ from: null }, '2026-12-04')).toBe('Disponible dès maintenant');
    expect(availabilityLabel({ from: '2026-12-04' }, '2026-12-04')).toBe('Disponible dès maintenant');
    expect(availabilityLabel({ from: '2027-01-15' }, '2026-12-04')).toBe('Disponible à partir du 15/01/2027');
  });
});
