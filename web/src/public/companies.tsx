// Public company pages, read without an account (a chunk of its own, loaded on these addresses only):
// /entreprises, the companies whose page is published (search by name), and /entreprises/:id, one
// company's page with its offers online.
import { api } from '../api.js';
import { loginPathFor } from '../links.js';
import { CompanyView } from '../company-view.js';
import { Inaccessible, isMissing } from '../not-found.js';
import { match, navigate, withQuery, type Location } from '../router.js';
import { Empty, Loaded, Page, Pager, useResource } from '../ui.js';

export default function PublicCompanies({ location, signedIn }: { location: Location; signedIn: boolean }) {
  const params = match('/entreprises/:id', location.path);
  if (params) return <CompanyPublicPage id={params.id!} signedIn={signedIn} />;
  return <CompanyList location={location} />;
}

function CompanyList({ location }: { location: Location }) {
  const q = location.query.get('q') ?? '';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const list = useResource(() => api.publicCompanies({ q: q || undefined, page, pageSize: 20 }), [q, page]);
  function search(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(withQuery(location, { q: String(form.get('q') ?? '').trim() || undefined, page: undefined }));
  }
  return (
    <Page title="Entreprises engagées" lead="Les entreprises qui recrutent sur Tremplin et se présentent : leurs valeurs, leurs avantages, leurs offres.">
      <form class="row" role="search" aria-label="Chercher une entreprise" onSubmit={search}>
        <div class="field">
          <label for="company-q">Nom de l’entreprise</label>
          <input id="company-q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit">Chercher</button>
      </form>
      <Loaded resource={list} label="Chargement des entreprises…">
        {(data) =>
          data.items.length ? (
            <>
              <p role="status">
                {data.total} entreprise{data.total > 1 ? 's' : ''}
                {q ? ` pour « ${q} »` : ''}
              </p>
              <ul class="cards">
                {data.items.map((c) => (
                  <li key={c.id} class="card">
                    <div class="row">
                      {/* The name next to it says whose logo it is. */}
                      {c.logo && <img src={c.logo.url} alt="" width={56} height={56} class="company-logo" style={{ width: '3.5rem', height: '3.5rem' }} />}
                      <h2 class="card-title">
                        <a href={`/entreprises/${c.id}`}>{c.name}</a>
                      </h2>
                    </div>
                    <p class="muted">{[c.sector, c.city].filter(Boolean).join(' · ')}</p>
                    {c.summary && <p>{c.summary}</p>}
                    <p>
                      {c.offerCount ? `${c.offerCount} offre${c.offerCount > 1 ? 's' : ''} en ligne` : 'Aucune offre en ligne'}
                      {c.spontaneousApplications ? ' · candidatures spontanées acceptées' : ''}
                    </p>
                  </li>
                ))}
              </ul>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>{q ? `Aucune entreprise publiée ne correspond à « ${q} ».` : 'Aucune entreprise n’a encore publié sa page.'}</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function CompanyPublicPage({ id, signedIn }: { id: string; signedIn: boolean }) {
  const resource = useResource(() => api.publicCompany(id), [id]);
  if (isMissing(resource.error) && !resource.data) return <Inaccessible what="Entreprise" back={{ href: '/entreprises', label: 'Entreprises engagées' }} />;
  const company = resource.data;
  return (
    <Page title={company?.name ?? 'Entreprise'}>
      <p class="back">
        <a href="/entreprises">← Entreprises engagées</a>
      </p>
      <Loaded resource={resource} label="Chargement de la page de l’entreprise…">
        {(c) => (
          <>
            <CompanyView company={c} />
            {c.spontaneousApplications && !signedIn && (
              <section class="card" aria-labelledby="apply-title">
                <h2 id="apply-title">Candidater</h2>
                <p>
                  Vous êtes candidat ? <a href={loginPathFor(`/entreprises/${c.id}`)}>Connectez-vous à votre espace</a> pour envoyer une candidature spontanée ou postuler à une offre. Pas encore de compte : votre référent
                  (Cap emploi, mission locale…) vous en ouvre un.
                </p>
              </section>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
