// Choosing one's own password: required first for a temporary one (an invited colleague), possible
// any time at /mot-de-passe.
import { api } from './api.js';
import { fieldRefusal, useForm } from './forms.js';
import { NewPasswordFields } from './password-checklist.js';
import type { SpaceProps } from './main.js';
import { navigate } from './router.js';
import { Page, announce } from './ui.js';

export default function AccountPage({ me, onMeChange }: SpaceProps) {
  const change = useForm({ id: 'password', fields: ['currentPassword', 'newPassword', 'confirmPassword'] });
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const current = String(form.get('currentPassword') ?? '');
    const next = String(form.get('newPassword') ?? '');
    const confirm = String(form.get('confirmPassword') ?? '');
    const updated = await change.run(async () => {
      if (next !== confirm) throw fieldRefusal('confirmPassword', 'Les deux nouveaux mots de passe ne sont pas identiques.');
      return api.changePassword(current, next);
    });
    if (updated) {
      announce('Votre mot de passe est enregistré.', true);
      onMeChange(updated);
      navigate('/');
    }
  }
  return (
    <Page
      title="Choisir mon mot de passe"
      lead={me.mustChangePassword ? 'Votre mot de passe actuel est provisoire : choisissez le vôtre pour accéder à votre espace.' : undefined}
    >
      <form class="card narrow" onSubmit={submit} noValidate ref={change.ref}>
        <div class="field">
          <label for="currentPassword">{me.mustChangePassword ? 'Mot de passe provisoire (reçu par e-mail)' : 'Mot de passe actuel'}</label>
          <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" aria-required="true" {...change.control('currentPassword')} />
          {change.message('currentPassword')}
        </div>
        <NewPasswordFields form={change} name="newPassword" confirmName="confirmPassword" label="Nouveau mot de passe" />
        {change.summary()}
        <button {...change.submit}>Enregistrer mon mot de passe</button>
      </form>
    </Page>
  );
}
