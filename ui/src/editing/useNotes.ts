/**
 * The editor's sticky-note commands: add a note (selected, ready for typing),
 * type in one (one undo step per editing session), resize one. Moving and
 * deleting go through the editor's block commands, which take note ids too.
 */

import { useMemo, useRef } from "react";
import type { NoteActions } from "../canvas/NoteNode";
import type { Editor } from "../document/useEditor";
import { addNote, noteCentredAt, resizeNote, setNoteText } from "../document/notes";

export function useNotes(editor: Editor, grid: number) {
  const ref = useRef(editor);
  ref.current = editor;
  return useMemo(() => {
    const actions: NoteActions = {
      text: (id, text, session) =>
        ref.current.edit((f) => setNoteText(f, id, text), `note-text:${id}:${session}`),
      resize: (id, box) => ref.current.edit((f) => resizeNote(f, id, box)),
    };
    /** Adds an empty note centred on `centre` (flow coordinates) and selects it. */
    const add = (centre: { x: number; y: number }) => {
      const ed = ref.current;
      let id: string | undefined;
      ed.edit((f) => {
        const r = addNote(f, noteCentredAt(centre, grid));
        id = r.id;
        return r.flow;
      });
      if (id) ed.setSelected([id]);
    };
    return { actions, add };
  }, [grid]);
}
