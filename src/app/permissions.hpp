#pragma once
// The one permission check of the application: which roles may do what. Every use case
// calls authorize() before it reads or writes; objects of another organisation are never
// found in the first place (every query is filtered by the actor's organisation).
#include "app/actor.hpp"
#include "domain/result.hpp"

namespace kk::app {

enum class Permission {
  read,              // see cases, assets, team, process
  edit_assets,       // create and edit information assets, propose classification
  delete_assets,
  approve_classification,  // only the asset's own information owner, checked in the use case
  edit_cases,        // create and edit cases, link assets, team
  edit_specification,  // strike, add and change requirements of a case
  decide_prepare,    // decisions at the gates of the prepare and procure steps
  decide_realise,    // decisions at the gates of the realise step
  record_activities,
  record_assessments,  // the case's guided forms, governing documents and framework parties
  record_confirmations,  // the supplier's confirmation of each measure
  edit_risks,        // the case's risk register (deciding is the asset's information owner's)
  cancel_cases,
  edit_suppliers,    // the organisation's supplier register
  manage_tenders,    // invite suppliers, set the evaluation model and group, open the tenders
  manage_contracts,  // contracts, their terms and the follow-up plan of each measure
  decide_exceptions,  // an exception from an agreed measure at delivery (the information owner's)
  manage_catalogues,  // import catalogues and rule sets, choose the catalogue
  administer,        // users, organisation settings
  read_audit,
};

bool allowed(const Actor& actor, Permission p);
domain::Status authorize(const Actor& actor, Permission p);

}  // namespace kk::app
