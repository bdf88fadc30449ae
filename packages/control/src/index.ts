export { CanaryConflict, CanaryControl, CanaryState, canaryKey } from './canary.js';
export type { CanaryControlOptions } from './canary.js';
export { KillSwitch, KillSwitchState, KILL_SWITCH_KEY, controlBucket } from './kill-switch.js';
export type { KillSwitchOptions } from './kill-switch.js';
