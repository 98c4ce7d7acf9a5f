// « Fil d’activité » on each space's home page: the latest events of what the person follows (GET
// /api/feed), each a link to its page in this space with its date. « Voir plus » adds the next page
// below and moves the focus to its first item, so a keyboard or screen reader user goes on reading there.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ApiError, type FeedItem, type Role } from './api.js';
import { personName } from './applications.js';
import { pageOfLink } from './links.js';
import { DateTime, Empty, ErrorNote, Loaded, useResource } from './ui.js';

export function ActivityFeed({ role }: { role: Role }) {
  const first = useResource(() => api.feed(1), []);
  const [more, setMore] = useState<FeedItem[]>([]);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const focusFrom = useRef<number | null>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (focusFrom.current === null) return;
    list.current?.querySelectorAll<HTMLAnchorElement>('li > a')[focusFrom.current]?.focus();
    focusFrom.current = null;
  }, [more]);

  async function showMore(already: number) {
    setLoading(true);
    setError(null);
    try {
      const next = await api.feed(page + 1);
      focusFrom.current = already;
      setPage(page + 1);
      setMore([...more, ...next.items]);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }

  return (
    <section aria-labelledby="feed-title" class="feed">
      <h2 id="feed-title">Fil d’activité</h2>
      <Loaded resource={first} label="Chargement du fil d’activité…">
        {(data) => {
          const items = [...data.items, ...more];
          if (!items.length) return <Empty>Rien de nouveau pour le moment.</Empty>;
          return (
            <>
              <ul class="feed-list" ref={list}>
                {items.map((item, i) => (
                  <li key={`${item.entity.id}-${item.kind}-${item.at}-${i}`}>
                    <a href={pageOfLink(role, item.link) ?? item.link}>
                      {item.label} : {item.entity.title}
                    </a>
                    <span class="muted">
                      {' '}
                      — <DateTime iso={item.at} />
                      {item.actor ? `, par ${personName(item.actor)}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
              <ErrorNote error={error} />
              {items.length < data.total && (
                <button type="button" class="secondary" onClick={() => showMore(items.length)} disabled={loading} aria-describedby="feed-count">
                  {loading ? 'Chargement…' : 'Voir plus'}
                </button>
              )}
              <p id="feed-count" class="muted">
                {items.length} événement{items.length > 1 ? 's' : ''} affiché{items.length > 1 ? 's' : ''} sur {data.total}
              </p>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
