#pragma once
// Moving one organisation between installations, SQLite and PostgreSQL alike: every row of the
// organisation in every table that holds its data, as text, so ids, versions and the audit
// chain's stored hashes arrive untouched. Sessions, sign-in challenges and sign-on attempts are
// not moved (people sign in again at the new installation), nor what the organisation shared
// with others (a file must not decide what other organisations see); API tokens and calendar
// feeds are (only their hashes are stored).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/sql_store.hpp"

namespace kk::store {

// The tables of an organisation's data, parents before children.
const std::vector<std::string>& organisation_tables();

struct ExportOutcome {
  nlohmann::json document;                  // {"format","format_version","schema_version","organisation","tables"}
  std::map<std::string, std::size_t> rows;  // per table
  std::string problem;                      // in Swedish; empty when it went well
};

// Reads the organisation (by id or name) in one read transaction. A table of the database that
// is neither moved nor known to be left out stops the export, so a new table is never forgotten.
ExportOutcome export_organisation(SqlStore& store, const std::string& org_id_or_name);

struct ImportOutcome {
  std::string org_id, org_name;
  std::map<std::string, std::size_t> rows;
  std::size_t shares_left_out = 0;  // content shared with other organisations: not for a file to decide
  std::string problem;              // in Swedish, naming the table and row; nothing is written then
};

// Checks the document and writes it in one write transaction, then runs `then` in the same
// transaction (checking the audit chain, appending the import's entry) before committing; a
// problem `then` returns rolls everything back.
ImportOutcome import_organisation(SqlStore& store, const nlohmann::json& document,
                                  const std::function<std::string(app::Transaction&, const ImportOutcome&)>& then);

}  // namespace kk::store
