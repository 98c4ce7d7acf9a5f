// "Mes entretiens": the interviews of a period (GET /api/interviews, 62 days at most) as a list
// (upcoming, then past) or as a week calendar: a table of seven columns on a wide screen, a list of
// days on a narrow one or under zoom (RGAA 10.11: no sideways scrolling at 320 px).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AppointmentItem, loadAppointments, type Appointment } from './applications.js';
import { addWeeks, byDay, localDay, mondayOf, parseDay, weekDays } from './calendar.js';
import type { Me } from './api.js';
import { withQuery, type Location } from './router.js';
import { Empty, Loaded, Page, formatDate, useResource } from './ui.js';

const dayName = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long' });
const weekTitle = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

/** The list view's period: a month back, a month ahead (the API's 62 days). */
function listPeriod(now = new Date()): { from: Date; to: Date } {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return { from: new Date(today.getFullYear(), today.getMonth(), today.getDate() - 30), to: new Date(today.getFullYear(), today.getMonth(), today.getDate() + 32) };
}

/** `me` and `onMoved`: a recruiter moves an interview from here (000: « annuler ou modifier un entretien »). */
type Describe = { hrefOf: (a: Appointment) => string; who: (a: Appointment) => ComponentChildren; me?: Me; onMoved?: () => void };

export function AppointmentsPage({ title, location, hrefOf, who, me }: { title: string; location: Location } & Describe) {
  const view = location.query.get('vue') === 'semaine' ? 'week' : 'list';
  const monday = mondayOf(parseDay(location.query.get('du')) ?? new Date());
  const period = view === 'week' ? { from: monday, to: addWeeks(monday, 1) } : listPeriod();
  const resource = useResource(() => loadAppointments(period.from, period.to), [view, period.from.getTime()]);
  return (
    <Page title={title} lead="Vos entretiens avec leur date, leur heure et leur type ; la visioconférence se lance d’ici.">
      <nav aria-label="Affichage des entretiens" class="tabs">
        <a href={withQuery(location, { vue: undefined, du: undefined })} aria-current={view === 'list' ? 'page' : undefined}>
          Liste
        </a>
        <a href={withQuery(location, { vue: 'semaine' })} aria-current={view === 'week' ? 'page' : undefined}>
          Semaine
        </a>
      </nav>
      <Loaded resource={resource} label="Chargement des entretiens…">
        {(appointments) =>
          view === 'week' ? (
            <Week appointments={appointments} monday={monday} location={location} hrefOf={hrefOf} who={who} me={me} onMoved={resource.reload} />
          ) : (
            <List appointments={appointments} period={period} hrefOf={hrefOf} who={who} me={me} onMoved={resource.reload} />
          )
        }
      </Loaded>
    </Page>
  );
}

function List({ appointments, period, ...describe }: { appointments: Appointment[]; period: { from: Date; to: Date } } & Describe) {
  const now = Date.now();
  const live = (a: Appointment) => a.status === 'PROPOSED' || a.status === 'CONFIRMED';
  const upcoming = appointments.filter((a) => live(a) && Date.parse(a.startsAt) + a.durationMinutes * 60_000 >= now);
  const others = appointments.filter((a) => !upcoming.includes(a)).reverse();
  return (
    <>
      <p class="muted">
        Du {formatDate(period.from.toISOString())} au {formatDate(new Date(period.to.getTime() - 1).toISOString())} ; la vue « Semaine » montre les autres dates.
      </p>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">À venir ({upcoming.length})</h2>
        {upcoming.length ? (
          <ul class="cards">
            {upcoming.map((a) => (
              <li key={a.id}>
                <AppointmentItem appointment={a} {...describe} />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>Aucun entretien à venir.</Empty>
        )}
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title">Passés ou annulés ({others.length})</h2>
        {others.length ? (
          <ul class="cards">
            {others.map((a) => (
              <li key={a.id}>
                <AppointmentItem appointment={a} {...describe} />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>Aucun entretien passé.</Empty>
        )}
      </section>
    </>
  );
}

/** Below this width the seven columns (56rem) do not fit beside the page's margins: one day under the other. */
const NARROW = '(max-width: 60rem)';

/** Whether the media query matches now, following resizing and zoom. */
function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const follow = () => setMatches(media.matches);
    follow();
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [query]);
  return matches;
}

/** A day's interviews, the same in the week's table and in its list of days. */
function DayItems({ items, ...describe }: { items: Appointment[] } & Describe) {
  return (
    <ul>
      {items.map((a) => (
        <li key={a.id}>
          <AppointmentItem appointment={a} {...describe} compact />
        </li>
      ))}
    </ul>
  );
}

function Week({ appointments, monday, location, ...describe }: { appointments: Appointment[]; monday: Date; location: Location } & Describe) {
  const narrow = useMedia(NARROW);
  const days = weekDays(monday);
  const today = localDay(new Date());
  const grouped = byDay(appointments, (a) => a.startsAt);
  const inWeek = days.reduce((n, day) => n + (grouped.get(localDay(day))?.length ?? 0), 0);
  return (
    <section aria-labelledby="week-title">
      <div class="week-head">
        <h2 id="week-title">
          Semaine du {weekTitle.format(days[0]!)} au {weekTitle.format(days[6]!)}
        </h2>
        <nav aria-label="Changer de semaine" class="row">
          <a href={withQuery(location, { du: localDay(addWeeks(monday, -1)) })}>Semaine précédente</a>
          <a href={withQuery(location, { du: undefined })}>Cette semaine</a>
          <a href={withQuery(location, { du: localDay(addWeeks(monday, 1)) })}>Semaine suivante</a>
        </nav>
      </div>
            <p class="muted">{inWeek ? `${inWeek} entretien${inWeek > 1 ? 's' : ''} cette semaine.` : 'Aucun entretien cette semaine.'}</p>
      {narrow ? (
        <ol class="day-list" aria-label="Entretiens de la semaine, jour par jour">
          {days.map((day) => {
            const items = grouped.get(localDay(day)) ?? [];
            return (
              <li key={day.toISOString()} aria-current={localDay(day) === today ? 'date' : undefined}>
                <h3>{dayName.format(day)}</h3>
                {items.length ? <DayItems items={items} {...describe} /> : <p class="muted">Aucun entretien</p>}
              </li>
            );
          })}
        </ol>
      ) : (
        <div class="table-wrap">
          <table class="week">
            <caption class="visually-hidden">Entretiens de la semaine, un jour par colonne</caption>
            <thead>
              <tr>
                {days.map((day) => (
                  <th scope="col" key={day.toISOString()} aria-current={localDay(day) === today ? 'date' : undefined}>
                    {dayName.format(day)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {days.map((day) => {
                  const items = grouped.get(localDay(day)) ?? [];
                  return (
                    <td key={day.toISOString()}>
                      {items.length ? (
                        <DayItems items={items} {...describe} />
                      ) : (
                        <span class="muted">
                          <span aria-hidden="true">—</span>
                          <span class="visually-hidden">Aucun entretien</span>
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
