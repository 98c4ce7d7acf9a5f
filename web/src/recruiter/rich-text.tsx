// A small rich-text editor on Tiptap (ProseMirror): paragraphs, bold, italics, two heading levels and
// lists — what the API keeps of a company's description (api/company-page/sanitize.ts). It lives in the
// recruiter chunk only. The toolbar's buttons have names and say whether their style is on
// (aria-pressed); the keyboard works as in a word processor (Ctrl+B, Ctrl+I, Ctrl+Alt+3 or 4 for the
// headings, Ctrl+Shift+8 or 7 for the lists), and Tab leaves the text for the next field.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

const chain = (e: Editor) => e.chain().focus();
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  id: string;
  labelId: string;
  describedBy?: string;
  initialHtml: string | null;
  invalid?: boolean;
  onChange: (html: string) => void;
  /** Gives the parent the editor, to read its HTML at submit. */
  onReady?: (editor: Editor) => void;
}

const BUTTONS = [
  { key: 'bold', label: 'Gras', shortcut: 'Ctrl+B', run: (ed: Editor) => chain(ed).toggleBold().run(), active: (ed: Editor) => ed.isActive('bold') },
  { key: 'italic', label: 'Italique', shortcut: 'Ctrl+I', run: (ed: Editor) => chain(ed).toggleItalic().run(), active: (ed: Editor) => ed.isActive('italic') },
  { key: 'h3', label: 'Titre', shortcut: 'Ctrl+Alt+3', run: (ed: Editor) => chain(ed).toggleHeading({ level: 3 }).run(), active: (ed: Editor) => ed.isActive('heading', { level: 3 }) },
  { key: 'h4', label: 'Sous-titre', shortcut: 'Ctrl+Alt+4', run: (ed: Editor) => chain(ed).toggleHeading({ level: 4 }).run(), active: (ed: Editor) => ed.isActive('heading', { level: 4 }) },
  { key: 'bullet', label: 'Liste à puces', shortcut: 'Ctrl+Maj+8', run: (ed: Editor) => chain(ed).toggleBulletList().run(), active: (ed: Editor) => ed.isActive('bulletList') },
  { key: 'ordered', label: 'Liste numérotée', shortcut: 'Ctrl+Maj+7', run: (ed: Editor) => chain(ed).toggleOrderedList().run(), active: (ed: Editor) => ed.isActive('orderedList') },
] as const;

export function RichTextEditor({ id, labelId, describedBy, initialHtml, invalid, onChange, onReady }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [, setTick] = useState(0);

  useEffect(() => {
    const instance = new Editor({
      element: host.current!,
      extensions: [
        StarterKit.configure({ heading: { levels: [3, 4] }, blockquote: false, code: false, codeBlock: false, horizontalRule: false, strike: false }),
      ],
      content: initialHtml ?? '',
      editorProps: {
        attributes: {
          id,
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        },
      },
      onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
      // Re-render the toolbar when the selection moves into or out of a style (aria-pressed).
      onTransaction: () => setTick((t) => t + 1),
    });
    setEditor(instance);
    onReady?.(instance);
    return () => instance.destroy();
  }, []);

  // aria-invalid follows the form's refusal.
  useEffect(() => {
    editor?.view.dom.setAttribute('aria-invalid', invalid ? 'true' : 'false');
  }, [editor, invalid]);

  return (
    <div class="rich-text-editor">
      <div class="editor-toolbar" role="toolbar" aria-label="Mise en forme de la présentation" aria-controls={id}>
        {BUTTONS.map((b) => (
          <button
            key={b.key}
            type="button"
            aria-pressed={editor && b.active(editor) ? 'true' : 'false'}
            title={`${b.label} (${b.shortcut})`}
            // The text keeps its selection: the button does not take the focus from it on a click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => editor && b.run(editor)}
          >
            {b.label}
          </button>
        ))}
      </div>
      <div class="editor-area rich-text" ref={host} />
    </div>
  );
}
