// Anonymous applications (issue #19, seed 002) on the application page: what the anonymity means to the
// reader, and the company's dialog to lift it — the commitment to contact the person, now or later.
import { useState } from 'preact/hooks';
import { CONTACT_STATE_LABEL } from '../../workflows/application-rules.js';
import { api, type Application, type Me } from './api.js';
import { useForm } from './forms.js';
import { DateTime, Dialog, DialogButtons } from './ui.js';

const personName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;

/** Where the anonymity stands, said to each reader: the company, or the candidate's side. */
export function AnonymityNote({ app, me }: { app: Application; me: Pick<Me, 'role'> }) {
  const { anonymity } = app;
  if (!anonymity.anonymous) return null;
  const company = me.role === 'RECRUITER';
  if (!anonymity.identityShared) {
    return (
      <p class="note anonymity" role="note">
        <strong>Candidature anonyme.</strong>{' '}
        {company
          ? `Vous lisez cette candidature sous le nom « ${app.candidate.firstName} ${app.candidate.lastName} », sans nom, coordonnées ni nom de document. Pour contacter la personne, levez l’anonymat : vous vous engagez alors à la contacter.`
          : `${app.company.name} lit cette candidature sans le nom ni les coordonnées de la personne (« ${anonymity.companyReadsAs} ») tant qu’elle n’a pas levé l’anonymat.`}
      </p>
    );
  }
  return (
    <p class="note anonymity" role="note">
      <strong>{company ? 'Anonymat levé' : `Identité communiquée à ${app.company.name}`}</strong>
      {anonymity.identitySharedAt && (
        <>
          {' '}
          le <DateTime iso={anonymity.identitySharedAt} />
        </>
      )}
      {anonymity.identitySharedBy && ` par ${personName(anonymity.identitySharedBy)}`}
      {anonymity.contactStage && <> — {company ? 'personne' : 'contact'} : {CONTACT_STATE_LABEL[anonymity.contactStage]}.</>}
    </p>
  );
}

/** Seed 002's dialog: « Je m’engage à contacter ce candidat », then now or later. */
export function LiftAnonymityDialog({ app, onClose, onDone, reload }: { app: Application; onClose: () => void; onDone: (a: Application) => void; reload: () => Promise<void> }) {
  const { busy, run, ...form } = useForm({ id: 'lift', fields: ['commitment', 'contactNow'] });
  const [commitment, setCommitment] = useState(false);
  const [when, setWhen] = useState<'now' | 'later' | ''>('');

  async function submit(event: Event) {
    event.preventDefault();
    // Sent as chosen: the rules say, under each field, what is missing (one place for the reasons).
    const next = await run(() =>
      api.transition(app.id, { action: 'lift_anonymity', commitment, ...(when ? { contactNow: when === 'now' } : {}) }),
    );
    if (next) onDone(next);
    else void reload();
  }

  return (
    <Dialog title="Contacter le candidat" onClose={onClose}>
      <form onSubmit={submit} noValidate ref={form.ref}>
        <p id="lift-help">
          Lever l’anonymat affiche le nom, l’adresse e-mail et le téléphone de la personne, pour vous et vos collègues. La personne et son référent en
          sont informés. Vous vous engagez à la contacter : c’est la promesse faite aux candidats qui postulent anonymement.
        </p>
        <div class="field">
          <label class="choice" for="lift-commitment">
            <input
              type="checkbox"
              id="lift-commitment"
              checked={commitment}
              onChange={(e) => setCommitment((e.currentTarget as HTMLInputElement).checked)}
              aria-required="true"
              {...form.control('commitment', 'lift-help')}
            />
            Je m’engage à contacter ce candidat
          </label>
          {form.message('commitment')}
        </div>
        <fieldset class="field" aria-describedby="lift-contactNow-error">
          <legend>Quand le contactez-vous ? (obligatoire)</legend>
          <label class="choice">
            <input type="radio" name="contactNow" value="now" checked={when === 'now'} onChange={() => setWhen('now')} aria-invalid={form.control('contactNow')['aria-invalid']} />{' '}
            Maintenant (la personne passe à « contacté·e »)
          </label>
          <label class="choice">
            <input type="radio" name="contactNow" value="later" checked={when === 'later'} onChange={() => setWhen('later')} aria-invalid={form.control('contactNow')['aria-invalid']} />{' '}
            Plus tard (la personne passe à « à contacter » ; un rappel vous sera envoyé)
          </label>
          {form.message('contactNow')}
        </fieldset>
        {form.summary()}
        <DialogButtons onCancel={onClose}>
          <button {...form.submit}>{busy ? 'Envoi…' : 'Lever l’anonymat'}</button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
