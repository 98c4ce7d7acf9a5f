// « Recherche matching » (issue #18, item 3; seed 004 method 2): a recruiter (or an admin) describes the
// profile they look for without an offer — each criterion optional, each with its « Indispensable » box
// named after it — sets the threshold on a slider (50 % by default, its value read out), and gets the
// consenting profiles best first, each with its explanation (match-explanation.tsx). POST /api/matching;
// a refusal shows under its field. The criteria searched live in the address (api/matching/query.ts):
// the back button and a saved search's « Relancer » bring them back, the form filled and the search run.
// A recruiter saves the search (« Enregistrer la recherche », with its alert: recruiter/cvtheque-lists.tsx).
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { matchList } from '../../api/matching/schemas.js';
import {
  CONTRACT_TYPE_LABEL,
  CONTRACT_TYPES,
  DRIVING_LICENCE_LABEL,
  DRIVING_LICENCES,
  EDUCATION_LEVEL_LABEL,
  EDUCATION_LEVELS,
  LANGUAGE_LABEL,
  LANGUAGE_LEVEL_LABEL,
  LANGUAGE_LEVELS,
  LANGUAGES,
  REMOTE_LABEL,
  REMOTE_MODES,
  WORKING_TIME_LABEL,
  WORKING_TIMES,
  type Language,
  type LanguageLevel,
} from '../../workflows/candidate-profile.js';
import { MATCH_CRITERION_LABEL, type MatchCriteria, type MatchCriterion } from '../../workflows/matching-criteria.js';
import { MATCH_DEFAULT_MIN_SCORE } from '../../workflows/matching.js';
import { IDEAL_CANDIDATE_LIMITS as MATCH_LIMITS } from '../../workflows/offer-ideal-candidate.js';
import { matchingFromQuery, matchingQuery } from '../../api/matching/query.js';
import { ApiError, request } from './api.js';
import { CommunePicker, communeApi, type CommuneChoice } from './commune-picker.js';
import { MetierList } from './cvtheque.js';
import { MatchExplanation } from './match-explanation.js';
import { MetierPicker } from './metier-picker.js';
import { SaveSearchButton } from './recruiter/cvtheque-lists.js';
import { navigate, type Location } from './router.js';
import { Empty, ErrorNote, Page, asApiError, options } from './ui.js';
import './matching.css';

type MatchList = z.output<typeof matchList>;
const PAGE_SIZE = 20;

interface Draft {
  metier: string[];
  experienceYears: string;
  educationLevel: string;
  contractTypes: string[];
  workingTimes: string[];
  commune: CommuneChoice | null;
  radiusKm: string;
  remote: string;
  drivingLicences: string[];
  languages: Array<{ key: number; code: string; level: string }>;
  skills: string;
  indispensable: MatchCriterion[];
}

const EMPTY: Draft = {
  metier: [],
  experienceYears: '',
  educationLevel: '',
  contractTypes: [],
  workingTimes: [],
  commune: null,
  radiusKm: '20',
  remote: '',
  drivingLicences: [],
  languages: [],
  skills: '',
  indispensable: [],
};

/** The draft as the API's criteria: empty fields are not asked. */
function criteriaOf(d: Draft): MatchCriteria {
  const criteria: MatchCriteria = {};
  if (d.metier[0]) criteria.metier = d.metier[0];
  if (d.experienceYears.trim()) criteria.experienceYears = Number(d.experienceYears.replace(',', '.'));
  if (d.educationLevel) criteria.educationLevel = Number(d.educationLevel) as MatchCriteria['educationLevel'];
  if (d.contractTypes.length) criteria.contractTypes = d.contractTypes as MatchCriteria['contractTypes'];
  if (d.workingTimes.length) criteria.workingTimes = d.workingTimes as MatchCriteria['workingTimes'];
  if (d.commune) criteria.place = { insee: d.commune.insee, radiusKm: Number(d.radiusKm || 0) };
  if (d.remote) criteria.remote = d.remote as MatchCriteria['remote'];
  if (d.drivingLicences.length) criteria.drivingLicences = d.drivingLicences as MatchCriteria['drivingLicences'];
  const languages = d.languages.filter((l) => l.code);
  if (languages.length) criteria.languages = languages.map((l) => ({ code: l.code as Language, level: l.level as LanguageLevel }));
  const skills = d.skills.split(',').map((s) => s.trim()).filter(Boolean);
  if (skills.length) criteria.skills = skills;
  criteria.indispensable = d.indispensable;
  return criteria;
}

/** The criteria of an address as the form's draft; its commune, a code there, is named once read (placeOf). */
function draftOf(criteria: MatchCriteria): Draft {
  return {
    ...EMPTY,
    metier: criteria.metier ? [criteria.metier] : [],
    experienceYears: criteria.experienceYears == null ? '' : String(criteria.experienceYears),
    educationLevel: criteria.educationLevel == null ? '' : String(criteria.educationLevel),
    contractTypes: criteria.contractTypes ?? [],
    workingTimes: criteria.workingTimes ?? [],
    radiusKm: criteria.place ? String(criteria.place.radiusKm) : EMPTY.radiusKm,
    remote: criteria.remote ?? '',
    drivingLicences: criteria.drivingLicences ?? [],
    languages: (criteria.languages ?? []).map((l, key) => ({ key, code: l.code, level: l.level })),
    skills: (criteria.skills ?? []).join(', '),
    indispensable: criteria.indispensable ?? [],
  };
}

/** The commune of an address's code, as the picker shows it (null when no commune has it). */
async function placeOf(insee: string): Promise<CommuneChoice | null> {
  const { items } = await communeApi.search(insee);
  return items.find((c) => c.insee === insee) ?? null;
}

/** Each refusal's message by field (details.fields). */
const messagesOf = (error: ApiError | null): Record<string, string> =>
  Object.fromEntries(((error?.details?.fields as Array<{ field: string; message: string }> | undefined) ?? []).map((f) => [f.field, f.message]));

export function MatchingPage({ location, profileHref, saveable = false }: { location: Location; profileHref: (candidateId: string) => string; saveable?: boolean }) {
  const address = location.query.toString();
  const asked = matchingFromQuery(location.query);
  const [draft, setDraft] = useState<Draft>(() => draftOf(asked.criteria));
  const [minScore, setMinScore] = useState(asked.minScore ?? MATCH_DEFAULT_MIN_SCORE);
  const [result, setResult] = useState<MatchList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));
  const messages = messagesOf(error);
  // `id`: the one the field's aria-describedby names (the pickers name theirs `matching-<field>-error`).
  const fieldNote = (field: string, id = `matching-${field.replace(/\./g, '-')}-error`) => {
    const message = messages[`criteria.${field}`];
    return <ErrorNote error={message ? new ApiError(400, 'VALIDATION_FAILED', message) : null} id={id} />;
  };

  // The address changed (a search sent, the back button, a saved search relaunched): the form says what
  // it asks, and its search runs; an address without criteria shows the empty form.
  useEffect(() => {
    // Sent from this form, the draft already says it; otherwise it is filled from the address.
    if (matchingQuery(criteriaOf(draft), minScore) !== address) {
      const { criteria, minScore: threshold } = matchingFromQuery(new URLSearchParams(address));
      const place = criteria.place;
      setDraft(draftOf(criteria));
      setMinScore(threshold ?? MATCH_DEFAULT_MIN_SCORE);
      if (place) void placeOf(place.insee).then((commune) => setDraft((d) => ({ ...d, commune })));
    }
    if (address) void search(1);
    else setResult(null);
  }, [address]);

  /** Sends the form: its criteria become the address (whose change runs the search), or run again when they are the same. */
  function submit() {
    const next = matchingQuery(criteriaOf(draft), minScore);
    if (next === address) void search(1);
    else navigate(`${location.path}?${next}`, { keepScroll: true });
  }

  /** The search of the address (what was sent), at this page. */
  async function search(page: number) {
    const sent = matchingFromQuery(new URLSearchParams(address));
    setBusy(true);
    try {
      const list = await request<MatchList>('POST', '/matching', { criteria: sent.criteria, minScore: sent.minScore ?? MATCH_DEFAULT_MIN_SCORE, page, pageSize: PAGE_SIZE });
      setResult(list);
      setError(null);
    } catch (e) {
      setError(asApiError(e));
      setResult(null);
      // The first field refused takes the focus, its message read with it.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.matching-form [aria-invalid="true"]')?.focus());
    } finally {
      setBusy(false);
    }
  }

  /** The « Indispensable » box of a criterion: its name says which (« Indispensable : Métier »). */
  const indispensable = (criterion: MatchCriterion) => (
    <label class="indispensable">
      <input
        type="checkbox"
        checked={draft.indispensable.includes(criterion)}
        onChange={(e) => {
          const on = (e.currentTarget as HTMLInputElement).checked;
          set({ indispensable: on ? [...draft.indispensable, criterion] : draft.indispensable.filter((c) => c !== criterion) });
        }}
      />{' '}
      Indispensable<span class="visually-hidden"> : {MATCH_CRITERION_LABEL[criterion]}</span>
    </label>
  );
  const invalid = (field: string) => (messages[`criteria.${field}`] ? 'true' : undefined);
  const boxes = (name: 'contractTypes' | 'workingTimes' | 'drivingLicences', values: readonly string[], labels: Record<string, string>) =>
    values.map((v) => (
      <label key={v} class="choice">
        <input
          type="checkbox"
          name={name}
          value={v}
          checked={draft[name].includes(v)}
          onChange={(e) => set({ [name]: (e.currentTarget as HTMLInputElement).checked ? [...draft[name], v] : draft[name].filter((x) => x !== v) })}
        />{' '}
        {labels[v]}
      </label>
    ));
  const other = Object.entries(messages).filter(([field]) => !['criteria.metier', 'criteria.experienceYears', 'criteria.place.insee', 'criteria.place.radiusKm', 'criteria.skills', 'criteria.indispensable'].includes(field));
  const count = busy
    ? 'Recherche des profils…'
    : result
      ? result.total
        ? `${result.total} profil${result.total > 1 ? 's' : ''} compatible${result.total > 1 ? 's' : ''} à ${result.minScore} % ou plus${result.total > result.pageSize ? `, page ${result.page} sur ${Math.ceil(result.total / result.pageSize)}` : ''}`
        : `Aucun profil compatible à ${result.minScore} % ou plus`
      : '';

  return (
    <Page title="Recherche matching" lead="Décrivez le profil recherché : chaque critère est facultatif ; cochez « Indispensable » pour écarter les profils qui ne le remplissent pas, même approximativement.">
      <form
        class="matching-form"
        noValidate
        aria-label="Critères du matching"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.metier}</legend>
          <MetierPicker id="matching" name="metier" label="Métier recherché" max={1} value={draft.metier} onChange={(codes) => set({ metier: codes.slice(-1) })} message={fieldNote('metier')} invalid={!!invalid('metier')} />
          {indispensable('metier')}
        </fieldset>
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.experience}</legend>
          <label for="matching-experience">Années d’expérience au moins</label>
          <input id="matching-experience" type="number" min={0} max={MATCH_LIMITS.experienceYearsMax} step={0.5} inputMode="decimal" value={draft.experienceYears} onInput={(e) => set({ experienceYears: (e.currentTarget as HTMLInputElement).value })} aria-invalid={invalid('experienceYears')} aria-describedby="matching-experienceYears-error" />
          {fieldNote('experienceYears')}
          {indispensable('experience')}
        </fieldset>
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.education}</legend>
          <label for="matching-education">Niveau de diplôme au moins</label>
          <select id="matching-education" onChange={(e) => set({ educationLevel: (e.currentTarget as HTMLSelectElement).value })}>
            {options([['', 'Indifférent'], ...EDUCATION_LEVELS.filter((l) => l > 0).map((l) => [String(l), EDUCATION_LEVEL_LABEL[l]] as const)], draft.educationLevel)}
          </select>
          {indispensable('education')}
        </fieldset>
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.contractType} (l’un d’eux)</legend>
          {boxes('contractTypes', CONTRACT_TYPES, CONTRACT_TYPE_LABEL)}
          {indispensable('contractType')}
        </fieldset>
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.workingTime} (l’un d’eux)</legend>
          {boxes('workingTimes', WORKING_TIMES, WORKING_TIME_LABEL)}
          {indispensable('workingTime')}
        </fieldset>
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.place}</legend>
          <CommunePicker id="matching" field="place" label="Commune du poste" value={draft.commune} onChange={(commune) => set({ commune })} message={fieldNote('place.insee', 'matching-place-error')} invalid={!!invalid('place.insee')} />
          {draft.commune && (
            <button type="button" class="link" onClick={() => set({ commune: null, indispensable: draft.indispensable.filter((c) => c !== 'place') })}>
              Retirer la commune
            </button>
          )}
          <label for="matching-radius">Rayon autour (km)</label>
          <input id="matching-radius" type="number" min={0} max={MATCH_LIMITS.radiusKmMax} step={1} inputMode="numeric" value={draft.radiusKm} onInput={(e) => set({ radiusKm: (e.currentTarget as HTMLInputElement).value })} aria-invalid={invalid('place.radiusKm')} aria-describedby="matching-radius-help matching-place-radiusKm-error" />
          <p class="hint" id="matching-radius-help">
            Le rayon de déplacement de la personne s’y ajoute.
          </p>
          {fieldNote('place.radiusKm')}
          {indispensable('place')}
        </fieldset>
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.remote}</legend>
          <label for="matching-remote">Télétravail proposé</label>
          <select id="matching-remote" onChange={(e) => set({ remote: (e.currentTarget as HTMLSelectElement).value })}>
            {options([['', 'Indifférent'], ...REMOTE_MODES.map((m) => [m, REMOTE_LABEL[m]] as const)], draft.remote)}
          </select>
          {indispensable('remote')}
        </fieldset>
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.drivingLicence} (tous)</legend>
          {boxes('drivingLicences', DRIVING_LICENCES, DRIVING_LICENCE_LABEL)}
          {indispensable('drivingLicence')}
        </fieldset>
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.language} (toutes, au niveau demandé)</legend>
          {draft.languages.map((l, i) => (
            <div key={l.key} class="language-row">
              <label for={`matching-language-${l.key}`}>Langue {i + 1}</label>
              <select id={`matching-language-${l.key}`} value={l.code} onChange={(e) => set({ languages: draft.languages.map((x) => (x.key === l.key ? { ...x, code: (e.currentTarget as HTMLSelectElement).value } : x)) })}>
                <option value="">Choisir…</option>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {LANGUAGE_LABEL[code]}
                  </option>
                ))}
              </select>
              <label for={`matching-level-${l.key}`}>Niveau au moins (langue {i + 1})</label>
              <select id={`matching-level-${l.key}`} value={l.level} onChange={(e) => set({ languages: draft.languages.map((x) => (x.key === l.key ? { ...x, level: (e.currentTarget as HTMLSelectElement).value } : x)) })}>
                {LANGUAGE_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {LANGUAGE_LEVEL_LABEL[level]}
                  </option>
                ))}
              </select>
              <button type="button" class="link" onClick={() => set({ languages: draft.languages.filter((x) => x.key !== l.key) })}>
                Retirer la langue {i + 1}
              </button>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => set({ languages: [...draft.languages, { key: Date.now(), code: '', level: 'B1' }] })}>
            Ajouter une langue
          </button>
          {fieldNote('languages')}
          {indispensable('language')}
        </fieldset>
        <fieldset>
          <legend>{MATCH_CRITERION_LABEL.skills}</legend>
          <label for="matching-skills">Compétences (séparées par des virgules)</label>
          <input id="matching-skills" value={draft.skills} onInput={(e) => set({ skills: (e.currentTarget as HTMLInputElement).value })} aria-invalid={invalid('skills')} aria-describedby="matching-skills-error" autoComplete="off" />
          {fieldNote('skills')}
          {indispensable('skills')}
        </fieldset>
        <div class="field threshold">
          <label for="matching-min">Score minimal</label>
          <input id="matching-min" type="range" min={0} max={100} step={5} value={minScore} aria-valuetext={`${minScore} %`} onInput={(e) => setMinScore(Number((e.currentTarget as HTMLInputElement).value))} />
          <output for="matching-min">{minScore} %</output>
        </div>
        {fieldNote('indispensable')}
        {other.length > 0 && <ErrorNote error={new ApiError(400, 'VALIDATION_FAILED', other.map(([field, message]) => `${field} : ${message}`).join(' '))} />}
        <button type="submit" disabled={busy}>
          Trouver les profils
        </button>
      </form>
      <section aria-labelledby="matching-results-title" class="matching-results">
        <h2 id="matching-results-title">Profils compatibles</h2>
        <p role="status" class="result-count">
          {count}
        </p>
        {error && !Object.keys(messages).length && <ErrorNote error={error} retry={() => void search(result?.page ?? 1)} />}
        {result && saveable && (
          <div class="actions">
            <SaveSearchButton search={{ kind: 'matching', criteria: asked.criteria, minScore: result.minScore }} />
          </div>
        )}
        {result &&
          (result.items.length ? (
            <>
              <MatchResults result={result} profileHref={profileHref} onPage={(page) => void search(page)} />
            </>
          ) : (
            <Empty>Aucun profil n’atteint ce score. Baissez le score minimal ou décochez un critère indispensable.</Empty>
          ))}
      </section>
    </Page>
  );
}

/** A page of matches, best first, each with its explanation; the pager asks for another page. */
export function MatchResults({ result, profileHref, onPage }: { result: MatchList; profileHref: (candidateId: string) => string; onPage: (page: number) => void }) {
  return (
    <>
      <ol class="cards matches">
        {result.items.map((item) => (
          <li key={item.candidateId} class="card">
            <h3>
              <a href={profileHref(item.candidateId)}>{item.headline || 'Profil sans titre'}</a>
            </h3>
            <MetierList titles={item.metierTitles} />
            {item.place && (
              <p>
                {item.place.name} — à {item.place.distanceKm.toLocaleString('fr-FR')} km{item.place.approximate ? ' (position approximative)' : ''}
              </p>
            )}
            {(item.rqth || item.seen) && (
              <p class="muted">
                {[item.rqth && 'RQTH partagée', item.seen && 'Déjà consulté'].filter(Boolean).join(' · ')}
              </p>
            )}
            <MatchExplanation id={`match-${item.candidateId}`} score={item.score} criteria={item.criteria} />
          </li>
        ))}
      </ol>
      {result.total > result.pageSize && (
        <nav aria-label="Pages de résultats" class="pager">
          {result.page > 1 && (
            <button type="button" class="secondary" onClick={() => onPage(result.page - 1)}>
              Page précédente
            </button>
          )}
          {result.page * result.pageSize < result.total && (
            <button type="button" class="secondary" onClick={() => onPage(result.page + 1)}>
              Page suivante
            </button>
          )}
        </nav>
      )}
    </>
  );
}
