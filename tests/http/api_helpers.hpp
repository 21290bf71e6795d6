#pragma once
// Small helpers shared by the test files: creating assets and cases, settling the
// activities before a gate, deciding, reading the audit log, and assertions that
// print the response body when they fail.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace kkt {

// The gates in the order the process passes them.
extern const std::vector<std::string> kGates;
int gate_index(const std::string& gate);

// The response body as JSON; throws (ending the test) unless the status is `expected`.
json expect_json(const Response& r, int expected, const std::string& what);

// Passes when the response has the status (and, when given, error.code and error.field),
// and the body is a well-formed error {"error":{"code","field","message"}} for 4xx.
::testing::AssertionResult is_error(const Response& r, int status, const std::string& code = {},
                                    const std::string& field = {});
::testing::AssertionResult has_status(const Response& r, int status);

// Paths.
std::string asset_path(const std::string& id);
std::string case_path(const std::string& id);

// A valid asset body with all three mandatory levels set.
json asset_body(const std::string& name, int c = 1, int i = 1, int a = 1);
json create_asset(const Api& as, const json& body);
json get_asset(const Api& as, const std::string& id);

// The minimal valid case body.
json case_body(const std::string& registry_number, const std::string& title = "Nytt e-arkiv");
json create_case(const Api& as, const json& body);
json create_case(const Api& as, const char* registry_number);  // with case_body()
json get_case(const Api& as, const std::string& id);

// Records every open activity due at or before `gate` as done (prestudy) or, when
// `not_applicable_outside_prestudy`, as not applicable with a comment. Returns the detail.
json settle_activities(const Api& as, const std::string& case_id, const std::string& gate,
                       bool not_applicable_outside_prestudy = false);
Response decide(const Api& as, const std::string& case_id, const std::string& gate,
                const std::string& outcome = "approved", const std::string& rationale = "Beslutat i testet.");
// Records the risk register a gate needs (deep before documents_approved, award-stage
// before award_decided), unless the case has one.
void record_register_for_gate(const Api& as, const std::string& case_id, const std::string& gate);
// Records a points evaluation model before documents_approved, unless the case has one.
void record_model_for_gate(const Api& as, const std::string& case_id, const std::string& gate);
// Runs one SQL statement with the engine's own client (sqlite3, psql), outside Kravkedja, as
// someone with access to the database would.
void run_sql(const std::string& statement);
// The same, returning what the client printed (one value per line).
std::string sql_output(const std::string& statement);
// A program's standard output (it must exit with 0), without the last line break.
std::string program_output(std::vector<std::string> args);
// A supplier user's API, signed in with a token made on the command line.
Api supplier_api(const std::string& username);
// The case's contract (the first one listed), or null.
json contract_of_case(const Api& as, const std::string& case_id);
// Before delivery_approved: a contract (with a supplier of its own when the case has none) and
// every measure verified; before relationship_closed: the exit plan and every exit check done.
void record_contract_for_gate(const Api& as, const std::string& case_id, const std::string& gate);
// Settles the activities, records the register, the model and the contract the gate needs, and
// approves the gate.
json pass_gate(const Api& as, const std::string& case_id, const std::string& gate);

// Audit log of the admin's organisation, newest first.
json audit_items(const Api& admin, int limit = 100);
// seq of the newest audit entry that records a change (not a security event such as a sign-in
// or a refused request), or -1 when there is none.
long long latest_audit_seq(const Api& admin);

// What an organisation holds, to check that a refused request wrote nothing. The user
// needs the admin role (for the audit log).
struct OrgState {
  json assets;            // GET /api/v1/assets items
  json cases;             // GET /api/v1/cases items
  long long audit_seq;    // newest audit entry
  bool operator==(const OrgState& o) const {
    return assets == o.assets && cases == o.cases && audit_seq == o.audit_seq;
  }
};
OrgState org_state(const Api& admin);
void PrintTo(const OrgState& s, std::ostream* os);

// UTC text `seconds` from now, as the API takes moments (tender deadlines).
std::string utc_in(int seconds);
// Sleeps until the UTC moment has passed (a tender deadline in a test).
void wait_until(const std::string& utc);

// Helpers on JSON values.
std::vector<std::string> ids_of(const json& items);
bool has_id(const json& items, const std::string& id);
// The element of an array whose `key` equals `value`, or null.
json find_by(const json& array, const std::string& key, const std::string& value);
std::string str(const json& j);
// Case-insensitive substring test.
bool contains_text(const std::string& haystack, const std::string& needle);

}  // namespace kkt
