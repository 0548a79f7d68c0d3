import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useRef } from 'react';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, formatFileSize } from '../../../shared/domain/files';
import { errorMessage } from '../../api/client';
import type { StoredFile } from '../../api/oversight';
import { useUploadOversightFile } from './useOversightMutations';
import styles from './Oversight.module.css';

const KINDS = [...new Set(Object.values(ATTACHMENT_TYPES))].join(', ');

/**
 * Files uploaded for a unit as soon as they are chosen (the server checks their content); the form then
 * carries the stored files. One file (`max` 1, e.g. evidence) or several (an activity's documents).
 */
export function FilesField({
  unitId,
  value = [],
  onChange,
  max = 20,
  buttonText = 'Chọn tệp',
  disabled,
}: {
  unitId: number | undefined;
  value?: StoredFile[];
  onChange?: (files: StoredFile[]) => void;
  max?: number;
  buttonText?: string;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadOversightFile();
  const { message } = App.useApp();

  const add = async (chosen: File[]) => {
    const stored: StoredFile[] = [];
    for (const file of chosen.slice(0, Math.max(0, max - value.length))) {
      if (file.size > ATTACHMENT_MAX_BYTES) {
        void message.error(`Tệp "${file.name}" lớn quá ${formatFileSize(ATTACHMENT_MAX_BYTES)}.`);
        continue;
      }
      if (unitId === undefined) continue;
      try {
        stored.push(await upload.mutateAsync({ unitId, file }));
      } catch (error) {
        void message.error(errorMessage(error));
      }
    }
    if (stored.length > 0) onChange?.([...value, ...stored]);
  };

  return (
    <div>
      <input
        ref={input}
        type="file"
        multiple={max > 1}
        accept={ATTACHMENT_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={buttonText}
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          event.target.value = '';
          void add(chosen);
        }}
      />
      {value.length > 0 ? (
        <ul className={styles.fileList}>
          {value.map((file) => (
            <li key={file.id}>
              <Flex align="center" gap={8} wrap>
                <PaperClipOutlined aria-hidden />
                <span className={styles.fileName}>{file.name}</span>
                <Typography.Text type="secondary">({formatFileSize(file.size)})</Typography.Text>
                <Button size="small" icon={<DeleteOutlined />} disabled={disabled} aria-label={`Bỏ tệp ${file.name}`} onClick={() => onChange?.(value.filter((other) => other.id !== file.id))}>
                  Bỏ
                </Button>
              </Flex>
            </li>
          ))}
        </ul>
      ) : null}
      {value.length < max ? (
        <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={disabled || unitId === undefined} onClick={() => input.current?.click()}>
          {upload.isPending ? 'Đang tải lên…' : buttonText}
        </Button>
      ) : null}
      <Typography.Text type="secondary" className={styles.hint}>
        {KINDS}; tối đa {formatFileSize(ATTACHMENT_MAX_BYTES)} mỗi tệp.
      </Typography.Text>
    </div>
  );
}
