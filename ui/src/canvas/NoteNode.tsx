/**
 * A sticky note on the canvas: its text, edited in place (double-click; blur,
 * Esc or Ctrl+Enter finishes; one editing session is one undo step), dragged
 * like a block, resized with the handles shown while it is selected. It has
 * no handles: notes take no part in lines. The edits go through
 * `NoteActionsContext`, which the editor provides.
 */

import { createContext, useContext, useEffect, useRef, useState } from "react";
import { NodeResizer, type NodeProps } from "@xyflow/react";
import { t } from "../i18n";
import { NOTE_MIN, type NoteNodeType } from "../document/notes";

export type NoteActions = {
  /** The text typed so far; `session` numbers the editing session (one undo step each). */
  text: (id: string, text: string, session: number) => void;
  /** The note's box after a resize. */
  resize: (id: string, box: { x: number; y: number; width: number; height: number }) => void;
};

export const NoteActionsContext = createContext<NoteActions | null>(null);

/** Editing sessions, numbered across all notes. */
let sessions = 0;

export function NoteNode({ id, data, selected }: NodeProps<NoteNodeType>) {
  const { note, lang } = data;
  const actions = useContext(NoteActionsContext);
  // A note added empty and selected (the toolbar's "Add note") opens for typing at once.
  const [editing, setEditing] = useState(() => selected && note.text === "");
  const [draft, setDraft] = useState(note.text);
  const session = useRef(++sessions);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!editing) return;
    const el = area.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [editing]);

  const start = () => {
    session.current = ++sessions;
    setDraft(note.text);
    setEditing(true);
  };

  return (
    <>
      <NodeResizer
        isVisible={selected && !editing}
        minWidth={NOTE_MIN.width}
        minHeight={NOTE_MIN.height}
        lineClassName="note-resize-line"
        handleClassName="note-resize-handle"
        onResizeEnd={(_, box) => actions?.resize(id, box)}
      />
      <div
        className={`note-node${selected ? " selected" : ""}${editing ? " editing" : ""}`}
        data-testid={`note-${id}`}
        title={editing ? undefined : t(lang, "noteEditHint")}
        onDoubleClick={editing ? undefined : start}
      >
        {editing ? (
          <textarea
            ref={area}
            className="note-text nodrag nopan nowheel"
            data-testid={`note-input-${id}`}
            aria-label={t(lang, "note")}
            placeholder={t(lang, "notePlaceholder")}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              actions?.text(id, e.target.value, session.current);
            }}
            onBlur={() => setEditing(false)}
            onKeyDown={(e) => {
              if (e.key === "Escape" || (e.key === "Enter" && (e.ctrlKey || e.metaKey))) {
                e.preventDefault();
                e.currentTarget.blur();
              }
            }}
          />
        ) : (
          <div className="note-text" data-testid={`note-text-${id}`}>
            {note.text !== "" ? note.text : <span className="note-placeholder">{t(lang, "notePlaceholder")}</span>}
          </div>
        )}
      </div>
    </>
  );
}
