import type { FastifyInstance } from '@parley/runtime';
import type { GateDeps } from '../context.js';

/** Operators (and tests) can see which mode this process is enforcing right now. */
export function registerKillSwitchRoute(app: FastifyInstance, deps: Pick<GateDeps, 'killSwitch'>): void {
  const access = {
    public: 'the mode in force is operational status, like /readyz; changing it needs NATS',
  };
  app.get('/v1/kill-switch', { config: { access } }, async () => ({
    mode: deps.killSwitch.mode(),
    state: deps.killSwitch.state() ?? null,
  }));
}
