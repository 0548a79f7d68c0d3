import {
  BoldOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  RedoOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Button, Input, Popover, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import styles from './Exemplars.module.css';

interface StoryEditorProps {
  id?: string;
  /** HTML (as the server stores it after sanitising). */
  value?: string;
  onChange?: (html: string) => void;
  disabled?: boolean;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  placeholder?: string;
}

/** The editor's HTML for "nothing written" ('<p></p>'), mapped to ''. */
function cleanHtml(html: string): string {
  return html === '<p></p>' ? '' : html;
}

function ToolButton({ label, icon, active, disabled, onClick, children }: { label: string; icon?: ReactNode; active?: boolean; disabled?: boolean; onClick: () => void; children?: ReactNode }) {
  return (
    <Tooltip title={label} mouseEnterDelay={0.6}>
      <Button
        size="small"
        type={active ? 'primary' : 'text'}
        ghost={active}
        icon={icon}
        aria-label={label}
        aria-pressed={active ?? undefined}
        disabled={disabled}
        onMouseDown={(event) => event.preventDefault()}
        onClick={onClick}
      >
        {children}
      </Button>
    </Tooltip>
  );
}

/**
 * The exemplar's story: a small rich-text editor (Tiptap StarterKit) with a toolbar for bold, italic,
 * lists, a heading, a quote, links, undo and redo. It works as an antd form control (value/onChange HTML);
 * the server sanitises whatever arrives.
 */
export function StoryEditor({ id, value, onChange, disabled, 'aria-label': ariaLabel = 'Câu chuyện điển hình', 'aria-invalid': invalid, placeholder }: StoryEditorProps) {
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [3] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        trailingNode: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https', HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' } },
      }),
    ],
    content: value ?? '',
    editable: !disabled,
    editorProps: {
      attributes: {
        ...(id ? { id } : {}),
        class: styles.editorContent ?? '',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': ariaLabel,
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
        ...(placeholder ? { 'data-placeholder': placeholder } : {}),
      },
    },
    onUpdate: ({ editor: current }) => onChange?.(cleanHtml(current.getHTML())),
  });

  // A form reset (or a record loaded later) replaces the content; typing does not come back here.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const incoming = value ?? '';
    if (incoming !== cleanHtml(editor.getHTML())) editor.commands.setContent(incoming, { emitUpdate: false });
  }, [editor, value]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(!disabled);
  }, [editor, disabled]);

  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bullet: current.isActive('bulletList'),
      ordered: current.isActive('orderedList'),
      heading: current.isActive('heading', { level: 3 }),
      quote: current.isActive('blockquote'),
      link: current.isActive('link'),
      linkHref: (current.getAttributes('link') as { href?: string }).href ?? '',
      canUndo: current.can().undo(),
      canRedo: current.can().redo(),
      empty: current.isEmpty,
    }),
  });

  const [linkOpen, setLinkOpen] = useState(false);
  const [linkText, setLinkText] = useState('');

  const chain = () => editor.chain().focus();
  const applyLink = () => {
    const href = linkText.trim();
    if (href === '') chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: /^[a-z][a-z0-9+.-]*:/iu.test(href) ? href : `https://${href}` }).run();
    setLinkOpen(false);
  };

  return (
    <div className={`${styles.editor} ${invalid ? styles.editorInvalid : ''} ${disabled ? styles.editorDisabled : ''}`}>
      <div className={styles.editorToolbar} role="toolbar" aria-label="Định dạng câu chuyện">
        <ToolButton label="Đậm" icon={<BoldOutlined />} active={state.bold} disabled={disabled} onClick={() => chain().toggleBold().run()} />
        <ToolButton label="Nghiêng" icon={<ItalicOutlined />} active={state.italic} disabled={disabled} onClick={() => chain().toggleItalic().run()} />
        <ToolButton label="Đề mục" active={state.heading} disabled={disabled} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
          <span className={styles.toolText}>H</span>
        </ToolButton>
        <ToolButton label="Danh sách dấu chấm" icon={<UnorderedListOutlined />} active={state.bullet} disabled={disabled} onClick={() => chain().toggleBulletList().run()} />
        <ToolButton label="Danh sách đánh số" icon={<OrderedListOutlined />} active={state.ordered} disabled={disabled} onClick={() => chain().toggleOrderedList().run()} />
        <ToolButton label="Trích dẫn" active={state.quote} disabled={disabled} onClick={() => chain().toggleBlockquote().run()}>
          <span className={styles.toolText}>“ ”</span>
        </ToolButton>
        <Popover
          open={linkOpen}
          onOpenChange={(open) => {
            setLinkOpen(open);
            if (open) setLinkText(state.linkHref);
          }}
          trigger="click"
          title="Liên kết"
          content={
            <div className={styles.linkBox}>
              <Input
                autoFocus
                aria-label="Địa chỉ liên kết"
                placeholder="https://baobacninh.vn/…"
                value={linkText}
                onChange={(event) => setLinkText(event.target.value)}
                onPressEnter={applyLink}
              />
              <div className={styles.linkActions}>
                {state.link ? (
                  <Button
                    size="small"
                    onClick={() => {
                      chain().extendMarkRange('link').unsetLink().run();
                      setLinkOpen(false);
                    }}
                  >
                    Bỏ liên kết
                  </Button>
                ) : null}
                <Button size="small" type="primary" onClick={applyLink}>
                  Gắn liên kết
                </Button>
              </div>
            </div>
          }
        >
          <span>
            <ToolButton label="Liên kết" icon={<LinkOutlined />} active={state.link} disabled={disabled} onClick={() => undefined} />
          </span>
        </Popover>
        <span className={styles.toolSeparator} aria-hidden="true" />
        <ToolButton label="Hoàn tác" icon={<UndoOutlined />} disabled={disabled || !state.canUndo} onClick={() => chain().undo().run()} />
        <ToolButton label="Làm lại" icon={<RedoOutlined />} disabled={disabled || !state.canRedo} onClick={() => chain().redo().run()} />
      </div>
      <div className={styles.editorBody}>
        {state.empty && placeholder ? (
          <div className={styles.editorPlaceholder} aria-hidden="true">
            {placeholder}
          </div>
        ) : null}
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
