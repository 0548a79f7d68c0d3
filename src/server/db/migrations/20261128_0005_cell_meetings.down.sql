DROP TRIGGER IF EXISTS unit_meeting_rollup_move ON unit;
DROP TABLE IF EXISTS cell_meeting_year, meeting_rollup, cell_meeting_attendance, cell_meeting_item, cell_meeting,
  study_topic_material, study_topic_item, study_topic;
DROP FUNCTION IF EXISTS recompute_meeting_rollup(), meeting_rollup_after_unit_move(), meeting_rollup_after_insert(),
  meeting_rollup_after_update(), meeting_rollup_after_delete(), meeting_masks_refresh(bigint[], integer[]), meeting_masks_recompute(bigint[], integer[]),
  meeting_rollup_apply(bigint[], integer[], integer[], integer[], integer[], integer[], integer[]);
