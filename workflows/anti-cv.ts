// The anti-CV (issue #19, item 4; seed 002 « jenesuisPASunCV »): a candidate's profile as a document
// that puts their skills and wishes before their experience and diplomas, to pass on to colleagues or
// load into an ATS. Pure code: what the document says, section by section, for one reader; the API
// lays it out as a PDF (api/anti-cv/pdf.ts).
//
// Who the candidate is to the reader is decided by candidate-identity.ts: the company reads
// « Candidat·e n° 123 » until it lifts the anonymity, then the name and contact details. Free text the
// candidate wrote (headline, summary, skills, experiences, the answer) goes through `textAsSeenBy`, so a
// candidate who signs it stays anonymous. Never the RQTH, health or accommodation needs: the profile
// given here has no field for them.
import {
  CONTRACT_TYPE_LABEL,
  DRIVING_LICENCE_LABEL,
  REMOTE_LABEL,
  WORKING_TIME_LABEL,
  type ContractType,
  type DrivingLicence,
  type EducationLevel,
  type ProfileDiploma,
  type ProfileExperience,
  type ProfileLanguage,
  type RemoteMode,
  type WorkingTime,
} from './candidate-profile.js';
import { candidateAsSeenBy, textAsSeenBy, type ApplicationAnonymity, type CandidateIdentity, type IdentityReader } from './candidate-identity.js';
import { duration, educationLabel, languageText } from './matching.js';
import { metierLabel } from './metiers.js';
import { parisDate } from './paris-time.js';
import { knownSoftSkills, softSkillText, type SoftSkill } from './soft-skills.js';

/** What the anti-CV reads of the candidate profile (api/profiles): no RQTH, no health data. */
export interface AntiCvProfile {
  headline: string | null;
  summary: string | null;
  /** ROME codes. */
  metiers: readonly string[];
  skills: readonly string[];
  /** Savoir-être codes (soft-skills.ts); said with their definition, as seed 002 shows them. */
  softSkills: readonly SoftSkill[];
  experiences: readonly ProfileExperience[];
  experienceMonths: number;
  diplomas: readonly ProfileDiploma[];
  educationLevel: EducationLevel | null;
  languages: readonly ProfileLanguage[];
  drivingLicences: readonly DrivingLicence[];
  contractTypes: readonly ContractType[];
  workingTimes: readonly WorkingTime[];
  remote: RemoteMode | null;
  /** YYYY-MM-DD; null: now. */
  availableFrom: string | null;
  /** Places wished: a commune and how far around it. */
  places: readonly { name: string; department: string; radiusKm: number }[];
}

/** The application the anti-CV is read from, with its anonymity. */
export interface AntiCvApplication extends ApplicationAnonymity {
  createdAt: Date | string;
  offerTitle: string | null;
  companyName: string;
  screeningQuestion: string | null;
  screeningAnswer: string | null;
}

export interface AntiCvSection {
  heading: string;
  /** Each line a paragraph; `label` set: « label : text ». */
  lines: readonly { label?: string; text: string }[];
}

export interface AntiCv {
  /** The candidate's name, or « Candidat·e n° 123 ». */
  title: string;
  /** What they wish to do: the headline, else the métiers. */
  headline: string | null;
  /** « Candidature du … à l’offre « … » (entreprise) ». */
  context: string;
  /** Whether the reader sees only the number (then nothing of the contact section). */
  hidden: boolean;
  number: number;
  sections: readonly AntiCvSection[];
}

export const ANTI_CV_HIDDEN_NOTE = 'Candidature anonyme : le nom et les coordonnées apparaîtront ici une fois l’anonymat levé.';
export const ANTI_CV_EMPTY_PROFILE = 'La personne n’a pas encore rempli son profil : ses compétences et ses souhaits apparaîtront ici.';

let monthFormat: Intl.DateTimeFormat | undefined;
let dayFormat: Intl.DateTimeFormat | undefined;

/** « mars 2021 » from 2021-03. */
function monthText(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return (monthFormat ??= new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' })).format(new Date(Date.UTC(y!, m! - 1, 1)));
}

/** « 3 mars 2027 » from 2027-03-03, or from an instant (its day in Paris). */
function dayText(date: string | Date): string {
  const day = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : parisDate(new Date(date));
  const [y, m, d] = day.split('-').map(Number);
  return (dayFormat ??= new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

const section = (heading: string, lines: AntiCvSection['lines']): AntiCvSection[] => (lines.length ? [{ heading, lines }] : []);
const line = (text: string | null | undefined, label?: string) => (text?.trim() ? [{ ...(label ? { label } : {}), text: text.trim() }] : []);

/** The anti-CV of `candidate`'s application as `reader` may read it. `now`: for « disponible immédiatement ». */
export function antiCvOf(reader: IdentityReader, application: AntiCvApplication, candidate: CandidateIdentity & { phone?: string | null }, profile: AntiCvProfile | null, now: Date): AntiCv {
  const shown = candidateAsSeenBy(reader, application, candidate);
  const text = <T extends string | null>(value: T): T => textAsSeenBy(reader, application, candidate, value);
  const metiers = (profile?.metiers ?? []).map(metierLabel);
  const headline = text(profile?.headline?.trim() || null) ?? (metiers.length ? metiers.join(' · ') : null);
  const where = application.offerTitle ? `à l’offre « ${application.offerTitle} »` : 'spontanée';
  const context = `Candidature ${where} du ${dayText(application.createdAt)} — ${application.companyName}`;

  const sections: AntiCvSection[] = [];
  if (shown.hidden) sections.push({ heading: 'Anonymat', lines: line(ANTI_CV_HIDDEN_NOTE) });
  else sections.push(...section('Coordonnées', [...line(shown.email, 'E-mail'), ...line(shown.phone, 'Téléphone')]));

  if (profile) {
    const available = !profile.availableFrom || profile.availableFrom <= parisDate(now) ? 'Disponible immédiatement' : `Disponible à partir du ${dayText(profile.availableFrom)}`;
    sections.push(
      ...section('Métiers recherchés', metiers.map((m) => ({ text: m }))),
      ...section('En quelques mots', line(text(profile.summary))),
      ...section('Compétences', profile.skills.map((s) => ({ text: text(s) }))),
      ...section('Savoir-être', knownSoftSkills(profile.softSkills).map((code) => ({ text: softSkillText(code) }))),
      ...section('Souhaits', [
        { label: 'Disponibilité', text: available },
        ...line(profile.contractTypes.map((c) => CONTRACT_TYPE_LABEL[c]).join(', '), 'Contrat'),
        ...line(profile.workingTimes.map((w) => WORKING_TIME_LABEL[w]).join(', '), 'Temps de travail'),
        ...line(profile.remote ? REMOTE_LABEL[profile.remote] : null, 'Télétravail'),
        ...line(profile.places.map((p) => `${p.name} (${p.department})${p.radiusKm ? ` et ${p.radiusKm} km autour` : ''}`).join(' ; '), 'Lieux'),
      ]),
      ...section('Expérience', [
        { label: 'En tout', text: profile.experienceMonths > 0 ? duration(profile.experienceMonths).text : 'Pas encore d’expérience : un premier emploi' },
        ...profile.experiences.map((e) => ({
          text: `${text(e.title)}${e.employer ? ` — ${text(e.employer)}` : ''} (${monthText(e.start)} – ${e.end ? monthText(e.end) : 'aujourd’hui'})`,
        })),
      ]),
      ...section('Formation', [
        ...line(profile.educationLevel !== null ? educationLabel(profile.educationLevel) : null, 'Niveau'),
        ...profile.diplomas.map((d) => ({ text: `${text(d.title)}${d.year ? `, ${d.year}` : ''}` })),
      ]),
      ...section('Langues', profile.languages.map((l) => ({ text: languageText(l) }))),
      ...section('Permis de conduire', profile.drivingLicences.map((d) => ({ text: DRIVING_LICENCE_LABEL[d] }))),
    );
  }
  const filled = sections.some((s) => !['Anonymat', 'Coordonnées', 'Souhaits', 'Expérience'].includes(s.heading)) || (profile?.experiences.length ?? 0) > 0;
  if (!filled) sections.push({ heading: 'Profil', lines: line(ANTI_CV_EMPTY_PROFILE) });
  if (application.screeningQuestion && application.screeningAnswer?.trim()) {
    sections.push({ heading: 'Réponse à la question de l’offre', lines: [{ label: application.screeningQuestion, text: text(application.screeningAnswer.trim()) }] });
  }
  return { title: shown.name, headline, context, hidden: shown.hidden, number: shown.number, sections };
}

/** The file's name: the candidate's number while hidden, else their name (`slug`: the API's ASCII file-name part). */
export const antiCvFileName = (cv: Pick<AntiCv, 'hidden' | 'number' | 'title'>, slug: (text: string) => string) =>
  `anti-cv-${cv.hidden ? `candidat-${cv.number}` : slug(cv.title)}.pdf`;
