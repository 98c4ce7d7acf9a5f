// freePort (scripts/services/process.ts): the ports a test, the bench or chaos pick for their servers
// before starting them. A port is free when drawn and bound only later, so a second pick must not draw it
// again: `npm start`'s test once got the same port for Temporal and its UI, and the dev server failed.
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/services/process.js';

describe('freePort', () => {
  it('never hands out the same port twice in a process, though none is bound meanwhile', async () => {
    // 300 draws among 12,768 ports: without the record of those handed out, a repeat is all but certain (97 %).
    const ports: number[] = [];
    for (let i = 0; i < 300; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port >= 20_000 && port <= 32_767, `${port} below the ephemeral range`).toBe(true);
  });
});
