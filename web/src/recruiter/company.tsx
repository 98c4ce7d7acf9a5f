// The company side: sponsorship requests (accept with a sponsor, refuse with a comment) and colleagues
// (list, invite).
import { useState } from 'preact/hooks';
import { de } from '../../../workflows/glossary.js';
import { api, type Me, type Sponsorship } from '../api.js';
import { personName } from '../applications.js';
import { sponsorshipMessageReaders } from '../readers.js';
import { SponsorshipBadge, SponsorshipDetail } from '../sponsorship-view.js';
import { withQuery, type Location } from '../router.js';
import { Inaccessible, isMissing } from '../not-found.js';
import { useForm } from '../forms.js';
import { announce, DateTime, daysAgo, Dialog, DialogButtons, Empty, ErrorNote, Loaded, Page, Pager, useAction, useResource } from '../ui.js';

export function SponsorshipsPage({ location }: { location: Location }) {
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const list = useResource(() => api.sponsorships({ status: 'all', page, pageSize: 20 }), [page]);
  return (
    <Page title="Demandes de parrainage" lead="Des candidats et leurs référents demandent un parrain dans votre entreprise ; les demandes en attente d’abord.">
      <Loaded resource={list} label="Chargement des demandes…">
        {(data) =>
          data.items.length ? (
            <>
              <div class="table-wrap">
                <table class="stack">
                  <caption>
                    {data.total} demande{data.total > 1 ? 's' : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Candidat</th>
                      <th scope="col">Référent</th>
                      <th scope="col">Statut</th>
                      <th scope="col">Reçue le</th>
                      <th scope="col">Parrain</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          <a href={`/recruteur/parrainages/${s.id}`}>{personName(s.candidate)}</a>
                        </th>
                        <td data-label="Référent">{s.referent ? personName(s.referent) : '—'}</td>
                        <td data-label="Statut">
                          <SponsorshipBadge status={s.status} />
                          {s.status === 'PENDING' && <span class="muted"> {daysAgo(s.waitingDays)}</span>}
                        </td>
                        <td data-label="Reçue le">
                          <DateTime iso={s.createdAt} date />
                        </td>
                        <td data-label="Parrain">{s.sponsor ? personName(s.sponsor) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>Aucune demande de parrainage pour le moment.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

export function SponsorshipPage({ id, me }: { id: string; me: Me }) {
  const resource = useResource(() => api.sponsorship(id), [id]);
  const [dialog, setDialog] = useState<'accept' | 'refuse' | null>(null);
  if (isMissing(resource.error) && !resource.data) return <Inaccessible what="Demande de parrainage" back={{ href: '/recruteur/parrainages', label: 'Demandes de parrainage' }} />;
  return (
    <Page title={resource.data ? `Demande de parrainage ${de(personName(resource.data.candidate))}` : 'Demande de parrainage'}>
      <p class="back">
        <a href="/recruteur/parrainages">← Demandes de parrainage</a>
      </p>
      <Loaded resource={resource} label="Chargement de la demande…">
        {(s) => (
          <>
            <section class="card" aria-labelledby="sp-status">
              <h2 id="sp-status">Statut</h2>
              <p data-return-focus tabIndex={-1}>
                <SponsorshipBadge status={s.status} />
              </p>
              {s.allowedActions.length > 0 && (
                <div class="actions" role="group" aria-label="Répondre à la demande">
                  {s.allowedActions.includes('accept') && (
                    <button type="button" onClick={() => setDialog('accept')}>
                      Accepter et choisir un parrain
                    </button>
                  )}
                  {s.allowedActions.includes('refuse') && (
                    <button type="button" class="danger" onClick={() => setDialog('refuse')}>
                      Refuser la demande
                    </button>
                  )}
                </div>
              )}
            </section>
            {dialog && (
              <SponsorshipDialog
                sponsorship={s}
                me={me}
                action={dialog}
                onClose={() => setDialog(null)}
                onDone={(next) => {
                  resource.set(next);
                  setDialog(null);
                  announce(next.status === 'ACCEPTED' ? 'Demande acceptée : la personne qui parraine en est informée.' : 'Demande refusée.');
                }}
              />
            )}
            <section class="card" aria-labelledby="sp-details">
              <h2 id="sp-details">La demande</h2>
              <SponsorshipDetail sponsorship={s} />
            </section>
          </>
        )}
      </Loaded>
    </Page>
  );
}

function SponsorshipDialog({
  sponsorship,
  me,
  action,
  onClose,
  onDone,
}: {
  sponsorship: Sponsorship;
  me: Me;
  action: 'accept' | 'refuse';
  onClose: () => void;
  onDone: (s: Sponsorship) => void;
}) {
  const answer = useForm({ id: 'sponsorship', fields: ['sponsorUserId', 'comment'] });
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next = await answer.run(() =>
      api.sponsorshipTransition(
        sponsorship.id,
        action === 'accept' ? { action, sponsorUserId: String(form.get('sponsor') ?? '') } : { action, comment: String(form.get('comment') ?? '') },
      ),
    );
    if (next) onDone(next);
  }
  // The one who accepts sponsors by default (first in the list, « vous »); a colleague is one choice away.
  const eligible = sponsorship.eligibleSponsors ?? [];
  const sponsors = [...eligible.filter((p) => p.id === me.id), ...eligible.filter((p) => p.id !== me.id)];
  return (
    <Dialog title={action === 'accept' ? 'Accepter la demande de parrainage' : 'Refuser la demande de parrainage'} onClose={onClose}>
      <form onSubmit={submit} noValidate ref={answer.ref}>
        {action === 'accept' ? (
          <div class="field">
            <label for="sponsor">Parrain</label>
            <select id="sponsor" name="sponsor" {...answer.control('sponsorUserId')}>
              {sponsors.map((p) => (
                <option key={p.id} value={p.id}>
                  {personName(p)}
                  {p.id === me.id ? ' (vous)' : ''}
                  {p.jobTitle ? ` — ${p.jobTitle}` : ''}
                </option>
              ))}
            </select>
            {answer.message('sponsorUserId')}
          </div>
        ) : (
          <div class="field">
            <label for="comment">Commentaire (obligatoire)</label>
            <textarea id="comment" name="comment" rows={4} aria-required="true" {...answer.control('comment', 'comment-hint')} />
            <p class="hint" id="comment-hint">
              {sponsorshipMessageReaders('refuse', { companyName: sponsorship.company.name, referent: sponsorship.referent, candidate: sponsorship.candidate }, me)}
            </p>
            {answer.message('comment')}
          </div>
        )}
        {answer.summary()}
        <DialogButtons onCancel={onClose}>
          <button {...answer.submit} class={action === 'refuse' ? 'danger' : undefined}>
            {action === 'accept' ? 'Accepter' : 'Refuser'}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

export function ColleaguesPage({ me }: { me: Me }) {
  const list = useResource(() => api.colleagues(), []);
  const invite = useForm({ id: 'invite', fields: ['firstName', 'lastName', 'email', 'jobTitle', 'phone'] });
  const [formKey, setFormKey] = useState(0);
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    const created = await invite.run(() =>
      api.inviteColleague({
        firstName: value('firstName'),
        lastName: value('lastName'),
        email: value('email'),
        jobTitle: value('jobTitle') || null,
        phone: value('phone') || null,
      }),
    );
    if (created) {
      announce(`Invitation envoyée à ${personName(created)} : un mot de passe provisoire part par e-mail à ${created.email}.`);
      setFormKey((k) => k + 1);
      void list.reload();
    }
  }
  return (
    <Page title="Collègues" lead={`Les recruteurs ${me.company ? de(me.company.name) : 'de votre entreprise'} sur Tremplin.`}>
      <section aria-labelledby="colleagues-title">
        <h2 id="colleagues-title">Recruteurs de l’entreprise</h2>
        <Loaded resource={list} label="Chargement des collègues…">
          {(data) =>
            data.items.length ? (
              <ul class="cards">
                {data.items.map((c) => (
                  <li key={c.id} class="card">
                    <p>
                      <strong>{personName(c)}</strong>
                      {c.jobTitle ? `, ${c.jobTitle}` : ''}
                      {c.id === me.id ? ' (vous)' : ''}
                    </p>
                    <p>
                      <a href={`mailto:${c.email}`}>{c.email}</a>
                      {c.phone ? ` — ${c.phone}` : ''}
                    </p>
                    {c.mustChangePassword && <p class="muted">Invitation envoyée, pas encore de première connexion.</p>}
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>Aucun collègue pour le moment.</Empty>
            )
          }
        </Loaded>
      </section>
      <section aria-labelledby="invite-title" class="card">
        <h2 id="invite-title">Inviter un collègue</h2>
        <p>Votre collègue reçoit un e-mail avec un mot de passe provisoire, qu’il choisit à nouveau à sa première connexion.</p>
        <form key={formKey} onSubmit={submit} noValidate ref={invite.ref}>
          <div class="grid-2">
            <div class="field">
              <label for="inv-first">Prénom (obligatoire)</label>
              <input id="inv-first" name="firstName" autoComplete="off" aria-required="true" {...invite.control('firstName')} />
              {invite.message('firstName')}
            </div>
            <div class="field">
              <label for="inv-last">Nom (obligatoire)</label>
              <input id="inv-last" name="lastName" autoComplete="off" aria-required="true" {...invite.control('lastName')} />
              {invite.message('lastName')}
            </div>
            <div class="field">
              <label for="inv-email">E-mail professionnel (obligatoire)</label>
              <input id="inv-email" name="email" type="email" autoComplete="off" aria-required="true" {...invite.control('email')} />
              {invite.message('email')}
            </div>
            <div class="field">
              <label for="inv-job">Poste</label>
              <input id="inv-job" name="jobTitle" autoComplete="off" {...invite.control('jobTitle')} />
              {invite.message('jobTitle')}
            </div>
            <div class="field">
              <label for="inv-phone">Téléphone</label>
              <input id="inv-phone" name="phone" type="tel" autoComplete="off" {...invite.control('phone')} />
              {invite.message('phone')}
            </div>
          </div>
          {invite.summary()}
          <button {...invite.submit}>
            {invite.busy ? 'Envoi…' : 'Inviter ce collègue'}
          </button>
        </form>
      </section>
    </Page>
  );
}
