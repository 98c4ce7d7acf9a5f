// Sign-in lockouts, current and recent (view sign_in_lockouts of migration 0013): which address, from
// which source (an IP, or a known device), after how many failures, until when. Read-only: a lock ends
// by itself, and the owner is never locked out of their other places and known devices.
import type { ResourceOptions, ResourceWithOptions } from 'adminjs';
import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { User } from '../models/index.js';
import { PgResource, tableModel } from './resource-adapter.js';
import { READ_ONLY_ACTIONS, statusValues } from './resources.js';

export class SignInLockout extends Model<InferAttributes<SignInLockout>, InferCreationAttributes<SignInLockout>> {
  declare id: string;
  declare email: string;
  declare sourceKind: 'IP' | 'DEVICE';
  declare source: string;
  declare failures: number;
  declare active: boolean;
  declare lockedUntil: Date | null;
  declare lockouts: number;
  declare firstLockedAt: Date | null;
  declare lastLockedAt: Date | null;
  declare lastFailureAt: Date | null;
}

const defineModel = (sequelize: Sequelize) =>
  tableModel(
    SignInLockout,
    'sign_in_lockouts',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      email: DataTypes.TEXT,
      sourceKind: DataTypes.TEXT,
      source: DataTypes.TEXT,
      failures: DataTypes.INTEGER,
      active: DataTypes.BOOLEAN,
      lockedUntil: DataTypes.DATE,
      lockouts: DataTypes.INTEGER,
      firstLockedAt: DataTypes.DATE,
      lastLockedAt: DataTypes.DATE,
      lastFailureAt: DataTypes.DATE,
    },
    User.sequelize ?? sequelize,
  );

export function lockoutResource(sequelize: Sequelize): ResourceWithOptions {
  const options: ResourceOptions = {
    navigation: { name: 'Exploitation', icon: 'Mail' },
    titleProperty: 'email',
    sort: { sortBy: 'lastLockedAt', direction: 'desc' },
    properties: {
      sourceKind: { availableValues: statusValues({ IP: 'adresse IP', DEVICE: 'appareil connu' }) },
    },
    listProperties: ['email', 'sourceKind', 'source', 'failures', 'active', 'lockedUntil', 'lockouts', 'lastLockedAt'],
    filterProperties: ['email', 'sourceKind', 'source', 'active', 'lockedUntil', 'lastLockedAt'],
    showProperties: ['email', 'sourceKind', 'source', 'failures', 'active', 'lockedUntil', 'lockouts', 'firstLockedAt', 'lastLockedAt', 'lastFailureAt', 'id'],
    actions: READ_ONLY_ACTIONS,
  };
  return { resource: new PgResource(defineModel(sequelize)), options };
}
