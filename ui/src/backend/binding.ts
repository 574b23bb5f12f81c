/** What a publish does to the document: the binding it returned, recorded. */

import type { Binding, Flow } from "../model";

/**
 * `flow` with `binding` recorded, replacing the one for the same provider
 * and instance: what a publish did to the document (the Rust side records
 * the same in the file, `ivr_cloud::service::record_binding`).
 */
export function withBinding(flow: Flow, binding: Binding): Flow {
  const others = flow.bindings.filter((b) => !(b.provider === binding.provider && b.instance === binding.instance));
  return { ...flow, bindings: [...others, binding] };
}
