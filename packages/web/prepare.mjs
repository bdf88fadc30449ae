/* global process, URL */
// `pnpm install` runs this (the package's prepare script): builds the agent workspace and the chat widget into
// build/. A production install (`pnpm install --prod`, as in the image's last stage) has no Vite: it says so and
// builds nothing, since the image copies the build made in its build stage.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./', import.meta.url));
const vite = fileURLToPath(new URL('./node_modules/vite/bin/vite.js', import.meta.url));
if (!existsSync(vite)) {
  process.stdout.write(
    '@parley/web: Vite is not installed (a production install): front-ends not built here\n',
  );
} else {
  for (const config of ['vite.workspace.config.ts', 'vite.widget.config.ts'])
    execFileSync(process.execPath, [vite, 'build', '--config', config], { cwd: root, stdio: 'inherit' });
}
