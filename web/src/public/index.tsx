// The public showcase, for people without an account or not signed in (a chunk of its own: the login
// page does not carry it): the home page (what Tremplin is, a search, the latest offers, sign-up and
// sign-in), the offers with their filters, and an offer's page, whose « Postuler » explains both ways in
// (./how-to-apply.tsx).
import { useEffect } from 'preact/hooks';
import { api } from '../api.js';
import { loginPathFor } from '../links.js';
import { isMissing } from '../not-found.js';
import { OfferCards, OfferResults, OfferSearchForm, apiParamsOf, criteriaOf } from '../offer-search.js';
import { OfferDetails } from '../offer-view.js';
import { match, navigate, type Location } from '../router.js';
import { Empty, Loaded, Loading, Page, useResource } from '../ui.js';
import { HowToApply } from './how-to-apply.js';

export default function PublicSpace({ location }: { location: Location }) {
  const path = location.path;
  let params: Record<string, string> | null;
  if (path === '/') return <Home location={location} />;
  if (path === '/offres') return <Offers location={location} />;
  if ((params = match('/offres/:id', path))) return <OfferPage id={params.id!} />;
  return null;
}

function Home({ location }: { location: Location }) {
  const latest = useResource(() => api.publicOffers({ pageSize: 6 }), []);
  return (
    <Page
      title="Trouvez un emploi chez un employeur engagé"
      lead="Tremplin réunit les personnes en situation de handicap qui cherchent un emploi, les référents qui les accompagnent et les entreprises qui recrutent de façon inclusive."
    >
      <section class="card" aria-labelledby="home-search-title">
        <h2 id="home-search-title">Rechercher une offre</h2>
        <OfferSearchForm location={location} target="/offres" withRemote={false} idPrefix="accueil-" />
      </section>
      <section aria-labelledby="home-latest-title">
        <h2 id="home-latest-title">Dernières offres</h2>
        <Loaded resource={latest} label="Chargement des dernières offres…">
          {(data) =>
            data.items.length ? (
              <>
                <OfferCards items={data.items} hrefOf={(id) => `/offres/${id}`} level={3} />
                <p>
                  <a href="/offres">Voir toutes les offres ({data.total})</a>
                </p>
              </>
            ) : (
              <Empty>Aucune offre n’est publiée pour le moment.</Empty>
            )
          }
        </Loaded>
      </section>
      <section class="intro" aria-labelledby="home-how-title">
        <h2 id="home-how-title">Comment ça marche</h2>
        <ul>
          <li>
            <strong>Vous cherchez un emploi</strong> : votre référent (Cap emploi, Mission locale, France Travail…) vous inscrit sur Tremplin, vous aide à
            préparer vos candidatures et les suit avec vous.
          </li>
          <li>
            <strong>Vous êtes référent</strong> : suivez les candidatures de vos candidats et validez-les avant leur envoi aux entreprises.
          </li>
          <li>
            <strong>Vous recrutez</strong> : publiez vos offres, recevez des candidatures accompagnées et organisez vos entretiens.
          </li>
        </ul>
        <div class="actions">
          <a class="button" href="/inscription">
            Inscrire mon entreprise
          </a>
          <a class="button secondary" href="/connexion">
            Se connecter
          </a>
        </div>
      </section>
    </Page>
  );
}

function Offers({ location }: { location: Location }) {
  const criteria = criteriaOf(location);
  const offers = useResource(() => (criteria.departmentError ? Promise.resolve(null) : api.publicOffers(apiParamsOf(criteria))), [location.query.toString()]);
  return (
    <Page title="Offres d’emploi" lead="Des employeurs engagés pour l’emploi des personnes en situation de handicap.">
      <OfferSearchForm location={location} />
      <OfferResults resource={offers} location={location} hrefOf={(id) => `/offres/${id}`} />
    </Page>
  );
}

function OfferPage({ id }: { id: string }) {
  const offer = useResource(() => api.publicOffer(id), [id]);
  // Not public (a draft, an offer in moderation or closed, a link from a mail): the page is behind
  // sign-in, for those who may see it; the login page comes back here.
  const hidden = isMissing(offer.error) && !offer.data;
  useEffect(() => {
    if (hidden) navigate(loginPathFor(`/offres/${id}`), { replace: true });
  }, [hidden]);
  if (hidden) return <Loading label="Ouverture de la page de connexion…" />;
  return (
    <Page title={offer.data?.title ?? 'Offre'} lead={offer.data ? `${offer.data.company.name} — ${offer.data.city}` : undefined}>
      <p class="back">
        <a href="/offres">← Offres d’emploi</a>
      </p>
      <Loaded resource={offer} label="Chargement de l’offre…">
        {(o) => (
          <>
            <HowToApply button="Postuler à cette offre" back={`/offres/${o.id}`} signIn="Connectez-vous pour postuler" then="vous postulez à cette offre" />
            <OfferDetails offer={o} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
