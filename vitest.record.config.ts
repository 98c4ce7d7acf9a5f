// `npm run record-histories`: the same harness as the tests, running only the history recorder.
import { defineConfig } from 'vitest/config';
import { platform } from './vitest.config.js';

export default defineConfig({ test: { ...platform, include: ['test/record-histories.ts'], exclude: [] } });
