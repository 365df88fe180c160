// CodeMirror 6 setup for the PromQL editor: theme from the page's CSS variables, syntax colours from the
// chart palette, the error underline, and the PromQL language with Vigil's own API as completion backend.
// Client-only: imported by promql-editor.tsx, which the page loads with `ssr: false`.
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintKeymap } from "@codemirror/lint";
import { type Extension, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  highlightSpecialChars,
  keymap,
  placeholder,
} from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { PromQLExtension } from "@prometheus-io/codemirror-promql";

/** Sets (or clears, with null) the underlined error range. */
export const setErrorMark = StateEffect.define<{ from: number; to: number } | null>();

const errorMark = Decoration.mark({ class: "cm-prom-error", attributes: { "data-testid": "error-mark" } });

export const errorMarkField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    // Editing the text invalidates the error: any change clears the mark.
    let next = tr.docChanged ? Decoration.none : marks;
    for (const e of tr.effects) {
      if (!e.is(setErrorMark)) continue;
      const len = tr.state.doc.length;
      if (!e.value || len === 0) {
        next = Decoration.none;
        continue;
      }
      // An error at the very end of the text (from === to === length) underlines the last character.
      const start = Math.min(e.value.from, len - 1);
      const end = Math.max(start + 1, Math.min(e.value.to, len));
      next = Decoration.set([errorMark.range(start, end)]);
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  "&": {
    fontSize: "13px",
    backgroundColor: "var(--surface)",
    color: "var(--fg)",
    borderRadius: "6px",
  },
  "&.cm-focused": { outline: "none" },
  ".cm-content": {
    fontFamily: "var(--font-mono)",
    padding: "8px 0",
    caretColor: "var(--fg)",
  },
  ".cm-line": { padding: "0 10px" },
  ".cm-cursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "color-mix(in srgb, var(--accent) 25%, transparent) !important",
  },
  ".cm-placeholder": { color: "var(--muted)" },
  ".cm-prom-error": {
    textDecoration: "underline wavy var(--bad)",
    textUnderlineOffset: "3px",
    backgroundColor: "color-mix(in srgb, var(--bad) 12%, transparent)",
  },
  ".cm-tooltip": {
    backgroundColor: "var(--surface)",
    color: "var(--fg)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
    fontSize: "12px",
  },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": {
    backgroundColor: "var(--accent)",
    color: "var(--accent-fg)",
  },
  ".cm-completionDetail": { color: "var(--muted)", fontStyle: "normal", marginLeft: "8px" },
  ".cm-completionInfo": { maxWidth: "320px" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--bad)" },
  ".cm-lintRange-error": {
    backgroundImage: "none",
    textDecoration: "underline wavy var(--bad)",
    textUnderlineOffset: "3px",
  },
  ".cm-matchingBracket": { backgroundColor: "var(--surface-2)", outline: "1px solid var(--border)" },
});

// Okabe–Ito hues (the chart palette), readable on both light and dark surfaces.
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "#CC79A7" },
  { tag: [tags.function(tags.variableName), tags.standard(tags.variableName)], color: "#0072B2" },
  { tag: tags.labelName, color: "#D55E00" },
  { tag: tags.string, color: "#009E73" },
  { tag: [tags.number, tags.unit], color: "#E69F00" },
  { tag: tags.operator, color: "var(--muted)" },
  { tag: [tags.bracket, tags.paren, tags.brace, tags.squareBracket], color: "var(--muted)" },
  { tag: tags.comment, color: "var(--muted)", fontStyle: "italic" },
  { tag: tags.invalid, color: "var(--bad)" },
]);

/** Completion and lint against Vigil's own Prometheus-compatible API (same origin, session cookie). */
export function promqlLanguage(): PromQLExtension {
  return new PromQLExtension().setComplete({
    remote: {
      url: "",
      httpMethod: "GET",
      fetchFn: (input, init) => fetch(input, { ...init, credentials: "same-origin" }),
      cache: { maxAge: 5 * 60_000 },
    },
    maxMetricsMetadata: 10_000,
  });
}

export function baseExtensions(
  placeholderText: string,
  runKeymap: Extension,
  language: Extension,
): Extension {
  return [
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion({ activateOnTyping: true }),
    // The run keymap comes before the defaults; the completion keymap has the highest precedence, so Enter
    // accepts a completion while the list is open and runs the query otherwise.
    runKeymap,
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...completionKeymap,
      ...lintKeymap,
    ]),
    EditorView.lineWrapping,
    placeholder(placeholderText),
    syntaxHighlighting(highlight),
    theme,
    errorMarkField,
    language,
  ];
}
