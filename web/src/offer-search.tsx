// The search of published offers every space shares (candidates, référents and chargés de mission,
// recruiters): the same words, départements, contracts and remote work as the API's GET /api/offers.
import type { ComponentChildren } from 'preact';
import { DEPARTMENTS, departmentLabel, findDepartment, unknownDepartment } from '../../workflows/departments.js';
import { CONTRACT_TYPES, REMOTE_MODES } from '../../workflows/offer-rules.js';
import { ApiError, api, type OfferListItem } from './api.js';
import { CONTRACT_LABEL, REMOTE_LABEL } from './offer-view.js';
import { navigate, withQuery, type Location } from './router.js';
import { Empty, ErrorNote, Loaded, Page, Pager, capitalize, options, useResource } from './ui.js';

/**
 * The platform's published offers, searched and filtered through the address (`q`, `departement`,
 * `contrat`, `teletravail`, `page`): each space's « Offres » page, each offer linked to its page there.
 */
export function OffersSearch({ location, hrefOf, title = 'Offres d’emploi', lead = 'Des employeurs engagés pour l’emploi des personnes en situation de handicap.', actions }: {
  location: Location;
  hrefOf: (offer: OfferListItem) => string;
  title?: string;
  lead?: string;
  actions?: ComponentChildren;
}) {
  const q = location.query.get('q') ?? '';
  // The address holds the number of a known département, or what was typed when it names none.
  const departmentText = location.query.get('departement') ?? '';
  const department = departmentText ? findDepartment(departmentText) : null;
  const departmentError = departmentText && !department ? new ApiError(400, 'VALIDATION_FAILED', capitalize(unknownDepartment(departmentText))) : null;
  const contractType = location.query.get('contrat') ?? '';
  const remote = location.query.get('teletravail') ?? '';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const offers = useResource(
    () =>
      departmentError
        ? Promise.resolve(null)
        : api.offers({ q: q || undefined, department: department ?? undefined, contractType: contractType || undefined, remote: remote || undefined, page, pageSize: 20 }),
    [q, departmentText, contractType, remote, page],
  );
  function search(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    const typed = value('departement');
    navigate(withQuery(location, { q: value('q'), departement: (typed && findDepartment(typed)) || typed, contrat: value('contrat'), teletravail: value('teletravail'), page: undefined }));
  }
  return (
    <Page title={title} lead={lead} actions={actions}>
      <form class="filters" role="search" aria-label="Rechercher des offres" onSubmit={search} key={location.query.toString()}>
        <div class="field grow">
          <label for="q">Mots-clés</label>
          <input id="q" name="q" type="search" defaultValue={q} placeholder="métier, ville…" />
        </div>
        <div class="field department">
          <label for="departement">Département</label>
          {/* A list to pick from (« 69 — Rhône »), the number or the name typed as well. */}
          <input
            id="departement"
            name="departement"
            list="departements"
            autoComplete="off"
            placeholder="numéro ou nom"
            defaultValue={department ? departmentLabel(department) : departmentText}
            aria-invalid={departmentError ? 'true' : undefined}
            aria-describedby="departement-error"
          />
          <datalist id="departements">
            {DEPARTMENTS.map(([code]) => (
              <option key={code} value={departmentLabel(code)} />
            ))}
          </datalist>
          <ErrorNote error={departmentError} id="departement-error" />
        </div>
        <div class="field">
          <label for="contrat">Contrat</label>
          <select id="contrat" name="contrat">
            {options([['', 'Tous'], ...CONTRACT_TYPES.map((c) => [c, CONTRACT_LABEL[c]!] as const)], contractType)}
          </select>
        </div>
        <div class="field">
          <label for="teletravail">Télétravail</label>
          <select id="teletravail" name="teletravail">
            {options([['', 'Indifférent'], ...REMOTE_MODES.map((r) => [r, REMOTE_LABEL[r]!] as const)], remote)}
          </select>
        </div>
        <button type="submit">Rechercher</button>
      </form>
      {/* Nothing listed for a département that does not exist: the results of before would be taken for its own. */}
      {!departmentError && (
        <Loaded resource={offers} label="Recherche des offres…">
          {(data) =>
            data?.items.length ? (
              <>
                <p role="status">
                  {data.total} offre{data.total > 1 ? 's' : ''} trouvée{data.total > 1 ? 's' : ''}
                </p>
                <ul class="cards offers">
                  {data.items.map((o) => (
                    <li key={o.id} class="card">
                      <h2>
                        <a href={hrefOf(o)}>{o.title}</a>
                      </h2>
                      <p>
                        {o.company.name} — {o.city} ({o.postalCode}) — {CONTRACT_LABEL[o.contractType]}
                        {o.contractDurationMonths ? ` ${o.contractDurationMonths} mois` : ''} — {REMOTE_LABEL[o.remote]}
                      </p>
                      <p class="muted">{o.summary}</p>
                    </li>
                  ))}
                </ul>
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
              </>
            ) : (
              <Empty>Aucune offre ne correspond à votre recherche. Essayez avec moins de critères.</Empty>
            )
          }
        </Loaded>
      )}
    </Page>
  );
}
