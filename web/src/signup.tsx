// Recruiter sign-up (/inscription), for people not signed in: a chunk of its own, loaded only here.
// The SIREN or SIRET is checked as it is typed (the shared Luhn check), then looked up: a company
// already on Tremplin is joined (no company form), a new one is presented. The password rule shows as
// a live checklist, the terms must be accepted, and after sending the page says the next steps. Whether
// the address already had an account is never told here (the mail received says it).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { companyLookupAnswer } from '../../api/companies/schemas.js';
import { TERMS_VERSION } from '../../workflows/account-rules.js';
import { normalizeCompanyNumber, sirenProblem, siretProblem } from '../../workflows/company-numbers.js';
import { ApiError, request } from './api.js';
import { fieldRefusal, useForm } from './forms.js';
import { TERMS_PATH } from './links.js';
import { NewPasswordFields } from './password-checklist.js';
import { Page, announce } from './ui.js';
import './self-service.css';

type Lookup = z.output<typeof companyLookupAnswer>;

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
  'acceptedTermsVersion',
] as const;
type Field = (typeof FIELDS)[number];

const SIZES = ['1-9', '10-49', '50-249', '250-999', '1000+'];

/** What the number typed so far is: incomplete, wrong (why), or a valid SIREN (from a SIREN or SIRET). */
function checkNumber(value: string): { state: 'empty' | 'typing' | 'problem' | 'valid'; text: string } {
  const digits = normalizeCompanyNumber(value);
  if (!digits) return { state: 'empty', text: '' };
  if (/^\d+$/.test(digits) && digits.length < 14 && digits.length !== 9) {
    return { state: 'typing', text: `${digits.length} chiffre${digits.length > 1 ? 's' : ''} saisi${digits.length > 1 ? 's' : ''} : 9 pour un SIREN, 14 pour un SIRET.` };
  }
  const problem = digits.length === 14 ? siretProblem(digits) : sirenProblem(digits);
  if (problem) return { state: 'problem', text: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` };
  return { state: 'valid', text: digits.length === 14 ? 'Numéro SIRET valide.' : 'Numéro SIREN valide.' };
}

export default function SignUp() {
  // The SIREN and the SIRET share one field.
  const send = useForm({ id: 'signup', fields: FIELDS, alias: { 'company.siren': 'company.number', 'company.siret': 'company.number' } });
  const [done, setDone] = useState<{ message: string; joining: boolean } | null>(null);
  const [number, setNumber] = useState('');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const check = checkNumber(number);
  const siren = check.state === 'valid' ? normalizeCompanyNumber(number).slice(0, 9) : null;
  // Looked up once the number is valid, after a short pause; the last number typed wins.
  useEffect(() => {
    setLookup(null);
    setLookupError(null);
    if (!siren) return;
    let current = true;
    const timer = setTimeout(() => {
      request<Lookup>('GET', `/auth/company-lookup?number=${siren}`).then(
        (answer) => current && setLookup(answer),
        (error: unknown) => current && setLookupError(error instanceof ApiError ? error.message : null),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [siren]);

  const joining = lookup?.status === 'REGISTERED';
  const waiting = lookup?.status === 'PENDING';

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: Field) => String(form.get(k) ?? '').trim();
    const digits = normalizeCompanyNumber(number).replace(/-/g, '');
    const answer = await send.run(async () => {
      if (String(form.get('user.password')) !== String(form.get('confirm'))) {
        throw fieldRefusal('user.password', 'Les deux mots de passe ne sont pas identiques.');
      }
      const companyNumber = digits.length === 14 ? { siret: digits } : { siren: digits };
      return request<{ message: string }>('POST', '/auth/register-recruiter', {
        company: joining
          ? companyNumber
          : {
              ...companyNumber,
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
        ...(form.get('acceptedTermsVersion') ? { acceptedTermsVersion: TERMS_VERSION } : {}),
      });
    });
    if (answer) {
      setDone({ message: answer.message, joining });
      announce('Demande d’inscription envoyée : consultez votre boîte e-mail.');
    }
  }

  if (done) {
    return (
      <Page title="Inscription d’un recruteur">
        <section class="card" aria-labelledby="signup-done">
          <h2 id="signup-done" ref={doneRef} tabIndex={-1}>
            Consultez votre boîte e-mail
          </h2>
          <p>{done.message}</p>
          <h3>Les prochaines étapes</h3>
          <ol class="steps">
            <li>
              <strong>Confirmez votre adresse e-mail</strong> avec le lien reçu, dans les 48 heures : sans confirmation, la demande expire.
            </li>
            <li>
              <strong>L’équipe de la plateforme vérifie</strong> {done.joining ? 'que vous faites partie de l’entreprise' : 'votre entreprise (SIREN, coordonnées)'} ; vous recevez un e-mail dès que votre compte est activé.
            </li>
            <li>
              <strong>Connectez-vous</strong> avec votre adresse e-mail et le mot de passe choisi.
            </li>
          </ol>
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
      <input id={name} name={name} aria-required="true" {...send.control(name, hint ? `${name}-hint` : undefined)} {...props} />
      {hint && (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {send.message(name)}
    </div>
  );
  const numberControl = send.control('company.number', 'company.number-hint company-number-count company-number-check');
  return (
    <Page
      title="Inscription d’un recruteur"
      lead="Inscrivez votre entreprise, ou demandez à rejoindre celle de vos collègues si elle est déjà sur Tremplin. Votre compte est activé une fois votre adresse e-mail confirmée et votre entreprise vérifiée par l’équipe de la plateforme. Tous les champs sont obligatoires."
    >
      <form class="card" onSubmit={submit} noValidate ref={send.ref}>
        <fieldset>
          <legend>Votre entreprise</legend>
          <div class="field">
            <label for="company.number">Numéro SIREN ou SIRET</label>
            <input
              id="company.number"
              name="company.number"
              inputMode="numeric"
              autoComplete="off"
              aria-required="true"
              value={number}
              onInput={(e) => setNumber((e.currentTarget as HTMLInputElement).value)}
              {...numberControl}
            />
            <p class="hint" id="company.number-hint">
              9 chiffres (SIREN) ou 14 chiffres (SIRET), espaces acceptés. Il figure sur votre extrait Kbis ou sur annuaire-entreprises.data.gouv.fr.
            </p>
            {/* The count while typing is no news; the verdict and the lookup's answer are (politely). */}
            <p id="company-number-count" class="number-check">
              {check.state === 'typing' ? check.text : ''}
            </p>
            <p id="company-number-check" role="status" aria-live="polite" class={`number-check ${check.state === 'valid' ? 'ok' : check.state === 'problem' ? 'problem' : ''}`}>
              {check.state === 'problem' ? `✗ ${check.text}` : check.state === 'valid' ? `✓ ${lookup ? `${check.text} ${lookup.message}` : check.text}` : ''}
              {lookupError && ` ${lookupError}`}
            </p>
            {send.message('company.number')}
          </div>
          {joining && (
            <div class="notice" data-testid="join-notice">
              <p>
                <strong>Cette entreprise est déjà inscrite : demandez à la rejoindre.</strong>
              </p>
              <p>
                {lookup.name} est déjà sur Tremplin. Créez votre compte ci-dessous : l’équipe de la plateforme vérifiera que vous en faites partie, puis vous retrouverez les offres et les candidatures de vos collègues.
              </p>
            </div>
          )}
          {waiting && (
            <div class="notice">
              <p>{lookup.message}</p>
            </div>
          )}
          {!joining && !waiting && (
            <div class="grid-2">
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
          )}
        </fieldset>
        {!waiting && (
          <>
            <fieldset>
              <legend>Vous</legend>
              <div class="grid-2">
                {input('user.firstName', 'Prénom', { autoComplete: 'given-name' })}
                {input('user.lastName', 'Nom', { autoComplete: 'family-name' })}
                {input('user.jobTitle', 'Fonction', { autoComplete: 'organization-title' })}
                {input('user.phone', 'Téléphone professionnel', { type: 'tel', autoComplete: 'tel' })}
                {input('user.email', 'Adresse e-mail professionnelle', { type: 'email', autoComplete: 'email' })}
                <NewPasswordFields form={send} name="user.password" confirmName="confirm" label="Mot de passe" />
              </div>
            </fieldset>
            <div class="consent">
              <label for="acceptedTermsVersion">
                <input id="acceptedTermsVersion" name="acceptedTermsVersion" type="checkbox" value={TERMS_VERSION} aria-required="true" {...send.control('acceptedTermsVersion')} />
                <span>
                  J’accepte les{' '}
                  <a href={TERMS_PATH} target="_blank" rel="noopener">
                    conditions d’utilisation (nouvel onglet)
                  </a>{' '}
                  de Tremplin.
                </span>
              </label>
              {send.message('acceptedTermsVersion')}
            </div>
            {send.summary()}
            <button {...send.submit}>{send.busy ? 'Envoi…' : joining ? `Demander à rejoindre ${lookup.name}` : 'Envoyer ma demande d’inscription'}</button>
          </>
        )}
      </form>
      <p>
        Déjà un compte ? <a href="/connexion">Se connecter</a>
      </p>
    </Page>
  );
}
