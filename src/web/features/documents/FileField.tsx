import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Flex, Typography } from 'antd';
import { useRef } from 'react';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, formatFileSize } from '../../../shared/domain/files';
import { ApiError, errorMessage } from '../../api/client';
import { documentApi } from '../../api/documents';
import type { StoredFile } from '../../api/documents';
import styles from './Documents.module.css';

const KINDS = [...new Set(Object.values(ATTACHMENT_TYPES))].join(', ');

/**
 * The attachment of a document: the file is uploaded as soon as it is chosen (the server checks its
 * content), then the form only carries the stored file.
 */
export function FileField({
  id,
  value,
  onChange,
  unitId,
  disabled,
}: {
  id?: string;
  value?: StoredFile | null;
  onChange?: (value: StoredFile | null) => void;
  unitId: number;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) => {
      if (file.size > ATTACHMENT_MAX_BYTES) {
        return Promise.reject(
          new ApiError({ status: 413, code: 'payload_too_large', message: `Tệp "${file.name}" lớn quá ${formatFileSize(ATTACHMENT_MAX_BYTES)}.` }),
        );
      }
      return documentApi.uploadFile(unitId, file);
    },
    onSuccess: (stored) => onChange?.(stored),
  });

  return (
    <div>
      <input
        ref={input}
        id={id}
        type="file"
        accept={ATTACHMENT_ACCEPT}
        className="visually-hidden"
        aria-label="Chọn tệp đính kèm"
        disabled={disabled || upload.isPending}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) upload.mutate(file);
        }}
      />
      {value ? (
        <Flex align="center" gap={8} wrap className={styles.fileRow}>
          <PaperClipOutlined aria-hidden />
          <span className={styles.fileName}>{value.name}</span>
          <Typography.Text type="secondary">({formatFileSize(value.size)})</Typography.Text>
          <Button
            size="small"
            icon={<DeleteOutlined />}
            disabled={disabled}
            onClick={() => {
              upload.reset();
              onChange?.(null);
            }}
          >
            Bỏ tệp
          </Button>
        </Flex>
      ) : (
        <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={disabled} onClick={() => input.current?.click()}>
          {upload.isPending ? 'Đang tải lên…' : 'Chọn tệp đính kèm'}
        </Button>
      )}
      <div className={styles.fileHelp}>
        {upload.isError ? (
          <Typography.Text type="danger" role="alert">
            {errorMessage(upload.error)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">
            {KINDS}; tối đa {formatFileSize(ATTACHMENT_MAX_BYTES)}.
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
