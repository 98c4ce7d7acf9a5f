// « Notifications » (/notifications) and « Préférences de notification » (/compte/notifications), for
// every role, in a chunk of their own. The list reloads by itself when the header's poll sees new ones
// (web/src/unread.ts); each notification opens its entity in the reader's own space (links.ts).
import { useRef } from 'preact/hooks';
import { api, type AppNotification, type NotificationPreferences } from './api.js';
import { useForm } from './forms.js';
import { pageOfLink } from './links.js';
import type { SpaceProps } from './main.js';
import { withQuery } from './router.js';
import { DateTime, Empty, ErrorNote, Loaded, Page, Pager, announce, submitProps, useAction, useResource } from './ui.js';
import { setUnread, useUnread } from './unread.js';
import { groupsFor } from '../../workflows/notification-preferences.js';

const PAGE_SIZE = 20;
const UNREAD_ONLY = 'non-lues';

export default function NotificationsPage({ me, location }: SpaceProps) {
  const unreadOnly = location.query.get('filtre') === UNREAD_ONLY;
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const list = useResource(() => api.notifications({ unread: unreadOnly ? 'true' : undefined, page, pageSize: PAGE_SIZE }), [unreadOnly, page]);
  // The poll may see new ones while the page is open: the list as filtered now reloads.
  const reload = useRef(list.reload);
  reload.current = list.reload;
  const unread = useUnread(() => void reload.current());
  const action = useAction();

  async function markRead(notification: AppNotification) {
    const answer = await action.run(() => api.markNotificationsRead({ ids: [notification.id] }));
    if (!answer) return;
    setUnread(answer.unread);
    announce(`Notification « ${notification.title} » marquée comme lue.`);
    await list.reload();
    // The button is gone: the focus goes to the notification's title (or the page's, when the filter hid it).
    (document.getElementById(`notification-${notification.id}`) ?? document.querySelector<HTMLElement>('main h1'))?.focus();
  }

  async function markAll() {
    const answer = await action.run(() => api.markNotificationsRead({ all: true }));
    if (!answer) return;
    setUnread(answer.unread);
    announce('Toutes vos notifications sont marquées comme lues.');
    await list.reload();
  }

  /** Opening one reads it (the entity's page opens at once; the count follows). */
  function open(notification: AppNotification) {
    if (!notification.readAt) api.markNotificationsRead({ ids: [notification.id] }).then((answer) => setUnread(answer.unread), () => undefined);
  }

  const filter = (only: boolean, label: string) => (
    <li>
      <a href={withQuery(location, { filtre: only ? UNREAD_ONLY : undefined, page: undefined })} aria-current={only === unreadOnly ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );

  return (
    <Page
      title="Notifications"
      lead="Ce qui s’est passé sur vos candidatures, vos offres et vos parrainages. Les nouvelles notifications apparaissent ici sans recharger la page."
      actions={<a href="/compte/notifications">Préférences de notification</a>}
    >
      <div class="toolbar">
        <nav aria-label="Filtrer les notifications">
          <ul class="inline-list">
            {filter(false, 'Toutes')}
            {filter(true, 'Non lues seulement')}
          </ul>
        </nav>
        {!!unread && (
          <button class="secondary" {...submitProps(action.busy)} type="button" onClick={markAll}>
            Tout marquer comme lu
          </button>
        )}
      </div>
      <ErrorNote error={action.error} />
      <Loaded resource={list} label="Chargement des notifications…">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{unreadOnly ? 'Aucune notification non lue.' : 'Aucune notification pour le moment.'}</Empty>
          ) : (
            <>
              <ul class="notification-list">
                {data.items.map((n) => {
                  const href = n.link ? (pageOfLink(me.role, n.link) ?? n.link) : null;
                  return (
                    <li key={n.id} class={n.readAt ? 'notification' : 'notification unread'}>
                      <h2>
                        {href ? (
                          <a id={`notification-${n.id}`} href={href} onClick={() => open(n)}>
                            {n.title}
                          </a>
                        ) : (
                          <span id={`notification-${n.id}`} tabIndex={-1}>
                            {n.title}
                          </span>
                        )}
                      </h2>
                      <p class="notification-meta">
                        {!n.readAt && <span class="badge">Non lue</span>} <DateTime iso={n.createdAt} />
                      </p>
                      {n.body && <p class="notification-body">{n.body}</p>}
                      {!n.readAt && (
                        <button type="button" class="secondary small" aria-describedby={`notification-${n.id}`} onClick={() => markRead(n)}>
                          Marquer comme lue
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

const CHANNELS = [
  ['email', 'Par e-mail'],
  ['inApp', 'Dans le site'],
] as const;

export function PreferencesPage({ me }: SpaceProps) {
  const groups = groupsFor(me.role);
  const preferences = useResource(() => api.notificationPreferences(), []);
  const form = useForm({
    id: 'preferences',
    fields: groups.map((g) => g.kind),
    alias: Object.fromEntries(groups.flatMap((g) => CHANNELS.map(([channel]) => [`${g.kind}.${channel}`, g.kind]))),
  });

  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const body = Object.fromEntries(groups.map((g) => [g.kind, { email: data.get(`${g.kind}-email`) === 'on', inApp: data.get(`${g.kind}-inApp`) === 'on' }])) as NotificationPreferences;
    const saved = await form.run(() => api.saveNotificationPreferences(body));
    if (!saved) return;
    preferences.set(saved);
    announce('Vos préférences de notification sont enregistrées.');
  }

  return (
    <Page title="Préférences de notification" lead="Choisissez, pour chaque type d’événement, si vous le recevez par e-mail, dans le site, ou les deux." actions={<a href="/notifications">Mes notifications</a>}>
      <Loaded resource={preferences} label="Chargement de vos préférences…">
        {(current) => (
          <form class="card" onSubmit={submit} noValidate ref={form.ref} aria-describedby="preferences-security">
            <div class="table-wrap">
              <table class="stack">
                <caption>Vos préférences par type d’événement</caption>
                <thead>
                  <tr>
                    <th scope="col">Type d’événement</th>
                    {CHANNELS.map(([channel, label]) => (
                      <th key={channel} scope="col">
                        {label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.kind}>
                      <th scope="row">
                        {g.label}
                        <p class="hint" id={`preferences-${g.kind}-hint`}>
                          {g.hint}
                        </p>
                        {form.message(g.kind)}
                      </th>
                      {CHANNELS.map(([channel, label]) => {
                        const id = `preferences-${g.kind}-${channel}`;
                        return (
                          <td key={channel}>
                            <label class="choice" for={id}>
                              <input
                                type="checkbox"
                                id={id}
                                name={`${g.kind}-${channel}`}
                                defaultChecked={current[g.kind]?.[channel] ?? true}
                                {...form.control(g.kind, `preferences-${g.kind}-hint`)}
                              />
                              {label}
                              <span class="visually-hidden"> : {g.label}</span>
                            </label>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="hint" id="preferences-security">
              Les e-mails de sécurité partent toujours et ne se règlent pas ici : confirmation de votre adresse, mot de passe oublié ou changé, connexion
              bloquée après plusieurs essais, mot de passe provisoire, suppression de votre compte.
            </p>
            {form.summary()}
            <button {...form.submit}>{form.busy ? 'Enregistrement…' : 'Enregistrer mes préférences'}</button>
          </form>
        )}
      </Loaded>
    </Page>
  );
}
