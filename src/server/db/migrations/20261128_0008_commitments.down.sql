DROP TRIGGER IF EXISTS unit_commitment_rollups_move ON unit;
DROP TRIGGER IF EXISTS member_leader_rollup_insert ON member;
DROP TRIGGER IF EXISTS member_leader_rollup_update ON member;
DROP TRIGGER IF EXISTS member_leader_rollup_delete ON member;
DROP TABLE IF EXISTS commitment_checkin, commitment_item, commitment, commitment_round, assessment_level, assessment_scheme,
  commitment_rollup, assessment_rollup, leader_rollup CASCADE;
DROP FUNCTION IF EXISTS commitment_rollups_after_unit_move(), leader_rollup_after_member_change(), leader_rollup_apply(jsonb),
  commitment_rollup_after_change(), commitment_rollup_apply(jsonb), recompute_commitment_rollups(), commitment_contribution(commitment, integer);
