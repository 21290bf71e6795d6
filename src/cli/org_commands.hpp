#pragma once
// kravkedja export-org and import-org: one organisation from one installation to another.
#include <string>

#include "store/sql_store.hpp"

namespace kk::cli {

// Writes the organisation (name or id) to FILE (readable by its owner only), after recording the
// export in its audit log, so the export carries its own entry.
int export_org(store::SqlStore& store, const std::string& org, const std::string& file);
// Reads FILE into this installation in one transaction, records the import in the
// organisation's audit log, and verifies the chains.
int import_org(store::SqlStore& store, const std::string& file);

}  // namespace kk::cli
