// The CVthèque profile (issue #17, item 1): « Mon profil » of the candidate (/candidat/profil) and the
// same form on a followed candidate's page for their référent (the mission officer and admins read it).
// One form saved whole (PUT), sections with headings, repeatable groups (experiences, diplomas,
// languages, places) each with its legend, errors under their fields (`experiences.2.start`) and the
// focus on the first one (forms.tsx). « Mes accords »: the two consents as separate checkboxes with
// their exact texts (PROFILE_CONSENT_LABEL), when each was given and their history. A référent may
// withdraw a consent, never give it: for them a consent not given is a sentence, not a checkbox.
import { de } from '../../workflows/glossary.js';
import { MetierPicker } from './metier-picker.js';
import { SkillsEditor } from './skills-editor.js';
import type { z } from 'zod';
import type { profileView } from '../../api/profiles/schemas.js';
import {
  CONTRACT_TYPES,
  CONTRACT_TYPE_LABEL,
  DRIVING_LICENCES,
  DRIVING_LICENCE_LABEL,
  EDUCATION_LEVELS,
  EDUCATION_LEVEL_LABEL,
  LANGUAGES,
  LANGUAGE_LABEL,
  LANGUAGE_LEVELS,
  LANGUAGE_LEVEL_LABEL,
  PROFILE_CONSENT_LABEL,
  PROFILE_LIMITS,
  REMOTE_LABEL,
  REMOTE_MODES,
  WORKING_TIMES,
  WORKING_TIME_LABEL,
  type ProfileConsent,
} from '../../workflows/candidate-profile.js';
import { SOFT_SKILLS, SOFT_SKILLS_MAX, SOFT_SKILL_DEFINITION, SOFT_SKILL_LABEL, type SoftSkill } from '../../workflows/soft-skills.js';
import { useState } from 'preact/hooks';
import { request } from './api.js';
import { CommunePicker, type CommuneChoice } from './commune-picker.js';
import { useForm, type FormState } from './forms.js';
import { Loaded, Page, announce, formatDateTime, useResource } from './ui.js';

export type Profile = z.output<typeof profileView>;

interface Experience {
  key: number;
  title: string;
  employer: string;
  start: string;
  end: string;
  description: string;
}
interface Diploma {
  key: number;
  title: string;
  level: string;
  year: string;
}
interface Language {
  key: number;
  code: string;
  level: string;
}
interface Place {
  key: number;
  commune: CommuneChoice | null;
  radiusKm: string;
}
interface Draft {
  headline: string;
  summary: string;
  metiers: string;
  skills: string[];
  softSkills: SoftSkill[];
  experiences: Experience[];
  diplomas: Diploma[];
  educationLevel: string;
  languages: Language[];
  drivingLicences: string[];
  contractTypes: string[];
  workingTimes: string[];
  remote: string;
  availableFrom: string;
  commune: CommuneChoice | null;
  places: Place[];
  rqth: boolean;
  cvthequeVisible: boolean;
  rqthShared: boolean;
}

export const profileApi = {
  mine: () => request<Profile>('GET', '/me/profile'),
  saveMine: (body: unknown) => request<Profile>('PUT', '/me/profile', body),
  ofFollowed: (id: string) => request<Profile>('GET', `/referent/candidates/${id}/profile`),
  saveFollowed: (id: string, body: unknown) => request<Profile>('PUT', `/referent/candidates/${id}/profile`, body),
};

let nextKey = 1;
const key = () => nextKey++;

function draftOf(p: Profile): Draft {
  return {
    headline: p.headline ?? '',
    summary: p.summary ?? '',
    metiers: p.metiers.join(' '),
    skills: p.skills,
    softSkills: p.softSkills,
    experiences: p.experiences.map((e) => ({ key: key(), title: e.title, employer: e.employer ?? '', start: e.start, end: e.end ?? '', description: e.description ?? '' })),
    diplomas: p.diplomas.map((d) => ({ key: key(), title: d.title, level: String(d.level), year: d.year == null ? '' : String(d.year) })),
    educationLevel: p.educationLevel == null ? '' : String(p.educationLevel),
    languages: p.languages.map((l) => ({ key: key(), code: l.code, level: l.level })),
    drivingLicences: p.drivingLicences,
    contractTypes: p.contractTypes,
    workingTimes: p.workingTimes,
    remote: p.remote ?? '',
    availableFrom: p.availableFrom ?? '',
    commune: p.commune,
    places: p.places.map(({ radiusKm, ...commune }) => ({ key: key(), commune, radiusKm: String(radiusKm) })),
    rqth: p.rqth,
    cvthequeVisible: p.consents.cvtheque.given,
    rqthShared: p.consents.rqth.given,
  };
}

/** What is sent: the API checks everything; a number field left empty or not a number is sent as such, and refused under its field. */
function bodyOf(d: Draft) {
  const num = (value: string) => (value.trim() === '' ? null : Number.isFinite(Number(value)) ? Number(value) : value);
  return {
    headline: d.headline,
    summary: d.summary,
    metiers: d.metiers.split(/[\s,;]+/).filter(Boolean),
    skills: d.skills,
    softSkills: d.softSkills,
    experiences: d.experiences.map((e) => ({ title: e.title, employer: e.employer, start: e.start, end: e.end || null, description: e.description })),
    diplomas: d.diplomas.map((x) => ({ title: x.title, level: num(x.level), year: num(x.year) })),
    educationLevel: num(d.educationLevel),
    languages: d.languages.map((l) => ({ code: l.code, level: l.level })),
    drivingLicences: d.drivingLicences,
    contractTypes: d.contractTypes,
    workingTimes: d.workingTimes,
    remote: d.remote || null,
    availableFrom: d.availableFrom || null,
    communeInsee: d.commune?.insee ?? null,
    places: d.places.map((p) => ({ insee: p.commune?.insee ?? '', radiusKm: num(p.radiusKm) ?? 0 })),
    rqth: d.rqth,
    cvthequeVisible: d.cvthequeVisible,
    rqthShared: d.rqthShared,
  };
}

/** Every field the form shows, by the API's names, for this draft (the repeatable groups' rows included). */
function fieldsOf(d: Draft): string[] {
  return [
    'headline',
    'summary',
    'metiers',
    'skills',
    'softSkills',
    'experiences',
    ...d.experiences.flatMap((_, i) => ['title', 'employer', 'start', 'end', 'description'].map((f) => `experiences.${i}.${f}`)),
    'diplomas',
    ...d.diplomas.flatMap((_, i) => ['title', 'level', 'year'].map((f) => `diplomas.${i}.${f}`)),
    'educationLevel',
    'languages',
    ...d.languages.flatMap((_, i) => [`languages.${i}.code`, `languages.${i}.level`]),
    'drivingLicences',
    'contractTypes',
    'workingTimes',
    'remote',
    'availableFrom',
    'communeInsee',
    'places',
    ...d.places.flatMap((_, i) => [`places.${i}.insee`, `places.${i}.radiusKm`]),
    'rqth',
    'cvthequeVisible',
    'rqthShared',
  ];
}

/** `metiers.3` is said under the métiers' field, `skills.2` under the skills, `drivingLicences.0` under the licences… */
const ALIAS: Record<string, string> = Object.fromEntries(
  (['metiers', 'skills', 'softSkills', 'drivingLicences', 'contractTypes', 'workingTimes'] as const).flatMap((f) => Array.from({ length: 40 }, (_, i) => [`${f}.${i}`, f])),
);

/** « Mon profil »: the candidate's own page. */
export function CandidateProfilePage() {
  const resource = useResource(() => profileApi.mine(), []);
  return (
    <Page
      title="Mon profil"
      lead="Ce que les recruteurs d’entreprises vérifiées peuvent trouver dans la CVthèque, si vous l’acceptez dans « Mes accords ». Sans votre accord, votre profil reste entre vous et votre référent."
    >
      <Loaded resource={resource} label="Chargement de votre profil…">
        {(saved) => <ProfileForm key={saved.updatedAt} saved={saved} self onSave={(body) => profileApi.saveMine(body)} onSaved={resource.set} />}
      </Loaded>
    </Page>
  );
}

/** The same on a followed candidate's page: the référent edits; the mission officer and admins read. */
export function FollowedProfile({ candidateId, name, readOnly }: { candidateId: string; name: string; readOnly?: boolean }) {
  const resource = useResource(() => profileApi.ofFollowed(candidateId), [candidateId]);
  return (
    <section aria-labelledby="profil-title" class="card" id="profil">
      <h2 id="profil-title">Profil de CVthèque</h2>
      <p class="hint">
        {readOnly
          ? `Le profil ${de(name)}, tel que son référent et la personne l’ont enregistré.`
          : `À remplir avec ${name}, qui le voit et le modifie depuis son espace. Vous pouvez retirer un accord, jamais le donner à sa place.`}
      </p>
      <Loaded resource={resource} label="Chargement du profil…">
        {(saved) =>
          readOnly ? (
            <ProfileSummary profile={saved} />
          ) : (
            <ProfileForm key={saved.updatedAt} saved={saved} onSave={(body) => profileApi.saveFollowed(candidateId, body)} onSaved={resource.set} />
          )
        }
      </Loaded>
    </section>
  );
}

/** A profile read, not edited (mission officer, admin). */
function ProfileSummary({ profile: p }: { profile: Profile }) {
  return (
    <dl class="profile-summary">
      <dt>Titre</dt>
      <dd>{p.headline ?? '—'}</dd>
      <dt>Métiers (codes ROME)</dt>
      <dd>{p.metiers.join(', ') || '—'}</dd>
      <dt>Compétences</dt>
      <dd>{p.skills.join(', ') || '—'}</dd>
      <dt>Savoir-être</dt>
      <dd>{p.softSkills.map((c) => SOFT_SKILL_LABEL[c]).join(', ') || '—'}</dd>
      <dt>Expériences</dt>
      <dd>{p.experiences.map((e) => `${e.title} (${e.start} – ${e.end ?? 'en cours'})`).join(' ; ') || '—'}</dd>
      <dt>Lieux souhaités</dt>
      <dd>{p.places.map((c) => `${c.name} (${c.radiusKm} km)`).join(', ') || '—'}</dd>
      <dt>Visible dans la CVthèque</dt>
      <dd>{p.consents.cvtheque.given ? `Oui, depuis le ${formatDateTime(p.consents.cvtheque.at!)}` : 'Non'}</dd>
    </dl>
  );
}

function ProfileForm({ saved, self, onSave, onSaved }: { saved: Profile; self?: boolean; onSave: (body: unknown) => Promise<Profile>; onSaved: (p: Profile) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const form = useForm({ id: 'profile', fields: fieldsOf(draft), alias: ALIAS });
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit(event: Event) {
    event.preventDefault();
    const next = await form.run(() => onSave(bodyOf(draft)));
    if (!next) return;
    onSaved(next);
    announce(`Profil enregistré.${next.consents.cvtheque.given ? ' Il est visible dans la CVthèque.' : ' Il n’est pas visible dans la CVthèque.'}`);
  }

  return (
    <form onSubmit={submit} noValidate ref={form.ref} class="profile-form">
      <Presentation draft={draft} set={set} form={form} />
      <ProfileMetiers value={draft.metiers} onChange={(metiers) => set({ metiers })} form={form} />
      <Skills skills={draft.skills} onChange={(skills) => set({ skills })} form={form} />
      <SoftSkills chosen={draft.softSkills} onChange={(softSkills) => set({ softSkills })} form={form} self={!!self} />
      <Experiences draft={draft} set={set} form={form} />
      <Diplomas draft={draft} set={set} form={form} />
      <Languages draft={draft} set={set} form={form} />
      <section aria-labelledby="profile-licences-title" class="card">
        <h2 id="profile-licences-title">Permis</h2>
        <Checkboxes name="drivingLicences" legend="Permis de conduire" values={DRIVING_LICENCES} labels={DRIVING_LICENCE_LABEL} chosen={draft.drivingLicences} onChange={(drivingLicences) => set({ drivingLicences })} form={form} />
      </section>
      <Wishes draft={draft} set={set} form={form} />
      <Places draft={draft} set={set} form={form} />
      <Consents draft={draft} set={set} form={form} saved={saved} self={!!self} />
      {form.summary()}
      <p class="muted">Dernier enregistrement le {formatDateTime(saved.updatedAt)}.</p>
      <button {...form.submit}>{form.busy ? 'Enregistrement…' : 'Enregistrer le profil'}</button>
    </form>
  );
}

type Part = { draft: Draft; set: (patch: Partial<Draft>) => void; form: FormState };

function TextField({ field, label, value, onInput, form, hint, max, type = 'text', textarea }: { field: string; label: string; value: string; onInput: (v: string) => void; form: FormState; hint?: string; max?: number; type?: 'text' | 'month' | 'number' | 'date'; textarea?: boolean }) {
  const id = `profile-${field.replace(/\./g, '-')}`;
  const props = {
    id,
    value,
    maxLength: max,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
    ...form.control(field, hint ? `${id}-hint` : undefined),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {textarea ? <textarea rows={4} {...props} /> : <input type={type as "text"} {...props} />}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {form.message(field)}
    </div>
  );
}

function Select({ field, label, value, onChange, options, form, empty }: { field: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][]; form: FormState; empty?: string }) {
  const id = `profile-${field.replace(/\./g, '-')}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)} {...form.control(field)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      {form.message(field)}
    </div>
  );
}

function Checkboxes<T extends string>({ name, legend, values, labels, chosen, onChange, form }: { name: string; legend: string; values: readonly T[]; labels: Record<T, string>; chosen: string[]; onChange: (v: string[]) => void; form: FormState }) {
  return (
    <fieldset aria-describedby={`profile-${name}-error`}>
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} class="choice" for={`profile-${name}-${v}`}>
          <input
            id={`profile-${name}-${v}`}
            type="checkbox"
            checked={chosen.includes(v)}
            aria-invalid={form.control(name)['aria-invalid']}
            onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked ? [...chosen, v] : chosen.filter((c) => c !== v))}
          />
          {labels[v]}
        </label>
      ))}
      {form.message(name)}
    </fieldset>
  );
}

function Presentation({ draft, set, form }: Part) {
  return (
    <section aria-labelledby="profile-presentation-title" class="card">
      <h2 id="profile-presentation-title">Présentation</h2>
      <TextField field="headline" label="Titre du profil" hint="Une ligne, par exemple « Vendeuse en boulangerie, 5 ans d’expérience »." max={PROFILE_LIMITS.headlineLength} value={draft.headline} onInput={(headline) => set({ headline })} form={form} />
      <TextField field="summary" label="Présentation" textarea max={PROFILE_LIMITS.summaryLength} hint={`${PROFILE_LIMITS.summaryLength.toLocaleString('fr-FR')} caractères au plus.`} value={draft.summary} onInput={(summary) => set({ summary })} form={form} />
    </section>
  );
}

/**
 * « Métiers recherchés ». STOPGAP until part `metiers` is merged: a text input of ROME codes. The lead
 * swaps web/src/metier-picker.tsx in HERE (and only here): value ↔ the list of codes.
 */
export function ProfileMetiers({ value, onChange, form }: { value: string; onChange: (codes: string) => void; form: FormState }) {
  return (
    <section aria-labelledby="profile-metiers-title" class="card">
      <h2 id="profile-metiers-title">Métiers recherchés</h2>
      <MetierPicker
        id="profile"
        name="metiers"
        label={`Métiers recherchés (${PROFILE_LIMITS.metiers} au plus)`}
        max={PROFILE_LIMITS.metiers}
        value={value.split(/\s+/).filter(Boolean)}
        onChange={(codes) => onChange(codes.join(' '))}
        message={form.message('metiers')}
        invalid={!!form.messageOf('metiers')}
      />
    </section>
  );
}

function Skills({ skills, onChange, form }: { skills: string[]; onChange: (s: string[]) => void; form: FormState }) {
  return (
    <section aria-labelledby="profile-skills-title" class="card">
      <h2 id="profile-skills-title">Compétences</h2>
      <SkillsEditor
        id="profile-skills"
        field="skills"
        label="Ajouter une compétence"
        hint={`Entrée ou « Ajouter » pour l’ajouter ; ${PROFILE_LIMITS.skills} au plus.`}
        listLabel="Compétences ajoutées"
        maxLength={PROFILE_LIMITS.skillLength}
        value={skills}
        onChange={onChange}
        form={form}
      />
    </section>
  );
}

/**
 * « Mes savoir-être » (seed 002): the 14 boxes, each with its definition as a hint read with it. A 6th
 * choice is refused where it is made, said next to the boxes and read out; the other boxes stay enabled
 * (a disabled box could not be reached, nor its definition read, with the keyboard).
 */
function SoftSkills({ chosen, onChange, form, self }: { chosen: SoftSkill[]; onChange: (codes: SoftSkill[]) => void; form: FormState; self: boolean }) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const invalid = form.control('softSkills')['aria-invalid'];
  function toggle(code: SoftSkill, box: HTMLInputElement) {
    if (box.checked && chosen.length >= SOFT_SKILLS_MAX) {
      box.checked = false;
      const message = `${SOFT_SKILLS_MAX} savoir-être au plus : décochez-en un pour choisir « ${SOFT_SKILL_LABEL[code]} ».`;
      setRefusal(message);
      announce(message); // the same refusal twice is read twice
      return;
    }
    setRefusal(null);
    // Kept in the list's order, whatever the order of the clicks.
    onChange(SOFT_SKILLS.filter((c) => (c === code ? box.checked : chosen.includes(c))));
  }
  return (
    <section aria-labelledby="profile-softSkills-title" class="card">
      <h2 id="profile-softSkills-title">Savoir-être</h2>
      <fieldset aria-describedby="profile-softSkills-hint profile-softSkills-limit profile-softSkills-error">
        <legend>
          {self ? 'Mes' : 'Ses'} savoir-être ({SOFT_SKILLS_MAX} au plus)
        </legend>
        <p class="hint" id="profile-softSkills-hint">
          Les comportements qui {self ? 'vous guident' : 'guident la personne'} au travail, ses traits de caractère : un plus pour {self ? 'vos candidatures' : 'ses candidatures'}. {chosen.length} choisi{chosen.length > 1 ? 's' : ''} sur {SOFT_SKILLS_MAX}.
        </p>
        <ul class="soft-skill-choices">
          {SOFT_SKILLS.map((code) => (
            <li key={code}>
              <label class="choice" for={`profile-softSkills-${code}`}>
                <input
                  id={`profile-softSkills-${code}`}
                  type="checkbox"
                  checked={chosen.includes(code)}
                  aria-invalid={invalid}
                  aria-describedby={`profile-softSkills-${code}-definition`}
                  onChange={(event) => toggle(code, event.currentTarget as HTMLInputElement)}
                />
                {SOFT_SKILL_LABEL[code]}
              </label>
              <p class="hint" id={`profile-softSkills-${code}-definition`}>
                {SOFT_SKILL_DEFINITION[code]}
              </p>
            </li>
          ))}
        </ul>
        <div class={refusal ? 'error' : 'error empty'} id="profile-softSkills-limit">
          {refusal}
        </div>
        {form.message('softSkills')}
      </fieldset>
    </section>
  );
}

/** Add / remove buttons of a repeatable group; the focus goes to the new row's first field, or back to « add ». */
function focusSoon(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

function Experiences({ draft, set, form }: Part) {
  const rows = draft.experiences;
  const update = (i: number, patch: Partial<Experience>) => set({ experiences: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <section aria-labelledby="profile-experiences-title" class="card">
      <h2 id="profile-experiences-title">Expériences</h2>
      {rows.map((e, i) => (
        <fieldset key={e.key}>
          <legend>Expérience {i + 1}</legend>
          <TextField field={`experiences.${i}.title`} label="Poste" max={PROFILE_LIMITS.titleLength} value={e.title} onInput={(title) => update(i, { title })} form={form} />
          <TextField field={`experiences.${i}.employer`} label="Employeur (facultatif)" max={PROFILE_LIMITS.titleLength} value={e.employer} onInput={(employer) => update(i, { employer })} form={form} />
          <div class="row">
            <TextField field={`experiences.${i}.start`} label="Début (mois et année)" type="month" hint="AAAA-MM" value={e.start} onInput={(start) => update(i, { start })} form={form} />
            <TextField field={`experiences.${i}.end`} label="Fin (vide si en cours)" type="month" hint="AAAA-MM" value={e.end} onInput={(end) => update(i, { end })} form={form} />
          </div>
          <TextField field={`experiences.${i}.description`} label="Description (facultatif)" textarea max={PROFILE_LIMITS.experienceDescriptionLength} value={e.description} onInput={(description) => update(i, { description })} form={form} />
          <button
            type="button"
            class="secondary"
            onClick={() => {
              set({ experiences: rows.filter((_, j) => j !== i) });
              announce(`Expérience ${i + 1} retirée.`);
              focusSoon('profile-add-experience');
            }}
          >
            Retirer l’expérience {i + 1}
          </button>
        </fieldset>
      ))}
      {form.message('experiences')}
      {rows.length < PROFILE_LIMITS.experiences && (
        <button
          type="button"
          class="secondary"
          id="profile-add-experience"
          onClick={() => {
            set({ experiences: [...rows, { key: key(), title: '', employer: '', start: '', end: '', description: '' }] });
            focusSoon(`profile-experiences-${rows.length}-title`);
          }}
        >
          Ajouter une expérience
        </button>
      )}
    </section>
  );
}

const LEVEL_OPTIONS: [string, string][] = EDUCATION_LEVELS.map((l) => [String(l), EDUCATION_LEVEL_LABEL[l]]);

function Diplomas({ draft, set, form }: Part) {
  const rows = draft.diplomas;
  const update = (i: number, patch: Partial<Diploma>) => set({ diplomas: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <section aria-labelledby="profile-diplomas-title" class="card">
      <h2 id="profile-diplomas-title">Diplômes</h2>
      <Select field="educationLevel" label="Niveau de diplôme le plus élevé" value={draft.educationLevel} onChange={(educationLevel) => set({ educationLevel })} options={LEVEL_OPTIONS} empty="Non indiqué" form={form} />
      {rows.map((d, i) => (
        <fieldset key={d.key}>
          <legend>Diplôme {i + 1}</legend>
          <TextField field={`diplomas.${i}.title`} label="Intitulé" max={PROFILE_LIMITS.titleLength} value={d.title} onInput={(title) => update(i, { title })} form={form} />
          <div class="row">
            <Select field={`diplomas.${i}.level`} label="Niveau" value={d.level} onChange={(level) => update(i, { level })} options={LEVEL_OPTIONS} form={form} />
            <TextField field={`diplomas.${i}.year`} label="Année (facultatif)" type="number" value={d.year} onInput={(year) => update(i, { year })} form={form} />
          </div>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              set({ diplomas: rows.filter((_, j) => j !== i) });
              announce(`Diplôme ${i + 1} retiré.`);
              focusSoon('profile-add-diploma');
            }}
          >
            Retirer le diplôme {i + 1}
          </button>
        </fieldset>
      ))}
      {form.message('diplomas')}
      {rows.length < PROFILE_LIMITS.diplomas && (
        <button
          type="button"
          class="secondary"
          id="profile-add-diploma"
          onClick={() => {
            set({ diplomas: [...rows, { key: key(), title: '', level: '3', year: '' }] });
            focusSoon(`profile-diplomas-${rows.length}-title`);
          }}
        >
          Ajouter un diplôme
        </button>
      )}
    </section>
  );
}

function Languages({ draft, set, form }: Part) {
  const rows = draft.languages;
  const update = (i: number, patch: Partial<Language>) => set({ languages: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <section aria-labelledby="profile-languages-title" class="card">
      <h2 id="profile-languages-title">Langues</h2>
      {rows.map((l, i) => (
        <fieldset key={l.key}>
          <legend>Langue {i + 1}</legend>
          <div class="row">
            <Select field={`languages.${i}.code`} label="Langue" value={l.code} onChange={(code) => update(i, { code })} options={LANGUAGES.map((c) => [c, LANGUAGE_LABEL[c]])} form={form} />
            <Select field={`languages.${i}.level`} label="Niveau" value={l.level} onChange={(level) => update(i, { level })} options={LANGUAGE_LEVELS.map((c) => [c, LANGUAGE_LEVEL_LABEL[c]])} form={form} />
          </div>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              set({ languages: rows.filter((_, j) => j !== i) });
              announce(`Langue ${i + 1} retirée.`);
              focusSoon('profile-add-language');
            }}
          >
            Retirer la langue {i + 1}
          </button>
        </fieldset>
      ))}
      {form.message('languages')}
      {rows.length < PROFILE_LIMITS.languages && (
        <button
          type="button"
          class="secondary"
          id="profile-add-language"
          onClick={() => {
            set({ languages: [...rows, { key: key(), code: 'fr', level: 'B1' }] });
            focusSoon(`profile-languages-${rows.length}-code`);
          }}
        >
          Ajouter une langue
        </button>
      )}
    </section>
  );
}

function Wishes({ draft, set, form }: Part) {
  return (
    <section aria-labelledby="profile-wishes-title" class="card">
      <h2 id="profile-wishes-title">Souhaits</h2>
      <Checkboxes name="contractTypes" legend="Contrats souhaités" values={CONTRACT_TYPES} labels={CONTRACT_TYPE_LABEL} chosen={draft.contractTypes} onChange={(contractTypes) => set({ contractTypes })} form={form} />
      <Checkboxes name="workingTimes" legend="Temps de travail" values={WORKING_TIMES} labels={WORKING_TIME_LABEL} chosen={draft.workingTimes} onChange={(workingTimes) => set({ workingTimes })} form={form} />
      <Select field="remote" label="Télétravail" value={draft.remote} onChange={(remote) => set({ remote })} options={REMOTE_MODES.map((m) => [m, REMOTE_LABEL[m]])} empty="Non indiqué" form={form} />
      <TextField field="availableFrom" label="Disponible à partir du (vide : dès maintenant)" type="date" hint="JJ/MM/AAAA" value={draft.availableFrom} onInput={(availableFrom) => set({ availableFrom })} form={form} />
    </section>
  );
}

function Places({ draft, set, form }: Part) {
  const rows = draft.places;
  const update = (i: number, patch: Partial<Place>) => set({ places: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <section aria-labelledby="profile-places-title" class="card">
      <h2 id="profile-places-title">Lieux souhaités</h2>
      <CommunePicker id="profile" field="communeInsee" label="Commune de résidence" value={draft.commune} onChange={(commune) => set({ commune })} message={form.message('communeInsee')} invalid={!!form.messageOf('communeInsee')} />
      {rows.map((p, i) => (
        <fieldset key={p.key}>
          <legend>Lieu souhaité {i + 1}</legend>
          <CommunePicker
            id="profile"
            field={`places.${i}.insee`}
            label={`Commune du lieu ${i + 1}`}
            value={p.commune}
            onChange={(commune) => update(i, { commune })}
            message={form.message(`places.${i}.insee`)}
            invalid={!!form.messageOf(`places.${i}.insee`)}
          />
          <TextField
            field={`places.${i}.radiusKm`}
            label={`Rayon autour de la commune du lieu ${i + 1}, en kilomètres`}
            type="number"
            hint="De 0 (la commune seule) à 100 km."
            value={p.radiusKm}
            onInput={(radiusKm) => update(i, { radiusKm })}
            form={form}
          />
          <button
            type="button"
            class="secondary"
            onClick={() => {
              set({ places: rows.filter((_, j) => j !== i) });
              announce(`Lieu ${i + 1} retiré.`);
              focusSoon('profile-add-place');
            }}
          >
            Retirer le lieu {i + 1}
          </button>
        </fieldset>
      ))}
      {form.message('places')}
      {rows.length < PROFILE_LIMITS.places ? (
        <button
          type="button"
          class="secondary"
          id="profile-add-place"
          onClick={() => {
            set({ places: [...rows, { key: key(), commune: null, radiusKm: '10' }] });
            focusSoon(`profile-places.${rows.length}.insee-q`);
          }}
        >
          Ajouter un lieu
        </button>
      ) : (
        <p class="hint">{PROFILE_LIMITS.places} lieux au plus.</p>
      )}
    </section>
  );
}

const CONSENT_NAME: Record<ProfileConsent, string> = { CVTHEQUE: 'Visibilité dans la CVthèque', RQTH: 'RQTH visible des recruteurs' };

function Consents({ draft, set, form, saved, self }: Part & { saved: Profile; self: boolean }) {
  const consent = (field: 'cvthequeVisible' | 'rqthShared', kind: ProfileConsent, state: { given: boolean; at: string | null }) => {
    const id = `profile-${field}`;
    const when = state.given && state.at ? `Accord donné le ${formatDateTime(state.at)}.` : 'Accord non donné.';
    // A référent withdraws a consent but never gives it: without it, nothing to tick.
    if (!self && !state.given)
      return (
        <div class="field">
          <p id={id}>
            <strong>{CONSENT_NAME[kind]} :</strong> accord non donné. Seule la personne peut le donner, depuis son espace.
          </p>
          {form.message(field)}
        </div>
      );
    return (
      <div class="field">
        <label class="choice consent" for={id}>
          <input id={id} type="checkbox" checked={draft[field]} onChange={(event) => set({ [field]: (event.currentTarget as HTMLInputElement).checked })} {...form.control(field, `${id}-hint`)} />
          {self ? PROFILE_CONSENT_LABEL[kind] : `${CONSENT_NAME[kind]} : accord donné par la personne (décochez et enregistrez pour le retirer).`}
        </label>
        <p class="hint" id={`${id}-hint`}>
          {when}
        </p>
        {form.message(field)}
      </div>
    );
  };
  return (
    <section aria-labelledby="profile-consents-title" class="card">
      <h2 id="profile-consents-title">{self ? 'Mes accords' : 'Ses accords'}</h2>
      <div class="field">
        <label class="choice" for="profile-rqth">
          <input id="profile-rqth" type="checkbox" checked={draft.rqth} onChange={(event) => set({ rqth: (event.currentTarget as HTMLInputElement).checked })} {...form.control('rqth', 'profile-rqth-hint')} />
          {self ? 'J’ai une reconnaissance de la qualité de travailleur handicapé (RQTH)' : 'La personne a une reconnaissance de la qualité de travailleur handicapé (RQTH)'}
        </label>
        <p class="hint" id="profile-rqth-hint">
          Connue {self ? 'de vous et de votre référent' : 'de la personne et de vous'} ; montrée aux recruteurs seulement avec l’accord ci-dessous.
        </p>
        {form.message('rqth')}
      </div>
      {consent('cvthequeVisible', 'CVTHEQUE', saved.consents.cvtheque)}
      {consent('rqthShared', 'RQTH', saved.consents.rqth)}
      <h3>Historique des accords</h3>
      {saved.consentHistory.length ? (
        <ul class="consent-history">
          {saved.consentHistory.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at)} — {CONSENT_NAME[h.consent]} : {h.granted ? 'accord donné' : 'accord retiré'}
              {h.recordedBy ? ` par ${h.recordedBy.firstName} ${h.recordedBy.lastName}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Aucun accord donné ni retiré pour l’instant.</p>
      )}
    </section>
  );
}
