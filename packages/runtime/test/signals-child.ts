// A supervised child for the shutdown test: stops on SIGTERM like a service (stopOnSignals), holding nothing
// else open, and says "up" once its handlers are in place.
import { createLogger } from '@parley/telemetry';
import { stopOnSignals } from '../src/service.js';

const log = createLogger({ service: 'signals-child', level: 'silent' });
const server = setInterval(() => undefined, 1000);
stopOnSignals({
  log,
  stop: async () => {
    clearInterval(server);
    console.log('stopped');
  },
});
console.log('up');
