// An application's thread on its page (section #messages): the messages, who can read them, who has,
// and the form. The page follows the thread while it is open: it asks for what came after the last
// message every 10 s, every 2 s while a CHAT interview is live (workflows/message-rules.ts `chatLive`):
// polling with `?after=<id>`, not a server push, because the API servers are stateless behind a load
// balancer (a push would need a channel between them and connections longer than the request
// timeout), and an indexed query every 2 s per open page, during an interview only, costs little.
// New messages land in a polite log region: screen readers read each one as it arrives.
import { useEffect, useRef, useState } from 'preact/hooks';
import { CHAT_JOIN_LABEL, MESSAGE_MAX_LENGTH, chatLive } from '../../workflows/message-rules.js';
import { api, type Application, type ApplicationThread, type Me, type ThreadMessage } from './api.js';
import { useForm } from './forms.js';
import { frenchList } from '../../workflows/glossary.js';
import { DateTime, ErrorNote, Loading, announce, asApiError, formatDateTime, formatTime } from './ui.js';
import type { ApiError } from './api.js';

const LIVE_POLL_MS = 2_000;
const POLL_MS = 10_000;

/** The CHAT interview happening now on this application, if any. */
export const liveChatOf = (app: Pick<Application, 'interviews'>, now = Date.now()) => app.interviews.find((interview) => chatLive(interview, now));

/** Shows the thread's section when the address asks for it (#messages: a notification, a mail, « Rejoindre »). */
function revealIfAsked() {
  if (location.hash !== '#messages') return;
  const section = document.getElementById('messages');
  section?.scrollIntoView();
  document.getElementById('messages-title')?.focus();
}

export function Thread({ app, me }: { app: Application; me: Me }) {
  const [thread, setThread] = useState<ApplicationThread | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const live = liveChatOf(app, now);
  const liveRef = useRef(!!live);
  liveRef.current = !!live;
  const last = useRef<string | undefined>(undefined);

  /** Adds messages not shown yet (a poll and one's own post may bring the same one). */
  function merge(next: ApplicationThread, incremental: boolean) {
    setThread((shown) => {
      if (!shown || !incremental) return next;
      const known = new Set(shown.items.map((m) => m.id));
      const added = next.items.filter((m) => !known.has(m.id));
      return { ...next, items: [...shown.items, ...added] };
    });
    const newest = next.items.at(-1);
    if (newest) last.current = newest.id;
  }

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll(first: boolean) {
      try {
        const next = await api.thread(app.id, first ? undefined : last.current);
        if (stopped) return;
        merge(next, !first);
        if (first) setTimeout(revealIfAsked, 0);
      } catch (error) {
        // A missed poll is tried again at the next one; only the first load says it failed.
        if (first && !stopped) setLoadError(asApiError(error));
      }
      if (stopped) return;
      setNow(Date.now());
      timer = setTimeout(() => void poll(false), liveRef.current ? LIVE_POLL_MS : POLL_MS);
    }
    void poll(true);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [app.id]);

  return (
    <section id="messages" aria-labelledby="messages-title" class={`card thread${live ? ' live' : ''}`}>
      <h2 id="messages-title" tabIndex={-1}>
        Messages
      </h2>
      {live && (
        <div class="live-chat" role="status">
          <p>
            <strong>Entretien par messagerie en cours</strong> : {formatTime(live.startsAt)}, {live.durationMinutes} minutes. Écrivez ci-dessous : les messages de
            chacun s’affichent ici dans les secondes qui suivent, sans recharger la page.
          </p>
        </div>
      )}
      {!thread && !loadError && <Loading label="Chargement des messages…" />}
      <ErrorNote error={thread ? null : loadError} />
      {thread && (
        <>
          <p class="hint" id="thread-readers">
            {thread.readersLine}
          </p>
          {thread.items.length === 0 && <p class="muted">Aucun message pour le moment.</p>}
          <div role="log" aria-live="polite" aria-relevant="additions" aria-label="Messages de la candidature">
            <ol class="messages">
              {thread.items.map((message) => (
                <MessageItem key={message.id} message={message} />
              ))}
            </ol>
          </div>
          {thread.cannotPost ? <p class="muted">{thread.cannotPost}</p> : <MessageForm app={app} thread={thread} me={me} onPosted={(m) => merge({ ...thread, items: [m] }, true)} />}
        </>
      )}
    </section>
  );
}

function MessageItem({ message }: { message: ThreadMessage }) {
  return (
    <li class={message.mine ? 'message mine' : 'message'}>
      <p class="message-meta">
        <strong>{message.mine ? 'Vous' : (message.author?.label ?? 'Compte supprimé')}</strong>, <DateTime iso={message.createdAt} />
      </p>
      <p class="text message-body">{message.body}</p>
      {message.document && (
        <p>
          {message.document.downloadUrl ? (
            <a href={message.document.downloadUrl} download>
              Document joint : {message.document.filename}
            </a>
          ) : (
            <>Document joint : {message.document.filename} (lisible une fois l’anonymat levé).</>
          )}
        </p>
      )}
      <p class="hint">{message.readBy.length ? `Lu par : ${frenchList(message.readBy)}.` : 'Pas encore lu.'}</p>
    </li>
  );
}

function MessageForm({ app, thread, me, onPosted }: { app: Application; thread: ApplicationThread; me: Me; onPosted: (message: ThreadMessage) => void }) {
  const form = useForm({ id: 'message', fields: ['body', 'documentId'] });
  const [body, setBody] = useState('');
  const [documentId, setDocumentId] = useState('');

  async function submit(event: Event) {
    event.preventDefault();
    const posted = await form.run(() => api.postMessage(app.id, { body, ...(documentId ? { documentId } : {}) }));
    if (!posted) return;
    onPosted(posted);
    setBody('');
    setDocumentId('');
    announce('Message envoyé.');
    document.getElementById('message-body')?.focus();
  }

  return (
    <form ref={form.ref} onSubmit={submit} noValidate class="message-form">
      <div class="field">
        <label for="message-body">Votre message</label>
        <textarea
          id="message-body"
          name="body"
          rows={4}
          value={body}
          onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)}
          {...form.control('body', 'message-body-hint')}
        />
        <p class="hint" id="message-body-hint">
          {thread.readersLine} {MESSAGE_MAX_LENGTH.toLocaleString('fr-FR')} caractères au plus.
          {me.role === 'CANDIDATE' && ' Vous n’avez pas à parler de votre santé ici : dites seulement ce dont vous avez besoin.'}
        </p>
        {form.message('body')}
      </div>
      {thread.attachable.length > 0 && (
        <div class="field">
          <label for="message-document">Joindre un document (facultatif)</label>
          <select id="message-document" name="documentId" value={documentId} onChange={(e) => setDocumentId((e.currentTarget as HTMLSelectElement).value)} {...form.control('documentId')}>
            <option value="">Aucun document</option>
            {thread.attachable.map((doc) => (
              <option key={doc.id} value={doc.id}>
                {doc.filename}
              </option>
            ))}
          </select>
          {form.message('documentId')}
        </div>
      )}
      {form.summary()}
      <button {...form.submit}>{form.busy ? 'Envoi…' : 'Envoyer le message'}</button>
    </form>
  );
}

/** « Rejoindre l’entretien (messagerie) »: to the thread of this application's page, live at that time. */
export function ChatJoinLink({ href, when }: { href: string; when: string }) {
  return (
    <a href={href}>
      {CHAT_JOIN_LABEL}
      <span class="visually-hidden"> du {formatDateTime(when)}</span>
    </a>
  );
}
