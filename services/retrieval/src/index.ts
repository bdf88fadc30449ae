import { main, startService } from '@parley/runtime';
import { readServiceConfig } from './config.js';
import { buildService } from './service.js';

await main(async () => startService(buildService(readServiceConfig(process.env))));
