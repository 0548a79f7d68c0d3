DROP TABLE IF EXISTS helper_unit_activity, helper_unit_member, helper_unit;
DROP TRIGGER IF EXISTS unit_cascade_insert ON unit;
DROP TRIGGER IF EXISTS unit_cascade_update ON unit;
DROP TABLE IF EXISTS cascade_obligation, conference_document, dissemination_conference, cascade_requirement, party_document, campaign, stored_file, committee_term;
DROP FUNCTION IF EXISTS cascade_after_unit_insert(), cascade_after_unit_update(), cascade_after_conference_update(),
  cascade_after_conference_document_insert(), cascade_after_conference_document_delete(),
  cascade_requirements_for_documents(bigint[]), cascade_after_document_insert(), cascade_after_document_change(),
  cascade_after_document_delete(), refresh_cascade_obligations(bigint[]);
DROP FUNCTION IF EXISTS refresh_cascade_obligation_rows(bigint[]);
