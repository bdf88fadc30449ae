import { fileURLToPath } from 'node:url';

/** The built agent workspace (`index.html` and `assets/`), served by handoff at `/inbox`. */
export const workspaceDist = fileURLToPath(new URL('../build/workspace/', import.meta.url));

/** The built chat widget, one classic script, served by ingress at `/v1/chat/widget.js`. */
export const widgetFile = fileURLToPath(new URL('../build/widget/widget.js', import.meta.url));

/** The demo shop's page and stylesheet (not built: plain files). */
export const demoShopDir = fileURLToPath(new URL('../demo-shop/', import.meta.url));
