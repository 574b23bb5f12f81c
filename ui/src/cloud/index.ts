/** The cloud side of the UI: connections, import and publish (see CloudToolbar). */

export { CloudToolbar, type CloudToolbarProps } from "./CloudToolbar";
export type { Review } from "./PublishChanges";
