// « Mon compte » (/compte), for every role, in a chunk of its own: one's name, phone, job title, whether
// video interviews suit one (candidates and recruiters, seed 000), the directory's fields and the
// consent to appear there (référents, mission officers, recruiters: seed 001), saved by PATCH /api/me
// with each refusal under its field. The e-mail is shown, not edited: it is how one signs in.
import { AccountDeletion } from './account-deletion.js';
import { api, type Me, type MeChanges } from './api.js';
import { DEPARTMENTS, departmentLabel } from '../../workflows/departments.js';
import { useForm } from './forms.js';
import type { SpaceProps } from './main.js';
import { Page, announce, formatDateTime } from './ui.js';

const FIELDS = ['firstName', 'lastName', 'phone', 'jobTitle', 'videoInterviews', 'function', 'establishment', 'department', 'directoryConsent'] as const;

/** Who the directory of référents shows with a function, an establishment and a département. */
const referentSide = (me: Me) => me.role === 'REFERENT' || me.role === 'MISSION_OFFICER';
const inDirectory = (me: Me) => referentSide(me) || me.role === 'RECRUITER';
const offersVideo = (me: Me) => me.role === 'CANDIDATE' || me.role === 'RECRUITER';

export default function MyAccountPage({ me, onMeChange }: SpaceProps) {
  const form = useForm({ id: 'account', fields: FIELDS });

  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '');
    // Only what this role's form shows is sent; an emptied field is sent empty (the API clears it).
    const changes: MeChanges = { firstName: text('firstName'), lastName: text('lastName'), phone: text('phone'), jobTitle: text('jobTitle') };
    if (offersVideo(me)) changes.videoInterviews = data.get('videoInterviews') === 'on';
    if (referentSide(me)) Object.assign(changes, { function: text('function'), establishment: text('establishment'), department: text('department') });
    if (inDirectory(me)) changes.directoryConsent = data.get('directoryConsent') === 'on';
    const updated = await form.run(() => api.updateMe(changes));
    if (!updated) return;
    onMeChange(updated);
    const consent = updated.directoryConsent !== me.directoryConsent ? (updated.directoryConsent ? ' Vous figurez dans l’annuaire.' : ' Vous ne figurez plus dans l’annuaire.') : '';
    announce(`Vos informations sont enregistrées.${consent}`);
  }

  const field = (name: (typeof FIELDS)[number], label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <div class="field">
      <label for={`account-${name}`}>{label}</label>
      <input id={`account-${name}`} name={name} {...props} {...form.control(name, hint ? `account-${name}-hint` : undefined)} />
      {hint && (
        <p class="hint" id={`account-${name}-hint`}>
          {hint}
        </p>
      )}
      {form.message(name)}
    </div>
  );

  return (
    <Page title="Mon compte" lead="Vos informations, vos préférences et votre mot de passe.">
      <form class="card" onSubmit={submit} noValidate ref={form.ref} aria-labelledby="account-info-title">
        <h2 id="account-info-title">Mes informations</h2>
        <div class="grid-2">
          {field('firstName', 'Prénom', { autoComplete: 'given-name', 'aria-required': 'true', defaultValue: me.firstName })}
          {field('lastName', 'Nom', { autoComplete: 'family-name', 'aria-required': 'true', defaultValue: me.lastName })}
        </div>
        <div class="field">
          <label for="account-email">Adresse e-mail</label>
          <input id="account-email" type="email" value={me.email} readOnly aria-describedby="account-email-hint" />
          <p class="hint" id="account-email-hint">
            L’adresse e-mail ne se modifie pas ici : c’est votre identifiant de connexion. Pour en changer, contactez l’administrateur de la plateforme.
          </p>
        </div>
        <div class="grid-2">
          {field('phone', 'Téléphone', { type: 'tel', autoComplete: 'tel', defaultValue: me.phone ?? '' }, 'Par exemple 06 12 34 56 78.')}
          {field('jobTitle', 'Poste', { autoComplete: 'organization-title', defaultValue: me.jobTitle ?? '' })}
        </div>
        {offersVideo(me) && (
          <div class="field">
            <label class="choice" for="account-videoInterviews">
              <input id="account-videoInterviews" name="videoInterviews" type="checkbox" defaultChecked={me.videoInterviews} {...form.control('videoInterviews', 'account-videoInterviews-hint')} />
              Entretien en visio possible
            </label>
            <p class="hint" id="account-videoInterviews-hint">
              {me.role === 'CANDIDATE' ? 'Les recruteurs savent que vous acceptez un entretien en visioconférence.' : 'Vous acceptez de mener des entretiens en visioconférence.'}
            </p>
            {form.message('videoInterviews')}
          </div>
        )}
        {inDirectory(me) && (
          <fieldset>
            <legend>Annuaire</legend>
            <p class="hint" id="account-directory-hint">
              {referentSide(me)
                ? 'L’annuaire des référents montre aux référents, chargés de mission, recruteurs et administrateurs votre nom, votre fonction, votre établissement, votre département, votre e-mail et votre téléphone.'
                : 'L’annuaire des employeurs montre aux référents, chargés de mission, recruteurs et administrateurs votre nom, votre poste, votre e-mail et votre téléphone, avec votre entreprise.'}
            </p>
            {referentSide(me) && (
              <>
                {field('function', 'Fonction', { defaultValue: me.function ?? '' })}
                {field('establishment', 'Établissement', { autoComplete: 'organization', defaultValue: me.establishment ?? '' })}
                <div class="field">
                  <label for="account-department">Département</label>
                  <input
                    id="account-department"
                    name="department"
                    list="account-departments"
                    autoComplete="off"
                    defaultValue={me.department ? departmentLabel(me.department as (typeof DEPARTMENTS)[number][0]) : ''}
                    {...form.control('department', 'account-department-hint')}
                  />
                  <datalist id="account-departments">
                    {DEPARTMENTS.map(([code]) => (
                      <option key={code} value={departmentLabel(code)} />
                    ))}
                  </datalist>
                  <p class="hint" id="account-department-hint">
                    Numéro ou nom, par exemple 69 ou Rhône.
                  </p>
                  {form.message('department')}
                </div>
              </>
            )}
            <div class="field">
              <label class="choice" for="account-directoryConsent">
                <input id="account-directoryConsent" name="directoryConsent" type="checkbox" defaultChecked={me.directoryConsent} {...form.control('directoryConsent', 'account-consent-hint')} />
                J’accepte de figurer dans l’annuaire
              </label>
              <p class="hint" id="account-consent-hint">
                {me.directoryConsentAt ? `Consentement donné le ${formatDateTime(me.directoryConsentAt)}. ` : ''}
                Vous pouvez le retirer à tout moment : décochez la case et enregistrez, vous disparaissez aussitôt de l’annuaire.
              </p>
              {form.message('directoryConsent')}
            </div>
          </fieldset>
        )}
        {form.summary()}
        <button {...form.submit}>Enregistrer mes informations</button>
      </form>

      <section class="card" aria-labelledby="account-notifications-title">
        <h2 id="account-notifications-title">Notifications</h2>
        <p>
          <a href="/compte/notifications">Préférences de notification</a> : par e-mail, dans le site, pour chaque type d’événement.
        </p>
      </section>

      <section class="card" aria-labelledby="account-password-title">
        <h2 id="account-password-title">Mot de passe</h2>
        <p>
          <a href="/mot-de-passe">Changer mon mot de passe</a>
        </p>
      </section>

      <div id="suppression">
        <AccountDeletion me={me} />
      </div>
    </Page>
  );
}
