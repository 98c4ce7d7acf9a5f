// Working a CVthèque profile (issue #17, item 6): the recruiter's profile page (sections, the CV,
// the company's private comment with its 409, « Retenir » / « Écarter », « Demander un contact » and
// the request's status, the contact details once accepted), and « Demandes de contact » for the
// candidate and their référent (« Accepter » / « Refuser », and what accepting shares).
import { useState } from 'preact/hooks';
import { AddToListButton } from './recruiter/cvtheque-lists.js';
import { ApiError, request } from './api.js';
import { CONTACT_SHARED_ON_ACCEPT, contactRequestActionLabel, contactRequestRules, type ContactRequestAction, type ContactRequestStatus } from '../../workflows/contact-request-rules.js';
import { CONTRACT_TYPE_LABEL, DRIVING_LICENCE_LABEL, EDUCATION_LEVEL_LABEL, LANGUAGE_LABEL, LANGUAGE_LEVEL_LABEL, REMOTE_LABEL, WORKING_TIME_LABEL } from '../../workflows/candidate-profile.js';
import { SOFT_SKILL_DEFINITION, SOFT_SKILL_LABEL, knownSoftSkills, type SoftSkill } from '../../workflows/soft-skills.js';
import { DateTime, Dialog, Empty, ErrorNote, Loaded, Page, announce, submitProps, useAction, useResource } from './ui.js';

interface ContactDetails {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
}

export interface ContactRequest {
  id: string;
  status: ContactRequestStatus;
  statusChangedAt: string;
  createdAt: string;
  expiresAt: string;
  message: string;
  company: { id: string; name: string };
  candidateId: string;
  reference: string;
  candidate: ContactDetails | null;
  allowedActions: ContactRequestAction[];
}

interface CompanyProfile {
  candidateId: string;
  reference: string;
  headline: string | null;
  summary: string | null;
  metiers: string[];
  metierTitles: string[];
  skills: string[];
  softSkills: SoftSkill[];
  experiences: Array<{ title: string; employer?: string | null; start?: string | null; end?: string | null; description?: string | null }>;
  experienceMonths: number;
  diplomas: Array<Record<string, unknown>>;
  educationLevel: number | null;
  languages: Array<Record<string, unknown>>;
  drivingLicences: string[];
  contractTypes: string[];
  workingTimes: string[];
  remote: string | null;
  availableFrom: string | null;
  commune: { insee: string; name: string; department: string } | null;
  places: Array<{ insee: string; name: string; department: string; radiusKm: number }>;
  rqth: boolean | null;
  cv: { textStatus: string | null; uploadedAt: string } | null;
  updatedAt: string;
  company: {
    firstSeenAt: string | null;
    lastSeenAt: string | null;
    comment: string | null;
    commentVersion: number;
    commentUpdatedAt: string | null;
    decision: 'RETAINED' | 'DISCARDED' | null;
    decidedAt: string | null;
  } | null;
  contactRequest: ContactRequest | null;
  contact: ContactDetails | null;
}

const profilePath = (id: string) => `/cvtheque/profiles/${id}`;

/** A code in words, from the profile's data module (the code itself when the module does not know it). */
const labels = (codes: string[], label: Record<string, string>) => codes.map((c) => label[c] ?? c).join(', ');

export function ContactStatus({ status }: { status: ContactRequestStatus }) {
  return <span class={`badge status-${status.toLowerCase()}`}>Demande de contact {contactRequestRules.statusLabel[status]}</span>;
}

function List({ items }: { items: string[] }) {
  return items.length ? <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul> : <p class="muted">Non renseigné.</p>;
}

/** Savoir-être as seed 002 shows them: the word, and its definition at a click (or Entrée, Espace). */
export function SoftSkillList({ codes }: { codes: SoftSkill[] }) {
  const known = knownSoftSkills(codes);
  if (!known.length) return <p class="muted">Non renseigné.</p>;
  return (
    <>
      <p class="hint">Les comportements qui guident la personne, ses traits de caractère. Ouvrez-en un pour lire sa définition.</p>
      <ul class="soft-skills">
        {known.map((code) => (
          <li key={code}>
            <details>
              <summary>{SOFT_SKILL_LABEL[code]}</summary>
              <p>{SOFT_SKILL_DEFINITION[code]}</p>
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The recruiter's page of one profile: `/recruteur/cvtheque/profils/:candidateId`. */
export function CvthequeProfilePage({ candidateId }: { candidateId: string }) {
  const profile = useResource(() => request<CompanyProfile>('GET', profilePath(candidateId)), [candidateId]);
  return (
    <Loaded resource={profile} label="Chargement du profil…">
      {(p) => (
        <Page title={p.contact ? `${p.contact.firstName} ${p.contact.lastName}` : p.reference} lead={p.headline ?? undefined}>
          <ProfileActions profile={p} onChange={profile.set} />
          <section aria-labelledby="profile-summary">
            <h2 id="profile-summary">Présentation</h2>
            <p>{p.summary ?? <span class="muted">Non renseignée.</span>}</p>
            {p.rqth !== null && <p>{p.rqth ? 'Reconnaissance de la qualité de travailleur handicapé (RQTH) : oui, partagée par la personne.' : 'RQTH : non.'}</p>}
          </section>
          <section aria-labelledby="profile-skills">
            <h2 id="profile-skills">Métiers et compétences</h2>
            <h3>Métiers (codes ROME)</h3>
            <List items={p.metierTitles} />
            <h3>Compétences</h3>
            <List items={p.skills} />
            <h3>Savoir-être</h3>
            <SoftSkillList codes={p.softSkills} />
          </section>
          <section aria-labelledby="profile-experience">
            <h2 id="profile-experience">Expériences</h2>
            {p.experiences.length ? (
              <ul class="cards">
                {p.experiences.map((e, i) => (
                  <li key={i} class="card">
                    <strong>{e.title}</strong>
                    {e.employer ? ` — ${e.employer}` : ''}
                    {e.start && <p class="muted">{e.end ? `De ${monthLabel(e.start)} à ${monthLabel(e.end)}` : `Depuis ${monthLabel(e.start)}`}</p>}
                    {e.description && <p>{e.description}</p>}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">Aucune expérience renseignée.</p>
            )}
          </section>
          <section aria-labelledby="profile-wishes">
            <h2 id="profile-wishes">Souhaits et disponibilité</h2>
            <dl>
              <dt>Contrats</dt>
              <dd>{labels(p.contractTypes, CONTRACT_TYPE_LABEL) || 'Non renseigné'}</dd>
              <dt>Temps de travail</dt>
              <dd>{labels(p.workingTimes, WORKING_TIME_LABEL) || 'Non renseigné'}</dd>
              <dt>Télétravail</dt>
              <dd>{p.remote ? labels([p.remote], REMOTE_LABEL) : 'Non renseigné'}</dd>
              <dt>Niveau de formation</dt>
              <dd>{p.educationLevel !== null ? ((EDUCATION_LEVEL_LABEL as Record<number, string>)[p.educationLevel] ?? String(p.educationLevel)) : 'Non renseigné'}</dd>
              <dt>Langues</dt>
              <dd>{p.languages.map((l) => `${(LANGUAGE_LABEL as Record<string, string>)[String(l.code)] ?? String(l.code)} (${(LANGUAGE_LEVEL_LABEL as Record<string, string>)[String(l.level)] ?? String(l.level)})`).join(', ') || 'Non renseigné'}</dd>
              <dt>Lieux</dt>
              <dd>{p.places.map((pl) => `${pl.name} (${pl.department}), ${pl.radiusKm} km`).join(' ; ') || 'Non renseigné'}</dd>
              <dt>Disponible à partir du</dt>
              <dd>{p.availableFrom ?? 'Non renseigné'}</dd>
              <dt>Permis</dt>
              <dd>{labels(p.drivingLicences, DRIVING_LICENCE_LABEL) || 'Aucun'}</dd>
            </dl>
          </section>
          <section aria-labelledby="profile-cv">
            <h2 id="profile-cv">CV</h2>
            {p.cv ? (
              <p>
                <a href={`/api${profilePath(candidateId)}/cv`} download>
                  Télécharger le CV
                </a>
                {p.cv.textStatus === 'UNREADABLE' && <span class="muted"> (texte illisible pour la recherche)</span>}
              </p>
            ) : (
              <p class="muted">Pas de CV déposé.</p>
            )}
          </section>
        </Page>
      )}
    </Loaded>
  );
}

function ProfileActions({ profile, onChange }: { profile: CompanyProfile; onChange: (p: CompanyProfile) => void }) {
  const own = profile.company;
  return (
    <>
      {profile.contact && (
        <section aria-labelledby="contact-details">
          <h2 id="contact-details">Coordonnées</h2>
          <dl>
            <dt>Nom</dt>
            <dd>
              {profile.contact.firstName} {profile.contact.lastName}
            </dd>
            <dt>E-mail</dt>
            <dd>
              <a href={`mailto:${profile.contact.email}`}>{profile.contact.email}</a>
            </dd>
            {profile.contact.phone && (
              <>
                <dt>Téléphone</dt>
                <dd>{profile.contact.phone}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      {own && <Decision profile={profile} onChange={onChange} />}
      {own && <AddToListButton candidateId={profile.candidateId} />}
      {own && <ContactBlock profile={profile} onChange={onChange} />}
      {own && <Comment profile={profile} onChange={onChange} />}
    </>
  );
}

function Decision({ profile, onChange }: { profile: CompanyProfile; onChange: (p: CompanyProfile) => void }) {
  const action = useAction();
  const current = profile.company!.decision;
  const set = (decision: 'RETAINED' | 'DISCARDED') =>
    action.run(async () => {
      const next = current === decision ? null : decision;
      const saved = await request<CompanyProfile>('PUT', `${profilePath(profile.candidateId)}/decision`, { decision: next });
      onChange(saved);
      announce(next === 'RETAINED' ? 'Profil retenu.' : next === 'DISCARDED' ? 'Profil écarté.' : 'Choix retiré.');
    });
  return (
    <div role="group" aria-label="Votre choix pour ce profil" class="actions">
      <button type="button" aria-pressed={current === 'RETAINED' ? 'true' : 'false'} onClick={() => set('RETAINED')} {...(action.busy ? { 'aria-disabled': 'true' } : {})}>
        Retenir
      </button>
      <button type="button" aria-pressed={current === 'DISCARDED' ? 'true' : 'false'} onClick={() => set('DISCARDED')} {...(action.busy ? { 'aria-disabled': 'true' } : {})}>
        Écarter
      </button>
      <ErrorNote error={action.error} />
    </div>
  );
}

function ContactBlock({ profile, onChange }: { profile: CompanyProfile; onChange: (p: CompanyProfile) => void }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const action = useAction();
  const live = profile.contactRequest;
  const reload = async () => onChange(await request<CompanyProfile>('GET', profilePath(profile.candidateId)));
  const send = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      await request<ContactRequest>('POST', `${profilePath(profile.candidateId)}/contact`, { message });
      setOpen(false);
      setMessage('');
      announce('Demande de contact envoyée.');
      await reload();
    });
  };
  const cancel = () =>
    action.run(async () => {
      await request('POST', `/contact-requests/${live!.id}/transitions`, { action: 'cancel' });
      announce('Demande de contact annulée.');
      await reload();
    });
  const messageError = action.error?.details?.fields ? action.error : null;
  return (
    <section aria-labelledby="contact-request">
      <h2 id="contact-request">Contact</h2>
      {live && (
        <p data-return-focus tabIndex={-1}>
          <ContactStatus status={live.status} /> (envoyée le <DateTime iso={live.createdAt} date />)
        </p>
      )}
      {live?.status === 'PENDING' ? (
        <button type="button" class="danger" onClick={cancel}>
          {contactRequestActionLabel.cancel}
        </button>
      ) : (
        !profile.contact && (
          <button type="button" onClick={() => setOpen(true)}>
            Demander un contact
          </button>
        )
      )}
      {!open && <ErrorNote error={action.error} />}
      {open && (
        <Dialog title="Demander un contact" onClose={() => setOpen(false)}>
          <form onSubmit={send} noValidate>
            <p>La personne (ou son référent) acceptera ou refusera. Ses nom, e-mail et téléphone ne vous seront montrés qu’après son accord.</p>
            <div class="field">
              <label for="contact-message">Votre message</label>
              <textarea
                id="contact-message"
                rows={5}
                maxLength={2000}
                value={message}
                onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)}
                aria-invalid={messageError ? 'true' : undefined}
                aria-describedby="contact-message-error"
              />
              <ErrorNote error={action.error} id="contact-message-error" />
            </div>
            <div class="actions">
              <button {...submitProps(action.busy)}>Envoyer la demande</button>
              <button type="button" onClick={() => setOpen(false)}>
                Annuler
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </section>
  );
}

function Comment({ profile, onChange }: { profile: CompanyProfile; onChange: (p: CompanyProfile) => void }) {
  const own = profile.company!;
  const [text, setText] = useState(own.comment ?? '');
  const [version, setVersion] = useState(own.commentVersion);
  const [current, setCurrent] = useState<string | null>(null);
  const action = useAction();
  const save = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      try {
        const saved = await request<CompanyProfile>('PUT', `${profilePath(profile.candidateId)}/comment`, { comment: text, version });
        setVersion(saved.company!.commentVersion);
        setCurrent(null);
        onChange(saved);
        announce('Commentaire enregistré.');
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          // Someone saved meanwhile: their text is shown, this one stays in the field to save again.
          setCurrent((error.details?.currentComment as string | null) ?? '');
          setVersion(Number(error.details?.currentVersion ?? version));
        }
        throw error;
      }
    });
  };
  return (
    <section aria-labelledby="company-comment">
      <h2 id="company-comment">Commentaire de l’entreprise</h2>
      <form onSubmit={save} noValidate>
        <div class="field">
          <label for="comment">Commentaire privé (visible des seuls recruteurs de votre entreprise)</label>
          <textarea id="comment" rows={4} maxLength={4000} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} aria-describedby="comment-error" aria-invalid={action.error ? 'true' : undefined} />
          <ErrorNote error={action.error} id="comment-error" />
          {current !== null && (
            <div class="card">
              <p>Le texte enregistré entre-temps :</p>
              <blockquote>{current || '(vide)'}</blockquote>
            </div>
          )}
        </div>
        <button {...submitProps(action.busy)}>Enregistrer le commentaire</button>
      </form>
    </section>
  );
}

/** « Demandes de contact » for a candidate (their own) or a référent (their candidates'). */
export function ContactRequestsPage({ forReferent }: { forReferent?: boolean }) {
  const list = useResource(() => request<{ items: ContactRequest[] }>('GET', '/contact-requests?pageSize=50'), []);
  return (
    <Page
      title="Demandes de contact"
      lead={forReferent ? 'Des entreprises ont trouvé dans la CVthèque le profil de personnes que vous suivez et demandent à les contacter.' : 'Des entreprises ont trouvé votre profil dans la CVthèque et demandent à vous contacter.'}
    >
      <Loaded resource={list} label="Chargement des demandes…">
        {(data) =>
          data.items.length ? (
            <ul class="cards">
              {data.items.map((r) => (
                <ContactRequestCard key={r.id} item={r} forReferent={forReferent} onChange={() => void list.reload()} />
              ))}
            </ul>
          ) : (
            <Empty>Aucune demande de contact pour l’instant.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function ContactRequestCard({ item, forReferent, onChange }: { item: ContactRequest; forReferent?: boolean; onChange: () => void }) {
  const action = useAction();
  const act = (what: ContactRequestAction) =>
    action.run(async () => {
      await request('POST', `/contact-requests/${item.id}/transitions`, { action: what });
      announce(what === 'accept' ? 'Demande acceptée : l’entreprise voit désormais les coordonnées.' : 'Demande refusée.');
      onChange();
    });
  const headingId = `contact-${item.id}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {item.company.name}
        {forReferent && item.candidate ? ` — pour ${item.candidate.firstName} ${item.candidate.lastName}` : ''}
      </h2>
      <p>
        <ContactStatus status={item.status} /> · reçue le <DateTime iso={item.createdAt} date />
        {item.status === 'PENDING' && (
          <>
            {' '}
            · expire le <DateTime iso={item.expiresAt} date />
          </>
        )}
      </p>
      <blockquote>{item.message}</blockquote>
      {item.allowedActions.length > 0 && (
        <>
          <p>{forReferent ? 'Si vous acceptez pour cette personne, l’entreprise verra ses nom, e-mail et téléphone.' : CONTACT_SHARED_ON_ACCEPT}</p>
          <div class="actions">
            {item.allowedActions.includes('accept') && (
              <button type="button" onClick={() => act('accept')} {...(action.busy ? { 'aria-disabled': 'true' } : {})}>
                {contactRequestActionLabel.accept}
              </button>
            )}
            {item.allowedActions.includes('decline') && (
              <button type="button" class="danger" onClick={() => act('decline')} {...(action.busy ? { 'aria-disabled': 'true' } : {})}>
                {contactRequestActionLabel.decline}
              </button>
            )}
          </div>
        </>
      )}
      <ErrorNote error={action.error} />
    </li>
  );
}

/** « janvier 2020 » from the profile's YYYY-MM. */
function monthLabel(yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map(Number);
  return new Date(Date.UTC(year, (month || 1) - 1, 1)).toLocaleDateString('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
