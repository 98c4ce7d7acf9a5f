// Espace référent (and chargé de mission): the validation queue (oldest first, age shown), the
// applications followed, my candidates (create an account, see their applications and interviews),
// and the interviews of my candidates.
import { api, type ApiError, type ApplicationStatus, type FollowedCandidate } from '../api.js';
import type { SpaceProps } from '../main.js';
import { ApplicationPage, ApplicationTable, InterviewSummary, personName, statusLabel } from '../applications.js';
import { AppointmentsPage } from '../appointments.js';
import { NotFound } from '../not-found.js';
import { match, navigate, withQuery, type Location } from '../router.js';
import { Empty, ErrorNote, Loaded, Page, Pager, announce, options, useAction, useResource } from '../ui.js';
import { APPLICATION_STATUSES } from '../../../workflows/application-rules.js';

export default function ReferentSpace({ me, location }: SpaceProps) {
  const path = location.path;
  let params: Record<string, string> | null;
  if (path === '/referent') return <Queue location={location} />;
  if (path === '/referent/candidatures') return <Followed location={location} />;
  if ((params = match('/referent/candidatures/:id', path)))
    return <ApplicationPage id={params.id!} me={me} back={{ href: '/referent', label: 'Candidatures à valider' }} />;
  if (path === '/referent/candidats') return <Candidates />;
  if (path === '/referent/candidats/nouveau') return <NewCandidate />;
  if ((params = match('/referent/candidats/:id', path))) return <CandidatePage id={params.id!} />;
  if (path === '/referent/rendez-vous')
    return (
      <AppointmentsPage
        title="Rendez-vous de mes candidats"
        location={location}
        hrefOf={(a) => `/referent/candidatures/${a.id}`}
        who={(a) => `${personName(a.candidate)} — ${a.company.name}, ${a.offer?.title ?? 'candidature spontanée'}`}
      />
    );
  return <NotFound home="/referent" />;
}

function Queue({ location }: { location: Location }) {
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const queue = useResource(() => api.applications({ status: 'PENDING_REFERENT_VALIDATION', sort: 'oldest', page, pageSize: 20 }), [page]);
  return (
    <Page title="Candidatures à valider" lead="Les candidatures de vos candidats attendent votre validation avant d’être transmises aux entreprises ; les plus anciennes d’abord.">
      <Loaded resource={queue} label="Chargement des candidatures à valider…">
        {(data) =>
          data.items.length ? (
            <>
              <ApplicationTable
                items={data.items}
                caption={`${data.total} candidature${data.total > 1 ? 's' : ''} en attente de validation`}
                hrefOf={(a) => `/referent/candidatures/${a.id}`}
                show={{ candidate: true, company: true, waiting: true }}
              />
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>Aucune candidature n’attend votre validation.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function Followed({ location }: { location: Location }) {
  const status = location.query.get('statut') ?? '';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const list = useResource(() => api.applications({ status: status || 'all', sort: 'newest', page, pageSize: 20 }), [status, page]);
  function filter(event: Event) {
    event.preventDefault();
    navigate(withQuery(location, { statut: String(new FormData(event.currentTarget as HTMLFormElement).get('statut') ?? ''), page: undefined }));
  }
  return (
    <Page title="Candidatures suivies" lead="Toutes les candidatures de vos candidats, les plus récentes d’abord.">
      <form class="filters" onSubmit={filter} aria-label="Filtrer les candidatures">
        <div class="field">
          <label for="ref-status">Statut</label>
          <select id="ref-status" name="statut" key={status}>
            {options([['', 'Tous les statuts'], ...APPLICATION_STATUSES.map((s: ApplicationStatus) => [s, statusLabel(s)] as const)], status)}
          </select>
        </div>
        <button type="submit" class="secondary">
          Filtrer
        </button>
      </form>
      <Loaded resource={list} label="Chargement des candidatures…">
        {(data) =>
          data.items.length ? (
            <>
              <ApplicationTable
                items={data.items}
                caption={`${data.total} candidature${data.total > 1 ? 's' : ''}`}
                hrefOf={(a) => `/referent/candidatures/${a.id}`}
                show={{ candidate: true, company: true }}
              />
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>Aucune candidature.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

/**
 * The référent's candidates. GET /api/referent/candidates is asked for; until it exists (404), the
 * candidates are read from the applications the référent follows (those who applied at least once).
 */
async function loadCandidates(): Promise<{ items: FollowedCandidate[]; partial: boolean }> {
  try {
    return { items: (await api.followedCandidates()).items, partial: false };
  } catch (error) {
    if ((error as ApiError).status !== 404) throw error;
    const list = await api.applications({ status: 'all', pageSize: 100 });
    const byId = new Map<string, FollowedCandidate>();
    for (const item of list.items) byId.set(item.candidate.id, item.candidate);
    return { items: [...byId.values()].sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr')), partial: true };
  }
}

function Candidates() {
  const candidates = useResource(loadCandidates, []);
  return (
    <Page
      title="Mes candidats"
      lead="Les personnes que vous accompagnez."
      actions={
        candidates.data && !candidates.data.partial ? (
          <a class="button" href="/referent/candidats/nouveau">
            Créer un compte candidat
          </a>
        ) : undefined
      }
    >
      <Loaded resource={candidates} label="Chargement de vos candidats…">
        {({ items, partial }) => (
          <>
            {partial && (
              <p class="muted">
                Seuls les candidats ayant déjà déposé une candidature apparaissent ici pour le moment ; la création de comptes candidats arrive bientôt.
              </p>
            )}
            {items.length ? (
              <ul class="cards">
                {items.map((c) => (
                  <li key={c.id} class="card">
                    <a href={`/referent/candidats/${c.id}`}>{personName(c)}</a>
                    <p class="muted">{c.email}</p>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>Aucun candidat pour le moment.</Empty>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function NewCandidate() {
  const create = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    const created = await create.run(() =>
      api.createCandidate({
        firstName: value('firstName'),
        lastName: value('lastName'),
        email: value('email'),
        phone: value('phone') || null,
        postalCode: value('postalCode') || null,
        city: value('city') || null,
        rqth: form.get('rqth') === 'on',
      }),
    );
    if (created) {
      announce(`Compte créé pour ${personName(created)} : un mot de passe provisoire lui est envoyé par e-mail.`, true);
      navigate(`/referent/candidats/${created.id}`);
    }
  }
  return (
    <Page title="Créer un compte candidat" lead="La personne reçoit un e-mail avec un mot de passe provisoire, qu’elle change à sa première connexion.">
      <p class="back">
        <a href="/referent/candidats">← Mes candidats</a>
      </p>
      <form class="card" onSubmit={submit} noValidate>
        <div class="grid-2">
          <div class="field">
            <label for="c-first">Prénom (obligatoire)</label>
            <input id="c-first" name="firstName" aria-required="true" autoComplete="off" />
          </div>
          <div class="field">
            <label for="c-last">Nom (obligatoire)</label>
            <input id="c-last" name="lastName" aria-required="true" autoComplete="off" />
          </div>
          <div class="field">
            <label for="c-email">E-mail (obligatoire)</label>
            <input id="c-email" name="email" type="email" aria-required="true" autoComplete="off" />
          </div>
          <div class="field">
            <label for="c-phone">Téléphone</label>
            <input id="c-phone" name="phone" type="tel" autoComplete="off" />
          </div>
          <div class="field">
            <label for="c-postal">Code postal</label>
            <input id="c-postal" name="postalCode" inputMode="numeric" maxLength={5} autoComplete="off" />
          </div>
          <div class="field">
            <label for="c-city">Ville</label>
            <input id="c-city" name="city" autoComplete="off" />
          </div>
        </div>
        <label class="choice">
          <input type="checkbox" name="rqth" /> Reconnaissance de la qualité de travailleur handicapé (RQTH)
        </label>
        <ErrorNote error={create.error} />
        <button type="submit" disabled={create.busy}>
          {create.busy ? 'Création…' : 'Créer le compte'}
        </button>
      </form>
    </Page>
  );
}

function CandidatePage({ id }: { id: string }) {
  const applications = useResource(() => api.applications({ candidateId: id, status: 'all', pageSize: 100 }), [id]);
  const details = useResource(
    async () => {
      const list = await api.applications({ candidateId: id, status: 'INTERVIEW_PROPOSED,INTERVIEW_DONE,HIRED,NOT_HIRED,ACCEPTED', pageSize: 100 });
      return Promise.all(list.items.map((a) => api.application(a.id)));
    },
    [id],
  );
  const candidate = applications.data?.items[0]?.candidate;
  return (
    <Page title={candidate ? personName(candidate) : 'Candidat'} lead={candidate?.email}>
      <p class="back">
        <a href="/referent/candidats">← Mes candidats</a>
      </p>
      <section aria-labelledby="cand-apps">
        <h2 id="cand-apps">Candidatures</h2>
        <Loaded resource={applications} label="Chargement des candidatures…">
          {(data) =>
            data.items.length ? (
              <ApplicationTable
                items={data.items}
                caption={`${data.total} candidature${data.total > 1 ? 's' : ''}`}
                hrefOf={(a) => `/referent/candidatures/${a.id}`}
                show={{ company: true }}
              />
            ) : (
              <Empty>Pas encore de candidature.</Empty>
            )
          }
        </Loaded>
      </section>
      <section aria-labelledby="cand-interviews">
        <h2 id="cand-interviews">Entretiens</h2>
        <Loaded resource={details} label="Chargement des entretiens…">
          {(apps) => {
            const rows = apps.flatMap((a) => a.interviews.map((i) => ({ a, i })));
            return rows.length ? (
              <ul class="cards">
                {rows.map(({ a, i }) => (
                  <li key={i.id} class="card">
                    <p>
                      {a.company.name} — {a.offer?.title ?? 'candidature spontanée'}
                    </p>
                    <InterviewSummary interview={i} applicationId={a.id} />
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>Aucun entretien.</Empty>
            );
          }}
        </Loaded>
      </section>
    </Page>
  );
}
