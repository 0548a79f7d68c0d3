-- Member registry: Vietnamese name order for server-side paging, folded-name search, import jobs.
CREATE INDEX member_name_order_idx ON member (
  given_name COLLATE "vi-x-icu", middle_name COLLATE "vi-x-icu", family_name COLLATE "vi-x-icu", id);
CREATE INDEX member_unit_all_idx ON member (unit_id);
CREATE INDEX member_birth_idx ON member (birth_date);

-- An Excel import: the file is kept until it is written or abandoned, with progress any app server can report.
CREATE TABLE member_import (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES account (id),
  unit_id       bigint NOT NULL REFERENCES unit (id),
  file_name     text NOT NULL,
  file          bytea,
  status        text NOT NULL CHECK (status IN ('validating', 'invalid', 'valid', 'importing', 'done', 'failed')),
  total_rows    integer NOT NULL DEFAULT 0,
  processed_rows integer NOT NULL DEFAULT 0,
  error_count   integer NOT NULL DEFAULT 0,
  rows          jsonb,
  message       text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_import_account_idx ON member_import (account_id, created_at DESC);
