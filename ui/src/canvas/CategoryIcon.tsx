/** A small line icon and a colour for each catalog category. */

import type { Category } from "../model";
import { LineIcon } from "../LineIcon";

export const CATEGORY_COLOR: Record<Category, string> = {
  flow: "#475569",
  interact: "#2563eb",
  logic: "#7c3aed",
  transfer: "#059669",
  integrate: "#d97706",
  provider: "#db2777",
};

const PATHS: Record<Category, string> = {
  // A play triangle in a circle: where the call goes.
  flow: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M10 8.5v7l5.5-3.5z",
  // A speech bubble.
  interact: "M4 5h16v10H9l-5 4z",
  // A fork.
  logic: "M6 4v6a4 4 0 0 0 4 4h4a4 4 0 0 1 4 4v2M6 10v10M15 7l3-3l3 3M18 4v6",
  // A phone handset with an arrow.
  transfer:
    "M5 4h3l2 5l-2.5 1.5a11 11 0 0 0 6 6L15 14l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2M15 3h6v6M21 3l-7 7",
  // A plug.
  integrate: "M9 2v6M15 2v6M6 8h12v3a6 6 0 0 1-12 0zM12 17v5",
  // A cube.
  provider: "M12 2l9 5v10l-9 5l-9-5V7zM3 7l9 5l9-5M12 12v10",
};

export function CategoryIcon({ category, size = 16 }: { category: Category; size?: number }) {
  return <LineIcon className="category-icon" d={PATHS[category]} size={size} />;
}
