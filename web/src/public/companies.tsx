// Public company pages, read without an account (a chunk of its own, loaded on these addresses only):
// /entreprises, the companies whose page is published (search by name), and /entreprises/:id, one
// company's page with its offers online and, when it takes them, « Candidature spontanée ».
import type { ComponentType } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api, type Me } from '../api.js';
import { CompanyView } from '../company-view.js';
import { Inaccessible, isMissing } from '../not-found.js';
import { match, navigate, withQuery, type Location } from '../router.js';
import { Empty, Loaded, Page, Pager, useResource } from '../ui.js';
import { HowToApply } from './how-to-apply.js';

export default function PublicCompanies({ location, me }: { location: Location; me: Me | null }) {
  const params = match('/entreprises/:id', location.path);
  if (params) return <CompanyPublicPage id={params.id!} me={me} />;
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

function CompanyPublicPage({ id, me }: { id: string; me: Me | null }) {
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
            {c.spontaneousApplications && <SpontaneousAction companyId={c.id} me={me} />}
            <CompanyView company={c} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

/**
 * « Candidature spontanée », for a company that takes them: a candidate goes to the form with the
 * company chosen, a référent chooses which of their candidates to apply for, a reader signed out reads
 * how to apply (sign in, or ask one's référent). Others (recruiters, chargés de mission, admins) do not apply.
 */
function SpontaneousAction({ companyId, me }: { companyId: string; me: Me | null }) {
  const [Whom, setWhom] = useState<ComponentType<{ companyId: string; onClose: () => void }> | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  if (!me) {
    return (
      <HowToApply
        button="Candidature spontanée"
        back={`/entreprises/${companyId}`}
        signIn="Connectez-vous pour envoyer votre candidature"
        then="vous envoyez votre candidature spontanée"
      />
    );
  }
  if (me.role === 'CANDIDATE') {
    return (
      <div class="actions">
        <a class="button" href={`/candidat/candidature-spontanee?entreprise=${companyId}`}>
          Candidature spontanée
        </a>
      </div>
    );
  }
  if (me.role !== 'REFERENT') return null;
  // The référent's dialog comes with their space's code, loaded on demand: visitors do not download it.
  async function choose() {
    const { ApplyForWhomDialog } = await import('../referent/acting.js');
    setWhom(() => ApplyForWhomDialog);
  }
  return (
    <div class="actions">
      <button type="button" ref={opener} onClick={choose}>
        Candidature spontanée pour un candidat
      </button>
      {Whom && (
        <Whom
          companyId={companyId}
          onClose={() => {
            setWhom(null);
            opener.current?.focus();
          }}
        />
      )}
    </div>
  );
}
