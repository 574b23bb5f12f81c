/**
 * A block on the canvas, drawn from its catalog entry: category icon and
 * name, a one-line summary of its key setting, an entry handle (every block
 * but the start) and one labelled exit handle per port; exits a problem is on
 * are marked. The card's border, its badge and each marked exit take the
 * colour of their most serious problem: error red, warning amber, info neutral.
 */

import { memo } from "react";
import { Handle, Position, type Node as FlowNode, type NodeProps } from "@xyflow/react";
import { type BlockData, categoryOf, hasEntry, kindOf, portsOf, summaryIsSsml, summaryOf, titleOf } from "../flow";
import { t, tx } from "../i18n";
import { SEVERITY_KEY } from "../problems/ProblemsPanel";
import { SsmlMark } from "./SsmlMark";
import { CATEGORY_COLOR, CategoryIcon } from "./CategoryIcon";

export type BlockNodeType = FlowNode<BlockData, "block">;

/**
 * Drawn again only when its block or its selection changes: React Flow also
 * hands a node its measured size and position, which the drawing does not use
 * (a 1,000-block flow is measured once after opening: no second drawing).
 */
export const BlockNode = memo(BlockNodeView, (a, b) => a.data === b.data && a.selected === b.selected);

function BlockNodeView({ data, selected }: NodeProps<BlockNodeType>) {
  const { node, spec, lang, marks, review, reviewExits } = data;
  const category = spec ? categoryOf(spec, node) : undefined;
  const color = category ? CATEGORY_COLOR[category] : "#dc2626";
  const title = titleOf(spec, node, lang);
  const subtitle = spec && node.label.trim() !== "" ? kindOf(spec, node, lang) : undefined;
  const ports = spec ? portsOf(spec, node) : [];
  return (
    <div
      className={`block-node${selected ? " selected" : ""}${marks ? ` has-problems sev-${marks.worst}` : ""}${review ? ` review-${review}` : ""}`}
      data-review={review}
      data-testid={`node-${node.id}`}
      data-block={node.block}
      data-severity={marks?.worst}
      style={{ ["--block-color" as string]: color }}
    >
      {hasEntry(spec) && (
        <Handle
          type="target"
          position={Position.Left}
          className="entry-handle"
          data-testid={`entry-${node.id}`}
        />
      )}
      <div className="block-header">
        <span className="block-icon">
          {category ? <CategoryIcon category={category} /> : "?"}
        </span>
        <div className="block-titles">
          <div className="block-title" data-testid={`node-title-${node.id}`}>
            {title}
          </div>
          {subtitle && <div className="block-kind">{subtitle}</div>}
        </div>
        {marks && (
          <span
            className={`block-badge sev-${marks.worst}`}
            title={`${t(lang, "problems")}: ${marks.count} · ${t(lang, SEVERITY_KEY[marks.worst])}`}
            data-testid={`badge-${node.id}`}
          >
            {marks.count}
          </span>
        )}
      </div>
      <div className="block-summary" data-testid={`node-summary-${node.id}`}>
        {spec && summaryIsSsml(spec, node) && <SsmlMark lang={lang} testId={`node-ssml-${node.id}`} />}
        {spec ? summaryOf(spec, node, lang) : `${t(lang, "unknownBlock")}: ${node.block}`}
      </div>
      {ports.length > 0 && (
        <ul className="block-ports">
          {ports.map((port) => {
            const bad = marks?.ports[port.id];
            const marked = reviewExits?.has(port.id);
            return (
              <li
                key={port.id}
                className={`${bad ? `block-port bad sev-${bad}` : "block-port"}${marked ? " review-exit" : ""}`}
                data-testid={`port-${node.id}-${port.id}`}
                data-review={marked ? "exit" : undefined}
              >
                <span className={port.required ? "port-name required" : "port-name"}>
                  {tx(port.name, lang)}
                </span>
                <Handle
                  type="source"
                  position={Position.Right}
                  id={port.id}
                  className="exit-handle"
                  data-testid={`handle-${node.id}-${port.id}`}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
