// « Profil recherché » of the offer form (issue #18, item 1): the ideal candidate as structured values —
// the métier (ROME list), years of experience, diploma level, working time, a commune and a radius,
// driving licences, languages, skills — each optional, each with its own « Indispensable » checkbox
// whose name says which criterion it marks (seed 004: « Si vous cochez un critère, cela signifie qu'il
// est indispensable »). Contract type and remote work are the offer's own fields above: only their
// « indispensable » box is here. The API's refusals land under their fields (`idealCandidate.place.insee`).
import {
  DRIVING_LICENCES,
  DRIVING_LICENCE_LABEL,
  EDUCATION_LEVELS,
  EDUCATION_LEVEL_LABEL,
  LANGUAGES,
  LANGUAGE_LABEL,
  LANGUAGE_LEVELS,
  LANGUAGE_LEVEL_LABEL,
  WORKING_TIMES,
  WORKING_TIME_LABEL,
} from '../../../workflows/candidate-profile.js';
import type { MatchCriterion } from '../../../workflows/matching-criteria.js';
import { IDEAL_CANDIDATE_LIMITS as L } from '../../../workflows/offer-ideal-candidate.js';
import type { Offer } from '../api.js';
import { CommunePicker, type CommuneChoice } from '../commune-picker.js';
import type { FormState } from '../forms.js';
import { MetierPicker } from '../metier-picker.js';
import { SkillsEditor } from '../skills-editor.js';
import { announce } from '../ui.js';

/** The fieldset's state, as the form keeps it (and the tab's draft, as JSON). */
export interface IdealDraft {
  metier: string | null;
  experienceYears: string;
  educationLevel: string;
  workingTimes: string[];
  commune: CommuneChoice | null;
  radiusKm: string;
  drivingLicences: string[];
  languages: Array<{ code: string; level: string }>;
  skills: string[];
  indispensable: MatchCriterion[];
}

export function idealDraftOf(ideal?: Offer['idealCandidate']): IdealDraft {
  return {
    metier: ideal?.metier ?? null,
    experienceYears: ideal?.experienceYears?.toString() ?? '',
    educationLevel: ideal?.educationLevel?.toString() ?? '',
    workingTimes: ideal?.workingTimes ?? [],
    commune: ideal?.place?.commune ?? null,
    radiusKm: ideal?.place?.radiusKm.toString() ?? '30',
    drivingLicences: ideal?.drivingLicences ?? [],
    languages: ideal?.languages ?? [],
    skills: ideal?.skills ?? [],
    indispensable: ideal?.indispensable ?? [],
  };
}

const numberOr = (v: string) => (v.trim() === '' ? null : Number(v));

/** What the API receives under `idealCandidate`: the whole profile sought (it replaces the previous one). */
export function idealBodyOf(d: IdealDraft) {
  return {
    metier: d.metier,
    experienceYears: numberOr(d.experienceYears),
    educationLevel: numberOr(d.educationLevel),
    workingTimes: d.workingTimes,
    place: d.commune ? { insee: d.commune.insee, radiusKm: numberOr(d.radiusKm) } : null,
    drivingLicences: d.drivingLicences,
    languages: d.languages,
    skills: d.skills,
    indispensable: d.indispensable,
  };
}

const P = 'idealCandidate';
/** The fields this fieldset shows, by the API's names. */
export const IDEAL_FIELDS = [
  P,
  `${P}.metier`,
  `${P}.experienceYears`,
  `${P}.educationLevel`,
  `${P}.workingTimes`,
  `${P}.place.insee`,
  `${P}.place.radiusKm`,
  `${P}.drivingLicences`,
  `${P}.languages`,
  `${P}.skills`,
  `${P}.indispensable`,
];
/** A refusal about one item of a list (`idealCandidate.skills.3`) is shown under the list. */
export const IDEAL_ALIAS: Record<string, string> = Object.fromEntries([
  [`${P}.place`, `${P}.place.insee`],
  ...Array.from({ length: L.skills + 1 }, (_, i) => [
    [`${P}.skills.${i}`, `${P}.skills`],
    [`${P}.workingTimes.${i}`, `${P}.workingTimes`],
    [`${P}.drivingLicences.${i}`, `${P}.drivingLicences`],
    [`${P}.indispensable.${i}`, `${P}.indispensable`],
    [`${P}.languages.${i}`, `${P}.languages`],
    [`${P}.languages.${i}.code`, `${P}.languages`],
    [`${P}.languages.${i}.level`, `${P}.languages`],
  ]).flat(),
]);

/** The accessible name of each « Indispensable » box: the criterion it marks. */
const INDISPENSABLE_NAME: Record<MatchCriterion, string> = {
  metier: 'Métier indispensable',
  experience: 'Expérience indispensable',
  education: 'Niveau de diplôme indispensable',
  contractType: 'Type de contrat indispensable',
  workingTime: 'Temps de travail indispensable',
  place: 'Lieu indispensable',
  remote: 'Télétravail indispensable',
  drivingLicence: 'Permis de conduire indispensable',
  language: 'Langues indispensables',
  skills: 'Compétences indispensables',
};

const idOf = (field: string) => `offer-${field.replace(/\./g, '-')}`;

export function IdealCandidateFieldset({ value, onChange, form, contractLabel, remoteLabel }: { value: IdealDraft; onChange: (d: IdealDraft) => void; form: FormState; contractLabel: string; remoteLabel: string }) {
  const set = (patch: Partial<IdealDraft>) => onChange({ ...value, ...patch });
  const toggle = <T extends string>(list: T[], item: T, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

  /**
   * The « Indispensable » box beside a criterion, named after it (« Métier indispensable »: its visible
   * word is in its name, WCAG 2.5.3). A call, not a component: one made here would be new at each
   * render, its box remounted and the focus lost.
   */
  const indispensable = (criterion: MatchCriterion) => {
    const id = `offer-indispensable-${criterion}`;
    return (
      <label class="choice indispensable-choice" for={id}>
        <input
          id={id}
          type="checkbox"
          aria-label={INDISPENSABLE_NAME[criterion]}
          checked={value.indispensable.includes(criterion)}
          {...form.control(`${P}.indispensable`)}
          onChange={(event) => set({ indispensable: toggle(value.indispensable, criterion, (event.currentTarget as HTMLInputElement).checked) })}
        />
        Indispensable
      </label>
    );
  };

  const select = (field: string, label: string, current: string, options: Array<[string, string]>, onPick: (v: string) => void) => (
    <div class="field">
      <label for={idOf(field)}>{label}</label>
      <select id={idOf(field)} value={current} onChange={(event) => onPick((event.currentTarget as HTMLSelectElement).value)} {...form.control(field)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      {form.message(field)}
    </div>
  );

  const checkboxes = <T extends string>(field: string, legend: string, values: readonly T[], labels: Record<T, string>, chosen: string[], onPick: (v: string[]) => void) => (
    <fieldset aria-describedby={`offer-${field}-error`}>
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} class="choice" for={`${idOf(field)}-${v}`}>
          <input
            id={`${idOf(field)}-${v}`}
            type="checkbox"
            checked={chosen.includes(v)}
            aria-invalid={form.control(field)['aria-invalid']}
            onChange={(event) => onPick(toggle(chosen, v, (event.currentTarget as HTMLInputElement).checked))}
          />
          {labels[v]}
        </label>
      ))}
      {form.message(field)}
    </fieldset>
  );

  return (
    <fieldset class="ideal-candidate" aria-describedby={`offer-${P}-hint offer-${P}.indispensable-error`}>
      <legend>Profil recherché</legend>
      <p class="hint" id={`offer-${P}-hint`}>
        Tout est facultatif. Si vous cochez « Indispensable » pour un critère, seuls les profils qui le remplissent vous seront proposés ; les autres critères servent à
        classer les profils.
      </p>
      {form.message(`${P}.indispensable`)}
      {form.message(P)}

      <div class="criterion">
        <MetierPicker
          id="offer"
          name={`${P}.metier`}
          label="Métier (liste des métiers ROME)"
          max={1}
          value={value.metier ? [value.metier] : []}
          onChange={(codes) => set({ metier: codes[0] ?? null })}
          message={form.message(`${P}.metier`)}
          invalid={!!form.messageOf(`${P}.metier`)}
        />
        {indispensable('metier')}
      </div>

      <div class="criterion">
        <div class="field">
          <label for={idOf(`${P}.experienceYears`)}>Années d’expérience dans le métier, au moins</label>
          <input
            id={idOf(`${P}.experienceYears`)}
            type="number"
            inputMode="numeric"
            min={0}
            max={L.experienceYearsMax}
            value={value.experienceYears}
            onInput={(event) => set({ experienceYears: (event.currentTarget as HTMLInputElement).value })}
            {...form.control(`${P}.experienceYears`, `${idOf(`${P}.experienceYears`)}-hint`)}
          />
          <p class="hint" id={`${idOf(`${P}.experienceYears`)}-hint`}>
            De 0 (débutant accepté) à {L.experienceYearsMax} ; vide : non précisé.
          </p>
          {form.message(`${P}.experienceYears`)}
        </div>
        {indispensable('experience')}
      </div>

      <div class="criterion">
        {select(`${P}.educationLevel`, 'Niveau de diplôme, au moins', value.educationLevel, [['', 'Non précisé'], ...EDUCATION_LEVELS.map((l) => [String(l), EDUCATION_LEVEL_LABEL[l]] as [string, string])], (educationLevel) => set({ educationLevel }))}
        {indispensable('education')}
      </div>

      <div class="criterion">
        <p>
          Type de contrat : <strong>{contractLabel}</strong> (celui de l’offre, ci-dessus)
        </p>
        {indispensable('contractType')}
      </div>

      <div class="criterion">
        {checkboxes(`${P}.workingTimes`, 'Temps de travail', WORKING_TIMES, WORKING_TIME_LABEL, value.workingTimes, (workingTimes) => set({ workingTimes }))}
        {indispensable('workingTime')}
      </div>

      <div class="criterion">
        <CommunePicker
          id="offer"
          field={`${P}.place.insee`}
          label="Lieu : commune autour de laquelle chercher"
          value={value.commune}
          onChange={(commune) => set({ commune })}
          message={form.message(`${P}.place.insee`)}
          invalid={!!form.messageOf(`${P}.place.insee`)}
        />
        {value.commune && (
          <button type="button" class="link" onClick={() => set({ commune: null })}>
            Ne pas préciser de lieu
          </button>
        )}
        <div class="field">
          <label for={idOf(`${P}.place.radiusKm`)}>Rayon autour de la commune, en kilomètres</label>
          <input
            id={idOf(`${P}.place.radiusKm`)}
            type="number"
            inputMode="numeric"
            min={0}
            max={L.radiusKmMax}
            value={value.radiusKm}
            onInput={(event) => set({ radiusKm: (event.currentTarget as HTMLInputElement).value })}
            {...form.control(`${P}.place.radiusKm`, `${idOf(`${P}.place.radiusKm`)}-hint`)}
          />
          <p class="hint" id={`${idOf(`${P}.place.radiusKm`)}-hint`}>
            De 0 (la commune seule) à {L.radiusKmMax} km ; compté seulement si une commune est choisie.
          </p>
          {form.message(`${P}.place.radiusKm`)}
        </div>
        {indispensable('place')}
      </div>

      <div class="criterion">
        <p>
          Télétravail : <strong>{remoteLabel}</strong> (celui de l’offre, ci-dessus)
        </p>
        {indispensable('remote')}
      </div>

      <div class="criterion">
        {checkboxes(`${P}.drivingLicences`, 'Permis de conduire', DRIVING_LICENCES, DRIVING_LICENCE_LABEL, value.drivingLicences, (drivingLicences) => set({ drivingLicences }))}
        {indispensable('drivingLicence')}
      </div>

      <div class="criterion">
        <Languages value={value.languages} onChange={(languages) => set({ languages })} form={form} />
        {indispensable('language')}
      </div>

      <div class="criterion">
        <Skills value={value.skills} onChange={(skills) => set({ skills })} form={form} />
        {indispensable('skills')}
      </div>
    </fieldset>
  );
}

function focusSoon(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

function Languages({ value, onChange, form }: { value: IdealDraft['languages']; onChange: (l: IdealDraft['languages']) => void; form: FormState }) {
  const field = `${P}.languages`;
  const update = (i: number, patch: Partial<{ code: string; level: string }>) => onChange(value.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset aria-describedby={`offer-${field}-error`}>
      <legend>Langues</legend>
      {value.map((l, i) => (
        <div class="row" key={i} role="group" aria-label={`Langue ${i + 1}`}>
          <div class="field">
            <label for={`offer-ideal-language-${i}`}>Langue {i + 1}</label>
            <select id={`offer-ideal-language-${i}`} value={l.code} onChange={(e) => update(i, { code: (e.currentTarget as HTMLSelectElement).value })} aria-invalid={form.control(field)['aria-invalid']}>
              {LANGUAGES.map((c) => (
                <option key={c} value={c}>
                  {LANGUAGE_LABEL[c]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`offer-ideal-language-${i}-level`}>Niveau minimum, langue {i + 1}</label>
            <select id={`offer-ideal-language-${i}-level`} value={l.level} onChange={(e) => update(i, { level: (e.currentTarget as HTMLSelectElement).value })} aria-invalid={form.control(field)['aria-invalid']}>
              {LANGUAGE_LEVELS.map((c) => (
                <option key={c} value={c}>
                  {LANGUAGE_LEVEL_LABEL[c]}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              onChange(value.filter((_, j) => j !== i));
              announce(`Langue ${i + 1} retirée.`);
              focusSoon('offer-ideal-add-language');
            }}
          >
            Retirer la langue {i + 1}
          </button>
        </div>
      ))}
      {form.message(field)}
      {value.length < L.languages && (
        <button
          type="button"
          class="secondary"
          id="offer-ideal-add-language"
          onClick={() => {
            onChange([...value, { code: 'fr', level: 'B1' }]);
            focusSoon(`offer-ideal-language-${value.length}`);
          }}
        >
          Ajouter une langue
        </button>
      )}
    </fieldset>
  );
}

function Skills({ value, onChange, form }: { value: string[]; onChange: (s: string[]) => void; form: FormState }) {
  const field = `${P}.skills`;
  return (
    <SkillsEditor
      id={idOf(field)}
      field={field}
      label="Compétences : ajouter une compétence"
      hint={`Entrée ou « Ajouter » pour l’ajouter ; ${L.skills} au plus, ${L.skillLength} caractères chacune.`}
      listLabel="Compétences recherchées"
      maxLength={L.skillLength}
      value={value}
      onChange={onChange}
      form={form}
    />
  );
}
