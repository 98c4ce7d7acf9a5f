// « Statistiques » (issue #16, item 9): the same page in the chargé de mission's space (their network)
// and in the administration (the whole platform) — the API decides the scope. A chunk of its own,
// Chart.js with it (./charts.ts), loaded only when the page opens. Each chart: a heading, a canvas
// role="img" whose label sums it up, and the same numbers as a real table behind « Afficher le
// tableau ». The period is in the address (?du=&au=), so a view can be shared.
import type { z } from 'zod';
import type { statistics } from '../../api/statistics/schemas.js';
import { de } from '../../workflows/glossary.js';
import { parisDate } from '../../workflows/paris-time.js';
import { ApiError, query, request } from './api.js';
import { fieldProblemsOf } from './forms.js';
import { ChartCanvas, type ChartSpec } from './charts.js';
import { navigate, withQuery, type Location } from './router.js';
import { Empty, ErrorNote, Loaded, Page, announce, useResource } from './ui.js';
import './statistics.css';

export type Statistics = z.output<typeof statistics>;

const statisticsApi = (params: { from?: string; to?: string }) => request<Statistics>('GET', `/statistics${query(params)}`);

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
/** `2026-03` → « mars 2026 ». */
const monthLabel = (month: string) => new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
const dayLabel = (day: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
const plural = (n: number, one: string, many: string) => `${number.format(n)} ${n > 1 ? many : one}`;
const hours = (h: number) => (h < 1 ? 'moins d’une heure' : `${number.format(h)} h`);

/** The period's days as the form shows them: the first, and the last included (the API's `to` is the next midnight). */
const daysOf = (stats: Statistics) => ({ from: parisDate(new Date(stats.from)), to: parisDate(new Date(stats.to).getTime() - 1) });

export default function StatisticsPage({ location, scopeLead }: { location: Location; scopeLead: string }) {
  const from = location.query.get('du') ?? '';
  const to = location.query.get('au') ?? '';
  const stats = useResource(async () => {
    const data = await statisticsApi({ from: from || undefined, to: to || undefined });
    const days = daysOf(data);
    announce(`Statistiques du ${dayLabel(days.from)} au ${dayLabel(days.to)} affichées.`);
    return data;
  }, [from, to]);

  // A refused period (400): its message under the field it names (read out: role=alert), instead of the charts.
  const problems = fieldProblemsOf(stats.error);
  const messageOf = (field: 'from' | 'to') => problems.find((p) => p.field === field)?.message ?? null;
  const refusalOf = (field: 'from' | 'to') => (messageOf(field) ? new ApiError(400, 'VALIDATION_FAILED', messageOf(field)!) : null);
  const shown = stats.data ? daysOf(stats.data) : { from, to };

  function choose(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(withQuery(location, { du: String(form.get('du') ?? ''), au: String(form.get('au') ?? '') }));
  }

  return (
    <Page title="Statistiques" lead={scopeLead}>
      <form class="filters period" onSubmit={choose} aria-label="Période des statistiques" key={`${shown.from}|${shown.to}`}>
        <div class="field">
          <label for="stats-from">Du</label>
          <input id="stats-from" name="du" type="date" value={from || shown.from} aria-invalid={messageOf('from') ? 'true' : undefined} aria-describedby="stats-from-error" />
          <ErrorNote id="stats-from-error" error={refusalOf('from')} />
        </div>
        <div class="field">
          <label for="stats-to">Au (inclus)</label>
          <input id="stats-to" name="au" type="date" value={to || shown.to} aria-invalid={messageOf('to') ? 'true' : undefined} aria-describedby="stats-to-error" />
          <ErrorNote id="stats-to-error" error={refusalOf('to')} />
        </div>
        <button type="submit" class="secondary">
          Afficher
        </button>
      </form>
      {problems.length > 0 && !stats.data ? null : (
        <Loaded resource={{ ...stats, error: problems.length ? undefined : stats.error }} label="Calcul des statistiques…">
          {(data) => <Charts stats={data} />}
        </Loaded>
      )}
    </Page>
  );
}

function Charts({ stats }: { stats: Statistics }) {
  const months = stats.months.map(monthLabel);
  const span = months.length > 1 ? `${de(months[0]!)} à ${months.at(-1)}` : `en ${months[0]}`;
  const { referentValidation: v } = stats;
  const sla = plural(v.slaHours / 24, 'jour', 'jours');
  return (
    <div class="statistics">
      <Figure
        id="stats-entries"
        title="Candidatures entrées dans chaque statut, par mois"
        explain="Chaque mois, combien de candidatures sont arrivées dans chaque statut (une candidature compte dans chaque statut par lequel elle passe)."
        chart={
          stats.statusEntries.length
            ? {
                kind: 'line',
                labels: months,
                series: stats.statusEntries.map((s) => ({ label: s.label, values: s.counts })),
                summary: `Courbes par statut, ${span} : ${stats.statusEntries.map((s) => `${s.label}, ${plural(s.total, 'entrée', 'entrées')}`).join(' ; ')}.`,
              }
            : null
        }
        empty="Aucune candidature n’a changé de statut sur cette période."
        table={
          <Table caption={`Candidatures entrées dans chaque statut, par mois (${span})`} head={['Mois', ...stats.statusEntries.map((s) => s.label)]}
            rows={stats.months.map((_, i) => [months[i]!, ...stats.statusEntries.map((s) => number.format(s.counts[i]!))])}
            total={['Total', ...stats.statusEntries.map((s) => number.format(s.total))]}
          />
        }
      />
      <Figure
        id="stats-hires"
        title="Recrutements par mois"
        explain="Les candidatures retenues, au mois où le recrutement a été enregistré."
        chart={{
          kind: 'bar',
          labels: months,
          series: [{ label: 'Recrutements', values: stats.hires.counts }],
          summary: `Barres des recrutements par mois, ${span} : ${plural(stats.hires.total, 'recrutement', 'recrutements')} en tout${
            stats.hires.total ? `, dont ${stats.months.map((_, i) => [months[i], stats.hires.counts[i]!] as const).filter(([, n]) => n).map(([m, n]) => `${number.format(n)} en ${m}`).join(', ')}` : ''
          }.`,
        }}
        table={
          <Table caption={`Recrutements par mois (${span})`} head={['Mois', 'Recrutements']}
            rows={stats.months.map((_, i) => [months[i]!, number.format(stats.hires.counts[i]!)])}
            total={['Total', number.format(stats.hires.total)]}
          />
        }
      />
      <Figure
        id="stats-durations"
        title="Temps médian passé dans chaque statut"
        explain="Pour les candidatures sorties d’un statut pendant la période : la moitié y est restée moins longtemps que ce temps, l’autre moitié plus longtemps."
        chart={
          stats.timeInStatus.length
            ? {
                kind: 'hbar',
                labels: stats.timeInStatus.map((s) => s.label),
                series: [{ label: 'Temps médian (heures)', values: stats.timeInStatus.map((s) => s.medianHours) }],
                axis: 'heures',
                summary: `Barres du temps médian par statut, en heures : ${stats.timeInStatus.map((s) => `${s.label}, ${hours(s.medianHours)}`).join(' ; ')}.`,
              }
            : null
        }
        empty="Aucune candidature n’est sortie d’un statut sur cette période."
        table={
          <Table caption="Temps médian passé dans chaque statut" head={['Statut', 'Temps médian (heures)', 'En jours', 'Candidatures sorties du statut']}
            rows={stats.timeInStatus.map((s) => [s.label, number.format(s.medianHours), number.format(s.medianHours / 24), number.format(s.stays)])}
          />
        }
      />
      <Figure
        id="stats-validations"
        title={`Validations du référent en ${sla} au plus`}
        explain={`Les candidatures validées pendant la période : dans les ${sla} après leur dépôt, ou au-delà (le référent reçoit alors un rappel). ${
          v.waitingBeyondSla ? `Aujourd’hui, ${plural(v.waitingBeyondSla, 'candidature attend', 'candidatures attendent')} une validation au-delà de ce délai.` : `Aujourd’hui, aucune candidature n’attend de validation au-delà de ce délai.`
        }`}
        chart={
          v.validated
            ? {
                kind: 'bar',
                labels: [`Dans les ${sla}`, `Après ${sla}`],
                series: [{ label: 'Validations', values: [v.withinSla, v.late] }],
                summary: `Barres des validations : ${plural(v.validated, 'validation', 'validations')}, dont ${number.format(v.withinSla)} dans les ${sla} (${percent.format(v.share ?? 0)}) et ${number.format(v.late)} après.`,
              }
            : null
        }
        empty="Aucune validation sur cette période."
        table={
          <Table caption={`Validations du référent en ${sla} au plus`} head={['Période', 'Validations', 'Dans le délai', 'Hors délai', 'Part dans le délai', 'En attente au-delà du délai aujourd’hui']}
            rows={[[span, number.format(v.validated), number.format(v.withinSla), number.format(v.late), v.share === null ? '—' : percent.format(v.share), number.format(v.waitingBeyondSla)]]}
          />
        }
      />
      <Figure
        id="stats-reasons"
        title="Motifs de refus"
        explain="Les refus du recruteur (avant ou après entretien) enregistrés pendant la période, par motif."
        chart={
          stats.refusalReasons.length
            ? {
                kind: 'hbar',
                labels: stats.refusalReasons.map((r) => r.label),
                series: [{ label: 'Refus', values: stats.refusalReasons.map((r) => r.total) }],
                summary: `Barres des refus par motif : ${stats.refusalReasons.map((r) => `${r.label}, ${number.format(r.total)}`).join(' ; ')}.`,
              }
            : null
        }
        empty="Aucun refus sur cette période."
        table={
          <Table caption="Motifs de refus" head={['Motif', 'Refusées', 'Non retenues après entretien', 'Total']}
            rows={stats.refusalReasons.map((r) => [r.label, number.format(r.refuse), number.format(r.notHire), number.format(r.total)])}
          />
        }
      />
    </div>
  );
}

function Figure({ id, title, explain, chart, empty, table }: { id: string; title: string; explain: string; chart: ChartSpec | null; empty?: string; table: preact.JSX.Element }) {
  return (
    <section class="stat card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="muted">{explain}</p>
      {chart ? (
        <>
          <ChartCanvas spec={chart} />
          <details>
            <summary>
              Afficher le tableau<span class="visually-hidden"> : {title}</span>
            </summary>
            {table}
          </details>
        </>
      ) : (
        <Empty>{empty}</Empty>
      )}
    </section>
  );
}

/** A data table: the first cell of each row is its header; `total`, a last row in the table's foot. */
function Table({ caption, head, rows, total }: { caption: string; head: string[]; rows: string[][]; total?: string[] }) {
  const row = (cells: string[], key: string | number) => (
    <tr key={key}>
      <th scope="row">{cells[0]}</th>
      {cells.slice(1).map((cell, i) => (
        <td key={i}>{cell}</td>
      ))}
    </tr>
  );
  return (
    <div class="table-wrap">
      <table class="numbers">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows.map(row)}</tbody>
        {total && <tfoot>{row(total, 'total')}</tfoot>}
      </table>
    </div>
  );
}
