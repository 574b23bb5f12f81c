/** The call simulator's side of the UI: the Simulate panel, its toolbar toggle and its state (see SimulatePanel). */

export { SimulateButton, SimulatePanel } from "./SimulatePanel";
export { type SimHost, type Simulator, useSimulator } from "./useSimulator";
export { useFollowCall, useKeepCentre } from "./useFollowCall";
