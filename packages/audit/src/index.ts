export { entryFor, hasTimelineEntry, readTimeline, recordTimeline } from './timeline.js';
export type { TimelineEntry, TimelineRow } from './timeline.js';
