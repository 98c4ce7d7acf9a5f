// The CVthèque's contact requests (issue #17, item 6): which company asked whom, through which
// référent, where the request stands and until when, with the link to its contactRequestWorkflow in the
// Temporal UI. Read-only like every status here: the person or their référent answers, the company
// cancels, the workflow expires it; the back office only looks (support, « why does this one wait? »).
import type { ResourceOptions, ResourceWithOptions } from 'adminjs';
import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { User } from '../models/index.js';
import { PgResource, tableModel } from './resource-adapter.js';
import { PROCESSES } from '../workflows/processes.js';
import { DISPLAY_NAME, READ_ONLY_ACTIONS, historyProperty, namedBy, statusValues, withHistory, workflowProperty, type ResourceContext } from './resources.js';

export class ContactRequestRecord extends Model<InferAttributes<ContactRequestRecord>, InferCreationAttributes<ContactRequestRecord>> {
  declare id: string;
  declare companyId: string;
  declare candidateId: string;
  declare referentId: string | null;
  declare requestedBy: string | null;
  declare message: string;
  declare status: string;
  declare statusChangedAt: Date;
  declare workflowId: string;
  declare createdAt: Date;
  declare updatedAt: Date;
  declare decidedAt: Date | null;
  declare decidedBy: string | null;
  declare expiresAt: Date;
}

const defineModel = (sequelize: Sequelize) =>
  tableModel(
    ContactRequestRecord,
    'contact_requests',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      companyId: DataTypes.UUID,
      candidateId: DataTypes.UUID,
      referentId: DataTypes.UUID,
      requestedBy: DataTypes.UUID,
      message: DataTypes.TEXT,
      status: DataTypes.TEXT,
      statusChangedAt: DataTypes.DATE,
      workflowId: DataTypes.TEXT,
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
      decidedAt: DataTypes.DATE,
      decidedBy: DataTypes.UUID,
      expiresAt: DataTypes.DATE,
    },
    User.sequelize ?? sequelize,
  );

const NAMES = `SELECT r.id, c.name || ' → ' || u.first_name || ' ' || u.last_name AS name
  FROM contact_requests r JOIN companies c ON c.id = r.company_id JOIN users u ON u.id = r.candidate_id`;

export function contactRequestResource(ctx: ResourceContext): ResourceWithOptions {
  const options: ResourceOptions = {
    navigation: { name: 'CVthèque', icon: 'Search' },
    titleProperty: 'displayName',
    sort: { sortBy: 'statusChangedAt', direction: 'desc' },
    properties: {
      displayName: DISPLAY_NAME,
      companyId: { reference: 'companies' },
      candidateId: { reference: 'users' },
      referentId: { reference: 'users' },
      requestedBy: { reference: 'users' },
      decidedBy: { reference: 'users' },
      status: { isDisabled: true, availableValues: statusValues(PROCESSES.contactRequest.rules.statusLabel) },
      message: { type: 'textarea' },
      workflowId: workflowProperty(ctx, { prefix: PROCESSES.contactRequest.workflowIdPrefix }),
      history: historyProperty(ctx),
    },
    listProperties: ['companyId', 'candidateId', 'status', 'statusChangedAt', 'expiresAt', 'workflowId'],
    filterProperties: ['companyId', 'candidateId', 'status', 'statusChangedAt', 'expiresAt'],
    showProperties: ['companyId', 'candidateId', 'referentId', 'status', 'statusChangedAt', 'expiresAt', 'workflowId', 'history', 'requestedBy', 'message', 'decidedBy', 'decidedAt', 'createdAt', 'id'],
    actions: { ...READ_ONLY_ACTIONS, show: { after: withHistory(ctx.sequelize, 'contactRequest') } },
  };
  return { resource: new PgResource(defineModel(ctx.sequelize), namedBy(ctx.sequelize, NAMES)), options };
}
