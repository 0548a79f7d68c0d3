DROP TRIGGER IF EXISTS unit_figures_insert ON unit;
DROP TRIGGER IF EXISTS unit_figures_update ON unit;
DROP TRIGGER IF EXISTS unit_figures_delete ON unit;
DROP TRIGGER IF EXISTS helper_unit_figures_insert ON helper_unit;
DROP TRIGGER IF EXISTS helper_unit_figures_update ON helper_unit;
DROP TRIGGER IF EXISTS helper_unit_figures_delete ON helper_unit;
DROP TRIGGER IF EXISTS conduct_standard_figures_insert ON conduct_standard;
DROP TRIGGER IF EXISTS conduct_standard_figures_update ON conduct_standard;
DROP TRIGGER IF EXISTS conduct_standard_figures_delete ON conduct_standard;
DROP TRIGGER IF EXISTS standard_version_figures_insert ON standard_version;
DROP TRIGGER IF EXISTS standard_version_figures_update ON standard_version;
DROP TRIGGER IF EXISTS standard_version_figures_delete ON standard_version;
DROP FUNCTION IF EXISTS unit_figures_after_unit_change(), unit_figures_after_unit_row_change(), unit_figures_after_version_change(),
  unit_figures_refresh(bigint[]), recompute_unit_figures();
DROP INDEX IF EXISTS unit_pilot_committee_path;
DROP TABLE IF EXISTS unit_figure_rollup, unit_figure_key;
DROP VIEW IF EXISTS unit_figure_key_source;
DROP FUNCTION IF EXISTS is_priority_sector(text), is_helper_unit_kind(text);
