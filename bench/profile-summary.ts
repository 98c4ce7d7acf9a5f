// `node --import tsx bench/profile-summary.ts FILE.cpuprofile [N]`: where a V8 CPU profile spent its
// time, by function and by package (self time), to read the profiles `npm run bench -- --profile=worker` writes.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
const [file, top = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
const total = profile.nodes.reduce((sum, n) => sum + n.hitCount, 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/main\//, '')}:${lineNumber}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + node.hitCount);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') ? 'node:' + url.slice(5).split('/')[0] : url ? url.replace(/^file:\/\/\/work\/main\//, '').split('/')[0] : functionName || '(native)');
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + node.hitCount);
}
const show = (map: Map<string, number>) =>
  [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(top)).map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`).join('\n');
console.log(`${file}: ${total} samples over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s\n\nby package:\n${show(byPackage)}\n\nby function:\n${show(byFunction)}`);
