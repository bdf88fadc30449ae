export {
  entryFor,
  hasTimelineEntry,
  readTimeline,
  recordTimeline,
  timelineInsert,
  timelineParams,
} from './timeline.js';
export type { TimelineEntry, TimelineRow } from './timeline.js';
