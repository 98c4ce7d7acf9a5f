// « Mot de passe oublié ? » (/mot-de-passe-oublie) and the page a reset link opens (/reinitialiser?token=…):
// a chunk of their own. The first says the same thing whatever the address (the API's message); the
// second sets the new password with the rule's live checklist, and says plainly when a link expired or
// was already used, with the way to ask for another one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from './api.js';
import { fieldRefusal, useForm } from './forms.js';
import { FORGOT_PASSWORD_PATH } from './links.js';
import { NewPasswordFields } from './password-checklist.js';
import { Page, announce } from './ui.js';
import './self-service.css';

/** A heading that takes the focus when it appears (the page's content changed in place). */
function useFocusOn(flag: unknown) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (flag) ref.current?.focus();
  }, [flag]);
  return ref;
}

export function ForgotPassword() {
  const send = useForm({ id: 'forgot', fields: ['email'] });
  const [sent, setSent] = useState<string | null>(null);
  const heading = useFocusOn(sent);

  async function submit(event: Event) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get('email') ?? '').trim();
    const answer = await send.run(() => request<{ message: string }>('POST', '/auth/password-reset', { email }));
    if (answer) {
      setSent(answer.message);
      announce('Demande envoyée : consultez votre boîte e-mail.');
    }
  }

  return (
    <Page title="Mot de passe oublié" lead="Indiquez l’adresse e-mail de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.">
      {sent ? (
        <section class="card narrow" aria-labelledby="forgot-sent">
          <h2 id="forgot-sent" ref={heading} tabIndex={-1}>
            Consultez votre boîte e-mail
          </h2>
          <p>{sent}</p>
          <p>
            <a href="/connexion">Revenir à la connexion</a>
          </p>
        </section>
      ) : (
        <form class="card narrow" onSubmit={submit} noValidate ref={send.ref}>
          <div class="field">
            <label for="email">Adresse e-mail</label>
            <input id="email" name="email" type="email" autoComplete="email" aria-required="true" {...send.control('email')} />
            {send.message('email')}
          </div>
          {send.summary()}
          <button {...send.submit}>{send.busy ? 'Envoi…' : 'Recevoir un lien'}</button>
        </form>
      )}
      {!sent && (
        <p>
          <a href="/connexion">Revenir à la connexion</a>
        </p>
      )}
    </Page>
  );
}

/** The link's problem as the API says it (details.token), or null. */
function linkProblem(details: Record<string, unknown> | undefined): 'INVALID' | 'USED' | 'EXPIRED' | null {
  const token = details?.token;
  return token === 'INVALID' || token === 'USED' || token === 'EXPIRED' ? token : null;
}

const PROBLEM_TITLE = { INVALID: 'Ce lien ne fonctionne pas', USED: 'Ce lien a déjà servi', EXPIRED: 'Ce lien a expiré' } as const;

export function ResetPassword() {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const send = useForm({ id: 'reset', fields: ['password'] });
  const [done, setDone] = useState<string | null>(null);
  const problem = token ? linkProblem(send.error?.details) : 'INVALID';
  const heading = useFocusOn(done ?? (send.error && problem));

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const answer = await send.run(async () => {
      if (String(form.get('password')) !== String(form.get('confirm'))) throw fieldRefusal('password', 'Les deux mots de passe ne sont pas identiques.');
      return request<{ message: string }>('POST', '/auth/password-reset/confirm', { token, password: String(form.get('password') ?? '') });
    });
    if (answer) {
      setDone(answer.message);
      announce('Mot de passe changé.');
    }
  }

  if (done) {
    return (
      <Page title="Nouveau mot de passe">
        <section class="card narrow" aria-labelledby="reset-done">
          <h2 id="reset-done" ref={heading} tabIndex={-1}>
            Mot de passe changé
          </h2>
          <p>{done}</p>
          <p>Vos autres sessions ouvertes ont été fermées, et un e-mail vous confirme le changement.</p>
          <p>
            <a href="/connexion">Se connecter</a>
          </p>
        </section>
      </Page>
    );
  }
  if (problem) {
    return (
      <Page title="Nouveau mot de passe">
        <section class="card narrow" aria-labelledby="reset-problem">
          <h2 id="reset-problem" ref={heading} tabIndex={-1}>
            {PROBLEM_TITLE[problem]}
          </h2>
          <p>
            {problem === 'EXPIRED'
              ? 'Un lien de réinitialisation ne fonctionne que pendant une durée limitée, pour votre sécurité.'
              : problem === 'USED'
                ? 'Un lien de réinitialisation ne sert qu’une fois : votre mot de passe a déjà été changé avec celui-ci, ou un lien plus récent l’a remplacé.'
                : 'Le lien est peut-être incomplet : copiez l’adresse complète reçue par e-mail dans votre navigateur.'}{' '}
            Vous pouvez demander un nouveau lien.
          </p>
          <p>
            <a href={FORGOT_PASSWORD_PATH}>Demander un nouveau lien</a>
          </p>
        </section>
      </Page>
    );
  }
  return (
    <Page title="Nouveau mot de passe" lead="Choisissez le nouveau mot de passe de votre compte Tremplin.">
      <form class="card narrow" onSubmit={submit} noValidate ref={send.ref}>
        <NewPasswordFields form={send} name="password" confirmName="confirm" label="Nouveau mot de passe" />
        {send.summary()}
        <button {...send.submit}>{send.busy ? 'Enregistrement…' : 'Enregistrer le nouveau mot de passe'}</button>
      </form>
    </Page>
  );
}
