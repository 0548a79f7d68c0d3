DROP INDEX IF EXISTS unit_path_search_gist;
CREATE OR REPLACE FUNCTION recompute_unit_counts() RETURNS void LANGUAGE sql AS $$
  UPDATE unit u SET child_count = 0, descendant_count = 0, member_count = 0, direct_member_count = 0;
  UPDATE unit u SET child_count = d.n FROM (SELECT parent_id AS id, count(*) AS n FROM unit WHERE parent_id IS NOT NULL GROUP BY parent_id) d WHERE u.id = d.id;
  UPDATE unit u SET descendant_count = d.n
    FROM (SELECT a.id, count(*) AS n FROM unit c JOIN unit a ON a.path @> c.path AND a.id <> c.id GROUP BY a.id) d WHERE u.id = d.id;
  UPDATE unit u SET direct_member_count = d.n FROM (SELECT unit_id AS id, count(*) AS n FROM member WHERE left_on IS NULL GROUP BY unit_id) d WHERE u.id = d.id;
  UPDATE unit u SET member_count = d.n
    FROM (SELECT a.id, sum(c.direct_member_count) AS n FROM unit c JOIN unit a ON a.path @> c.path GROUP BY a.id) d WHERE u.id = d.id;
$$;
