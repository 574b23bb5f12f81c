/** A dialog over the editor (rendered into document.body), closed with Escape or its close button. */

import { useEffect, type ReactNode } from "react";
import { createPortal } from "react-dom";

type Props = {
  title: string;
  testId: string;
  closeLabel: string;
  onClose: () => void;
  wide?: boolean;
  /** Docked to the window's corner over a clear backdrop, so the canvas shows (Publish's "Show on canvas"). */
  docked?: boolean;
  footer?: ReactNode;
  children: ReactNode;
};

export function Modal({ title, testId, closeLabel, onClose, wide, docked, footer, children }: Props) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return createPortal(
    <div className={`cloud-backdrop${docked ? " docked" : ""}`}>
      <div className={`cloud-modal${wide ? " wide" : ""}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <header className="cloud-modal-head">
          <h2>{title}</h2>
          <button type="button" className="cloud-x" aria-label={closeLabel} data-testid={`${testId}-close`} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="cloud-modal-body">{children}</div>
        {footer && <footer className="cloud-modal-foot">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
