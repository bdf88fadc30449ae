export * from './common.js';
export * from './envelope.js';
export * from './ticket.js';
export * from './handoff.js';
export * from './reply.js';
export * from './knowledge.js';
export * from './registry.js';
export * from './text.js';
