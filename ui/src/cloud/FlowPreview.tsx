/** A small drawing of a flow (blocks as boxes, lines between them) for the Import dialog's preview. */

import type { Flow } from "../model";

const W = 240;
const H = 64;

/** `name` gives a block type's display name (from the catalog). */
export function FlowPreview({ flow, name }: { flow: Flow; name: (block: string) => string }) {
  if (flow.nodes.length === 0) return <svg className="cloud-preview-svg" data-testid="flow-preview" />;
  const xs = flow.nodes.map((n) => n.position.x);
  const ys = flow.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - 20;
  const minY = Math.min(...ys) - 20;
  const width = Math.max(...xs) - minX + W + 20;
  const height = Math.max(...ys) - minY + H + 20;
  const at = new Map(flow.nodes.map((n) => [n.id, n.position]));
  return (
    <svg className="cloud-preview-svg" data-testid="flow-preview" viewBox={`${minX} ${minY} ${width} ${height}`} preserveAspectRatio="xMidYMid meet">
      {flow.edges.map((e) => {
        const a = at.get(e.from.node);
        const b = at.get(e.to);
        if (!a || !b) return null;
        return <line key={e.id} x1={a.x + W} y1={a.y + H / 2} x2={b.x} y2={b.y + H / 2} stroke="#94a3b8" strokeWidth={3} />;
      })}
      {flow.nodes.map((n) => (
        <g key={n.id}>
          <rect x={n.position.x} y={n.position.y} width={W} height={H} rx={10} fill="#fff" stroke="#2563eb" strokeWidth={3} />
          <text x={n.position.x + 14} y={n.position.y + 28} fontSize={22} fontWeight={600} fill="#0f172a">
            {(n.label || name(n.block)).slice(0, 18)}
          </text>
          {n.label && (
            <text x={n.position.x + 14} y={n.position.y + 52} fontSize={17} fill="#64748b">
              {name(n.block).slice(0, 22)}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
