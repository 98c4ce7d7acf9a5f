// A VIDEO interview, joined in the page through the Jitsi External API; the link to open it in a new
// tab is always there, and is what remains when the script cannot load (offline, blocked).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { MODE_LABEL, personName } from './applications.js';
import { jitsiTarget, loadJitsi } from './jitsi-join.js';
import type { SpaceProps } from './main.js';
import { match } from './router.js';
import { DateTime, Empty, Loaded, Page, useResource } from './ui.js';

const HOME: Record<string, string> = {
  RECRUITER: '/recruteur/candidatures',
  CANDIDATE: '/candidat/candidatures',
  REFERENT: '/referent/candidatures',
  MISSION_OFFICER: '/referent/candidatures',
};

type State = 'idle' | 'loading' | 'joined' | 'failed';

export default function VisioPage({ me, location }: SpaceProps) {
  const params = match('/visio/:applicationId/:interviewId', location.path)!;
  const application = useResource(() => api.application(params.applicationId!), [params.applicationId]);
  const back = `${HOME[me.role] ?? '/'}/${params.applicationId}`;
  return (
    <Page title="Entretien en visioconférence">
      <p class="back">
        <a href={back}>← Retour à la candidature</a>
      </p>
      <Loaded resource={application} label="Chargement de l’entretien…">
        {(app) => {
          const interview = app.interviews.find((i) => i.id === params.interviewId);
          if (!interview || interview.mode !== 'VIDEO' || !interview.videoUrl) {
            return <Empty>Cet entretien n’a pas de visioconférence (ou il a été annulé).</Empty>;
          }
          return (
            <>
              <p>
                {app.offer?.title ?? 'Candidature spontanée'} — {app.company.name}, avec {me.role === 'CANDIDATE' ? 'le recruteur' : personName(app.candidate)} :{' '}
                <DateTime iso={interview.startsAt} /> ({interview.durationMinutes} min, {MODE_LABEL[interview.mode].toLowerCase()}).
              </p>
              {/* An anonymous candidate joins under the name the company reads (« Candidat·e n° 123 »), without their address. */}
              {me.role === 'CANDIDATE' && app.anonymity.anonymous && !app.anonymity.identityShared ? (
                <Room videoUrl={interview.videoUrl} displayName={app.anonymity.companyReadsAs} email="" />
              ) : (
                <Room videoUrl={interview.videoUrl} displayName={`${me.firstName} ${me.lastName}`} email={me.email} />
              )}
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

function Room({ videoUrl, displayName, email }: { videoUrl: string; displayName: string; email: string }) {
  const [state, setState] = useState<State>('idle');
  const container = useRef<HTMLDivElement>(null);
  const meeting = useRef<JitsiMeetExternalApi | null>(null);
  const target = jitsiTarget(videoUrl);

  useEffect(() => () => meeting.current?.dispose(), []);

  async function join() {
    if (!target) return setState('failed');
    setState('loading');
    try {
      const JitsiMeetExternalAPI = await loadJitsi(target.scriptUrl);
      meeting.current?.dispose();
      meeting.current = new JitsiMeetExternalAPI(target.domain, {
        roomName: target.roomName,
        parentNode: container.current!,
        width: '100%',
        height: 560,
        lang: 'fr',
        userInfo: { displayName, email },
        ...(target.jwt ? { jwt: target.jwt } : {}),
      });
      meeting.current.getIFrame().title = 'Visioconférence de l’entretien';
      meeting.current.addListener('readyToClose', () => {
        meeting.current?.dispose();
        meeting.current = null;
        setState('idle');
      });
      setState('joined');
    } catch {
      setState('failed');
    }
  }

  return (
    <section aria-labelledby="room-title" class="card">
      <h2 id="room-title">Salle de l’entretien</h2>
      <p>Avant de rejoindre, vérifiez que votre micro et votre caméra sont branchés ; votre navigateur vous demandera l’autorisation de les utiliser.</p>
      <div class="actions">
        {state !== 'joined' && (
          <button type="button" onClick={join} disabled={state === 'loading'}>
            {state === 'loading' ? 'Connexion…' : 'Rejoindre dans la page'}
          </button>
        )}
        <a class="button secondary" href={videoUrl} target="_blank" rel="noopener noreferrer">
          Ouvrir la visioconférence dans un nouvel onglet
        </a>
      </div>
      <p role="status" class={state === 'failed' ? 'error-text' : 'muted'}>
        {state === 'loading' && 'Chargement de la visioconférence…'}
        {state === 'joined' && 'Vous êtes dans la salle de l’entretien.'}
        {state === 'failed' && 'La visioconférence n’a pas pu s’afficher dans la page : ouvrez-la dans un nouvel onglet avec le lien ci-dessus.'}
      </p>
      <div ref={container} class="jitsi" />
    </section>
  );
}
