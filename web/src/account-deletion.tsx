// « Supprimer mon compte »: what deleting one's account does, a confirmation dialog that opens on the
// safe choice, then the scheduled date and « Annuler la suppression » until it is carried out. The
// deletion itself is the server's (accountDeletionWorkflow): this only asks for it and shows it.
import { useState } from 'preact/hooks';
import type { AccountDeletionView } from '../../workflows/account-deletion-rules.js';
import { request, type Me } from './api.js';
import { announce, Dialog, DialogButtons, ErrorNote, formatDateTime, Loaded, submitProps, useAction, useResource } from './ui.js';

type Answer = { deletion: AccountDeletionView | null };

const deletionApi = {
  get: () => request<Answer>('GET', '/me/deletion'),
  schedule: () => request<Answer>('DELETE', '/me'),
  cancel: () => request<Answer>('POST', '/me/deletion/cancel', {}),
};

/** What is deleted, and what stays (in the words of the mails). */
function consequences(role: Me['role']) {
  return (
    <ul>
      {role === 'CANDIDATE' && <li>vos candidatures en cours seront retirées, et vos demandes de parrainage en attente aussi ;</li>}
      {role === 'CANDIDATE' && <li>vos documents (CV, lettres) seront supprimés ;</li>}
      <li>votre nom, votre adresse e-mail, votre téléphone et votre profil seront effacés, et vous ne pourrez plus vous connecter ;</li>
      {role === 'RECRUITER' && <li>votre entreprise et ses offres restent en ligne pour vos collègues ;</li>}
      <li>l’historique des dossiers reste, pour les personnes concernées, au nom de « Compte supprimé ».</li>
    </ul>
  );
}

export function AccountDeletion({ me }: { me: Me }) {
  const state = useResource(deletionApi.get, []);
  const [confirming, setConfirming] = useState(false);
  const cancel = useAction();

  async function cancelDeletion() {
    const answer = await cancel.run(deletionApi.cancel);
    if (answer) {
      state.set(answer);
      announce('La suppression de votre compte est annulée.');
    }
  }

  return (
    <section class="card narrow" aria-labelledby="account-deletion-title">
      <h2 id="account-deletion-title">Supprimer mon compte</h2>
      <Loaded resource={state} label="Chargement de l’état de votre compte…">
        {({ deletion }) =>
          deletion?.status === 'SCHEDULED' || deletion?.status === 'IN_PROGRESS' ? (
            <>
              <p data-return-focus tabIndex={-1}>
                {deletion.status === 'SCHEDULED' ? (
                  <>
                    La suppression de votre compte est programmée pour le <strong>{formatDateTime(deletion.dueAt)}</strong>. D’ici là, votre compte reste ouvert et vous pouvez
                    l’annuler.
                  </>
                ) : (
                  'La suppression de votre compte est en cours.'
                )}
              </p>
              {deletion.status === 'SCHEDULED' && (
                <>
                  <ErrorNote error={cancel.error} id="cancel-deletion-error" />
                  <button type="button" aria-disabled={cancel.busy ? 'true' : undefined} aria-busy={cancel.busy ? 'true' : undefined} onClick={cancelDeletion} aria-describedby="cancel-deletion-error">
                    {cancel.busy ? 'Annulation…' : 'Annuler la suppression'}
                  </button>
                </>
              )}
            </>
          ) : (
            <>
              {deletion?.status === 'CANCELLED' && deletion.reason && <p class="hint">La dernière suppression demandée n’a pas pu avoir lieu : {deletion.reason}</p>}
              <p>Vous pouvez demander la suppression de votre compte. Elle a lieu 30 jours plus tard ; jusque-là, vous pouvez l’annuler. Ce jour-là :</p>
              {consequences(me.role)}
              <button type="button" class="danger" onClick={() => setConfirming(true)}>
                Supprimer mon compte…
              </button>
            </>
          )
        }
      </Loaded>
      {confirming && (
        <ConfirmDeletion
          role={me.role}
          onClose={() => setConfirming(false)}
          onScheduled={(answer) => {
            setConfirming(false);
            state.set(answer);
            announce(`La suppression de votre compte est programmée pour le ${formatDateTime(answer.deletion!.dueAt)}.`);
          }}
        />
      )}
    </section>
  );
}

function ConfirmDeletion({ role, onClose, onScheduled }: { role: Me['role']; onClose: () => void; onScheduled: (answer: Answer) => void }) {
  const { busy, error, run } = useAction();
  async function confirm(event: Event) {
    event.preventDefault();
    const answer = await run(deletionApi.schedule);
    if (answer) onScheduled(answer);
  }
  return (
    <Dialog title="Supprimer votre compte ?" onClose={onClose}>
      <form onSubmit={confirm}>
        <div id="delete-account-help">
          <p>La suppression aura lieu dans 30 jours ; vous recevrez un e-mail avec sa date, et vous pourrez l’annuler d’ici là. Ce jour-là :</p>
          {consequences(role)}
        </div>
        <ErrorNote error={error} id="delete-account-error" />
        <DialogButtons onCancel={onClose} cancelLabel="Non, garder mon compte">
          <button {...submitProps(busy)} class="danger" aria-describedby="delete-account-help delete-account-error">
            {busy ? 'Demande en cours…' : 'Oui, supprimer mon compte'}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
