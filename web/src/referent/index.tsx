// Espace référent (and chargé de mission): the validation queue (oldest first, age shown), the
// applications followed, my candidates (create an account, see their applications and interviews),
// and the interviews of my candidates; the platform's offers; applying and asking a sponsor for a
// candidate (acting.tsx); for the chargé de mission, « Mes référents » (./mission.tsx).
import { ContactRequestsPage } from '../cvtheque-work.js';
import { useState } from 'preact/hooks';
import { api, type ApplicationStatus, type Role } from '../api.js';
import { ActivityFeed } from '../feed.js';
import { useForm } from '../forms.js';
import type { SpaceProps } from '../main.js';
import { ApplicationPage, ApplicationTable, InterviewSummary, personName, statusLabel } from '../applications.js';
import { FollowedAccommodations } from '../accommodations.js';
import { FollowedProfile } from '../profile.js';
import { AppointmentsPage } from '../appointments.js';
import { NotFound } from '../not-found.js';
import { OfferReadPage, SponsorshipReadPage } from '../entity-views.js';
import { match, navigate, withQuery, type Location } from '../router.js';
import { DateTime, Empty, Loaded, Page, Pager, announce, options, useResource } from '../ui.js';
import { OffersSearch } from '../offer-search.js';
import { SponsorshipBadge } from '../sponsorship-view.js';
import { ApplyForCandidatePage, ApplyForWhomDialog, SponsorForCandidatePage } from './acting.js';
import { APPLICATION_STATUSES } from '../../../workflows/application-rules.js';
import { SendPasswordResetLink } from './password-reset-link.js';
import { DocumentTextStatus } from '../document-text.js';

export default function ReferentSpace({ me, location }: SpaceProps) {
  const path = location.path;
  let params: Record<string, string> | null;
  if (path === '/referent') return <Queue location={location} role={me.role} />;
  if (path === '/referent/candidatures') return <Followed location={location} />;
  if (me.role === 'REFERENT' && path === '/referent/contacts') return <ContactRequestsPage forReferent />;
  if ((params = match('/referent/candidatures/:id', path)))
    return <ApplicationPage id={params.id!} me={me} back={{ href: '/referent', label: 'Candidatures à valider' }} />;
  if (path === '/referent/offres') return <OffersSearch location={location} hrefOf={(o) => `/referent/offres/${o.id}`} lead="Les offres publiées sur la plateforme, pour les proposer à vos candidats ou postuler pour eux." />;
  if ((params = match('/referent/offres/:id', path))) return <ReferentOfferPage id={params.id!} me={me} />;
  if ((params = match('/referent/parrainages/:id', path)))
    return <SponsorshipReadPage id={params.id!} back={{ href: '/referent/candidats', label: me.role === 'REFERENT' ? 'Mes candidats' : 'Candidats suivis' }} />;
  if (path === '/referent/candidats') return <Candidates me={me} location={location} />;
  if (path === '/referent/candidats/nouveau') return <NewCandidate />;
  if ((params = match('/referent/candidats/:id', path))) return <CandidatePage id={params.id!} me={me} />;
  // Only a référent creates for their candidates (the API refuses a chargé de mission).
  if (me.role === 'REFERENT' && (params = match('/referent/candidats/:id/postuler', path))) return <ApplyForCandidatePage candidateId={params.id!} me={me} location={location} />;
  if (me.role === 'REFERENT' && (params = match('/referent/candidats/:id/parrainage', path))) return <SponsorForCandidatePage candidateId={params.id!} me={me} />;
  // « Mes référents » of the chargé de mission (admins have the back office): a chunk of its own.
  if (me.role === 'MISSION_OFFICER' && (path === '/referent/referents' || path.startsWith('/referent/referents/'))) return <Mission location={location} />;
  // « Statistiques » of the chargé de mission's network: a chunk of its own, Chart.js with it.
  if (me.role === 'MISSION_OFFICER' && path === '/referent/statistiques') return <Statistics location={location} />;
  if (path === '/referent/rendez-vous')
    return (
      <AppointmentsPage
        title="Entretiens de mes candidats"
        location={location}
        hrefOf={(a) => `/referent/candidatures/${a.application.id}`}
        who={(a) => `${personName(a.candidate)} — ${a.company.name}, ${a.offer?.title ?? 'candidature spontanée'}`}
      />
    );
  return <NotFound home="/referent" />;
}

function Mission({ location }: { location: Location }) {
  const chunk = useResource(() => import('./mission.js'), []);
  return <Loaded resource={chunk} label="Chargement…">{(m) => <m.default location={location} />}</Loaded>;
}

function Statistics({ location }: { location: Location }) {
  const chunk = useResource(() => import('../statistics.js'), []);
  return (
    <Loaded resource={chunk} label="Chargement…">
      {(m) => <m.default location={location} scopeLead="Les candidatures des candidats que suivent les référents de votre réseau." />}
    </Loaded>
  );
}

function Queue({ location, role }: { location: Location; role: Role }) {
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
      <ActivityFeed role={role} />
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

function Candidates({ me, location }: { me: SpaceProps['me']; location: Location }) {
  const q = location.query.get('q') ?? '';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const candidates = useResource(() => api.followedCandidates({ q: q || undefined, page, pageSize: 20 }), [q, page]);
  const referent = me.role === 'REFERENT';
  function search(event: Event) {
    event.preventDefault();
    navigate(withQuery(location, { q: String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim(), page: undefined }));
  }
  return (
    <Page
      title={referent ? 'Mes candidats' : 'Candidats suivis'}
      lead={referent ? 'Les personnes que vous accompagnez.' : 'Les personnes qu’accompagnent vos référents.'}
      actions={
        referent ? (
          <a class="button" href="/referent/candidats/nouveau">
            Créer un compte candidat
          </a>
        ) : undefined
      }
    >
      <form class="filters" role="search" aria-label="Rechercher un candidat" onSubmit={search} key={q}>
        <div class="field grow">
          <label for="cand-q">Nom, e-mail ou ville</label>
          <input id="cand-q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" class="secondary">
          Rechercher
        </button>
      </form>
      <Loaded resource={candidates} label="Chargement de vos candidats…">
        {(data) =>
          data.items.length ? (
            <>
              <div class="table-wrap">
                <table class="stack">
                  <caption>
                    {data.total} candidat{data.total > 1 ? 's' : ''}
                    {q ? ` pour « ${q} »` : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Candidat</th>
                      <th scope="col">E-mail</th>
                      <th scope="col">Ville</th>
                      <th scope="col">RQTH</th>
                      <th scope="col">Candidatures</th>
                      {!referent && <th scope="col">Référent</th>}
                      <th scope="col">Compte</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((c) => (
                      <tr key={c.id}>
                        <th scope="row">
                          <a href={`/referent/candidats/${c.id}`}>{personName(c)}</a>
                        </th>
                        <td data-label="E-mail">{c.email}</td>
                        <td data-label="Ville">{[c.postalCode, c.city].filter(Boolean).join(' ') || '—'}</td>
                        <td data-label="RQTH">{c.rqth ? 'Oui' : 'Non'}</td>
                        <td data-label="Candidatures">{c.applications}</td>
                        {!referent && <td data-label="Référent">{c.referent ? personName(c.referent) : '—'}</td>}
                        <td data-label="Compte">{c.accountActivated ? 'Activé' : 'En attente de première connexion'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>{q ? `Aucun candidat ne correspond à « ${q} ».` : 'Aucun candidat pour le moment.'}</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

const CANDIDATE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'postalCode', 'city'] as const;
type CandidateField = (typeof CANDIDATE_FIELDS)[number];

function NewCandidate() {
  const create = useForm({ id: 'c', fields: CANDIDATE_FIELDS });

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
  const input = (name: CandidateField, label: string, props: Record<string, unknown> = {}) => (
    <div class="field">
      <label for={`c-${name}`}>{label}</label>
      <input id={`c-${name}`} name={name} autoComplete="off" {...create.control(name)} {...props} />
      {create.message(name)}
    </div>
  );
  return (
    <Page title="Créer un compte candidat" lead="La personne reçoit un e-mail avec un mot de passe provisoire, qu’elle change à sa première connexion. Vous devenez son référent.">
      <p class="back">
        <a href="/referent/candidats">← Mes candidats</a>
      </p>
      <form class="card" onSubmit={submit} noValidate ref={create.ref}>
        <div class="grid-2">
          {input('firstName', 'Prénom (obligatoire)', { 'aria-required': 'true' })}
          {input('lastName', 'Nom (obligatoire)', { 'aria-required': 'true' })}
          {input('email', 'E-mail (obligatoire)', { type: 'email', 'aria-required': 'true' })}
          {input('phone', 'Téléphone', { type: 'tel' })}
          {input('postalCode', 'Code postal', { inputMode: 'numeric', maxLength: 5 })}
          {input('city', 'Ville')}
        </div>
        <label class="choice">
          <input type="checkbox" name="rqth" /> Reconnaissance de la qualité de travailleur handicapé (RQTH)
        </label>
        {create.summary()}
        <button {...create.submit}>
          {create.busy ? 'Création…' : 'Créer le compte'}
        </button>
      </form>
    </Page>
  );
}

function ReferentOfferPage({ id, me }: { id: string; me: SpaceProps['me'] }) {
  const [choosing, setChoosing] = useState(false);
  const offer = useResource(() => api.offer(id), [id]);
  return (
    <OfferReadPage
      id={id}
      back={{ href: '/referent/offres', label: 'Offres' }}
      more={
        me.role === 'REFERENT' && offer.data?.status === 'PUBLISHED' ? (
          <>
            <div class="actions">
              <button type="button" onClick={() => setChoosing(true)}>
                Postuler pour un candidat
              </button>
            </div>
            {choosing && <ApplyForWhomDialog offerId={id} onClose={() => setChoosing(false)} />}
          </>
        ) : undefined
      }
    />
  );
}

function CandidatePage({ id, me }: { id: string; me: SpaceProps['me'] }) {
  const candidate = useResource(() => api.followedCandidate(id), [id]);
  const sponsorships = useResource(() => api.sponsorships({ candidateId: id, status: 'all', pageSize: 50 }), [id]);
  const applications = useResource(() => api.applications({ candidateId: id, status: 'all', pageSize: 100 }), [id]);
  const details = useResource(
    async () => {
      const list = await api.applications({ candidateId: id, status: 'INTERVIEW_PROPOSED,INTERVIEW_DONE,HIRED,NOT_HIRED,ACCEPTED', pageSize: 100 });
      return Promise.all(list.items.map((a) => api.application(a.id)));
    },
    [id],
  );
  const c = candidate.data;
  return (
    <Page
      title={c ? personName(c) : 'Candidat'}
      lead={c?.email}
      actions={
        me.role === 'REFERENT' ? (
          <>
            <a class="button" href={`/referent/candidats/${id}/postuler`}>
              Postuler pour ce candidat
            </a>
            <a class="button secondary" href={`/referent/candidats/${id}/parrainage`}>
              Demander un parrainage
            </a>
          </>
        ) : undefined
      }
    >
      <p class="back">
        <a href="/referent/candidats">← Mes candidats</a>
      </p>
      <Loaded resource={candidate} label="Chargement du candidat…">
        {(c) => (
          <>
            <section aria-labelledby="cand-profile" class="card">
              <h2 id="cand-profile">Profil</h2>
              <dl class="facts">
                <dt>E-mail</dt>
                <dd>
                  <a href={`mailto:${c.email}`}>{c.email}</a>
                </dd>
                <dt>Téléphone</dt>
                <dd>{c.phone ?? '—'}</dd>
                <dt>Ville</dt>
                <dd>{[c.postalCode, c.city].filter(Boolean).join(' ') || '—'}</dd>
                <dt>RQTH</dt>
                <dd>{c.rqth ? 'Oui' : 'Non'}</dd>
                <dt>Compte</dt>
                <dd>{c.accountActivated ? 'Activé' : 'En attente de première connexion (mot de passe provisoire envoyé par e-mail)'}</dd>
                <dt>Référent</dt>
                <dd>{c.referent ? personName(c.referent) : '—'}</dd>
              </dl>
              <SendPasswordResetLink candidateId={c.id} name={personName(c)} />
            </section>
            <section aria-labelledby="cand-docs" class="card">
              <h2 id="cand-docs">Documents</h2>
              {c.documents.length ? (
                <ul>
                  {c.documents.map((d) => (
                    <li key={d.id}>
                      <a href={d.downloadUrl ?? undefined} download>
                        {d.filename}
                      </a>{' '}
                      <span class="muted">
                        ({d.kind === 'CV' ? 'CV' : d.kind === 'COVER_LETTER' ? 'lettre de motivation' : 'autre document'}, {Math.max(1, Math.round(d.sizeBytes / 1024))} Ko)
                      </span>
                      <br />
                      <DocumentTextStatus document={d} who="follower" />
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty>Pas encore de document : la personne les dépose depuis son espace candidat.</Empty>
              )}
            </section>
            <FollowedAccommodations candidateId={c.id} name={personName(c)} />
            <FollowedProfile candidateId={c.id} name={personName(c)} readOnly={me.role !== 'REFERENT'} />
          </>
        )}
      </Loaded>
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
      <section aria-labelledby="cand-sponsorships">
        <h2 id="cand-sponsorships">Demandes de parrainage</h2>
        <Loaded resource={sponsorships} label="Chargement des demandes de parrainage…">
          {(data) =>
            data.items.length ? (
              <ul class="cards">
                {data.items.map((s) => (
                  <li key={s.id} class="card">
                    <a href={`/referent/parrainages/${s.id}`}>{s.company.name}</a> <SponsorshipBadge status={s.status} />
                    <p class="muted">
                      Demandée le <DateTime iso={s.createdAt} date />
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>Aucune demande de parrainage.</Empty>
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
