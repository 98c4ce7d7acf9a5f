// What activities are built from: injected, so tests and processes wire real services explicitly.
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config/env.js';
import type { Logger } from '../config/logger.js';

export interface ActivityDeps {
  sequelize: Sequelize;
  config: Pick<Config, 'MAIL_FROM' | 'PUBLIC_URL' | 'JITSI_BASE_URL' | 'JITSI_APP_ID' | 'JITSI_APP_SECRET' | 'TEMPORAL_UI_URL'> & Partial<Pick<Config, 'DATA_DIR'>>;
  logger: Logger;
  mailTransport: Transporter;
  /**
   * The platform's sealed client: the account deletion closes cases through their own workflows. Absent
   * (a worker wired without it), that step fails visibly rather than writing rows behind the workflows.
   */
  temporal?: Client;
}
