// A référent (or their mission officer) sends their candidate a link to choose a new password — the
// same link as « Mot de passe oublié ? », whose mail says who sent it.
import { request } from '../api.js';
import { announce, Dialog, DialogButtons, ErrorNote, submitProps, useAction } from '../ui.js';
import { useState } from 'preact/hooks';

export function SendPasswordResetLink({ candidateId, name }: { candidateId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  async function send(event: Event) {
    event.preventDefault();
    const answer = await run(() => request<{ message: string }>('POST', `/referent/candidates/${candidateId}/password-reset`));
    if (answer) {
      setSent(answer.message);
      setOpen(false);
      announce(answer.message);
    }
  }
  return (
    <div class="actions">
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        Envoyer un lien pour changer de mot de passe
      </button>
      {sent && (
        <p class="success" data-return-focus tabIndex={-1}>
          {sent}
        </p>
      )}
      {open && (
        <Dialog title="Envoyer un lien de mot de passe" onClose={() => setOpen(false)}>
          <form onSubmit={send}>
            <p>
              {name} recevra par e-mail un lien pour choisir un nouveau mot de passe, valable pour une durée limitée et une seule fois. Le message dira que vous l’avez envoyé. Son mot de passe actuel reste valable jusqu’à ce qu’un nouveau soit choisi.
            </p>
            <ErrorNote error={error} />
            <DialogButtons onCancel={() => setOpen(false)}>
              <button {...submitProps(busy)}>{busy ? 'Envoi…' : 'Envoyer le lien'}</button>
            </DialogButtons>
          </form>
        </Dialog>
      )}
    </div>
  );
}
