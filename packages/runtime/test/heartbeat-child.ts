// A supervised child for the supervisor's liveness tests. Modes:
//   block: heartbeats, says "up", then blocks its event loop forever after a few beats;
//   run:   heartbeats and says "up" (the test stops it with SIGSTOP);
//   tick:  heartbeats and says "tick" on each one;
//   slow:  blocks its event loop for 1.5 s before its first heartbeat (a slow start-up), then runs;
//   mute:  says "up" but never heartbeats (a start-up that hangs before its service starts).
import { sendHeartbeats } from '../src/heartbeat.js';

const mode = process.argv[2];
const intervalMs = 50;
if (mode === 'slow') {
  const until = Date.now() + 1500;
  while (Date.now() < until);
}
if (mode !== 'mute') sendHeartbeats(intervalMs);
console.log('up');
let beats = 0;
const timer = setInterval(() => {
  beats++;
  if (mode === 'tick') console.log('tick');
  if (mode === 'block' && beats === 3) for (;;);
}, intervalMs);
// Stops on SIGTERM like a service; a blocked loop never gets here.
process.once('SIGTERM', () => clearInterval(timer));
