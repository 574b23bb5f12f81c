/** The cloud side of the UI: connections, import and publish (see CloudToolbar). */

export { CloudToolbar, cloudApiFor, type CloudToolbarProps } from "./CloudToolbar";
export { MemoryCloud } from "./memory";
export { TauriCloud, type CloudApi } from "./api";
