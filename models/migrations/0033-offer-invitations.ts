// Invitations to apply (issue #18, item 5; seed 002): a company invites CVthèque candidates to apply to
// one of its published offers. One row per (offer, candidate), ever: the primary key is the « at most
// once » — a second invitation of the same person to the same offer adds nothing, whatever its batch.
// offerInvitationWorkflow (workflows/offer-invitation.ts) sends the PENDING rows in batches.
//
// Statuses: PENDING (recorded, not yet sent), SENT (told by mail and/or in the site, as the candidate's
// preferences say), SKIPPED (never sent: skip_reason says why — the offer closed, the profile left the
// CVthèque, the candidate had already applied), DECLINED (the candidate said no; never sent again).
// « Applied » is not stored: it is read from applications (an application to the offer by an invited
// candidate), so no application path has to know about invitations and the two never disagree.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE offer_invitations (
      offer_id uuid NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'SKIPPED', 'DECLINED')),
      skip_reason text CHECK (skip_reason IN ('OFFER_CLOSED', 'NOT_VISIBLE', 'ALREADY_APPLIED')),
      invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- The workflow's batch that claimed it (\`<runId>/<n>\`): a retried batch claims no more rows.
      batch text,
      sent_at timestamptz,
      declined_at timestamptz,
      PRIMARY KEY (offer_id, candidate_id),
      CONSTRAINT offer_invitations_skip_reason CHECK ((status = 'SKIPPED') = (skip_reason IS NOT NULL))
    );
    -- The batches' next rows, oldest first.
    CREATE INDEX offer_invitations_pending_idx ON offer_invitations (offer_id, created_at, candidate_id) WHERE status = 'PENDING';
    -- A candidate's invitations, newest first.
    CREATE INDEX offer_invitations_candidate_idx ON offer_invitations (candidate_id, created_at DESC);
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`DROP TABLE offer_invitations;`);
};
