// Espace recruteur: dashboard, applications received (list and pipeline), the application page,
// "Mes entretiens", offers, the platform's offers (read only), sponsorship requests, colleagues and
// « Mon entreprise » (its page).
import { CvthequeProfilePage } from '../cvtheque-work.js';
import type { SpaceProps } from '../main.js';
import { api, type ApplicationListItem, type ApplicationStatus } from '../api.js';
import { ApplicationPage, ApplicationTable, StatusBadge, personName, statusLabel } from '../applications.js';
import { AppointmentsPage } from '../appointments.js';
import { match, navigate, withQuery, type Location } from '../router.js';
import { Empty, Loaded, Page, Pager, capitalize, daysAgo, options, useResource } from '../ui.js';
import { NotFound } from '../not-found.js';
import { OfferEditPage, OfferNewPage, OfferPage, OffersPage } from './offers.js';
import { ColleaguesPage, SponsorshipPage, SponsorshipsPage } from './company.js';
import { OfferReadPage } from '../entity-views.js';
import { OffersSearch } from '../offer-search.js';
import { CompanyPageEditor } from './company-page.js';
import { ActivityFeed } from '../feed.js';
import { LISTS_PATH, ListsAndAlertsPage } from './cvtheque-lists.js';
import { CvthequePage } from '../cvtheque.js';
import { MatchingPage } from '../matching.js';
import { OfferMatchesPage } from './offer-matches.js';
import { OfferShortlistPage } from './shortlist.js';

/** What a recruiter sees, in the order of the process. */
const RECRUITER_STATUSES: ApplicationStatus[] = ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE', 'HIRED', 'NOT_HIRED', 'REFUSED', 'WITHDRAWN'];
const OPEN_STATUSES: ApplicationStatus[] = ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'];
const CLOSED_STATUSES: ApplicationStatus[] = ['HIRED', 'NOT_HIRED', 'REFUSED', 'WITHDRAWN'];

export default function RecruiterSpace({ me, location }: SpaceProps) {
  const path = location.path;
  let params: Record<string, string> | null;
  if (path === '/recruteur') return <Dashboard />;
  if (path === '/recruteur/candidatures') return <ApplicationsPage location={location} />;
  if ((params = match('/recruteur/candidatures/:id', path)))
    return <ApplicationPage id={params.id!} me={me} back={{ href: '/recruteur/candidatures', label: 'Candidatures reçues' }} />;
  if (path === '/recruteur/rendez-vous')
    return (
      <AppointmentsPage
        title="Mes entretiens"
        location={location}
        me={me}
        hrefOf={(a) => `/recruteur/candidatures/${a.application.id}`}
        who={(a) => `${personName(a.candidate)} — ${a.offer?.title ?? 'candidature spontanée'}`}
      />
    );
  if (path === '/recruteur/offres') return <OffersPage location={location} />;
  if (path === '/recruteur/offres/nouvelle') return <OfferNewPage location={location} me={me} />;
  if ((params = match('/recruteur/offres/:id', path))) return <OfferPage id={params.id!} />;
  if ((params = match('/recruteur/offres/:id/modifier', path))) return <OfferEditPage id={params.id!} />;
  if ((params = match('/recruteur/offres/:id/candidatures', path))) return <OfferShortlistPage offerId={params.id!} location={location} />;
  if ((params = match('/recruteur/offres/:id/candidats-compatibles', path))) return <OfferMatchesPage offerId={params.id!} location={location} />;
  // The platform's offers, others' read only; their own open where they manage them.
  if (path === '/recruteur/toutes-les-offres')
    return (
      <OffersSearch
        location={location}
        title="Toutes les offres"
        lead="Les offres publiées sur la plateforme par toutes les entreprises, telles que les candidats les lisent."
        hrefOf={(o) => (o.company.id === me.company?.id ? `/recruteur/offres/${o.id}` : `/recruteur/toutes-les-offres/${o.id}`)}
      />
    );
  if ((params = match('/recruteur/toutes-les-offres/:id', path)))
    return <OfferReadPage id={params.id!} back={{ href: '/recruteur/toutes-les-offres', label: 'Toutes les offres' }} />;
  if (path === '/recruteur/parrainages') return <SponsorshipsPage location={location} />;
  if ((params = match('/recruteur/parrainages/:id', path))) return <SponsorshipPage id={params.id!} me={me} />;
  if ((params = match('/recruteur/cvtheque/profils/:candidateId', path))) return <CvthequeProfilePage candidateId={params.candidateId!} />;
  if (path === '/recruteur/collegues') return <ColleaguesPage me={me} />;
  if (path === '/recruteur/entreprise') return <CompanyPageEditor />;
  if (path === LISTS_PATH) return <ListsAndAlertsPage />;
  if (path === '/recruteur/matching') return <MatchingPage location={location} profileHref={(id) => `/recruteur/cvtheque/profils/${id}`} saveable />;
  if (path === '/recruteur/cvtheque') return <CvthequePage location={location} profileHref={(id) => `/recruteur/cvtheque/profils/${id}`} companyTools />;
  return <NotFound home="/recruteur" />;
}

async function countsByStatus(): Promise<Array<[ApplicationStatus, number]>> {
  return Promise.all(RECRUITER_STATUSES.map(async (status) => [status, (await api.applications({ status, pageSize: 1 })).total] as [ApplicationStatus, number]));
}

function Dashboard() {
  const counts = useResource(countsByStatus, []);
  const latest = useResource(() => api.applications({ status: 'PENDING_RECRUITER', sort: 'oldest', pageSize: 5 }), []);
  const offers = useResource(() => api.companyOffers({ status: 'PUBLISHED,PENDING_MODERATION,DRAFT,REJECTED', pageSize: 1 }), []);
  return (
    <Page title="Tableau de bord" lead="Les candidatures reçues par votre entreprise, étape par étape.">
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">Candidatures par statut</h2>
        <Loaded resource={counts} label="Chargement des compteurs…">
          {(rows) => (
            <ul class="counters">
              {rows.map(([status, n]) => (
                <li key={status}>
                  <a href={`/recruteur/candidatures?statut=${status}`}>
                    <span class="count">{n}</span> <span class="label">{statusLabel(status)}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Loaded>
      </section>
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">À traiter en priorité</h2>
        <Loaded resource={latest} label="Chargement des candidatures en attente…">
          {(page) =>
            page.items.length ? (
              <ApplicationTable
                items={page.items}
                caption="Les candidatures qui attendent votre réponse depuis le plus longtemps"
                hrefOf={(a) => `/recruteur/candidatures/${a.id}`}
                show={{ candidate: true, waiting: true }}
              />
            ) : (
              <Empty>Aucune candidature n’attend votre réponse.</Empty>
            )
          }
        </Loaded>
      </section>
      <section aria-labelledby="offers-title">
        <h2 id="offers-title">Mes offres</h2>
        <Loaded resource={offers} label="Chargement des offres…">
          {(page) => (
            <p>
              {page.total ? `${page.total} offre${page.total > 1 ? 's' : ''} en cours (brouillons, en modération ou en ligne).` : 'Aucune offre en cours.'}{' '}
              <a href="/recruteur/offres">Voir mes offres</a> · <a href="/recruteur/offres/nouvelle">Déposer une offre</a>
            </p>
          )}
        </Loaded>
      </section>
      <ActivityFeed role="RECRUITER" />
    </Page>
  );
}

function ApplicationsPage({ location }: { location: Location }) {
  const status = location.query.get('statut') ?? '';
  const offerId = location.query.get('offre') ?? '';
  const view = location.query.get('vue') === 'pipeline' ? 'pipeline' : 'list';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const offers = useResource(() => api.companyOffers({ pageSize: 100 }), []);
  const list = useResource(
    () =>
      view === 'pipeline'
        ? api.applications({ status: 'all', offerId: offerId || undefined, pageSize: 100 })
        : api.applications({ status: status || 'all', offerId: offerId || undefined, page, pageSize: 20 }),
    [status, offerId, view, page],
  );

  function filter(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(withQuery(location, { statut: String(form.get('statut') ?? ''), offre: String(form.get('offre') ?? ''), page: undefined }));
  }

  return (
    <Page title="Candidatures reçues" lead="Consultez les candidatures, faites-les avancer et proposez des entretiens.">
      <form class="filters" onSubmit={filter} aria-label="Filtrer les candidatures">
        <div class="field">
          <label for="filter-offer">Offre</label>
          <select id="filter-offer" name="offre" key={`o-${offerId}-${offers.data ? 1 : 0}`}>
            {options([['', 'Toutes les offres'], ...(offers.data?.items.map((o) => [o.id, o.title] as const) ?? [])], offerId)}
          </select>
        </div>
        {view === 'list' && (
          <div class="field">
            <label for="filter-status">Statut</label>
            <select id="filter-status" name="statut" key={`s-${status}`}>
              {options([['', 'Tous les statuts'], ...RECRUITER_STATUSES.map((s) => [s, statusLabel(s)] as const)], status)}
            </select>
          </div>
        )}
        <button type="submit" class="secondary">
          Filtrer
        </button>
      </form>
      <nav aria-label="Affichage des candidatures" class="tabs">
        <a href={withQuery(location, { vue: undefined })} aria-current={view === 'list' ? 'page' : undefined}>
          Liste
        </a>
        <a href={withQuery(location, { vue: 'pipeline', page: undefined })} aria-current={view === 'pipeline' ? 'page' : undefined}>
          Pipeline
        </a>
      </nav>
      <Loaded resource={list} label="Chargement des candidatures…">
        {(data) =>
          view === 'pipeline' ? (
            <Pipeline items={data.items} />
          ) : data.items.length ? (
            <>
              <ApplicationTable
                items={data.items}
                caption={`${data.total} candidature${data.total > 1 ? 's' : ''}`}
                hrefOf={(a) => `/recruteur/candidatures/${a.id}`}
                show={{ candidate: true }}
              />
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>Aucune candidature ne correspond à ces critères.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function Pipeline({ items }: { items: ApplicationListItem[] }) {
  const columns: Array<[string, ApplicationStatus[]]> = [...OPEN_STATUSES.map((s) => [statusLabel(s), [s]] as [string, ApplicationStatus[]]), ['Clôturées', CLOSED_STATUSES]];
  return (
    <div class="pipeline">
      {columns.map(([title, statuses], i) => {
        const column = items.filter((a) => statuses.includes(a.status));
        return (
          <section key={title} aria-labelledby={`col-${i}`} class="column">
            <h2 id={`col-${i}`}>
              {title} <span class="count">({column.length})</span>
            </h2>
            {column.length ? (
              <ul>
                {column.map((a) => (
                  <li key={a.id} class="card">
                    <a href={`/recruteur/candidatures/${a.id}`}>{personName(a.candidate)}</a>
                    <p>{a.offer?.title ?? 'Candidature spontanée'}</p>
                    <p class="muted">
                      {statuses.length > 1 || a.status === 'INTERVIEW_PROPOSED' ? (
                        <StatusBadge status={a.status} interviewStatus={a.interviewStatus} otherSlotRequested={a.otherSlotRequested} />
                      ) : (
                        capitalize(daysAgo(a.waitingDays))
                      )}
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">Aucune.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
