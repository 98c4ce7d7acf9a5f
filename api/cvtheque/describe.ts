// A CVthèque search in words, for the history, the saved searches and their alert mails: « « vendeuse »,
// Lyon (69) à 20 km, CDI ou CDD, Bac + 2 : BTS, DEUST (niveau 5) au moins »; and a matching search's
// criteria (describeMatchCriteria), for the saved matching searches and their mails. Pure (the web may
// import it); the communes' names come from the caller (communeNames in models/communes.ts), a code left
// unnamed shows as it was typed.
import {
  ACTIVITY_BUCKETS,
  AVAILABILITY_BUCKETS,
  CONTRACT_TYPE_LABEL,
  DRIVING_LICENCE_LABEL,
  EDUCATION_LEVEL_LABEL,
  EXPERIENCE_BUCKETS,
  LANGUAGE_LABEL,
  REMOTE_LABEL,
  WORKING_TIME_LABEL,
  type EducationLevel,
} from '../../workflows/candidate-profile.js';
import { frenchList } from '../../workflows/glossary.js';
import { MATCH_CRITERION_LABEL, type MatchCriteria } from '../../workflows/matching-criteria.js';
import { metierLabel } from '../../workflows/metiers.js';
import { DEFAULT_RADIUS_KM, type CvthequeCriteria } from './criteria.js';

export interface NamedCommune {
  name: string;
  department: string;
}

/** A label inside a sentence: its first letter lowered, acronyms (LSF, CDI) kept. */
const inside = (label: string) => (/^\p{Lu}\p{Ll}/u.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);
const labelOf = <T extends string>(labels: Record<T, string>, value: string) => labels[value as T] ?? value;
const either = (values: string[]) => frenchList(values, 'ou');
const both = (values: string[]) => frenchList(values, 'et');
const bucketLabel = (buckets: ReadonlyArray<{ key: string; label: string }>, key: string) => buckets.find((b) => b.key === key)?.label ?? key;

const communeName = (code: string, communes: ReadonlyMap<string, NamedCommune>) => {
  const commune = communes.get(code);
  return commune ? `${commune.name} (${commune.department})` : code;
};

/** The criteria in French, in the order of the search page; « Tous les profils » when there are none. */
export function describeCriteria(criteria: CvthequeCriteria, communes: ReadonlyMap<string, NamedCommune> = new Map()): string {
  const parts: string[] = [];
  if (criteria.q) parts.push(`« ${criteria.q} »${criteria.mode === 'any' ? ' (l’un des mots)' : ''}`);
  if (criteria.near?.length) {
    const names = criteria.near.map((code) => communeName(code, communes));
    parts.push(`${both(names)} à ${criteria.radiusKm ?? DEFAULT_RADIUS_KM} km`);
  }
  if (criteria.department?.length) parts.push(`${criteria.department.length > 1 ? 'départements' : 'département'} ${both(criteria.department)}`);
  if (criteria.metier?.length) parts.push(either(criteria.metier.map(metierLabel)));
  if (criteria.contractType?.length) parts.push(either(criteria.contractType.map((v) => labelOf(CONTRACT_TYPE_LABEL, v))));
  if (criteria.workingTime?.length) parts.push(either(criteria.workingTime.map((v) => inside(labelOf(WORKING_TIME_LABEL, v)))));
  if (criteria.educationLevel !== undefined) parts.push(`${EDUCATION_LEVEL_LABEL[criteria.educationLevel as EducationLevel] ?? criteria.educationLevel} au moins`);
  if (criteria.experience?.length) parts.push(`expérience ${either(criteria.experience.map((k) => inside(bucketLabel(EXPERIENCE_BUCKETS, k))))}`);
  if (criteria.availability) parts.push(`disponible ${inside(bucketLabel(AVAILABILITY_BUCKETS, criteria.availability))}`);
  if (criteria.language?.length) parts.push(both(criteria.language.map((v) => inside(labelOf(LANGUAGE_LABEL, v)))));
  if (criteria.drivingLicence?.length) parts.push(both(criteria.drivingLicence.map((v) => inside(labelOf(DRIVING_LICENCE_LABEL, v)))));
  if (criteria.rqth) parts.push('RQTH partagée');
  if (criteria.activity) parts.push(`actif il y a ${inside(bucketLabel(ACTIVITY_BUCKETS, criteria.activity))}`);
  if (criteria.seen) parts.push(criteria.seen === 'SEEN' ? 'déjà consultés' : 'jamais consultés');
  return parts.join(', ') || 'Tous les profils';
}

/**
 * A matching search's criteria in French, in the order of the matching page, the indispensable ones named
 * last: « Vendeur en boulangerie, 3 ans d’expérience au moins, Lyon (69) à 10 km, CDI ou CDD, compétences
 * « caisse » et « accueil » ; indispensables : métier et compétences ». « Tous les profils » when none is asked.
 */
export function describeMatchCriteria(criteria: MatchCriteria, communes: ReadonlyMap<string, NamedCommune> = new Map()): string {
  const parts: string[] = [];
  if (criteria.metier) parts.push(metierLabel(criteria.metier));
  if (criteria.experienceYears != null) parts.push(`${String(criteria.experienceYears).replace('.', ',')} an${criteria.experienceYears >= 2 ? 's' : ''} d’expérience au moins`);
  if (criteria.educationLevel != null) parts.push(`${EDUCATION_LEVEL_LABEL[criteria.educationLevel] ?? criteria.educationLevel} au moins`);
  if (criteria.contractTypes?.length) parts.push(either(criteria.contractTypes.map((v) => labelOf(CONTRACT_TYPE_LABEL, v))));
  if (criteria.workingTimes?.length) parts.push(either(criteria.workingTimes.map((v) => inside(labelOf(WORKING_TIME_LABEL, v)))));
  if (criteria.place) parts.push(`${communeName(criteria.place.insee, communes)} à ${criteria.place.radiusKm} km`);
  if (criteria.remote) parts.push(inside(labelOf(REMOTE_LABEL, criteria.remote)));
  if (criteria.drivingLicences?.length) parts.push(both(criteria.drivingLicences.map((v) => inside(labelOf(DRIVING_LICENCE_LABEL, v)))));
  if (criteria.languages?.length) parts.push(both(criteria.languages.map((l) => `${inside(labelOf(LANGUAGE_LABEL, l.code))} ${l.level === 'NATIVE' ? '(langue maternelle)' : l.level}`)));
  if (criteria.skills?.length) parts.push(`compétences ${both(criteria.skills.map((s) => `« ${s} »`))}`);
  const text = parts.join(', ') || 'Tous les profils';
  const indispensable = criteria.indispensable ?? [];
  return indispensable.length ? `${text} ; indispensable${indispensable.length > 1 ? 's' : ''} : ${both(indispensable.map((c) => inside(MATCH_CRITERION_LABEL[c])))}` : text;
}
