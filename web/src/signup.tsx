// Recruiter sign-up (/inscription), for people not signed in: a chunk of its own, loaded only here.
// After the request, the page says what the API says, and only that: whether the address already had
// an account is never told here (the mail received says it).
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from './api.js';
import { fieldRefusal, useForm } from './forms.js';
import { Page, announce } from './ui.js';

const FIELDS = [
  'company.number',
  'company.name',
  'company.sector',
  'company.size',
  'company.address',
  'company.postalCode',
  'company.city',
  'user.firstName',
  'user.lastName',
  'user.jobTitle',
  'user.phone',
  'user.email',
  'user.password',
] as const;
type Field = (typeof FIELDS)[number];

const SIZES = ['1-9', '10-49', '50-249', '250-999', '1000+'];

export default function SignUp() {
  // The SIREN and the SIRET share one field.
  const send = useForm({ id: 'signup', fields: FIELDS, alias: { 'company.siren': 'company.number', 'company.siret': 'company.number' } });
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: Field | 'confirm') => String(form.get(k) ?? '').trim();
    const number = value('company.number').replace(/[\s.-]/g, '');
    const answer = await send.run(async () => {
      if (String(form.get('user.password')) !== String(form.get('confirm'))) {
        throw fieldRefusal('user.password', 'Les deux mots de passe ne sont pas identiques.');
      }
      return request<{ message: string }>('POST', '/auth/register-recruiter', {
        company: {
          ...(number.length === 14 ? { siret: number } : { siren: number }),
          name: value('company.name'),
          sector: value('company.sector'),
          size: value('company.size'),
          address: value('company.address'),
          postalCode: value('company.postalCode'),
          city: value('company.city'),
        },
        user: {
          firstName: value('user.firstName'),
          lastName: value('user.lastName'),
          jobTitle: value('user.jobTitle'),
          phone: value('user.phone'),
          email: value('user.email'),
          password: String(form.get('user.password') ?? ''),
        },
      });
    });
    if (answer) {
      setDone(answer.message);
      announce('Demande d’inscription envoyée : consultez votre boîte e-mail.');
    }
  }

  if (done) {
    return (
      <Page title="Inscription d’un recruteur">
        <section class="card narrow" aria-labelledby="signup-done">
          <h2 id="signup-done" ref={doneRef} tabIndex={-1}>
            Consultez votre boîte e-mail
          </h2>
          <p>{done}</p>
          <p>Rien reçu d’ici quelques minutes ? Vérifiez vos courriers indésirables.</p>
          <p>
            <a href="/connexion">Aller à la page de connexion</a>
          </p>
        </section>
      </Page>
    );
  }

  const input = (name: Field, label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <div class="field">
      <label for={name}>{label}</label>
      <input
        id={name}
        name={name}
        aria-required="true"
        {...send.control(name, hint ? `${name}-hint` : undefined)}
        {...props}
      />
      {hint && (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {send.message(name)}
    </div>
  );
  return (
    <Page
      title="Inscription d’un recruteur"
      lead="Inscrivez votre entreprise, ou demandez à rejoindre celle de vos collègues si elle est déjà sur Tremplin. Votre compte est activé une fois votre adresse e-mail confirmée et votre entreprise vérifiée par l’équipe de la plateforme. Tous les champs sont obligatoires."
    >
      <form class="card" onSubmit={submit} noValidate ref={send.ref}>
        <fieldset>
          <legend>Votre entreprise</legend>
          <div class="grid-2">
            {input('company.number', 'Numéro SIREN ou SIRET', { inputMode: 'numeric', autoComplete: 'off' }, '9 chiffres (SIREN) ou 14 chiffres (SIRET), espaces acceptés.')}
            {input('company.name', 'Raison sociale', { autoComplete: 'organization' })}
            {input('company.sector', 'Secteur d’activité')}
            <div class="field">
              <label for="company.size">Effectif</label>
              <select id="company.size" name="company.size" aria-required="true" {...send.control('company.size')}>
                {SIZES.map((size) => (
                  <option value={size}>{size} salariés</option>
                ))}
              </select>
              {send.message('company.size')}
            </div>
            {input('company.address', 'Adresse', { autoComplete: 'street-address' })}
            {input('company.postalCode', 'Code postal', { inputMode: 'numeric', maxLength: 5, autoComplete: 'postal-code' })}
            {input('company.city', 'Ville', { autoComplete: 'address-level2' })}
          </div>
        </fieldset>
        <fieldset>
          <legend>Vous</legend>
          <div class="grid-2">
            {input('user.firstName', 'Prénom', { autoComplete: 'given-name' })}
            {input('user.lastName', 'Nom', { autoComplete: 'family-name' })}
            {input('user.jobTitle', 'Fonction', { autoComplete: 'organization-title' })}
            {input('user.phone', 'Téléphone professionnel', { type: 'tel', autoComplete: 'tel' })}
            {input('user.email', 'Adresse e-mail professionnelle', { type: 'email', autoComplete: 'email' })}
            {input('user.password', 'Mot de passe', { type: 'password', autoComplete: 'new-password' }, '12 caractères au moins, avec une majuscule, une minuscule, un chiffre et un caractère spécial.')}
            <div class="field">
              <label for="confirm">Mot de passe, une seconde fois</label>
              <input id="confirm" name="confirm" type="password" autoComplete="new-password" aria-required="true" />
            </div>
          </div>
        </fieldset>
        {send.summary()}
        <button {...send.submit}>
          {send.busy ? 'Envoi…' : 'Envoyer ma demande d’inscription'}
        </button>
      </form>
      <p>
        Déjà un compte ? <a href="/connexion">Se connecter</a>
      </p>
    </Page>
  );
}
