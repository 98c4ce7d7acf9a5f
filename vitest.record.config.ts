// `npm run record-histories`: the same harness as the tests, running only the history recorder.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({ ...base, test: { ...base.test, include: ['test/record-histories.ts'] } });
