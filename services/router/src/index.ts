import { main, startService } from '@parley/runtime';
import { readServiceConfig } from './config.js';
import { buildService } from './service.js';

void main(() => startService(buildService(readServiceConfig(process.env))));
