DROP TABLE IF EXISTS pressing_issue_milestone, pressing_issue, pilot_note, pilot, campaign_year_rule, standard_criterion, standard_version, conduct_standard;
