// What the three spaces share about applications: the status badge, the list, and the application
// page whose buttons are exactly the API's `allowedActions` (the rules live in the workflow, never
// here; the web app only reads whether an action needs a message to word its dialog).
import { MatchExplanation } from './match-explanation.js';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { INTERVIEW_VERSIONED_ACTIONS, applicationEventLabel, applicationRules, interviewModeLabel, interviewStatusLabel } from '../../workflows/application-rules.js';
import { OUTCOME, de } from '../../workflows/glossary.js';
import { asSentence } from '../../workflows/process-rules.js';
import { REFUSAL_REASONS, REFUSAL_REASON_CODES, isRefusalAction, reasonsFor, refusalReasonProblem, refusalStep, type RefusalReasonCode } from '../../workflows/refusal-reasons.js';

const STATUS_LABEL = applicationRules.statusLabel;
import {
  ApiError,
  api,
  applicationAntiCvUrl,
  type Application,
  type ApplicationAction,
  type ApplicationListItem,
  type ApplicationStatus,
  type HistoryItem,
  type Interview,
  type InterviewListItem,
  type InterviewMode,
  type Me,
  type TransitionBody,
} from './api.js';
import { localDay } from './calendar.js';
import { applicationMessageReaders } from './readers.js';
import { ChatJoinLink, Thread } from './thread.js';
import { applicationStatusLabel, stateLabel, type InterviewStatus } from './status.js';
import { Inaccessible, isMissing } from './not-found.js';
import { fieldProblemsOf, fieldRefusal, useForm } from './forms.js';
import { SharedAccommodationsBlock } from './accommodations.js';
import { AnonymityNote, LiftAnonymityDialog } from './anonymity.js';
import { FavouriteButton } from './favourite.js';
import { ACCOMMODATION_PAGE, ACCOMMODATION_SHARED_STATUSES } from '../../workflows/accommodation-needs.js';
import { DateTime, Dialog, Empty, ErrorNote, Loaded, Page, announce, capitalize, daysAgo, formatDateTime, formatTime, options, submitProps, useAction, useResource } from './ui.js';

export { STATUS_LABEL };

/** A state's name, for filters, counters and columns (one state may hold proposed and confirmed interviews). */
export const statusLabel = stateLabel;

/** An application's state as it reads for one application: with its latest interview's status (proposé, confirmé…). */
export function StatusBadge({
  status,
  interviewStatus,
  otherSlotRequested,
}: {
  status: ApplicationStatus;
  interviewStatus?: InterviewStatus | null;
  otherSlotRequested?: boolean;
}) {
  const confirmed = status === 'INTERVIEW_PROPOSED' && interviewStatus === 'CONFIRMED';
  return (
    <span class={`badge status-${confirmed ? 'interview-confirmed' : status.toLowerCase().replace(/_/g, '-')}`}>
      {applicationStatusLabel(status, interviewStatus, otherSlotRequested)}
    </span>
  );
}

/** The button of each action, and what the dialog says about it (who reads the message: readers.ts). */
export const ACTION_LABEL: Record<ApplicationAction, string> = {
  validate: 'Valider la candidature',
  reject: 'Refuser la candidature',
  accept: 'Accepter la candidature',
  refuse: 'Refuser la candidature',
  propose_interview: 'Proposer un entretien',
  confirm_interview: 'Confirmer l’entretien',
  reschedule_interview: 'Déplacer l’entretien',
  request_other_slot: 'Demander un autre créneau',
  cancel_interview: 'Annuler l’entretien',
  mark_interview_done: 'Entretien effectué',
  hire: OUTCOME.hired.action,
  not_hire: OUTCOME.notHired.action,
  withdraw: 'Retirer la candidature',
  // The lift opens its own dialog (AnonymityLift), with the commitment seed 002 asks.
  lift_anonymity: 'Contacter le candidat (lever l’anonymat)',
  mark_contacted: 'Marquer comme contacté',
};

const ACTION_HELP: Record<ApplicationAction, string> = {
  validate: 'La candidature sera transmise à l’entreprise, avec votre message si vous en écrivez un.',
  reject: 'La candidature ne sera pas transmise à l’entreprise. Expliquez pourquoi.',
  accept: 'Vous poursuivez le processus de recrutement ; un message de suivi est facultatif.',
  refuse: 'Choisissez le motif et dites pourquoi le profil ne convient pas (un message type vous est proposé) : votre message aidera la personne candidate dans ses démarches.',
  propose_interview: '',
  confirm_interview: 'Vous confirmez votre présence à l’entretien proposé.',
  reschedule_interview: '',
  request_other_slot:
    'Indiquez les jours et heures où l’entretien est possible : le recruteur proposera une nouvelle date. D’ici là, l’entretien reste prévu à la date actuelle.',
  cancel_interview: 'L’entretien prévu est annulé ; la candidature reste acceptée et un autre entretien pourra être proposé.',
  mark_interview_done: 'Vous confirmez que l’entretien a eu lieu.',
  hire: 'Candidature retenue : recrutement. Félicitations ! Un message est facultatif.',
  not_hire: 'La candidature n’est pas retenue après l’entretien. Le motif et votre message, obligatoires, sont transmis à la personne candidate et à son référent (un message type vous est proposé).',
  withdraw: 'La candidature est retirée définitivement ; l’entreprise et le référent en sont informés.',
  lift_anonymity: '',
  mark_contacted: 'Vous indiquez avoir pris contact avec la personne.',
};

/** The sentence the live region reads once the action went through. */
const ACTION_DONE: Record<ApplicationAction, string> = {
  validate: 'Candidature validée et transmise à l’entreprise.',
  reject: 'Candidature refusée.',
  accept: 'Candidature acceptée.',
  refuse: 'Candidature refusée.',
  propose_interview: 'Entretien proposé.',
  confirm_interview: 'Entretien confirmé.',
  reschedule_interview: 'Entretien déplacé.',
  request_other_slot: 'Autre créneau demandé.',
  cancel_interview: 'Entretien annulé.',
  mark_interview_done: 'Entretien marqué comme effectué.',
  hire: OUTCOME.hired.done,
  not_hire: OUTCOME.notHired.done,
  withdraw: 'Candidature retirée.',
  lift_anonymity: 'Anonymat levé : les coordonnées de la personne sont affichées.',
  mark_contacted: 'Personne marquée comme contactée.',
};

/** Actions that end a case or undo a step (the rules' `closing`) get the "danger" look. */
const closes = (action: ApplicationAction) => applicationRules.rules[action].closing === true;

/**
 * The actions offered, in the order a person reads them: the next steps; then, apart, what closes the
 * case or undoes a step; then what a référent does on the candidate's behalf (the candidate's actions
 * offered to someone else), under the candidate's name. From the rules: `closing` and `party`.
 */
export function actionGroups(actions: readonly ApplicationAction[], me: Pick<Me, 'role'>) {
  const forCandidate = (action: ApplicationAction) => applicationRules.rules[action].party === 'candidate' && me.role !== 'CANDIDATE';
  const own = actions.filter((a) => !forCandidate(a));
  const theirs = actions.filter(forCandidate);
  return {
    next: own.filter((a) => !closes(a)),
    closing: own.filter(closes),
    forCandidate: [...theirs.filter((a) => !closes(a)), ...theirs.filter(closes)],
  };
}

export const MODE_LABEL = interviewModeLabel;

export const INTERVIEW_STATUS_LABEL = interviewStatusLabel;

const EVENT_LABEL: Record<string, string> = applicationEventLabel;

const ROLE_NAME: Record<string, string> = {
  ADMIN: 'administrateur',
  MISSION_OFFICER: 'chargé de mission',
  REFERENT: 'référent',
  RECRUITER: 'recruteur',
  CANDIDATE: 'candidat',
};

export const personName = (p: { firstName: string; lastName: string } | null | undefined) => (p ? `${p.firstName} ${p.lastName}` : '');

/** `refusal`: the application's, shown under its refuse or not_hire event (the only one: both close the case). */
export function History({ items, refusal }: { items: HistoryItem[]; refusal?: Application['refusal'] }) {
  if (!items.length) return <Empty>Aucun événement pour le moment.</Empty>;
  return (
    <ol class="timeline">
      {items.map((item, i) => (
        <li key={i}>
          <p class="when">
            <DateTime iso={item.at} />
          </p>
          <p class="what">
            <strong>{EVENT_LABEL[item.type] ?? item.type}</strong>
            {item.actor && (
              <span>
                {' '}
                par {personName(item.actor)} ({ROLE_NAME[item.actor.role] ?? item.actor.role})
              </span>
            )}
            {item.toStatus && item.toStatus !== item.fromStatus && (
              <span class="muted"> — {STATUS_LABEL[item.toStatus as ApplicationStatus] ?? item.toStatus}</span>
            )}
          </p>
          {refusal && isRefusalAction(item.type) && <p class="reason">Motif : {refusal.label}</p>}
          {item.message && <blockquote>{item.message}</blockquote>}
        </li>
      ))}
    </ol>
  );
}

// ---- Lists ----

export function ApplicationTable({
  items,
  hrefOf,
  caption,
  show,
}: {
  items: ApplicationListItem[];
  hrefOf: (item: ApplicationListItem) => string;
  caption: string;
  show: { candidate?: boolean; company?: boolean; waiting?: boolean; referent?: boolean };
}) {
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {show.candidate && <th scope="col">Candidat</th>}
            <th scope="col">Offre</th>
            {show.company && <th scope="col">Entreprise</th>}
            {show.referent && <th scope="col">Référent</th>}
            <th scope="col">Statut</th>
            <th scope="col">{show.waiting ? 'En attente' : 'Dernier changement'}</th>
            <th scope="col">Déposée le</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const title = item.offer?.title ?? 'Candidature spontanée';
            return (
              <tr key={item.id}>
                {show.candidate && (
                  <th scope="row">
                    <a href={hrefOf(item)}>{personName(item.candidate)}</a>
                  </th>
                )}
                {show.candidate ? (
                  <td data-label="Offre">{title}</td>
                ) : (
                  <th scope="row">
                    <a href={hrefOf(item)}>{title}</a>
                  </th>
                )}
                {show.company && <td data-label="Entreprise">{item.company.name}</td>}
                {show.referent && <td data-label="Référent">{item.referent ? personName(item.referent) : '—'}</td>}
                <td data-label="Statut">
                  <StatusBadge status={item.status} interviewStatus={item.interviewStatus} otherSlotRequested={item.otherSlotRequested} />
                </td>
                <td data-label={show.waiting ? 'En attente' : 'Dernier changement'}>
                  {show.waiting ? capitalize(daysAgo(item.waitingDays)) : <DateTime iso={item.statusChangedAt} date />}
                </td>
                <td data-label="Déposée le">
                  <DateTime iso={item.createdAt} date />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// ---- The application page ----

export interface ApplicationPageProps {
  id: string;
  me: Me;
  back: { href: string; label: string };
  /** The page's h1 from the application (defaults to the candidate's name, or the offer for a candidate). */
  title?: (application: Application) => string;
}

export function ApplicationPage({ id, me, back, title }: ApplicationPageProps) {
  const resource = useResource(() => api.application(id), [id]);
  const app = resource.data;
  if (isMissing(resource.error) && !app) return <Inaccessible what="Candidature" back={back} />;
  const heading = app
    ? (title?.(app) ?? (me.role === 'CANDIDATE' ? `Candidature : ${app.offer?.title ?? 'candidature spontanée'}` : `Candidature ${de(personName(app.candidate))}`))
    : 'Candidature';
  return (
    <Page title={heading} lead={app ? (me.role === 'CANDIDATE' ? app.company.name : `${app.offer?.title ?? 'Candidature spontanée'} — ${app.company.name}`) : undefined}>
      <p class="back">
        <a href={back.href}>← {back.label}</a>
      </p>
      <Loaded resource={resource} label="Chargement de la candidature…">
        {(application) => (
          <ApplicationDetail
            application={application}
            me={me}
            // An action answers without the match (GET only): the one read stays.
            onChange={(next) => resource.set(next.match === undefined ? { ...next, match: application.match } : next)}
            reload={resource.reload}
          />
        )}
      </Loaded>
    </Page>
  );
}

function ApplicationDetail({ application: app, me, onChange, reload }: { application: Application; me: Me; onChange: (a: Application) => void; reload: () => Promise<void> }) {
  const [dialog, setDialog] = useState<ApplicationAction | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const focusStatus = useRef(false);
  // After an action the button pressed may be gone: the focus goes to the new status (once the dialog
  // has closed and given the focus back).
  useEffect(() => {
    if (focusStatus.current) statusRef.current?.focus();
    focusStatus.current = false;
  }, [app]);

  function done(action: ApplicationAction, next: Application) {
    focusStatus.current = true;
    onChange(next);
    setDialog(null);
    announce(
      next.status === app.status ? ACTION_DONE[action] : `${ACTION_DONE[action]} Statut : ${applicationStatusLabel(next.status, next.interviews.at(-1)?.status).toLowerCase()}.`,
    );
  }

  const current = app.interviews.at(-1);
  const candidateSide = me.role === 'CANDIDATE';
  const groups = actionGroups(app.allowedActions, me);
  return (
    <div class="application">
      <section aria-labelledby="status-title" class="card status-card">
        <h2 id="status-title">Où en est la candidature</h2>
        <div ref={statusRef} tabIndex={-1} data-return-focus class="status-line">
          <StatusBadge status={app.status} interviewStatus={current?.status} otherSlotRequested={!!current?.otherSlotRequest} /> <span class="muted">depuis le {formatDateTime(app.statusChangedAt)}</span>
        </div>
        {app.allowedActions.length > 0 ? (
          <div class="action-groups" role="group" aria-label="Actions possibles">
            {(
              [
                ['next', 'Étape suivante', groups.next],
                ['closing', 'Clore ou annuler', groups.closing],
                ['for-candidate', `Au nom ${de(personName(app.candidate))}`, groups.forCandidate],
              ] as const
            ).map(
              ([key, label, actions]) =>
                actions.length > 0 && (
                  <div key={key} class={`action-group ${key}`} role="group" aria-labelledby={`actions-${key}`}>
                    <p class="group-label" id={`actions-${key}`}>
                      {label}
                    </p>
                    <div class="actions">
                      {actions.map((action) => (
                        <button key={action} type="button" class={closes(action) ? 'danger' : undefined} onClick={() => setDialog(action)}>
                          {ACTION_LABEL[action]}
                        </button>
                      ))}
                    </div>
                  </div>
                ),
            )}
          </div>
        ) : (
          <p class="muted">{applicationRules.isFinal(app.status) ? 'Cette candidature est close.' : 'Aucune action n’est attendue de votre part pour le moment.'}</p>
        )}
        <AnonymityNote app={app} me={me} />
        {/* What opens later (an interview is marked done once started): said, rather than a button that would be refused. */}
        {app.waitingActions.map(({ action, reason }) => (
          <p key={action} class="muted waiting-action">
            {reason}
          </p>
        ))}
      </section>

      {(dialog === 'propose_interview' || dialog === 'reschedule_interview') && (
        <ProposeInterviewDialog
          app={app}
          me={me}
          moving={dialog === 'reschedule_interview' ? current : undefined}
          onClose={() => setDialog(null)}
          onDone={(next) => done(dialog, next)}
          reload={reload}
        />
      )}
      {dialog === 'lift_anonymity' && <LiftAnonymityDialog app={app} onClose={() => setDialog(null)} onDone={(next) => done(dialog, next)} reload={reload} />}
      {dialog && dialog !== 'propose_interview' && dialog !== 'reschedule_interview' && dialog !== 'lift_anonymity' && (
        <ActionDialog app={app} me={me} action={dialog} onClose={() => setDialog(null)} onDone={(next) => done(dialog, next)} reload={reload} />
      )}

      <section aria-labelledby="interviews-title" class="card">
        <h2 id="interviews-title">Entretiens</h2>
        {/* Accommodation needs: the company's recruiters read them while they may propose or hold an interview; the candidate is pointed to where they say them. */}
        {me.role === 'RECRUITER' && ACCOMMODATION_SHARED_STATUSES.includes(app.status) && <SharedAccommodationsBlock applicationId={app.id} />}
        {candidateSide && current && (current.status === 'PROPOSED' || current.status === 'CONFIRMED') && (
          <p>
            <a href={ACCOMMODATION_PAGE}>Indiquer mes besoins pour cet entretien</a>
          </p>
        )}
        {app.interviews.length ? (
          <ul class="interviews">
            {[...app.interviews].reverse().map((interview) => (
              <li key={interview.id}>
                <InterviewSummary interview={interview} applicationId={app.id} current={interview.id === current?.id} chatHref="#messages" />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>Aucun entretien proposé pour le moment.</Empty>
        )}
      </section>

      {app.match !== undefined && app.offer && (
        <section aria-labelledby="match-title" class="card">
          <h2 id="match-title">Compatibilité avec l’offre</h2>
          {app.match ? (
            <MatchExplanation id="application-match" score={app.match.score} criteria={app.match.criteria} />
          ) : (
            <p class="muted">Le candidat n’a pas encore rempli son profil : pas de compatibilité à montrer.</p>
          )}
        </section>
      )}

      <section aria-labelledby="file-title" class="card">
        <h2 id="file-title">{candidateSide ? 'Ma candidature' : 'Le dossier'}</h2>
        <dl class="facts">
          {!candidateSide && (
            <>
              <dt>Candidat</dt>
              <dd>
                {personName(app.candidate)}
                {app.candidate.email ? (
                  <>
                    {' '}
                    — <a href={`mailto:${app.candidate.email}`}>{app.candidate.email}</a>
                  </>
                ) : (
                  ' — coordonnées visibles une fois l’anonymat levé'
                )}
              </dd>
            </>
          )}
          <dt>Offre</dt>
          <dd>{app.offer?.title ?? 'Candidature spontanée'}</dd>
          <dt>Entreprise</dt>
          <dd>{app.company.name}</dd>
          <dt>Référent</dt>
          <dd>{app.referent ? personName(app.referent) : 'Aucun (la candidature va directement à l’entreprise)'}</dd>
          <dt>Déposée le</dt>
          <dd>
            <DateTime iso={app.createdAt} />
          </dd>
        </dl>
        {app.favourite !== undefined && me.role === 'RECRUITER' && <FavouriteButton applicationId={app.id} name={personName(app.candidate)} initial={app.favourite} />}
        <h3>Message du candidat</h3>
        {app.message ? <blockquote class="text">{app.message}</blockquote> : <p class="muted">Pas de message.</p>}
        {app.screeningQuestion && (
          <>
            <h3>Question de l’offre : {app.screeningQuestion}</h3>
            {app.screeningAnswer ? <blockquote class="text">{app.screeningAnswer}</blockquote> : <p class="muted">Pas de réponse.</p>}
          </>
        )}
        <h3>Documents</h3>
        <Documents applicationId={app.id} />
        <h3>Anti-CV</h3>
        <p>
          <a href={applicationAntiCvUrl(app.id)} download>
            Télécharger l’anti-CV (PDF)
          </a>{' '}
          — le profil, compétences et souhaits d’abord{app.candidate.identityHidden ? ', sans nom ni coordonnées tant que l’anonymat n’est pas levé' : ''}.
        </p>
      </section>

      <Thread app={app} me={me} />

      {app.recruiterNote !== undefined && <NoteEditor app={app} onSaved={onChange} />}

      <section aria-labelledby="history-title" class="card">
        <h2 id="history-title">Historique</h2>
        <History items={app.history} refusal={app.refusal} />
      </section>
    </div>
  );
}

/** The documents the candidate sent with this application (its CV), each a download link. */
function Documents({ applicationId }: { applicationId: string }) {
  const resource = useResource(() => api.applicationDocuments(applicationId), [applicationId]);
  return (
    <Loaded resource={resource} label="Chargement des documents…">
      {({ items }) =>
        items.length ? (
          <ul>
            {items.map((doc) => (
              <li key={doc.id}>
                {doc.downloadUrl ? (
                  <a href={doc.downloadUrl} download>
                    Télécharger {doc.kind === 'CV' ? 'le CV' : doc.kind === 'COVER_LETTER' ? 'la lettre de motivation' : 'le document'} ({doc.filename},{' '}
                    {Math.max(1, Math.round(doc.sizeBytes / 1024))} Ko)
                  </a>
                ) : (
                  <>
                    {doc.kind === 'CV' ? 'CV' : doc.kind === 'COVER_LETTER' ? 'Lettre de motivation' : 'Document'} ({doc.filename}) : lisible une fois l’anonymat levé — il porte le plus souvent le nom de la
                    personne.
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Aucun document joint à cette candidature.</p>
        )
      }
    </Loaded>
  );
}

export function InterviewSummary({
  interview,
  applicationId,
  current,
  chatHref = `/candidatures/${applicationId}#messages`,
}: {
  interview: Interview;
  applicationId: string;
  current?: boolean;
  /** Where a CHAT interview is joined: the application's thread (on its page: `#messages`). */
  chatHref?: string;
}) {
  const live = interview.status === 'PROPOSED' || interview.status === 'CONFIRMED';
  return (
    <div class={`interview ${live ? 'live' : ''}`}>
      <p>
        <strong>
          Entretien n° {interview.round} : <DateTime iso={interview.startsAt} />
        </strong>{' '}
        ({interview.durationMinutes} min, {MODE_LABEL[interview.mode].toLowerCase()}) — {INTERVIEW_STATUS_LABEL[interview.status]}
        {current && live && <span class="visually-hidden"> (entretien en cours)</span>}
      </p>
      {interview.location && <p>Lieu : {interview.location}</p>}
      <CandidatePhone interview={interview} />
      {interview.message && <blockquote>{interview.message}</blockquote>}
      {live && <OtherSlotRequest interview={interview} />}
      {live && (
        <p class="links">
          {interview.mode === 'VIDEO' && interview.videoUrl && <a href={`/visio/${applicationId}/${interview.id}`}>Rejoindre la visioconférence</a>}
          {interview.mode === 'CHAT' && <ChatJoinLink href={chatHref} when={interview.startsAt} />}
          <a href={interview.icsUrl} download>
            Ajouter à mon agenda (.ics)
          </a>
        </p>
      )}
    </div>
  );
}

/** « Autre créneau demandé », with the availabilities given, until the recruiter moves the interview. */
function OtherSlotRequest({ interview }: { interview: Pick<Interview, 'otherSlotRequest'> }) {
  const request = interview.otherSlotRequest;
  if (!request) return null;
  return (
    <div class="other-slot">
      <p>
        <strong>Autre créneau demandé</strong> le <DateTime iso={request.at} /> ; disponibilités indiquées :
      </p>
      <blockquote class="text">{request.message}</blockquote>
    </div>
  );
}

/**
 * A PHONE interview's number to call: the API gives it (`candidatePhone`) only to who calls — the
 * company's recruiters and the candidate's référent — and only while the interview is on.
 */
function CandidatePhone({ interview }: { interview: Pick<Interview, 'candidatePhone'> }) {
  if (interview.candidatePhone === undefined) return null;
  return (
    <p class="phone">
      Numéro à appeler :{' '}
      {interview.candidatePhone ? (
        <a href={`tel:${interview.candidatePhone.replace(/[^+0-9]/g, '')}`}>{interview.candidatePhone}</a>
      ) : (
        <span class="muted">non renseigné (écrivez à la personne pour le lui demander)</span>
      )}
    </p>
  );
}

function ActionDialog({
  app,
  me,
  action,
  onClose,
  onDone,
  reload,
}: {
  app: Application;
  me: Me;
  action: ApplicationAction;
  onClose: () => void;
  onDone: (a: Application) => void;
  reload: () => Promise<void>;
}) {
  // refuse, not_hire: a reason among those of this step (any interview proposed: after an interview).
  const step = isRefusalAction(action) ? refusalStep(action, app.interviews.length > 0) : null;
  const { busy, run, ...form } = useForm({ id: 'action', fields: step ? ['reason', 'message'] : ['message'] });
  const requires = applicationRules.rules[action].requires;
  const required = requires !== undefined;
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState<RefusalReasonCode | ''>('');
  const messageRef = useRef<HTMLTextAreaElement>(null);
  // The page reloads behind a refused action: when the action is no longer possible, only "Fermer" remains.
  const stillAllowed = app.allowedActions.includes(action);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!stillAllowed) closeRef.current?.focus();
  }, [stillAllowed]);

  /**
   * Fills the message with the chosen reason's template. Typed words are never lost: an empty message or
   * an untouched template is replaced, anything else gets the template after it, and the person is told.
   */
  function fillFromTemplate() {
    if (!reason) {
      void run(() => Promise.reject(fieldRefusal('reason', 'Choisissez d’abord un motif : le message type lui correspond.')));
      return;
    }
    form.clear();
    const { template } = REFUSAL_REASONS[reason];
    const typed = message.trim();
    if (!typed || REFUSAL_REASON_CODES.some((code) => REFUSAL_REASONS[code].template === typed)) {
      setMessage(template);
      announce('Message type inséré dans le champ Message : relisez-le et modifiez-le si besoin.');
    } else {
      setMessage(`${message.trimEnd()}\n\n${template}`);
      announce('Message type ajouté après votre texte dans le champ Message : relisez l’ensemble et modifiez-le si besoin.');
    }
    messageRef.current?.focus();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (step && !reason) {
      // Both missing fields named at once, with the rules' own words (the API would name the reason first, then the message).
      const missing = [
        ...(requires && !message.trim() ? [{ field: requires.field, message: asSentence(requires.reason) }] : []),
        { field: 'reason', message: asSentence(refusalReasonProblem(step, reason, message)!.reason) },
      ];
      void run(() => Promise.reject(new ApiError(400, 'VALIDATION_FAILED', missing.map((m) => m.message).join(' '), { fields: missing })));
      return;
    }
    // The interview as shown here: if it moved meanwhile, the API says so rather than act on a time not seen.
    const shown = INTERVIEW_VERSIONED_ACTIONS.includes(action) ? app.interviews.at(-1)?.version : undefined;
    const next = await run(() =>
      api.transition(app.id, { action, message: message.trim() || null, ...(step && reason ? { reason } : {}), ...(shown === undefined ? {} : { interviewVersion: shown }) }),
    );
    if (next) onDone(next);
    // Refused because the case moved on meanwhile: the page catches up behind the dialog.
    else void reload();
  }

  return (
    <Dialog title={ACTION_LABEL[action]} onClose={onClose}>
      <form onSubmit={submit} noValidate ref={form.ref}>
        <p id="action-help">{ACTION_HELP[action]}</p>
        {step && (
          <div class="field">
            <label for="action-reason">Motif (obligatoire)</label>
            <select
              id="action-reason"
              value={reason}
              onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value as RefusalReasonCode | '')}
              aria-required="true"
              {...form.control('reason', 'action-reason-hint')}
            >
              {options([['', 'Choisissez un motif'] as const, ...reasonsFor(step).map((code) => [code, REFUSAL_REASONS[code].label] as const)], reason)}
            </select>
            <p class="hint" id="action-reason-hint">
              Le motif est transmis avec votre message. « Utiliser le message type » remplit le message avec un texte adapté au motif, que vous pouvez modifier.
            </p>
            {form.message('reason')}
            <button type="button" class="secondary" onClick={fillFromTemplate}>
              Utiliser le message type
            </button>
          </div>
        )}
        <div class="field">
          <label for="action-message">
            {action === 'request_other_slot' ? 'Disponibilités' : 'Message'} {required ? '(obligatoire)' : '(facultatif)'}
          </label>
          <textarea
            id="action-message"
            ref={messageRef}
            rows={step ? 10 : 5}
            value={message}
            onInput={(e) => setMessage((e.currentTarget as HTMLTextAreaElement).value)}
            aria-required={required ? 'true' : undefined}
            {...form.control('message', 'action-help action-message-readers')}
          />
          <p class="hint" id="action-message-readers">
            {applicationMessageReaders(action, app, me)}
          </p>
          {form.message('message')}
        </div>
        {form.summary()}
        <div class="dialog-buttons">
          {stillAllowed && (
            <button {...form.submit} class={closes(action) ? 'danger' : undefined}>
              {busy ? 'Envoi…' : ACTION_LABEL[action]}
            </button>
          )}
          <button type="button" class="secondary" onClick={onClose} ref={closeRef}>
            {stillAllowed ? 'Annuler' : 'Fermer'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const DURATIONS = [15, 30, 45, 60, 90, 120];

/** A local date-time for <input type="datetime-local">. */
function localInputValue(date: Date): string {
  return `${localDay(date)}T${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * Proposes an interview, or moves the current one (`moving`): the same form, prefilled with it; the
 * moved interview keeps its round and its calendar entry (the invitation updates it).
 */
export function ProposeInterviewDialog({
  app,
  me,
  moving,
  onClose,
  onDone,
  reload,
}: {
  app: Application;
  me: Me;
  moving?: Interview;
  onClose: () => void;
  onDone: (a: Application) => void;
  reload: () => Promise<void>;
}) {
  const { busy, run, ...form } = useForm({ id: 'interview', fields: ['startsAt', 'durationMinutes', 'mode', 'location', 'message'] });
  const [mode, setMode] = useState<InterviewMode>(moving?.mode ?? 'VIDEO');
  const min = localInputValue(new Date());
  const action = moving ? 'reschedule_interview' : 'propose_interview';
  const durations = moving && !DURATIONS.includes(moving.durationMinutes) ? [...DURATIONS, moving.durationMinutes].sort((a, b) => a - b) : DURATIONS;

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const local = String(form.get('startsAt') ?? '');
    const date = new Date(local);
    const body: TransitionBody = {
      action,
      // The API checks the date (and says why it refuses one): what the person typed goes as it is if unreadable.
      startsAt: Number.isNaN(date.getTime()) ? local : date.toISOString(),
      durationMinutes: Number(form.get('durationMinutes')),
      mode,
      location: String(form.get('location') ?? '').trim() || null,
      message: String(form.get('message') ?? '').trim() || null,
      ...(moving ? { interviewVersion: moving.version } : {}),
    };
    const next = await run(() => api.transition(app.id, body));
    if (next) onDone(next);
    else void reload();
  }

  return (
    <Dialog title={ACTION_LABEL[action]} onClose={onClose} wide>
      <form onSubmit={submit} noValidate ref={form.ref}>
        {moving ? (
          <>
            <p>
              Entretien n° {moving.round}, prévu le <DateTime iso={moving.startsAt} />. {personName(app.candidate)} reçoit la nouvelle date par e-mail avec
              l’invitation d’agenda mise à jour, et la confirme ; son référent en est informé aussi.
            </p>
            {moving.otherSlotRequest && <OtherSlotRequest interview={moving} />}
          </>
        ) : (
          <p>
            {personName(app.candidate)} reçoit la proposition par e-mail avec une invitation d’agenda ; son référent en est informé aussi.
          </p>
        )}
        <SharedAccommodationsBlock applicationId={app.id} />
        <div class="field">
          <label for="startsAt">{moving ? 'Nouvelle date et heure' : 'Date et heure'}</label>
          <input
            id="startsAt"
            name="startsAt"
            type="datetime-local"
            min={min}
            required
            aria-required="true"
            defaultValue={moving ? localInputValue(new Date(moving.startsAt)) : undefined}
            {...form.control('startsAt')}
          />
          {form.message('startsAt')}
        </div>
        <div class="field">
          <label for="durationMinutes">Durée</label>
          <select id="durationMinutes" name="durationMinutes" {...form.control('durationMinutes')}>
            {options(durations.map((d) => [String(d), `${d} minutes`] as const), String(moving?.durationMinutes ?? 45))}
          </select>
          {form.message('durationMinutes')}
        </div>
        <fieldset class="field" aria-describedby="interview-mode-error">
          <legend>Type d’entretien</legend>
          {(Object.keys(MODE_LABEL) as InterviewMode[]).map((m) => (
            <label key={m} class="choice">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} aria-invalid={form.control('mode')['aria-invalid']} /> {MODE_LABEL[m]}
            </label>
          ))}
          {form.message('mode')}
        </fieldset>
        <div class="field">
          <label for="location">{mode === 'IN_PERSON' ? 'Adresse (obligatoire en présentiel)' : 'Lieu ou numéro (facultatif)'}</label>
          <input
            id="location"
            name="location"
            type="text"
            defaultValue={moving?.location ?? undefined}
            aria-required={mode === 'IN_PERSON' ? 'true' : undefined}
            {...form.control('location')}
          />
          {mode === 'VIDEO' && <p class="hint">Une salle de visioconférence est créée automatiquement.</p>}
          {form.message('location')}
        </div>
        <div class="field">
          <label for="interview-message">Message au candidat (facultatif)</label>
          <textarea id="interview-message" name="message" rows={3} defaultValue={moving?.message ?? undefined} {...form.control('message', 'interview-message-readers')} />
          <p class="hint" id="interview-message-readers">
            {applicationMessageReaders(action, app, me)}
          </p>
          {form.message('message')}
        </div>
        {form.summary()}
        <div class="dialog-buttons">
          <button {...form.submit}>
            {busy ? 'Envoi…' : moving ? 'Déplacer l’entretien' : 'Proposer cet entretien'}
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Annuler
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Who reads the private note: the API gives it to the company's side only (its recruiters, and the platform's admins). */
const NOTE_READERS = 'Envoyée par e-mail à personne. Lisible par les recruteurs de votre entreprise et les administrateurs de la plateforme, jamais par le candidat ni son référent.';

/**
 * The company's private note, saved over the version it was read at (`recruiterNoteVersion`): when a
 * colleague saved another text meanwhile, the API answers 409 and the message says so next to the
 * field, with a button that loads their text (the one typed here stays on screen, to take back).
 */
function NoteEditor({ app, onSaved }: { app: Application; onSaved: (a: Application) => void }) {
  const { busy, error, run, clear } = useAction();
  const [note, setNote] = useState(app.recruiterNote ?? '');
  const [version, setVersion] = useState(app.recruiterNoteVersion ?? 0);
  const [saved, setSaved] = useState('');
  /** What was typed here when a colleague's version was loaded over it. */
  const [mine, setMine] = useState<string | null>(null);
  const reload = useAction();
  const conflict = error?.status === 409;

  async function submit(event: Event) {
    event.preventDefault();
    setSaved('');
    const next = await run(() => api.saveNote(app.id, note, version));
    if (next) {
      onSaved(next);
      setVersion(next.recruiterNoteVersion ?? version + 1);
      setMine(null);
      setSaved('Note enregistrée.');
    }
  }

  async function loadLatest() {
    const fresh = await reload.run(() => api.application(app.id));
    if (!fresh) return;
    setMine(note);
    setNote(fresh.recruiterNote ?? '');
    setVersion(fresh.recruiterNoteVersion ?? 0);
    clear();
    onSaved(fresh);
    announce('Dernière version de la note chargée. Votre texte reste affiché sous le champ.');
    document.getElementById('note')?.focus();
  }

  return (
    <section aria-labelledby="note-title" class="card">
      <h2 id="note-title">Note privée</h2>
      <form onSubmit={submit}>
        <div class="field">
          <label for="note">Visible par les recruteurs de votre entreprise seulement</label>
          <textarea
            id="note"
            rows={4}
            value={note}
            onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
            aria-describedby="note-hint note-error"
            aria-invalid={conflict ? 'true' : undefined}
          />
          <p class="hint" id="note-hint">
            {NOTE_READERS} N’y mentionnez aucun critère de discrimination (santé, handicap, origine, âge…).
          </p>
          <div class={error || reload.error ? 'error' : 'error empty'} role="alert" id="note-error">
            {error && <span>{fieldProblemsOf(error)[0]?.message ?? error.message}</span>}
            {conflict && (
              <button type="button" class="link" onClick={loadLatest} aria-disabled={reload.busy ? 'true' : undefined}>
                Recharger la dernière version de la note
              </button>
            )}
            {reload.error && <span>{reload.error.message}</span>}
          </div>
          {mine !== null && mine !== note && (
            <div class="note-mine">
              <p class="hint" id="note-mine-title">Votre texte, non enregistré :</p>
              <blockquote class="text" aria-labelledby="note-mine-title">
                {mine}
              </blockquote>
              <button type="button" class="link" onClick={() => setNote(mine)}>
                Reprendre mon texte dans le champ
              </button>
            </div>
          )}
        </div>
        <div class="row">
          <button {...submitProps(busy)} class="secondary">
            Enregistrer la note
          </button>
          <span role="status" class="success">
            {saved}
          </span>
        </div>
      </form>
    </section>
  );
}

// ---- Appointments: every interview of the applications this person sees ----

/** One interview of "Mes entretiens", with its application, offer, company and candidate. */
export type Appointment = InterviewListItem;

/** The interviews from `from` to `to` (62 days at most: the API's bound), in the order they take place. */
export async function loadAppointments(from: Date, to: Date): Promise<Appointment[]> {
  return (await api.interviews({ from: from.toISOString(), to: to.toISOString() })).items;
}

export function AppointmentItem({
  appointment,
  hrefOf,
  who,
  compact,
  me,
  onMoved,
}: {
  appointment: Appointment;
  hrefOf: (a: Appointment) => string;
  who: (a: Appointment) => ComponentChildren;
  /** In the week view: the day is the column, only the time is shown. */
  compact?: boolean;
  /** A recruiter may move a planned interview from here (the API decides: refused, the dialog says why). */
  me?: Me;
  onMoved?: () => void;
}) {
  const interview = appointment;
  const live = interview.status === 'PROPOSED' || interview.status === 'CONFIRMED';
  const when = formatDateTime(interview.startsAt);
  return (
    <div class={`appointment mode-${interview.mode.toLowerCase()}`}>
      <p>
        <strong>{compact ? <time dateTime={interview.startsAt}>{formatTime(interview.startsAt)}</time> : <DateTime iso={interview.startsAt} />}</strong>
      </p>
      <p>
        {MODE_LABEL[interview.mode]}, {interview.durationMinutes} min — <span class="interview-status">{INTERVIEW_STATUS_LABEL[interview.status]}</span>
      </p>
      <p>
        <a href={hrefOf(appointment)}>{who(appointment)}</a>
      </p>
      {interview.location && <p>Lieu : {interview.location}</p>}
      <CandidatePhone interview={interview} />
      {live && <OtherSlotRequest interview={interview} />}
      {live && me?.role === 'RECRUITER' && <MoveAppointment appointment={appointment} me={me} when={when} onMoved={onMoved} />}
      {live && (
        <p class="links">
          {interview.mode === 'VIDEO' && interview.videoUrl && (
            <a href={`/visio/${appointment.application.id}/${interview.id}`}>
              Lancer la visioconférence<span class="visually-hidden"> du {when}</span>
            </a>
          )}
          {interview.mode === 'CHAT' && <ChatJoinLink href={`/candidatures/${appointment.application.id}#messages`} when={interview.startsAt} />}
          <a href={interview.icsUrl} download>
            Ajouter à l’agenda<span class="visually-hidden"> l’entretien du {when}</span> (.ics)
          </a>
        </p>
      )}
    </div>
  );
}

/**
 * « Déplacer l’entretien » from « Mes entretiens »: the application is read when the button is pressed
 * (the dialog names who reads the message from it), then the same dialog as on its page.
 */
function MoveAppointment({ appointment, me, when, onMoved }: { appointment: Appointment; me: Me; when: string; onMoved?: () => void }) {
  const [app, setApp] = useState<Application | null>(null);
  const { busy, error, run } = useAction();
  const moving = app?.interviews.find((i) => i.id === appointment.id);
  async function open() {
    const loaded = await run(() => api.application(appointment.application.id));
    if (loaded) setApp(loaded);
  }
  return (
    <>
      <p>
        <button type="button" class="secondary" onClick={open} aria-disabled={busy ? 'true' : undefined}>
          Déplacer l’entretien<span class="visually-hidden"> du {when}</span>
        </button>
      </p>
      {error && <ErrorNote error={error} />}
      {app && moving && (
        <ProposeInterviewDialog
          app={app}
          me={me}
          moving={moving}
          onClose={() => setApp(null)}
          onDone={() => {
            setApp(null);
            announce('Entretien déplacé.');
            onMoved?.();
          }}
          reload={async () => setApp(await api.application(appointment.application.id))}
        />
      )}
    </>
  );
}
