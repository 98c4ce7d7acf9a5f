// AdminJS's front-end bundle of our components (dashboard, actions, links, login), built here at start
// with AdminJS's own bundler (rollup + babel, all local: no network). AdminJS serves it from
// `.adminjs/bundle.js` in every mode: through its bundleComponents route in development, as a static
// asset in production. A stamp (hash of the entry, of our component sources, of the mode and of the
// AdminJS version) skips the build when nothing changed; the file is written under a temporary name
// and renamed, so a process reading it never sees half a bundle.
//
// Run alone (`node --import tsx admin/bundle.ts`), it builds the bundle ahead of a start, e.g. in an
// image build with NODE_ENV=production.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AdminJS, { ComponentLoader } from 'adminjs';
import { ADMIN_JS_TMP_DIR, COMPONENTS_OUTPUT_PATH, NODE_ENV, componentsBundler, generateUserComponentEntry } from 'adminjs/bundler';

export const COMPONENTS_DIR = fileURLToPath(new URL('./components/', import.meta.url));
const component = (name: string) => path.join(COMPONENTS_DIR, name);

/** Our components, registered by name; the resources and the dashboard refer to these names. */
export function createComponentLoader() {
  const loader = new ComponentLoader();
  const Components = {
    Dashboard: loader.add('TremplinDashboard', component('Dashboard.jsx')),
    WorkflowLink: loader.add('TremplinWorkflowLink', component('WorkflowLink.jsx')),
    History: loader.add('TremplinHistory', component('History.jsx')),
    TransitionAction: loader.add('TremplinTransitionAction', component('TransitionAction.jsx')),
    RegisterLink: loader.add('TremplinRegisterLink', component('RegisterLink.jsx')),
  };
  loader.override('Login', component('Login.jsx'));
  loader.override('ActionHeader', component('ActionHeader.jsx'));
  loader.override('FilterDrawer', component('FilterDrawer.jsx'));
  loader.override('DefaultListAction', component('ListAction.jsx'));
  loader.override('DefaultEditAction', component('RecordForm.jsx'));
  loader.override('DefaultNewAction', component('RecordForm.jsx'));
  loader.override('SidebarBranding', component('SidebarBranding.jsx'));
  loader.override('DefaultDatetimeShowProperty', component('DatetimeValue.jsx'));
  loader.override('DefaultDatetimeListProperty', component('DatetimeValue.jsx'));
  return { loader, Components };
}

async function sourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(COMPONENTS_DIR)).sort()) {
    hash.update(name).update(await readFile(path.join(COMPONENTS_DIR, name)));
  }
  return hash.digest('hex');
}

async function adminjsVersion(): Promise<string> {
  const pkg = fileURLToPath(new URL('../node_modules/adminjs/package.json', import.meta.url));
  return existsSync(pkg) ? (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version : 'unknown';
}

/** Builds `.adminjs/bundle.js` unless the one there was built from the same sources; says which. */
export async function ensureAdminBundle(admin: AdminJS): Promise<'built' | 'up-to-date'> {
  const dir = path.resolve(ADMIN_JS_TMP_DIR);
  const output = path.resolve(COMPONENTS_OUTPUT_PATH);
  const stampPath = path.join(dir, 'bundle.stamp');
  await mkdir(dir, { recursive: true });
  const entry = generateUserComponentEntry(admin, dir);
  const stamp = createHash('sha256')
    .update(JSON.stringify({ entry, sources: await sourcesHash(), mode: NODE_ENV, adminjs: await adminjsVersion() }))
    .digest('hex');
  if (existsSync(output) && existsSync(stampPath) && (await readFile(stampPath, 'utf8')) === stamp) return 'up-to-date';

  const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmpEntry = path.join(dir, `entry-${unique}.js`);
  const tmpOutput = path.join(dir, `bundle-${unique}.js`);
  await writeFile(tmpEntry, entry);
  const { input } = componentsBundler.inputOptions;
  const { file } = componentsBundler.outputOptions;
  componentsBundler.setInputOption('input', tmpEntry).setOutputOption('file', tmpOutput);
  try {
    await componentsBundler.build();
    await rename(tmpOutput, output);
    await writeFile(stampPath, stamp);
  } finally {
    componentsBundler.setInputOption('input', input).setOutputOption('file', file);
    await rm(tmpEntry, { force: true });
    await rm(tmpOutput, { force: true });
  }
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { loader } = createComponentLoader();
  const outcome = await ensureAdminBundle(new AdminJS({ componentLoader: loader }));
  process.stdout.write(`AdminJS bundle ${outcome === 'built' ? 'built' : 'already up to date'} (${COMPONENTS_OUTPUT_PATH}, ${NODE_ENV}, ${Date.now() - started} ms)\n`);
}
