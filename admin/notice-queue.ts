// The notice queue (workflows/notice-queue.ts), as an operator reads it: the notices of process events
// not yet told — waiting their turn, claimed by a drain run, or backing off after a failure with its
// error — each with the workflow of its case. Read-only: a row leaves the queue once told. What the
// notice says (a refusal's message…) stays out: the case's workflow and the mails' outbox show it.
import type { ResourceOptions, ResourceWithOptions } from 'adminjs';
import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { User } from '../models/index.js';
import { NOTICE_ACTIVITIES, type NoticeActivity } from '../workflows/notice-queue.js';
import { processOfNoticeActivity } from '../workflows/processes.js';
import { PgResource, tableModel } from './resource-adapter.js';
import { READ_ONLY_ACTIONS, statusValues, workflowProperty, type ResourceContext } from './resources.js';

export class QueuedNoticeRow extends Model<InferAttributes<QueuedNoticeRow>, InferCreationAttributes<QueuedNoticeRow>> {
  declare id: string;
  declare taskQueue: string;
  declare activity: NoticeActivity;
  declare workflowId: string;
  declare seq: number;
  declare attempts: number;
  declare notBefore: Date;
  declare leasedUntil: Date | null;
  declare lastError: string | null;
  declare createdAt: Date;
}

const defineModel = (sequelize: Sequelize) =>
  tableModel(
    QueuedNoticeRow,
    'notice_queue',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true },
      taskQueue: DataTypes.TEXT,
      activity: DataTypes.TEXT,
      workflowId: DataTypes.TEXT,
      seq: DataTypes.INTEGER,
      attempts: DataTypes.INTEGER,
      notBefore: DataTypes.DATE,
      leasedUntil: DataTypes.DATE,
      lastError: DataTypes.TEXT,
      createdAt: DataTypes.DATE,
    },
    User.sequelize ?? sequelize,
  );


export function noticeQueueResource(ctx: ResourceContext, sequelize: Sequelize): ResourceWithOptions {
  const options: ResourceOptions = {
    navigation: { name: 'Exploitation', icon: 'Mail' },
    titleProperty: 'workflowId',
    sort: { sortBy: 'createdAt', direction: 'asc' },
    properties: {
      activity: { availableValues: statusValues(Object.fromEntries(NOTICE_ACTIVITIES.map((a) => [a, processOfNoticeActivity(a)?.label ?? a]))) },
      lastError: { type: 'textarea' },
      workflowId: workflowProperty(ctx),
    },
    listProperties: ['activity', 'workflowId', 'seq', 'attempts', 'notBefore', 'lastError', 'createdAt'],
    filterProperties: ['activity', 'workflowId', 'attempts', 'createdAt'],
    showProperties: ['activity', 'workflowId', 'seq', 'attempts', 'notBefore', 'leasedUntil', 'lastError', 'taskQueue', 'createdAt', 'id'],
    actions: READ_ONLY_ACTIONS,
  };
  return { resource: new PgResource(defineModel(sequelize)), options };
}
