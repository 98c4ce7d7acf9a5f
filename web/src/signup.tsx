// Recruiter sign-up (/inscription), for people not signed in: a chunk of its own, loaded only here.
// After the request, the page says what the API says, and only that: whether the address already had
// an account is never told here (the mail received says it).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from './api.js';
import { ErrorNote, Page, announce, useAction } from './ui.js';

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

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** « company.siren : … ; user.email : … » split by field; the SIREN and SIRET share one field. */
function fieldErrors(error: ApiError | null) {
  const byField: Partial<Record<Field, ApiError>> = {};
  if (!error || error.code !== 'VALIDATION_FAILED') return { byField, rest: error, first: null as Field | null };
  const rest: string[] = [];
  // A reason may hold « ; » itself: a new part starts only where a field is named.
  for (const part of error.message.split(/ ; (?=[\w.]+ : )/)) {
    const match = /^([\w.]+) : ([\s\S]+)$/.exec(part);
    const name = match?.[1]?.replace(/^company\.(siren|siret)$/, 'company.number');
    const field = name && (FIELDS as readonly string[]).includes(name) ? (name as Field) : null;
    if (field && !byField[field]) byField[field] = new ApiError(error.status, error.code, capitalize(match![2]!));
    else rest.push(part);
  }
  return { byField, rest: rest.length ? new ApiError(error.status, error.code, rest.join(' ; ')) : null, first: FIELDS.find((f) => byField[f]) ?? null };
}

const SIZES = ['1-9', '10-49', '50-249', '250-999', '1000+'];

export default function SignUp() {
  const send = useAction();
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrors(send.error);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (errors.first) formRef.current?.querySelector<HTMLElement>(`[name="${errors.first}"]`)?.focus();
  }, [send.error]);
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
        throw new ApiError(400, 'VALIDATION_FAILED', 'user.password : les deux mots de passe ne sont pas identiques');
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
        aria-invalid={errors.byField[name] ? 'true' : undefined}
        aria-describedby={[hint ? `${name}-hint` : '', `${name}-error`].filter(Boolean).join(' ')}
        {...props}
      />
      {hint && (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      <ErrorNote error={errors.byField[name] ?? null} id={`${name}-error`} />
    </div>
  );
  return (
    <Page
      title="Inscription d’un recruteur"
      lead="Inscrivez votre entreprise, ou demandez à rejoindre celle de vos collègues si elle est déjà sur Tremplin. Votre compte est activé une fois votre adresse e-mail confirmée et votre entreprise vérifiée par l’équipe de la plateforme. Tous les champs sont obligatoires."
    >
      <form class="card" onSubmit={submit} noValidate ref={formRef}>
        <fieldset>
          <legend>Votre entreprise</legend>
          <div class="grid-2">
            {input('company.number', 'Numéro SIREN ou SIRET', { inputMode: 'numeric', autoComplete: 'off' }, '9 chiffres (SIREN) ou 14 chiffres (SIRET), espaces acceptés.')}
            {input('company.name', 'Raison sociale', { autoComplete: 'organization' })}
            {input('company.sector', 'Secteur d’activité')}
            <div class="field">
              <label for="company.size">Effectif</label>
              <select
                id="company.size"
                name="company.size"
                aria-required="true"
                aria-invalid={errors.byField['company.size'] ? 'true' : undefined}
                aria-describedby="company.size-error"
              >
                {SIZES.map((size) => (
                  <option value={size}>{size} salariés</option>
                ))}
              </select>
              <ErrorNote error={errors.byField['company.size'] ?? null} id="company.size-error" />
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
        <ErrorNote error={errors.rest} id="signup-error" />
        <button type="submit" disabled={send.busy}>
          {send.busy ? 'Envoi…' : 'Envoyer ma demande d’inscription'}
        </button>
      </form>
      <p>
        Déjà un compte ? <a href="/connexion">Se connecter</a>
      </p>
    </Page>
  );
}
