// « CVthèque » (issue #17): the search of candidate profiles for recruiters of verified companies and
// admins. Its criteria live in the address with the API's own names (q, mode, near, radiusKm,
// department, contractType…, sort, page), so a search can be shared, bookmarked, gone back to, and the
// history relaunches one by its query string. Filters apply as soon as they are ticked, each value with
// its count in its label; the total is read out in a polite live region.
//
// Places come from the commune picker (web/src/commune-picker.tsx), métiers are shown by their ROME titles.
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { cvthequeHistory, cvthequeList } from '../../api/cvtheque/schemas.js';
import { EDUCATION_LEVEL_LABEL, PROFILE_LIMITS, type EducationLevel } from '../../workflows/candidate-profile.js';
import { CommunePicker, communeApi, communeLabel, type CommuneChoice } from './commune-picker.js';
import { AddToListButton, SaveSearchButton } from './recruiter/cvtheque-lists.js';
import { ApiError, request } from './api.js';
import { navigate, withQuery, type Location } from './router.js';
import { Empty, ErrorNote, Page, Pager, asApiError, formatDate, options, useResource, type Resource } from './ui.js';
import './cvtheque.css';

type CvthequeList = z.output<typeof cvthequeList>;
type CvthequeItem = CvthequeList['items'][number];
type CvthequeHistory = z.output<typeof cvthequeHistory>;

/** The address's parameters the API takes (anything else in the address is left out). */
const PARAMS = ['q', 'mode', 'near', 'radiusKm', 'department', 'metier', 'rqth', 'contractType', 'workingTime', 'educationLevel', 'experience', 'availability', 'language', 'drivingLicence', 'activity', 'seen', 'sort', 'page'] as const;
/** Filters where several values may be ticked (checkboxes), the others take one (radios). */
const MULTI = new Set(['contractType', 'workingTime', 'experience', 'language', 'drivingLicence']);
const FACET_LEGEND: Record<string, string> = {
  contractType: 'Contrat souhaité (l’un d’eux)',
  workingTime: 'Temps de travail (l’un d’eux)',
  educationLevel: 'Niveau d’études (au moins)',
  experience: 'Expérience (l’une d’elles)',
  availability: 'Disponibilité',
  language: 'Langues (toutes)',
  drivingLicence: 'Permis (tous)',
  rqth: 'Reconnaissance de travailleur handicapé',
  activity: 'Dernière activité',
  seen: 'Consultation par mon entreprise',
};
const FACET_ORDER = ['contractType', 'workingTime', 'availability', 'experience', 'educationLevel', 'language', 'drivingLicence', 'activity', 'seen', 'rqth'];

const apiQuery = (location: Location) => {
  const params = new URLSearchParams();
  for (const key of PARAMS) {
    const value = location.query.get(key);
    if (value) params.set(key, value);
  }
  return params.toString();
};

const cvtheque = {
  search: (queryString: string) => request<CvthequeList>('GET', `/cvtheque${queryString ? `?${queryString}` : ''}`),
  history: () => request<CvthequeHistory>('GET', '/cvtheque/history'),
  forget: (id?: string) => request<void>('DELETE', id ? `/cvtheque/history/${id}` : '/cvtheque/history'),
};

/** The field a refusal names (details.fields), for the message under it. */
const fieldError = (error: ApiError | undefined, field: string): ApiError | null => {
  const fields = (error?.details?.fields as Array<{ field: string; message: string }> | undefined) ?? [];
  const found = fields.find((f) => f.field === field);
  return found ? new ApiError(400, 'VALIDATION_FAILED', found.message) : null;
};

/** `companyTools`: a recruiter's page, with « Enregistrer la recherche » and « Ajouter à une liste » (their company's). */
export function CvthequePage({ location, profileHref, companyTools = false }: { location: Location; profileHref: (candidateId: string) => string; companyTools?: boolean }) {
  const queryString = apiQuery(location);
  const results = useResource(() => cvtheque.search(queryString), [queryString]);
  // The history is read again after each search (the search joins it).
  const history = useResource(() => cvtheque.history(), [queryString, results.loading]);
  const error = results.error;
  const data = results.data && !error ? results.data : null;
  const count = results.loading
    ? 'Recherche des profils…'
    : data
      ? data.total
        ? `${data.total} profil${data.total > 1 ? 's' : ''} trouvé${data.total > 1 ? 's' : ''}${data.total > data.pageSize ? `, page ${data.page} sur ${Math.ceil(data.total / data.pageSize)}` : ''}`
        : 'Aucun profil trouvé'
      : '';
  return (
    <Page title="CVthèque" lead="Les profils des personnes qui ont accepté d’être visibles des recruteurs d’entreprises vérifiées.">
      <SearchForm location={location} error={error} />
      <div class="cvtheque">
        <Filters location={location} facets={data?.facets ?? results.data?.facets} />
        <section aria-labelledby="cvtheque-results-title" class="cvtheque-results">
          <h2 id="cvtheque-results-title">Résultats</h2>
          <p role="status" class="result-count">
            {count}
          </p>
          {companyTools && data && <SaveSearchButton search={{ criteria: savedCriteria(location) }} />}
          {error && !fieldErrorsOnly(error) && <ErrorNote error={error} retry={results.reload} />}
          {data &&
            (data.items.length ? (
              <>
                <ProfileCards items={data.items} profileHref={profileHref} companyTools={companyTools} />
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
              </>
            ) : (
              <Empty>Aucun profil ne correspond à cette recherche. Essayez avec moins de critères ou un rayon plus grand.</Empty>
            ))}
        </section>
      </div>
      <HistorySection location={location} history={history} />
    </Page>
  );
}

const fieldErrorsOnly = (error: ApiError) => Array.isArray(error.details?.fields) && (error.details!.fields as unknown[]).length > 0;

function SearchForm({ location, error }: { location: Location; error: ApiError | undefined }) {
  const get = (k: string) => location.query.get(k) ?? '';
  function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    navigate(
      withQuery(location, {
        q: value('q'),
        mode: value('mode') === 'any' ? 'any' : undefined,
        near: value('near').replace(/\s*[,;\s]\s*/g, ','),
        radiusKm: value('near') ? value('radiusKm') : undefined,
        department: value('department').replace(/\s*[,;\s]\s*/g, ','),
        sort: value('sort'),
        page: undefined,
      }),
    );
  }
  const qError = fieldError(error, 'q');
  const radiusError = fieldError(error, 'radiusKm');
  const departmentError = fieldError(error, 'department');
  const other = error && fieldErrorsOnly(error) ? ((error.details!.fields as Array<{ field: string; message: string }>).filter((f) => !['q', 'near', 'radiusKm', 'department'].includes(f.field))) : [];
  return (
    <form class="filters cvtheque-form" role="search" aria-label="Chercher des profils" onSubmit={submit} key={location.query.toString()}>
      <div class="field grow">
        <label for="cvtheque-q">Mots-clés</label>
        <input id="cvtheque-q" name="q" type="search" defaultValue={get('q')} aria-describedby="cvtheque-q-help cvtheque-q-error" aria-invalid={qError ? 'true' : undefined} />
        <p class="hint" id="cvtheque-q-help">
          Tous les mots sont cherchés. "entre guillemets" : l’expression exacte ; -mot : sans ce mot ; OR : l’un ou l’autre. Les pluriels et les métiers au féminin sont trouvés.
        </p>
        <ErrorNote error={qError} id="cvtheque-q-error" />
      </div>
      <fieldset class="field mode">
        <legend>Mots</legend>
        <label>
          <input type="radio" name="mode" value="all" defaultChecked={get('mode') !== 'any'} /> Tous les mots
        </label>
        <label>
          <input type="radio" name="mode" value="any" defaultChecked={get('mode') === 'any'} /> Pertinence (les profils qui en ont le plus d’abord)
        </label>
      </fieldset>
      <PlacesField value={get('near')} error={fieldError(error, 'near')} />
      <div class="field radius">
        <label for="cvtheque-radius">Rayon (km)</label>
        <input id="cvtheque-radius" name="radiusKm" type="number" min={0} max={100} step={1} inputMode="numeric" defaultValue={get('radiusKm') || '10'} aria-describedby="cvtheque-radius-error" aria-invalid={radiusError ? 'true' : undefined} />
        <ErrorNote error={radiusError} id="cvtheque-radius-error" />
      </div>
      <div class="field">
        <label for="cvtheque-department">Départements</label>
        <input id="cvtheque-department" name="department" defaultValue={get('department')} autoComplete="off" aria-describedby="cvtheque-department-help cvtheque-department-error" aria-invalid={departmentError ? 'true' : undefined} />
        <p class="hint" id="cvtheque-department-help">
          Numéros séparés par des virgules (69, 38).
        </p>
        <ErrorNote error={departmentError} id="cvtheque-department-error" />
      </div>
      <div class="field">
        <label for="cvtheque-sort">Trier par</label>
        <select id="cvtheque-sort" name="sort">
          {options(
            [
              ['', 'Par défaut (pertinence avec des mots-clés, sinon les plus récents)'],
              ['relevance', 'Pertinence'],
              ['updated', 'Dernière mise à jour'],
              ['created', 'Date de création'],
            ],
            get('sort'),
          )}
        </select>
      </div>
      <button type="submit">Rechercher</button>
      {other.length > 0 && <ErrorNote error={new ApiError(400, 'VALIDATION_FAILED', other.map((f) => `${f.field} : ${f.message}`).join(' '))} />}
    </form>
  );
}

/**
 * Communes searched around (up to five): chosen in the commune picker, listed with a « Retirer » button;
 * the form sends their INSEE codes as `near`. Codes in the address are read back by name.
 */
export function PlacesField({ value, error }: { value: string; error: ApiError | null }) {
  const codes = value.split(',').map((c) => c.trim()).filter(Boolean);
  const known = useResource(
    () => Promise.all(codes.map((code) => communeApi.search(code).then(({ items }) => items.find((c) => c.insee === code || c.postalCodes.includes(code)) ?? null))),
    [value],
  );
  const [chosen, setChosen] = useState<CommuneChoice[] | null>(null);
  const communes = chosen ?? (known.data?.filter((c): c is CommuneChoice => c !== null) ?? []);
  const full = communes.length >= PROFILE_LIMITS.places;
  return (
    <div class="field near">
      <input type="hidden" name="near" value={communes.map((c) => c.insee).join(',')} />
      {communes.length > 0 && (
        <ul class="chips" aria-label="Communes choisies">
          {communes.map((c) => (
            <li key={c.insee}>
              {communeLabel(c)}{' '}
              <button type="button" class="link" aria-label={`Retirer ${c.name}`} onClick={() => setChosen(communes.filter((x) => x.insee !== c.insee))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <p class="hint">{PROFILE_LIMITS.places} communes au plus : retirez-en une pour en choisir une autre.</p>
      ) : (
        <CommunePicker
          id="cvtheque"
          field="near"
          label="Autour de la commune"
          searchLabel="Ajouter une commune : nom ou code postal"
          value={null}
          onChange={(c) => setChosen(communes.some((x) => x.insee === c.insee) ? communes : [...communes, c])}
          message={<ErrorNote error={error} id="cvtheque-near-error" />}
          invalid={!!error}
        />
      )}
      <p class="hint">Le rayon de déplacement de la personne s’ajoute au vôtre.</p>
    </div>
  );
}

/** A profile's métiers by their titles in the ROME list. */
export function MetierList({ titles }: { titles: string[] }) {
  return titles.length ? <p class="metiers">Métiers : {titles.join(', ')}</p> : null;
}

function Filters({ location, facets }: { location: Location; facets: CvthequeList['facets'] | undefined }) {
  if (!facets) return <aside class="cvtheque-filters" aria-label="Filtres" />;
  function toggle(key: string, value: string, checked: boolean) {
    let next: string | undefined;
    if (MULTI.has(key)) {
      const current = (location.query.get(key) ?? '').split(',').filter(Boolean);
      next = (checked ? [...new Set([...current, value])] : current.filter((v) => v !== value)).join(',');
    } else next = checked ? value : undefined;
    navigate(withQuery(location, { [key]: next, page: undefined }));
  }
  return (
    <aside class="cvtheque-filters" aria-labelledby="cvtheque-filters-title">
      <h2 id="cvtheque-filters-title">Filtres</h2>
      <p class="hint">Le nombre entre parenthèses : les profils trouvés en choisissant cette valeur, les autres critères gardés.</p>
      {FACET_ORDER.filter((key) => facets[key]).map((key) => {
        const selected = (location.query.get(key) ?? '').split(',').filter(Boolean);
        const multi = MULTI.has(key) || key === 'rqth';
        return (
          <fieldset key={key} class="facet">
            <legend>{FACET_LEGEND[key] ?? key}</legend>
            {!multi && (
              <label>
                <input type="radio" name={`facet-${key}`} checked={selected.length === 0} onChange={() => toggle(key, '', false)} /> Indifférent
              </label>
            )}
            {facets[key]!.map((v) => (
              <label key={v.value}>
                <input
                  type={multi ? 'checkbox' : 'radio'}
                  name={`facet-${key}`}
                  value={v.value}
                  checked={selected.some((s) => s.toUpperCase() === v.value.toUpperCase())}
                  onChange={(event) => toggle(key, v.value, (event.currentTarget as HTMLInputElement).checked)}
                />{' '}
                {v.label} ({v.count})
              </label>
            ))}
          </fieldset>
        );
      })}
    </aside>
  );
}

const months = (n: number) => (n < 12 ? `${n} mois` : `${Math.floor(n / 12)} an${n >= 24 ? 's' : ''}${n % 12 ? ` et ${n % 12} mois` : ''}`);

/** The search's criteria as a saved search keeps them: the address's query without its page. */
function savedCriteria(location: Location): Record<string, string> {
  const criteria: Record<string, string> = {};
  location.query.forEach((value, key) => {
    if (key !== 'page' && key !== 'pageSize' && value) criteria[key] = value;
  });
  return criteria;
}

function ProfileCards({ items, profileHref, companyTools }: { items: CvthequeItem[]; profileHref: (id: string) => string; companyTools: boolean }) {
  return (
    <ul class="cards profiles">
      {items.map((p) => (
        <li key={p.candidateId} class="card">
          <h3>
            <a href={profileHref(p.candidateId)}>{p.headline || 'Profil sans titre'}</a>
          </h3>
          <MetierList titles={p.metierTitles} />
          {p.places.length > 0 && (
            <p>
              {p.places.map((place) => `${place.name} (${place.department})${place.radiusKm ? `, jusqu’à ${place.radiusKm} km` : ''}`).join(' ; ')}
              {p.distanceKm !== null && ` — à ${p.distanceKm.toLocaleString('fr-FR')} km${p.approximate ? ' (position approximative)' : ''}`}
            </p>
          )}
          <p class="muted">
            {p.availableFrom && p.availableFrom > new Date().toISOString().slice(0, 10) ? `Disponible le ${formatDate(p.availableFrom)}` : 'Disponible immédiatement'}
            {' · '}
            {p.experienceMonths ? `Expérience : ${months(p.experienceMonths)}` : 'Sans expérience déclarée'}
            {p.educationLevel !== null && ` · ${EDUCATION_LEVEL_LABEL[p.educationLevel as EducationLevel] ?? ''}`}
            {p.rqth && ' · RQTH partagée'}
          </p>
          {p.seen && <p class="seen">Déjà consulté</p>}
          {companyTools && <AddToListButton candidateId={p.candidateId} label={`Ajouter « ${p.headline || 'Profil sans titre'} » à une liste`} />}
        </li>
      ))}
    </ul>
  );
}

function HistorySection({ location, history }: { location: Location; history: Resource<CvthequeHistory> }) {
  const [error, setError] = useState<ApiError | null>(null);
  async function forget(id?: string) {
    try {
      setError(null);
      await cvtheque.forget(id);
      history.reload();
    } catch (e) {
      setError(asApiError(e));
    }
  }
  const items = history.data?.items ?? [];
  return (
    <section aria-labelledby="cvtheque-history-title" class="cvtheque-history">
      <h2 id="cvtheque-history-title">Mes dernières recherches</h2>
      <ErrorNote error={error ?? history.error} />
      {items.length ? (
        <>
          <ul>
            {items.map((h) => (
              <li key={h.id}>
                <a href={`${location.path}?${h.query}`} aria-label={`Relancer : ${h.summary}`}>
                  Relancer
                </a>{' '}
                {h.summary} — {h.total} profil{h.total > 1 ? 's' : ''} le {formatDate(h.at)}{' '}
                <button type="button" class="link" onClick={() => forget(h.id)} aria-label={`Effacer la recherche ${h.summary}`}>
                  Effacer
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="secondary" onClick={() => forget()}>
            Effacer tout l’historique
          </button>
        </>
      ) : (
        <Empty>Vos recherches apparaîtront ici.</Empty>
      )}
    </section>
  );
}
