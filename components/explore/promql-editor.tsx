"use client";
// PromQL editor (CodeMirror 6): highlighting, linting, completion from Vigil's API. Enter runs the query,
// Shift+Enter inserts a newline. Browser-only: the page loads this module with `ssr: false`.
import { insertNewlineAndIndent } from "@codemirror/commands";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { useEffect, useRef } from "react";
import type { ErrorSpot } from "@/lib/charts/prom-error";
import { baseExtensions, promqlLanguage, setErrorMark } from "./editor-setup";

export interface PromQLEditorProps {
  value: string;
  onChange: (value: string) => void;
  onRun: (value: string) => void;
  errorSpot: ErrorSpot | null;
  autoFocus?: boolean;
}

export function PromQLEditor({ value, onChange, onRun, errorSpot, autoFocus }: PromQLEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onRun });
  callbacks.current = { onChange, onRun };
  const initial = useRef(value);
  const initialFocus = useRef(autoFocus);

  useEffect(() => {
    if (!host.current) return;
    const language = promqlLanguage();
    const run = (v: EditorView) => {
      callbacks.current.onRun(v.state.doc.toString());
      return true;
    };
    const runKeymap = Prec.high(
      keymap.of([
        { key: "Enter", run },
        { key: "Mod-Enter", run },
        { key: "Shift-Enter", run: insertNewlineAndIndent },
      ]),
    );
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current,
        extensions: [
          baseExtensions(
            'Expression (press Enter to run, Shift+Enter for a new line), e.g. vigil_model_accuracy{window="1h"}',
            runKeymap,
            language.asExtension(),
          ),
          EditorView.contentAttributes.of({
            "aria-label": "PromQL expression",
            "aria-multiline": "true",
            "data-testid": "promql-input",
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    if (initialFocus.current) {
      created.focus();
      created.dispatch({ selection: { anchor: created.state.doc.length } });
    }
    return () => {
      language.destroy();
      created.destroy();
      view.current = null;
    };
  }, []);

  // The query changed from outside (history, an example, the URL): replace the text.
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    v.dispatch({
      changes: { from: 0, to: v.state.doc.length, insert: value },
      selection: { anchor: value.length },
    });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorMark.of(errorSpot) });
  }, [errorSpot]);

  return (
    <div
      ref={host}
      className="min-h-[40px] min-w-0 flex-1 rounded-md border border-border bg-surface focus-within:border-accent focus-within:ring-2 focus-within:ring-accent/30"
    />
  );
}
