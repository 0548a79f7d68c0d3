DROP TABLE IF EXISTS publicity_entry, publicity_channel, exemplar_file, exemplar_step, exemplar,
  negative_phenomenon, follow_up, oversight_finding, oversight_activity_attachment, oversight_activity_unit, oversight_activity;
