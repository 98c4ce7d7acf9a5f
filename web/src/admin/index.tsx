// Administration, in the web app: the way into the back office, and the pages a mail's link opens for
// an admin (an application escalated to the platform, an offer to moderate, a sponsorship request),
// each with the way to the same record in the back office, where admins act.
import type { SpaceProps } from '../main.js';
import { ApplicationPage } from '../applications.js';
import { OfferReadPage, SponsorshipReadPage } from '../entity-views.js';
import { NotFound } from '../not-found.js';
import { match } from '../router.js';
import type { Location } from '../router.js';
import { Loaded, Page, useResource } from '../ui.js';
import { CvthequePage } from '../cvtheque.js';
import { MatchingPage } from '../matching.js';

const HOME = { href: '/administration', label: 'Administration' };

/** The record in the back office (AdminJS), by its resource (table) and id. */
const backOffice = (resource: string, id: string) => `/admin/resources/${resource}/records/${encodeURIComponent(id)}/show`;

export default function AdminSpace({ me, location }: SpaceProps) {
  const path = location.path;
  let params: Record<string, string> | null;
  if (path === '/administration') return <AdminHome />;
  if (path === '/administration/statistiques') return <Statistics location={location} />;
  if (path === '/administration/matching') return <MatchingPage location={location} profileHref={(id) => `/administration/cvtheque/profils/${id}`} />;
  if (path === '/administration/cvtheque') return <CvthequePage location={location} profileHref={(id) => `/administration/cvtheque/profils/${id}`} />;
  if ((params = match('/administration/candidatures/:id', path))) return <ApplicationPage id={params.id!} me={me} back={HOME} />;
  if ((params = match('/administration/offres/:id', path)))
    return (
      <OfferReadPage
        id={params.id!}
        back={HOME}
        more={
          <p>
            <a href={backOffice('offers', params.id!)}>Modérer cette offre dans la console d’administration</a>
          </p>
        }
      />
    );
  if ((params = match('/administration/parrainages/:id', path)))
    return (
      <SponsorshipReadPage
        id={params.id!}
        back={HOME}
        more={
          <p>
            <a href={backOffice('sponsorship_requests', params.id!)}>Ouvrir la demande dans la console d’administration</a>
          </p>
        }
      />
    );
  return <NotFound home="/administration" />;
}

/** The same page as the chargé de mission's (a chunk of its own, Chart.js with it), for the whole platform. */
function Statistics({ location }: { location: Location }) {
  const chunk = useResource(() => import('../statistics.js'), []);
  return (
    <Loaded resource={chunk} label="Chargement…">
      {(m) => <m.default location={location} scopeLead="Toutes les candidatures de la plateforme." />}
    </Loaded>
  );
}

function AdminHome() {
  return (
    <Page title="Administration">
      <p>La vérification des entreprises, la modération des offres et la gestion des comptes se font dans la console d’administration.</p>
      <p>
        <a href="/admin">Ouvrir la console d’administration</a>
      </p>
      <p>
        <a href="/administration/statistiques">Statistiques des candidatures</a>
      </p>
    </Page>
  );
}
