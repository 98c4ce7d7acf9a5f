// Matching's scoring (issue #18 item 2, PRODUCT.md « Wave 2 — CVthèque and matching », seed 004 « Le
// Matching recruteur »): how one profile meets what a recruiter asks, criterion by criterion, with one
// French sentence each and a score from 0 to 100. Pure, no I/O: shared by the API (offer matches, matching
// search, an application's match), the web (the explanation) and the workflows (alerts). The score helps a
// person decide; it decides nothing (seed 000): it never hides a profile by itself, only the indispensable
// criteria the recruiter ticked do (seed 004), and only the pre-filter applies them.
//
// Each criterion asked is rated FOUND, APPROXIMATE, NOT_SPECIFIED (the profile says nothing of it) or
// NOT_FOUND; a criterion not asked (null, empty list, a minimum of 0) is not rated and does not count.
//
// | Criterion      | FOUND                                   | APPROXIMATE                                        | NOT_SPECIFIED          | NOT_FOUND         |
// |----------------|-----------------------------------------|----------------------------------------------------|------------------------|-------------------|
// | metier         | the profile has the ROME code           | a métier of the same family (D11 for D1106)        | no métier              | else              |
// | experience     | months ≥ years asked × 12               | months ≥ half of that                              | never (see below)      | less, or none     |
// | education      | level ≥ the level asked                 | the level just below in EDUCATION_LEVELS (not 0)   | no level               | lower             |
// | contractType   | one of the contracts asked is wished    | —                                                  | no contract wished     | none of them      |
// | workingTime    | one of the working times asked is wished| —                                                  | none wished            | none of them      |
// | place          | distance ≤ reach (asked + own radius)   | distance ≤ reach + max(reach, 10 km)               | no place               | farther           |
// | remote         | the same mode                           | PARTIAL against NONE or FULL (its neighbours)      | no mode                | NONE against FULL |
// | drivingLicence | every licence asked                     | some of them                                       | no licence             | none of them      |
// | language       | every language asked at its level       | some of them, or all at a lower level              | no language            | none of them      |
// | skills         | every skill asked (no case nor accents) | some of them                                       | no skill               | none of them      |
//
// Experience is never « not specified »: the profile gives months computed from its experiences, and 0 is
// an answer (a first job is common among our candidates), not a silence; crediting it a quarter as unknown
// would raise every empty profile. Education 0 (« Sans diplôme ») is never the approximation of a diploma
// asked: a diploma asked and none held is a no. The place's margin of 10 km keeps a neighbouring commune
// approximate when both radii are 0. Skills are compared whole (« excel » finds « Excel », not « Excel
// avancé »), each normalized like the métiers' search (normalize: no case, accents or ligatures).
import { CONTRACT_TYPE_LABEL, DRIVING_LICENCE_LABEL, EDUCATION_LEVEL_LABEL, EDUCATION_LEVELS, LANGUAGE_LABEL, LANGUAGE_LEVELS, REMOTE_LABEL, WORKING_TIME_LABEL } from './candidate-profile.js';
import type { EducationLevel, LanguageLevel, ProfileLanguage, RemoteMode } from './candidate-profile.js';
import { MATCH_CRITERIA, MATCH_CRITERION_LABEL, MATCH_RESULT_LABEL } from './matching-criteria.js';
import type { CriterionMatch, Match, MatchCriteria, MatchCriterion, MatchProfile, MatchResult } from './matching-criteria.js';
import { de, frenchList } from './glossary.js';
import { familyLabel, familyOf, metierLabel, normalize } from './metiers.js';

/**
 * Each criterion's weight (they add up to 100, so a weight reads as « points out of 100 » when everything
 * is asked). The job itself and the years spent doing it weigh most: they are what an offer is about
 * (seed 004's explanation starts with « Expériences : Contrôleur de gestion (3 ans min.) »). Where the
 * candidate can work and what they know come next. Diploma counts less than experience (our candidates
 * often learnt on the job). Contract, working time, languages, licence and remote are conditions more
 * than qualities: a recruiter who needs one ticks it indispensable, which filters, rather than weighs.
 */
export const MATCH_WEIGHTS: Record<MatchCriterion, number> = {
  metier: 25,
  experience: 20,
  place: 15,
  skills: 12,
  education: 8,
  contractType: 6,
  language: 5,
  workingTime: 4,
  drivingLicence: 3,
  remote: 2,
};

/**
 * What each result earns of its criterion's weight. « Not specified » is not a no: a quarter, less than an
 * approximation (something was found) and more than a mismatch. Dyadic fractions, so the sums are exact
 * and the rounding of the score is the only one.
 */
export const MATCH_CREDIT: Record<MatchResult, number> = { FOUND: 1, APPROXIMATE: 0.5, NOT_SPECIFIED: 0.25, NOT_FOUND: 0 };

/**
 * The results that meet an indispensable criterion: found, or approximate. The approximations are narrow
 * (same family, half the experience, one diploma level below, a place within the margin, part of a list)
 * and seed 004 shows an approximate experience among the profiles listed; refusing them would hide from a
 * person a candidate they may want. « Not specified » does not pass: the recruiter asked the profile to
 * show it. The pre-filter in SQL follows this list (with the thresholds exported below).
 */
export const INDISPENSABLE_PASSES: readonly MatchResult[] = ['FOUND', 'APPROXIMATE'];

/** The results each criterion can give: experience is never « not specified »; one contract or working time asked and wished is enough, so never half. */
export const MATCH_OUTCOMES: Record<MatchCriterion, readonly MatchResult[]> = {
  metier: ['FOUND', 'APPROXIMATE', 'NOT_SPECIFIED', 'NOT_FOUND'],
  experience: ['FOUND', 'APPROXIMATE', 'NOT_FOUND'],
  education: ['FOUND', 'APPROXIMATE', 'NOT_SPECIFIED', 'NOT_FOUND'],
  contractType: ['FOUND', 'NOT_SPECIFIED', 'NOT_FOUND'],
  workingTime: ['FOUND', 'NOT_SPECIFIED', 'NOT_FOUND'],
  place: ['FOUND', 'APPROXIMATE', 'NOT_SPECIFIED', 'NOT_FOUND'],
  remote: ['FOUND', 'APPROXIMATE', 'NOT_SPECIFIED', 'NOT_FOUND'],
  drivingLicence: ['FOUND', 'APPROXIMATE', 'NOT_SPECIFIED', 'NOT_FOUND'],
  language: ['FOUND', 'APPROXIMATE', 'NOT_SPECIFIED', 'NOT_FOUND'],
  skills: ['FOUND', 'APPROXIMATE', 'NOT_SPECIFIED', 'NOT_FOUND'],
};

/** Seed 004: « Par défaut, les profils des candidats proposés sont compatibles à 50% et plus ». */
export const MATCH_DEFAULT_MIN_SCORE = 50;

/** Experience is approximate from this share of the months asked. */
export const EXPERIENCE_APPROXIMATE_SHARE = 0.5;
/** The least margin beyond the reach that still makes a place approximate. */
export const PLACE_MARGIN_KM = 10;

/** Months that make an experience found and approximate: 3 years → 36 and 18. */
export function experienceThresholds(years: number): { found: number; approximate: number } {
  const found = Math.round(years * 12);
  return { found, approximate: Math.ceil(found * EXPERIENCE_APPROXIMATE_SHARE) };
}

/** The level just below the one asked, which is approximate; none below CAP (no diploma is not approximately one). */
export function educationApproximateLevel(level: EducationLevel): EducationLevel | null {
  const below = EDUCATION_LEVELS[EDUCATION_LEVELS.indexOf(level) - 1];
  return below === undefined || below === 0 ? null : below;
}

/** Distances (km) that make a place found and approximate: the two radii add up, then the margin. */
export function placeThresholds(askedRadiusKm: number, candidateRadiusKm: number): { found: number; approximate: number } {
  const reach = askedRadiusKm + candidateRadiusKm;
  return { found: reach, approximate: reach + Math.max(reach, PLACE_MARGIN_KM) };
}

/** Remote modes next to each other: partial is halfway between on site and fully remote. */
export const REMOTE_APPROXIMATE: Record<RemoteMode, readonly RemoteMode[]> = {
  NONE: ['PARTIAL'],
  PARTIAL: ['NONE', 'FULL'],
  FULL: ['PARTIAL'],
};

// ---- French --------------------------------------------------------------------------------------------

/** « demandé » or « demandés », after one thing or several. */
const agreed = (participle: string, plural: boolean) => (plural ? `${participle}s` : participle);

/** « 8 mois », « 1 an », « 3 ans », « 2 ans et 3 mois »; and whether it is plural (« 1 an demandé »). */
export function duration(months: number): { text: string; plural: boolean } {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years === 1 ? '1 an' : `${years} ans`;
  if (!years) return { text: `${rest} mois`, plural: rest > 1 };
  if (!rest) return { text: y, plural: years > 1 };
  return { text: `${y} et ${rest} mois`, plural: true };
}

/** « Bac + 2 (niveau 5) » from « Bac + 2 : BTS, DEUST (niveau 5) »: the label without its examples. */
export const educationLabel = (level: EducationLevel) => EDUCATION_LEVEL_LABEL[level].replace(/ : [^(]*\(/, ' (');

/** « Anglais (B2) », « Arabe (langue maternelle) ». */
export const languageText = (l: ProfileLanguage) => `${LANGUAGE_LABEL[l.code]} (${l.level === 'NATIVE' ? 'langue maternelle' : l.level})`;

const levelRank = (level: LanguageLevel) => LANGUAGE_LEVELS.indexOf(level);

/** « Lieu : … — approximatif »: the criterion, what was asked and found, the result in words. */
function sentence(criterion: MatchCriterion, said: string, result: MatchResult, after = ''): string {
  return `${MATCH_CRITERION_LABEL[criterion]} : ${said} — ${MATCH_RESULT_LABEL[result]}${after}`;
}

/** Asked and held, as a sentence's middle: « CDI ou CDD demandé, CDD trouvé », « …, Intérim dans le profil ». */
function askedAndHeld(asked: readonly string[], askedWith: 'et' | 'ou', held: readonly string[], result: MatchResult): string {
  const a = `${frenchList(asked, askedWith)} ${agreed('demandé', askedWith === 'et' && asked.length > 1)}`;
  if (!held.length) return a;
  const h = frenchList(held, 'et');
  return result === 'NOT_FOUND' ? `${a}, ${h} dans le profil` : `${a}, ${h} ${agreed('trouvé', held.length > 1)}`;
}

// ---- One criterion -------------------------------------------------------------------------------------

const unique = <T>(items: readonly T[] | null | undefined): T[] => [...new Set(items ?? [])];

/** A skill as compared: normalized, spaces collapsed (the SQL ranking uses it for the skills asked). */
export const skillKey = (skill: string) => normalize(skill).trim().replace(/\s+/g, ' ');

/** The result and its sentence, or null when the recruiter did not ask this criterion. */
function rate(criterion: MatchCriterion, c: MatchCriteria, p: MatchProfile): { result: MatchResult; detail: string } | null {
  switch (criterion) {
    case 'metier': {
      const asked = c.metier?.trim().toUpperCase();
      if (!asked) return null;
      const title = metierLabel(asked);
      const held = unique(p.metiers.map((m) => m.trim().toUpperCase()));
      if (!held.length) return { result: 'NOT_SPECIFIED', detail: sentence(criterion, `${title} demandé`, 'NOT_SPECIFIED') };
      if (held.includes(asked)) return { result: 'FOUND', detail: sentence(criterion, `${title} demandé`, 'FOUND') };
      const family = familyOf(asked);
      const near = family ? held.filter((m) => familyOf(m) === family) : [];
      if (near.length) {
        const said = askedAndHeld([title], 'ou', near.map(metierLabel), 'APPROXIMATE');
        return { result: 'APPROXIMATE', detail: sentence(criterion, `${said} (même famille : ${familyLabel(family!) ?? family})`, 'APPROXIMATE') };
      }
      return { result: 'NOT_FOUND', detail: sentence(criterion, askedAndHeld([title], 'ou', held.map(metierLabel), 'NOT_FOUND'), 'NOT_FOUND') };
    }
    case 'experience': {
      if (!c.experienceYears || c.experienceYears <= 0) return null;
      const { found, approximate } = experienceThresholds(c.experienceYears);
      if (!found) return null;
      const asked = duration(found);
      const said = `${asked.text} ${agreed('demandé', asked.plural)}`;
      const months = Math.max(0, p.experienceMonths);
      const held = duration(months);
      if (months >= found) return { result: 'FOUND', detail: sentence(criterion, `${said}, ${held.text} ${agreed('trouvé', held.plural)}`, 'FOUND') };
      if (months >= approximate) return { result: 'APPROXIMATE', detail: sentence(criterion, `${said}, ${held.text} ${agreed('trouvé', held.plural)}`, 'APPROXIMATE') };
      const none = months === 0 ? 'aucune expérience' : held.text;
      return { result: 'NOT_FOUND', detail: sentence(criterion, `${said}, ${none} dans le profil`, 'NOT_FOUND') };
    }
    case 'education': {
      const asked = c.educationLevel;
      // « Sans diplôme » as a minimum asks nothing.
      if (asked === null || asked === undefined || asked === 0) return null;
      const said = `${educationLabel(asked)} demandé`;
      const held = p.educationLevel;
      if (held === null) return { result: 'NOT_SPECIFIED', detail: sentence(criterion, said, 'NOT_SPECIFIED') };
      const result: MatchResult = held >= asked ? 'FOUND' : held === educationApproximateLevel(asked) ? 'APPROXIMATE' : 'NOT_FOUND';
      const verb = result === 'NOT_FOUND' ? 'dans le profil' : 'trouvé';
      return { result, detail: sentence(criterion, `${said}, ${educationLabel(held)} ${verb}`, result) };
    }
    case 'contractType':
    case 'workingTime': {
      const labels: Record<string, string> = criterion === 'contractType' ? CONTRACT_TYPE_LABEL : WORKING_TIME_LABEL;
      const asked: string[] = unique<string>(criterion === 'contractType' ? c.contractTypes : c.workingTimes);
      if (!asked.length) return null;
      const wished: string[] = unique<string>(criterion === 'contractType' ? p.contractTypes : p.workingTimes);
      const askedLabels = asked.map((a) => labels[a]!);
      if (!wished.length) return { result: 'NOT_SPECIFIED', detail: sentence(criterion, askedAndHeld(askedLabels, 'ou', [], 'NOT_SPECIFIED'), 'NOT_SPECIFIED') };
      const met = wished.filter((w) => asked.includes(w));
      const result: MatchResult = met.length ? 'FOUND' : 'NOT_FOUND';
      return { result, detail: sentence(criterion, askedAndHeld(askedLabels, 'ou', (met.length ? met : wished).map((w) => labels[w]!), result), result) };
    }
    case 'drivingLicence': {
      const asked = unique(c.drivingLicences);
      if (!asked.length) return null;
      const held = unique(p.drivingLicences);
      const askedLabels = asked.map((l) => DRIVING_LICENCE_LABEL[l]);
      if (!held.length) return { result: 'NOT_SPECIFIED', detail: sentence(criterion, askedAndHeld(askedLabels, 'et', [], 'NOT_SPECIFIED'), 'NOT_SPECIFIED') };
      const met = asked.filter((l) => held.includes(l));
      const result: MatchResult = met.length === asked.length ? 'FOUND' : met.length ? 'APPROXIMATE' : 'NOT_FOUND';
      return { result, detail: sentence(criterion, askedAndHeld(askedLabels, 'et', (met.length ? met : held).map((l) => DRIVING_LICENCE_LABEL[l]), result), result) };
    }
    case 'language': {
      const asked = [...new Map((c.languages ?? []).map((l) => [l.code, l])).values()];
      if (!asked.length) return null;
      const askedTexts = asked.map(languageText);
      if (!p.languages.length) return { result: 'NOT_SPECIFIED', detail: sentence(criterion, askedAndHeld(askedTexts, 'et', [], 'NOT_SPECIFIED'), 'NOT_SPECIFIED') };
      // Each asked language the profile speaks, at its best level there.
      const spoken = asked.flatMap((a) => {
        const best = p.languages.filter((l) => l.code === a.code).sort((x, y) => levelRank(y.level) - levelRank(x.level))[0];
        return best ? [{ asked: a, held: best }] : [];
      });
      const atLevel = spoken.filter((s) => levelRank(s.held.level) >= levelRank(s.asked.level));
      const result: MatchResult = atLevel.length === asked.length ? 'FOUND' : spoken.length ? 'APPROXIMATE' : 'NOT_FOUND';
      const held = spoken.length ? spoken.map((s) => s.held) : p.languages;
      return { result, detail: sentence(criterion, askedAndHeld(askedTexts, 'et', held.map(languageText), result), result) };
    }
    case 'place': {
      const asked = c.place;
      if (!asked) return null;
      const held = p.place;
      if (!held) return { result: 'NOT_SPECIFIED', detail: sentence(criterion, `dans un rayon ${de(`${asked.radiusKm} km`)}`, 'NOT_SPECIFIED') };
      const { found, approximate } = placeThresholds(asked.radiusKm, held.candidateRadiusKm);
      const result: MatchResult = held.distanceKm <= found ? 'FOUND' : held.distanceKm <= approximate ? 'APPROXIMATE' : 'NOT_FOUND';
      const km = Math.round(held.distanceKm);
      const distance = km < 1 ? 'à moins d’un kilomètre' : `à ${km} km`;
      // A commune placed by an estimate (no exact point): the distance is too.
      return { result, detail: sentence(criterion, `${held.name}, ${distance}`, result, held.approximate ? ' (position approximative)' : '') };
    }
    case 'remote': {
      const asked = c.remote;
      if (!asked) return null;
      const said = `${REMOTE_LABEL[asked]} demandé`;
      const held = p.remote;
      if (!held) return { result: 'NOT_SPECIFIED', detail: sentence(criterion, said, 'NOT_SPECIFIED') };
      const result: MatchResult = held === asked ? 'FOUND' : REMOTE_APPROXIMATE[asked].includes(held) ? 'APPROXIMATE' : 'NOT_FOUND';
      return { result, detail: sentence(criterion, `${said}, ${REMOTE_LABEL[held]} ${result === 'NOT_FOUND' ? 'dans le profil' : 'souhaité'}`, result) };
    }
    case 'skills': {
      // The recruiter's words, once each as compared, in their spelling.
      const asked = [...new Map((c.skills ?? []).map((s) => [skillKey(s), s.trim().replace(/\s+/g, ' ')])).entries()].filter(([key]) => key);
      if (!asked.length) return null;
      if (!p.skills.length) return { result: 'NOT_SPECIFIED', detail: sentence(criterion, `${frenchList(asked.map(([, s]) => s), 'et')} ${agreed('demandée', asked.length > 1)}`, 'NOT_SPECIFIED') };
      const held = new Set(p.skills.map(skillKey));
      const met = asked.filter(([key]) => held.has(key)).map(([, s]) => s);
      const result: MatchResult = met.length === asked.length ? 'FOUND' : met.length ? 'APPROXIMATE' : 'NOT_FOUND';
      return { result, detail: sentence(criterion, `${met.length} sur ${asked.length}${met.length ? ` : ${met.join(', ')}` : ''}`, result) };
    }
  }
}

/** How the profile meets one criterion, or null when the recruiter did not ask it. */
export function rateCriterion(criterion: MatchCriterion, criteria: MatchCriteria, profile: MatchProfile): CriterionMatch | null {
  const rated = rate(criterion, criteria, profile);
  return rated && { criterion, ...rated, indispensable: (criteria.indispensable ?? []).includes(criterion) };
}

/** The score of rated criteria: 100 × Σ weight × credit / Σ weight, half up; 100 when nothing is asked. */
export function matchScore(rated: readonly Pick<CriterionMatch, 'criterion' | 'result'>[]): number {
  const total = rated.reduce((sum, r) => sum + MATCH_WEIGHTS[r.criterion], 0);
  if (!total) return 100;
  const earned = rated.reduce((sum, r) => sum + MATCH_WEIGHTS[r.criterion] * MATCH_CREDIT[r.result], 0);
  return Math.round((100 * earned) / total);
}

/** The profile against every criterion asked (in MATCH_CRITERIA's order), and its score. */
export function scoreMatch(criteria: MatchCriteria, profile: MatchProfile): Match {
  const rated = MATCH_CRITERIA.map((criterion) => rateCriterion(criterion, criteria, profile)).filter((m) => m !== null);
  return { score: matchScore(rated), criteria: rated };
}

/** Whether every indispensable criterion is found or approximate (INDISPENSABLE_PASSES). */
export function meetsIndispensable(match: Match): boolean {
  return match.criteria.every((m) => !m.indispensable || INDISPENSABLE_PASSES.includes(m.result));
}
