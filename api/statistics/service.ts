// Statistics for those who steer (issue #16, item 9): admins for the whole platform, a mission officer
// for the applications of their network (the case's own mission_officer_id, as the lists scope them).
// Everything is computed by PostgreSQL from the projection — `applications` and its history
// `application_events` — then shaped in api/statistics/shape.ts. The measures:
//
// - entries: per month (Paris), how many applications ENTERED each state: events whose to_status
//   differs from their from_status (the creation included; an interview confirmed or a follow-up
//   handed over keeps the state and is no entry). Entries, not stock: a month's bar is what happened
//   in it, and it needs no reconstruction of every day's state;
// - hires per month: `hire` events;
// - time in each state: consecutive state changes of one application (by seq) give each stay; the
//   median of the stays that ENDED in the period (a stay still running has no length yet);
// - référent validations within the SLA: `validate` events of the period (the référent's step, whoever
//   took it: the référent, their mission officer or an admin), against the time their application
//   entered PENDING_REFERENT_VALIDATION; the SLA is the référent's reminder delay
//   (DEFAULT_TIMERS.referentReminderMs: past it the workflow reminds them). Also the applications
//   waiting for a validation right now for longer than that;
// - refusal reasons: `refuse` and `not_hire` events of the period by data->>'reason' (NULL: none).
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { User } from '../../models/index.js';
import { DEFAULT_TIMERS } from '../../workflows/application.js';
import { candidateCaseScope, type Scope } from '../candidate-cases.js';
import { HttpError } from '../errors.js';
import type { statisticsQuery } from './schemas.js';
import { STATISTICS_TIME_ZONE, shapeStatistics, statisticsPeriod, type MonthCountRow, type MonthStatusRow, type ReasonRow, type StayRow, type ValidationRow } from './shape.js';

/** The référent's validation is « in time » within this delay. */
export const REFERENT_VALIDATION_SLA_MS = DEFAULT_TIMERS.referentReminderMs;

/** A state change: the creation, or an event that moved the application to another state. */
const STATE_CHANGE = 'e.to_status IS NOT NULL AND e.to_status IS DISTINCT FROM e.from_status';
const MONTH = `to_char(e.at AT TIME ZONE :tz, 'YYYY-MM')`;
const IN_PERIOD = 'e.at >= :from AND e.at < :to';

export function statisticsService({ sequelize }: { sequelize: Sequelize }) {
  const select = <T extends object>(sql: string, scope: Scope, replacements: Record<string, unknown>) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements: { ...scope.replacements, ...replacements } });

  return {
    /** Admins: everything; mission officers: their network; others 403 (a tool of who steers, like « Mes référents »). */
    scope(user: User): Scope {
      if (user.role !== 'ADMIN' && user.role !== 'MISSION_OFFICER') {
        throw new HttpError('FORBIDDEN', 'Les statistiques sont réservées aux chargés de mission et aux administrateurs.');
      }
      return candidateCaseScope(user, 'a', 'FALSE');
    },

    async compute(scope: Scope, query: z.output<typeof statisticsQuery>) {
      const period = statisticsPeriod(query);
      const params = { from: period.from, to: period.to, tz: STATISTICS_TIME_ZONE };
      const events = `FROM application_events e JOIN applications a ON a.id = e.application_id WHERE (${scope.where})`;
      const [entries, hires, stays, [validation], reasons] = await Promise.all([
        select<MonthStatusRow>(`SELECT ${MONTH} AS month, e.to_status AS status, count(*)::int AS count ${events} AND ${STATE_CHANGE} AND ${IN_PERIOD} GROUP BY 1, 2`, scope, params),
        select<MonthCountRow>(`SELECT ${MONTH} AS month, count(*)::int AS count ${events} AND e.type = 'hire' AND ${IN_PERIOD} GROUP BY 1`, scope, params),
        select<StayRow>(
          `WITH stays AS (
             SELECT e.to_status AS status, e.at AS entered_at, lead(e.at) OVER (PARTITION BY e.application_id ORDER BY e.seq) AS left_at
             ${events} AND ${STATE_CHANGE})
           SELECT status, count(*)::int AS stays, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered_at)) AS median_seconds
           FROM stays WHERE left_at >= :from AND left_at < :to GROUP BY status`,
          scope,
          params,
        ),
        select<ValidationRow>(
          `WITH validations AS (
             SELECT e.at AS validated_at,
                    (SELECT max(p.at) FROM application_events p WHERE p.application_id = e.application_id AND p.seq < e.seq
                       AND p.to_status = 'PENDING_REFERENT_VALIDATION' AND p.from_status IS DISTINCT FROM p.to_status) AS entered_at
             ${events} AND e.type = 'validate' AND ${IN_PERIOD})
           SELECT count(*)::int AS validated,
                  count(*) FILTER (WHERE validated_at - entered_at <= :sla * interval '1 millisecond')::int AS within_sla,
                  (SELECT count(*) FROM applications a WHERE (${scope.where}) AND a.status = 'PENDING_REFERENT_VALIDATION'
                     AND a.status_changed_at < now() - :sla * interval '1 millisecond')::int AS waiting_beyond_sla
           FROM validations`,
          scope,
          { ...params, sla: REFERENT_VALIDATION_SLA_MS },
        ),
        select<ReasonRow>(
          `SELECT e.data->>'reason' AS reason, count(*) FILTER (WHERE e.type = 'refuse')::int AS refuse, count(*) FILTER (WHERE e.type = 'not_hire')::int AS not_hire
           ${events} AND e.type IN ('refuse', 'not_hire') AND ${IN_PERIOD} GROUP BY 1`,
          scope,
          params,
        ),
      ]);
      return shapeStatistics(period, REFERENT_VALIDATION_SLA_MS, { entries, hires, stays, validation: validation!, reasons });
    },
  };
}
