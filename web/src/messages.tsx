// « Mes messages » (/messages), for every role: the threads of the applications one sees that hold a
// message, the most recently active first, each with its unread count and a link to the thread on the
// application's page. Refreshed every 15 s while open.
import { useEffect } from 'preact/hooks';
import { api, type Me, type ThreadListItem } from './api.js';
import { SPACE_OF } from './links.js';
import type { SpaceProps } from './main.js';
import { withQuery } from './router.js';
import { applicationStatusLabel } from './status.js';
import { DateTime, Empty, Loaded, Page, Pager, useResource } from './ui.js';

const REFRESH_MS = 15_000;
const PAGE_SIZE = 30;

/** The thread on the application's page, in the reader's space. */
export const threadHref = (me: Pick<Me, 'role'>, applicationId: string) => `${SPACE_OF[me.role]}/candidatures/${applicationId}#messages`;

const unreadLabel = (count: number) => (count === 0 ? 'tout est lu' : count === 1 ? '1 message non lu' : `${count} messages non lus`);

export default function MessagesPage({ me, location }: SpaceProps) {
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const resource = useResource(() => api.threads({ page, pageSize: PAGE_SIZE }), [page]);
  useEffect(() => {
    const timer = setInterval(() => void resource.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [resource.reload]);

  return (
    <Page title="Mes messages" lead="Les échanges de chaque candidature entre l’entreprise, la personne candidate et son référent, les plus récents d’abord.">
      <Loaded resource={resource} label="Chargement de vos messages…">
        {(list) =>
          list.items.length ? (
            <>
              <p role="status" class="muted">
                {list.total === 1 ? '1 fil de messages' : `${list.total} fils de messages`}, {unreadTotal(list.items)}.
              </p>
              <ul class="threads cards">
                {list.items.map((thread) => (
                  <ThreadCard key={thread.applicationId} thread={thread} me={me} />
                ))}
              </ul>
              <Pager page={list.page} pageSize={list.pageSize} total={list.total} href={(p) => withQuery(location, { page: p > 1 ? String(p) : undefined })} />
            </>
          ) : (
            <Empty>Aucun message pour le moment. Les échanges commencent sur la page d’une candidature, une fois celle-ci transmise à l’entreprise.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function unreadTotal(items: ThreadListItem[]): string {
  const unread = items.reduce((sum, t) => sum + t.unread, 0);
  return unread === 0 ? 'aucun message non lu sur cette page' : unread === 1 ? '1 message non lu sur cette page' : `${unread} messages non lus sur cette page`;
}

function ThreadCard({ thread, me }: { thread: ThreadListItem; me: Me }) {
  const title = thread.offer?.title ?? 'Candidature spontanée';
  const about = me.role === 'CANDIDATE' ? thread.company.name : `${thread.candidate.firstName} ${thread.candidate.lastName}, ${thread.company.name}`;
  return (
    <li class={`card thread-card${thread.unread ? ' unread' : ''}`}>
      <h2>
        <a href={threadHref(me, thread.applicationId)}>
          {title} — {about}
          <span class={thread.unread ? 'badge unread-count' : 'visually-hidden'}> ({unreadLabel(thread.unread)})</span>
        </a>
      </h2>
      <p class="muted">
        {applicationStatusLabel(thread.status as Parameters<typeof applicationStatusLabel>[0], null)} · {thread.messages} message{thread.messages > 1 ? 's' : ''}
      </p>
      <p>
        Dernier message de {thread.lastMessage.author}, <DateTime iso={thread.lastMessage.createdAt} /> :
      </p>
      <p class="text excerpt">{thread.lastMessage.excerpt}</p>
    </li>
  );
}
