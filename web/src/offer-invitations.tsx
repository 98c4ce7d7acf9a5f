// Invitations to apply (issue #18, item 5): the candidate's « Mes invitations » (each with « Voir
// l’offre » and « Décliner »), the invitation shown on the offer's page (« Postuler » is the page's own
// button, « Décliner » here), and the counts on the recruiter's offer page — counts only, never who.
import { de } from '../../workflows/glossary.js';
import { request } from './api.js';
import { DateTime, Empty, ErrorNote, Loaded, Page, announce, useAction, useResource } from './ui.js';

export type InvitationStatus = 'SENT' | 'DECLINED' | 'APPLIED';

export interface MyInvitation {
  offerId: string;
  status: InvitationStatus;
  sentAt: string;
  declinedAt: string | null;
  offer: { id: string; title: string; status: string; city: string; company: { id: string; name: string } };
}

export interface InvitationCounts {
  offerId: string;
  invited: number;
  pending: number;
  sent: number;
  declined: number;
  applied: number;
  skipped: number;
}

const myInvitations = () => request<{ items: MyInvitation[] }>('GET', '/me/invitations');
const decline = (offerId: string) => request<void>('POST', `/me/invitations/${offerId}/decline`, {});

/** Said in words, never by colour alone. */
const STATUS_TEXT: Record<InvitationStatus, string> = {
  SENT: 'Sans réponse de votre part',
  DECLINED: 'Déclinée',
  APPLIED: 'Vous avez candidaté',
};

function DeclineButton({ invitation, onDone }: { invitation: MyInvitation; onDone: () => void }) {
  const action = useAction();
  const run = () =>
    action.run(async () => {
      await decline(invitation.offerId);
      announce(`Invitation ${de(invitation.offer.company.name)} déclinée : l’entreprise n’en saura pas plus.`, true);
      onDone();
    });
  return (
    <>
      <button
        type="button"
        class="secondary"
        onClick={run}
        aria-describedby={`invitation-${invitation.offerId}`}
        {...(action.busy ? { 'aria-disabled': 'true' as const, 'aria-busy': 'true' as const } : {})}
      >
        Décliner
      </button>
      <ErrorNote error={action.error} />
    </>
  );
}

export function MyInvitationsPage() {
  const list = useResource(myInvitations, []);
  return (
    <Page
      title="Mes invitations"
      lead="Votre profil dans la CVthèque correspond à une de leurs offres : ces entreprises vous invitent à y candidater. Vous êtes libre de candidater ou non."
    >
      <Loaded resource={list} label="Chargement des invitations…">
        {(data) =>
          data.items.length ? (
            <ul class="cards">
              {data.items.map((i) => (
                <li class="card" key={i.offerId} aria-labelledby={`invitation-${i.offerId}`}>
                  <h2 id={`invitation-${i.offerId}`}>
                    {i.offer.title} — {i.offer.company.name}
                  </h2>
                  <p>
                    {i.offer.city} · reçue le <DateTime iso={i.sentAt} date /> · <strong>{STATUS_TEXT[i.status]}</strong>
                    {i.offer.status !== 'PUBLISHED' && ' · l’offre n’est plus en ligne'}
                  </p>
                  <div class="actions">
                    <a class="button" href={`/candidat/offres/${i.offerId}`} aria-describedby={`invitation-${i.offerId}`}>
                      Voir l’offre
                    </a>
                    {i.status === 'SENT' && <DeclineButton invitation={i} onDone={() => void list.reload()} />}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Aucune invitation pour l’instant.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

/** On the candidate's page of an offer: the invitation to it, if any, with « Décliner ». */
export function InvitationNote({ offerId }: { offerId: string }) {
  const list = useResource(myInvitations, [offerId]);
  const invitation = list.data?.items.find((i) => i.offerId === offerId);
  if (!invitation) return null;
  return (
    <section class="card" aria-labelledby={`invitation-${offerId}`}>
      <h2 id={`invitation-${offerId}`}>{invitation.offer.company.name} vous invite à candidater</h2>
      {invitation.status === 'SENT' ? (
        <>
          <p>Vous êtes libre de candidater ou non. Décliner dit seulement à l’entreprise que l’offre ne vous intéresse pas.</p>
          <div class="actions">
            <DeclineButton invitation={invitation} onDone={() => void list.reload()} />
          </div>
        </>
      ) : (
        <p>{STATUS_TEXT[invitation.status]}.</p>
      )}
    </section>
  );
}

/** On the recruiter's offer page: how many were invited and what became of them, in numbers only. */
export function InvitationCountsSection({ offerId }: { offerId: string }) {
  const counts = useResource(() => request<InvitationCounts>('GET', `/offers/${offerId}/invitations`), [offerId]);
  return (
    <section class="card" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations à candidater</h2>
      <Loaded resource={counts} label="Chargement des invitations…">
        {(c) =>
          c.invited === 0 ? (
            <p>Aucun candidat invité pour l’instant. Invitez des profils de la CVthèque depuis la liste des candidats correspondant à l’offre.</p>
          ) : (
            <dl class="facts">
              <dt>Invités</dt>
              <dd>{c.invited}</dd>
              <dt>En attente d’envoi</dt>
              <dd>{c.pending}</dd>
              <dt>Invitation reçue, sans réponse</dt>
              <dd>{c.sent}</dd>
              <dt>Ont candidaté</dt>
              <dd>{c.applied}</dd>
              <dt>Ont décliné</dt>
              <dd>{c.declined}</dd>
              <dt>Non envoyées (profil retiré, offre close ou déjà candidat)</dt>
              <dd>{c.skipped}</dd>
            </dl>
          )
        }
      </Loaded>
    </section>
  );
}
