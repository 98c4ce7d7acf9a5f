// The offer search everyone uses: each space's « Offres » page (candidates, référents and chargés de
// mission, recruiters) and the public showcase (home page and /offres).
// Its criteria live in the address (q, departement, contrat, teletravail, page), so a search can be
// shared, bookmarked and gone back to; the département is picked from the list or typed by number or name.
import type { ComponentChildren } from 'preact';
import { DEPARTMENTS, departmentLabel, findDepartment, unknownDepartment } from '../../workflows/departments.js';
import { CONTRACT_TYPES, REMOTE_MODES } from '../../workflows/offer-rules.js';
import { ApiError, api, type OfferListItem, type Page as ListPage } from './api.js';
import { ANONYMOUS_OFFER, CONTRACT_LABEL, REMOTE_LABEL } from './offer-view.js';
import { navigate, withQuery, type Location } from './router.js';
import { Empty, ErrorNote, Page, Pager, capitalize, options, useResource, type Resource } from './ui.js';

export interface OfferCriteria {
  q: string;
  /** What the address holds: the number of a known département, or what was typed when it names none. */
  departmentText: string;
  department: ReturnType<typeof findDepartment>;
  departmentError: ApiError | null;
  contractType: string;
  remote: string;
  page: number;
}

export function criteriaOf(location: Location): OfferCriteria {
  const departmentText = location.query.get('departement') ?? '';
  const department = departmentText ? findDepartment(departmentText) : null;
  return {
    q: location.query.get('q') ?? '',
    departmentText,
    department,
    departmentError: departmentText && !department ? new ApiError(400, 'VALIDATION_FAILED', capitalize(unknownDepartment(departmentText))) : null,
    contractType: location.query.get('contrat') ?? '',
    remote: location.query.get('teletravail') ?? '',
    page: Math.max(1, Number(location.query.get('page')) || 1),
  };
}

/** The API's parameters of these criteria (the same for GET /offers and GET /public/offers). */
export const apiParamsOf = (c: OfferCriteria, pageSize = 20) => ({
  q: c.q || undefined,
  department: c.department ?? undefined,
  contractType: c.contractType || undefined,
  remote: c.remote || undefined,
  page: c.page,
  pageSize,
});

/**
 * The search form. `target`: the page the results are on (the form of the home page leads to /offres);
 * `withRemote`: the remote-work filter too.
 */
export function OfferSearchForm({ location, target = location.path, withRemote = true, idPrefix = '' }: { location: Location; target?: string; withRemote?: boolean; idPrefix?: string }) {
  const c = criteriaOf(location);
  const id = (name: string) => `${idPrefix}${name}`;
  function search(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    const typed = value('departement');
    const from = target === location.path ? location : { path: target, query: new URLSearchParams() };
    navigate(withQuery(from, { q: value('q'), departement: (typed && findDepartment(typed)) || typed, contrat: value('contrat'), teletravail: value('teletravail'), page: undefined }));
  }
  return (
    <form class="filters" role="search" aria-label="Rechercher des offres" onSubmit={search} key={location.query.toString()}>
      <div class="field grow">
        <label for={id('q')}>Mots-clés</label>
        <input id={id('q')} name="q" type="search" defaultValue={c.q} placeholder="métier, ville…" />
      </div>
      <div class="field department">
        <label for={id('departement')}>Département</label>
        {/* A list to pick from (« 69 — Rhône »), the number or the name typed as well. */}
        <input
          id={id('departement')}
          name="departement"
          list={id('departements')}
          autoComplete="off"
          placeholder="numéro ou nom"
          defaultValue={c.department ? departmentLabel(c.department) : c.departmentText}
          aria-invalid={c.departmentError ? 'true' : undefined}
          aria-describedby={id('departement-error')}
        />
        <datalist id={id('departements')}>
          {DEPARTMENTS.map(([code]) => (
            <option key={code} value={departmentLabel(code)} />
          ))}
        </datalist>
        <ErrorNote error={c.departmentError} id={id('departement-error')} />
      </div>
      <div class="field">
        <label for={id('contrat')}>Contrat</label>
        <select id={id('contrat')} name="contrat">
          {options([['', 'Tous'], ...CONTRACT_TYPES.map((t) => [t, CONTRACT_LABEL[t]!] as const)], c.contractType)}
        </select>
      </div>
      {withRemote && (
        <div class="field">
          <label for={id('teletravail')}>Télétravail</label>
          <select id={id('teletravail')} name="teletravail">
            {options([['', 'Indifférent'], ...REMOTE_MODES.map((r) => [r, REMOTE_LABEL[r]!] as const)], c.remote)}
          </select>
        </div>
      )}
      <button type="submit">Rechercher</button>
    </form>
  );
}

export interface OfferCardItem {
  id: string;
  title: string;
  company: { name: string };
  city: string;
  postalCode: string;
  contractType: string;
  contractDurationMonths: number | null;
  remote: string;
  summary: string;
  anonymous?: boolean;
}

/** Offers as cards, each title a link (`hrefOf`), under a heading of `level`. */
export function OfferCards<T extends OfferCardItem>({ items, hrefOf, level = 2 }: { items: T[]; hrefOf: (id: string, offer: T) => string; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <ul class="cards offers">
      {items.map((o) => (
        <li key={o.id} class="card">
          <Heading>
            <a href={hrefOf(o.id, o)}>{o.title}</a>
          </Heading>
          <p>
            {o.company.name} — {o.city} ({o.postalCode}) — {CONTRACT_LABEL[o.contractType]}
            {o.contractDurationMonths ? ` ${o.contractDurationMonths} mois` : ''} — {REMOTE_LABEL[o.remote]}
          </p>
          {o.anonymous && <p class="badge">{ANONYMOUS_OFFER}</p>}
          <p class="muted">{o.summary}</p>
        </li>
      ))}
    </ul>
  );
}

/**
 * The results of a search: how many (in a polite live region present from the start, so each new count
 * is read out), the cards, the pages. Nothing listed for a département that does not exist: the results
 * of before would be taken for its own.
 */
export function OfferResults<T extends OfferCardItem>({ resource, location, hrefOf }: { resource: Resource<ListPage<T> | null>; location: Location; hrefOf: (id: string, offer: T) => string }) {
  const c = criteriaOf(location);
  const data = c.departmentError ? null : resource.data;
  const count = c.departmentError
    ? ''
    : resource.loading
      ? 'Recherche des offres…'
      : data
        ? data.total
          ? `${data.total} offre${data.total > 1 ? 's' : ''} trouvée${data.total > 1 ? 's' : ''}${data.total > data.pageSize ? `, page ${data.page} sur ${Math.ceil(data.total / data.pageSize)}` : ''}`
          : 'Aucune offre trouvée'
        : '';
  return (
    <>
      <p role="status" class="result-count">
        {count}
      </p>
      {!c.departmentError && resource.error && <ErrorNote error={resource.error} retry={resource.reload} />}
      {data &&
        (data.items.length ? (
          <>
            <OfferCards items={data.items} hrefOf={hrefOf} />
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
          </>
        ) : (
          <Empty>Aucune offre ne correspond à votre recherche. Essayez avec moins de critères.</Empty>
        ))}
    </>
  );
}

/** A signed-in space's « Offres » page: the form and the platform's published offers, each linked to its page there. */
export function OffersSearch({ location, hrefOf, title = 'Offres d’emploi', lead = 'Des employeurs engagés pour l’emploi des personnes en situation de handicap.', actions }: {
  location: Location;
  hrefOf: (offer: OfferListItem) => string;
  title?: string;
  lead?: string;
  actions?: ComponentChildren;
}) {
  const criteria = criteriaOf(location);
  const offers = useResource(() => (criteria.departmentError ? Promise.resolve(null) : api.offers(apiParamsOf(criteria))), [location.query.toString()]);
  return (
    <Page title={title} lead={lead} actions={actions}>
      <OfferSearchForm location={location} />
      <OfferResults resource={offers} location={location} hrefOf={(_id, offer) => hrefOf(offer)} />
    </Page>
  );
}
