// Request and response shapes of the statistics: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { APPLICATION_STATUSES } from '../../workflows/application-rules.js';
import { instant } from '../interviews/schemas.js';

export const statisticsQuery = z.object({ from: instant('from').optional(), to: instant('to').optional() }).strict();

const perStatus = { status: z.enum(APPLICATION_STATUSES), label: z.string() };

export const statistics = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    /** `YYYY-MM`, the months of the period (Paris), the index of every monthly count. */
    months: z.array(z.string()),
    statusEntries: z.array(z.object({ ...perStatus, counts: z.array(z.number()), total: z.number() })),
    hires: z.object({ counts: z.array(z.number()), total: z.number() }),
    timeInStatus: z.array(z.object({ ...perStatus, stays: z.number(), medianHours: z.number() })),
    referentValidation: z.object({
      slaHours: z.number(),
      validated: z.number(),
      withinSla: z.number(),
      late: z.number(),
      share: z.number().nullable(),
      waitingBeyondSla: z.number(),
    }),
    refusalReasons: z.array(z.object({ reason: z.string().nullable(), label: z.string(), refuse: z.number(), notHire: z.number(), total: z.number() })),
  })
  .meta({ id: 'Statistics' });
