// The matching's criteria and threshold in an address (issue #18, item 3): the page /recruteur/matching
// keeps them in its query string, so that its address relaunches the search (a saved search's link, the
// back button). Pure: the web and the API share it. Lists are comma-separated codes; languages
// `code:level`; skills, free words that may hold commas, one `skill` each; the threshold `min`.
// Reading is lenient (the page's form shows what it read; POST /api/matching refuses what is wrong).
import type { MatchCriteria } from '../../workflows/matching-criteria.js';

const LISTS = ['contractTypes', 'workingTimes', 'drivingLicences', 'indispensable'] as const;

/** The criteria and threshold as a query string, in a stable order. */
export function matchingQuery(criteria: MatchCriteria, minScore: number): string {
  const q = new URLSearchParams();
  if (criteria.metier) q.set('metier', criteria.metier);
  if (criteria.experienceYears != null) q.set('experienceYears', String(criteria.experienceYears));
  if (criteria.educationLevel != null) q.set('educationLevel', String(criteria.educationLevel));
  if (criteria.place) {
    q.set('place', criteria.place.insee);
    q.set('radiusKm', String(criteria.place.radiusKm));
  }
  if (criteria.remote) q.set('remote', criteria.remote);
  if (criteria.languages?.length) q.set('languages', criteria.languages.map((l) => `${l.code}:${l.level}`).join(','));
  for (const skill of criteria.skills ?? []) q.append('skill', skill);
  for (const key of LISTS) if (criteria[key]?.length) q.set(key, criteria[key].join(','));
  q.set('min', String(minScore));
  return q.toString();
}

/** What an address says: the criteria as typed (unchecked) and the threshold, when there is one. */
export function matchingFromQuery(query: URLSearchParams): { criteria: MatchCriteria; minScore: number | null } {
  const text = (key: string) => query.get(key)?.trim() || null;
  const number = (key: string) => {
    const value = text(key);
    return value === null || !Number.isFinite(Number(value)) ? null : Number(value);
  };
  const list = (key: string) => (text(key) ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  const criteria: MatchCriteria = {};
  if (text('metier')) criteria.metier = text('metier');
  if (number('experienceYears') !== null) criteria.experienceYears = number('experienceYears');
  if (number('educationLevel') !== null) criteria.educationLevel = number('educationLevel') as MatchCriteria['educationLevel'];
  if (text('place')) criteria.place = { insee: text('place')!, radiusKm: number('radiusKm') ?? 0 };
  if (text('remote')) criteria.remote = text('remote') as MatchCriteria['remote'];
  const languages = list('languages').map((l) => l.split(':'));
  if (languages.length) criteria.languages = languages.map(([code, level]) => ({ code, level }) as NonNullable<MatchCriteria['languages']>[number]);
  const skills = query.getAll('skill').map((s) => s.trim()).filter(Boolean);
  if (skills.length) criteria.skills = skills;
  for (const key of LISTS) if (list(key).length) (criteria as Record<string, string[]>)[key] = list(key);
  return { criteria, minScore: number('min') };
}
