#pragma once
// What the use cases need from storage, declared here and implemented in store/.
// A Transaction is one unit of work: everything a use case writes, including its audit
// entry, commits together or not at all.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/records.hpp"
#include "domain/sign_in_throttle.hpp"
#include "domain/specification.hpp"

namespace kk::app {

// A failure of the database itself (not of the user's input). `unavailable`: the server
// cannot be reached; `unique_violation`: a concurrent writer got there first.
struct StoreError : std::runtime_error {
  enum class Kind { other, unavailable, unique_violation } kind;
  StoreError(Kind k, const std::string& what) : std::runtime_error(what), kind(k) {}
};

struct StoredSpecification {
  std::string catalogue_id;
  int catalogue_version = 1;
  std::string rule_sets_json;  // [{"id":…,"version":…}]
  bool frozen = false;
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  std::string catalogues_json;  // [{"id":…,"version":…}] of every catalogue it draws from
};

struct Credentials {
  User user;
  std::string password_hash;
};

struct AuthenticatedSession {
  User user;
  std::string csrf_token;
  std::string last_seen;  // UTC; the sign-in time until the session is used
};

// A local account's second factor: the confirmed secret, one waiting for its first code (both
// base32), and the last time step used.
struct TotpState {
  std::optional<std::string> secret;
  std::optional<std::string> pending;
  std::int64_t last_step = 0;
};

// An organisation's OpenID provider (docs/sign-on.md).
struct SignOnSettings {
  std::string org_id;
  std::string provider_id;
  std::string name;
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::string scopes = "openid profile email";
  std::string role_claim = "roles";
  std::string role_map = "{}";  // JSON {"claim value": ["role", …]}
  bool enabled = false;
  std::int64_t version = 0;
  std::string updated_at;
};

// A sign-in on its way through the provider.
struct SignOnAttempt {
  std::string state_hash;
  std::string org_id;
  std::string browser_hash;
  std::string code_verifier;
  std::string nonce;
  std::string next_path;
  std::string redirect_uri;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string expires_at;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual void commit() = 0;

  // organisations
  virtual std::optional<Organisation> organisation(const std::string& org_id) = 0;
  virtual std::optional<Organisation> organisation_by_name(const std::string& name) = 0;
  virtual void insert_organisation(const Organisation& org) = 0;
  virtual bool update_organisation(const Organisation& org, std::int64_t expected_version) = 0;
  virtual std::int64_t next_audit_seq(const std::string& org_id) = 0;
  virtual std::int64_t count_users() = 0;

  // users and credentials
  virtual std::optional<User> user(const std::string& org_id, const std::string& user_id) = 0;
  virtual std::optional<Credentials> credentials_by_username(const std::string& username) = 0;
  virtual std::vector<User> users(const std::string& org_id) = 0;
  // By name; limit -1: all of them.
  virtual std::vector<User> users_page(const std::string& org_id, int limit, std::int64_t offset) = 0;
  virtual std::int64_t count_org_users(const std::string& org_id) = 0;
  virtual void insert_user(const User& user, const std::string& password_hash) = 0;
  virtual bool update_user(const User& user, std::int64_t expected_version) = 0;
  virtual void set_password(const std::string& org_id, const std::string& user_id, const std::string& hash) = 0;

  // sessions and tokens (secrets stored as hashes)
  virtual void insert_session(const std::string& token_hash, const std::string& org_id, const std::string& user_id,
                              const std::string& csrf_token, const std::string& now, const std::string& expires) = 0;
  virtual std::optional<AuthenticatedSession> session(const std::string& token_hash, const std::string& now) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual void touch_session(const std::string& token_hash, const std::string& now) = 0;
  virtual void delete_expired_sessions(const std::string& now) = 0;
  virtual void delete_user_sessions(const std::string& org_id, const std::string& user_id) = 0;
  virtual void insert_token(const std::string& token_hash, const std::string& org_id, const std::string& token_id,
                            const std::string& user_id, const std::string& now,
                            const std::optional<std::string>& expires) = 0;
  virtual std::optional<User> token_user(const std::string& token_hash, const std::string& now) = 0;
  // Sign-in throttling, per subject ("account:…", "address:…"); a missing row is a clean state.
  virtual domain::ThrottleState sign_in_throttle(const std::string& subject) = 0;
  virtual void save_sign_in_throttle(const std::string& subject, const domain::ThrottleState& s) = 0;
  // the second factor, and sign-ins waiting for its code
  virtual TotpState totp(const std::string& org_id, const std::string& user_id) = 0;
  virtual void save_totp(const std::string& org_id, const std::string& user_id, const TotpState& s) = 0;
  virtual void insert_sign_in_challenge(const std::string& challenge_hash, const std::string& org_id,
                                        const std::string& user_id, const std::string& expires_at) = 0;
  // The user a challenge was made for, unless it has expired (expired ones are removed).
  virtual std::optional<User> sign_in_challenge(const std::string& challenge_hash, const std::string& now) = 0;
  virtual void delete_sign_in_challenge(const std::string& challenge_hash) = 0;
  // single sign-on
  virtual std::optional<SignOnSettings> sign_on_settings(const std::string& org_id) = 0;
  virtual std::optional<SignOnSettings> sign_on_by_provider(const std::string& provider_id) = 0;
  virtual std::vector<SignOnSettings> enabled_sign_ons() = 0;
  // Inserts at expected version 0, else updates when the version matches.
  virtual bool save_sign_on_settings(const SignOnSettings& s, std::int64_t expected_version) = 0;
  virtual void insert_sign_on_attempt(const SignOnAttempt& a) = 0;
  // The attempt, removed so it cannot be used twice (expired attempts go too).
  virtual std::optional<SignOnAttempt> take_sign_on_attempt(const std::string& state_hash, const std::string& now) = 0;
  virtual std::optional<User> user_by_external_subject(const std::string& subject) = 0;
  virtual void set_external_subject(const std::string& org_id, const std::string& user_id,
                                    const std::string& subject) = 0;

  // assets
  virtual std::optional<Asset> asset(const std::string& org_id, const std::string& asset_id) = 0;
  virtual std::vector<Asset> assets(const std::string& org_id) = 0;
  // One page of assets in the order of assets(), and how many the organisation has.
  virtual std::vector<Asset> assets_page(const std::string& org_id, int limit, std::int64_t offset) = 0;
  virtual std::int64_t count_assets(const std::string& org_id) = 0;
  // Id and name of every asset, in the order of assets(): what a choice of assets shows.
  virtual std::vector<std::pair<std::string, std::string>> asset_names(const std::string& org_id) = 0;
  virtual void insert_asset(const Asset& asset) = 0;
  virtual bool update_asset(const Asset& asset, std::int64_t expected_version) = 0;
  virtual void delete_asset(const std::string& org_id, const std::string& asset_id) = 0;
  virtual std::vector<std::string> cases_of_asset(const std::string& org_id, const std::string& asset_id) = 0;

  // cases
  virtual std::optional<Case> get_case(const std::string& org_id, const std::string& case_id) = 0;
  virtual std::optional<Case> case_by_registry_number(const std::string& org_id, const std::string& number) = 0;
  virtual std::vector<Case> cases(const std::string& org_id) = 0;
  // One page of cases in the order of cases() (newest first), and how many the organisation has.
  virtual std::vector<Case> cases_page(const std::string& org_id, int limit, std::int64_t offset) = 0;
  // Open cases the user works on: on the team or the delivery manager (the start page).
  virtual std::vector<Case> cases_of_user(const std::string& org_id, const std::string& user_id) = 0;
  // The cases that have a contract, in one read: the start page, the reminders and the calendar
  // feed need the case of every contract, and read it one statement per contract before.
  virtual std::vector<Case> cases_with_contracts(const std::string& org_id) = 0;
  virtual std::int64_t count_cases(const std::string& org_id) = 0;
  virtual void insert_case(const Case& c) = 0;
  virtual bool update_case(const Case& c, std::int64_t expected_version) = 0;
  virtual std::vector<Asset> case_assets(const std::string& org_id, const std::string& case_id) = 0;
  virtual bool link_asset(const std::string& org_id, const std::string& case_id, const std::string& asset_id,
                          const std::string& now) = 0;
  virtual bool unlink_asset(const std::string& org_id, const std::string& case_id, const std::string& asset_id) = 0;
  virtual std::vector<Decision> decisions(const std::string& org_id, const std::string& case_id) = 0;
  // Every case's decisions in one read, by case then sequence (the case list).
  virtual std::vector<Decision> organisation_decisions(const std::string& org_id) = 0;
  virtual void insert_decision(const std::string& org_id, const Decision& d) = 0;
  virtual std::vector<ActivityState> activities(const std::string& org_id, const std::string& case_id) = 0;
  virtual bool upsert_activity(const std::string& org_id, const std::string& case_id, const ActivityState& a,
                               std::int64_t expected_version) = 0;
  virtual std::vector<TeamMember> team(const std::string& org_id, const std::string& case_id) = 0;
  virtual bool add_team_member(const std::string& org_id, const std::string& case_id, const TeamMember& m,
                               const std::string& now) = 0;
  virtual bool remove_team_member(const std::string& org_id, const std::string& case_id, const TeamMember& m) = 0;

  // specifications
  virtual std::optional<StoredSpecification> specification(const std::string& org_id, const std::string& case_id) = 0;
  virtual void insert_specification(const std::string& org_id, const std::string& case_id,
                                    const StoredSpecification& s) = 0;
  // Bumps the version (every change to entries does), failing when it is not `expected_version`.
  virtual bool touch_specification(const std::string& org_id, const std::string& case_id,
                                   std::int64_t expected_version, const std::string& now) = 0;
  virtual std::vector<domain::SpecEntry> specification_entries(const std::string& org_id,
                                                               const std::string& case_id) = 0;
  virtual void insert_spec_entry(const std::string& org_id, const std::string& case_id,
                                 const domain::SpecEntry& e) = 0;
  virtual bool update_spec_entry(const std::string& org_id, const std::string& case_id, const domain::SpecEntry& e,
                                 std::int64_t expected_version) = 0;

  // imported catalogues and rule sets (every version)
  virtual std::vector<ContentSource> content_sources(const std::string& org_id) = 0;  // without yaml
  virtual std::optional<ContentSource> content_source(const std::string& org_id, const std::string& kind,
                                                      const std::string& id, int version) = 0;
  virtual void insert_content_source(const std::string& org_id, const ContentSource& s) = 0;
  // Sources other organisations shared with this one (every version, without yaml).
  virtual std::vector<ContentSource> shared_content_sources(const std::string& org_id) = 0;
  virtual std::vector<ContentShare> shares_by(const std::string& owner_org_id) = 0;
  virtual bool insert_share(const ContentShare& share) = 0;
  virtual bool delete_share(const std::string& owner_org_id, const std::string& kind, const std::string& id,
                            const std::string& shared_with) = 0;
  virtual bool set_specification_versions(const std::string& org_id, const std::string& case_id,
                                          const StoredSpecification& versions, std::int64_t expected_version,
                                          const std::string& now) = 0;

  // risk registers
  virtual std::vector<Risk> risks(const std::string& org_id, const std::string& case_id) = 0;
  virtual std::optional<Risk> risk(const std::string& org_id, const std::string& risk_id) = 0;
  virtual void insert_risk(const std::string& org_id, const Risk& r) = 0;
  virtual bool update_risk(const std::string& org_id, const Risk& r, std::int64_t expected_version) = 0;
  virtual void delete_risk(const std::string& org_id, const std::string& risk_id) = 0;
  virtual std::vector<RiskAssessment> risk_assessments(const std::string& org_id, const std::string& case_id) = 0;
  virtual bool save_risk_assessment(const std::string& org_id, const std::string& case_id, const RiskAssessment& a,
                                    std::int64_t expected_version) = 0;

  // what is recorded on a case besides its process (forms, registers, confirmations)
  virtual std::vector<CaseRecord> case_records(const std::string& org_id, const std::string& case_id,
                                               const std::string& kind) = 0;
  // Every record of a kind on the organisation's open cases, as {case id, record}.
  virtual std::vector<std::pair<std::string, CaseRecord>> open_case_records(const std::string& org_id,
                                                                            const std::string& kind) = 0;
  // Inserts when expected_version is 0, else updates that version; false when stale or taken.
  virtual bool save_case_record(const std::string& org_id, const std::string& case_id, const CaseRecord& r,
                                std::int64_t expected_version) = 0;
  virtual bool delete_case_record(const std::string& org_id, const std::string& case_id, const std::string& kind,
                                  const std::string& key, std::int64_t expected_version) = 0;

  // the supplier register
  virtual std::vector<SupplierRow> suppliers(const std::string& org_id) = 0;
  // By name (the index suppliers_name); limit -1: all of them.
  virtual std::vector<SupplierRow> suppliers_page(const std::string& org_id, int limit, std::int64_t offset) = 0;
  virtual std::int64_t count_suppliers(const std::string& org_id) = 0;
  virtual std::optional<SupplierRow> supplier(const std::string& org_id, const std::string& supplier_id) = 0;
  // False when the name is taken.
  virtual bool insert_supplier(const std::string& org_id, const SupplierRow& s) = 0;
  virtual bool update_supplier(const std::string& org_id, const SupplierRow& s, std::int64_t expected_version) = 0;
  virtual void delete_supplier(const std::string& org_id, const std::string& supplier_id) = 0;
  virtual std::int64_t count_supplier_tenders(const std::string& org_id, const std::string& supplier_id) = 0;

  // tenders
  virtual std::vector<Tender> case_tenders(const std::string& org_id, const std::string& case_id) = 0;
  virtual std::vector<Tender> user_tenders(const std::string& org_id, const std::string& user_id) = 0;
  virtual std::optional<Tender> tender(const std::string& org_id, const std::string& tender_id) = 0;
  // False when the supplier already has a tender in the case.
  virtual bool insert_tender(const std::string& org_id, const Tender& t) = 0;
  virtual bool update_tender(const std::string& org_id, const Tender& t, std::int64_t expected_version) = 0;
  virtual std::vector<std::string> tender_users(const std::string& org_id, const std::string& tender_id) = 0;
  virtual bool add_tender_user(const std::string& org_id, const std::string& tender_id, const std::string& user_id,
                               const std::string& now) = 0;
  virtual std::vector<StoredAnswer> tender_answers(const std::string& org_id, const std::string& tender_id) = 0;
  virtual void save_tender_answer(const std::string& org_id, const std::string& tender_id, const StoredAnswer& a) = 0;
  virtual void delete_tender_answer(const std::string& org_id, const std::string& tender_id,
                                    const std::string& requirement_id) = 0;
  virtual std::vector<StoredJudgement> tender_judgements(const std::string& org_id, const std::string& tender_id) = 0;
  virtual void save_judgement(const std::string& org_id, const std::string& tender_id, const StoredJudgement& j) = 0;
  virtual void delete_judgement(const std::string& org_id, const std::string& tender_id,
                                const std::string& requirement_id) = 0;
  virtual std::vector<TenderFile> tender_files(const std::string& org_id, const std::string& tender_id) = 0;  // no content
  virtual std::optional<TenderFile> tender_file(const std::string& org_id, const std::string& file_id) = 0;
  virtual void insert_tender_file(const std::string& org_id, const TenderFile& f) = 0;
  virtual void delete_tender_file(const std::string& org_id, const std::string& file_id) = 0;

  // contracts and their agreed measures
  virtual std::vector<Contract> contracts(const std::string& org_id) = 0;
  // By end date and title; a filter field left empty does not filter; limit -1: all of them.
  virtual std::vector<Contract> contracts_page(const std::string& org_id, const ContractFilter& filter, int limit,
                                               std::int64_t offset) = 0;
  virtual std::int64_t count_contracts(const std::string& org_id, const ContractFilter& filter) = 0;
  virtual std::optional<Contract> contract(const std::string& org_id, const std::string& contract_id) = 0;
  // False when the case already has a contract with that supplier.
  virtual bool insert_contract(const std::string& org_id, const Contract& c) = 0;
  virtual bool update_contract(const std::string& org_id, const Contract& c, std::int64_t expected_version) = 0;
  virtual std::vector<ContractMeasure> contract_measures(const std::string& org_id, const std::string& contract_id) = 0;
  // Every contract's measures, by contract: one statement for the due dates of a whole organisation.
  virtual std::map<std::string, std::vector<ContractMeasure>> measures_by_contract(const std::string& org_id) = 0;
  virtual void insert_contract_measure(const std::string& org_id, const std::string& contract_id,
                                       const ContractMeasure& m) = 0;
  virtual bool update_contract_measure(const std::string& org_id, const std::string& contract_id,
                                       const ContractMeasure& m, std::int64_t expected_version) = 0;

  // follow-up records and deviations (every contract's when contract_id is empty)
  virtual std::vector<FollowUpRecord> follow_up_records(const std::string& org_id, const std::string& contract_id) = 0;
  virtual AnsweredControls answered_controls(const std::string& org_id) = 0;
  virtual void insert_follow_up_record(const std::string& org_id, const FollowUpRecord& r) = 0;
  virtual std::vector<Deviation> deviations(const std::string& org_id, const std::string& contract_id) = 0;
  virtual std::optional<Deviation> deviation(const std::string& org_id, const std::string& deviation_id) = 0;
  virtual void insert_deviation(const std::string& org_id, const Deviation& d) = 0;
  virtual bool update_deviation(const std::string& org_id, const Deviation& d, std::int64_t expected_version) = 0;

  // the life of a contract (every contract's entries of a kind when contract_id is empty)
  virtual std::vector<ContractEntry> contract_entries(const std::string& org_id, const std::string& contract_id,
                                                      const std::string& kind) = 0;
  // expected_version 0 inserts (false when the key is taken); otherwise updates that version.
  virtual bool save_contract_entry(const std::string& org_id, const ContractEntry& e, std::int64_t expected_version) = 0;
  virtual std::vector<ContractFile> contract_files(const std::string& org_id, const std::string& contract_id) = 0;  // no content
  virtual std::optional<ContractFile> contract_file(const std::string& org_id, const std::string& file_id) = 0;
  virtual void insert_contract_file(const std::string& org_id, const ContractFile& f) = 0;
  virtual void delete_contract_file(const std::string& org_id, const std::string& file_id) = 0;

  // personal calendar feeds (the secret stored as a hash)
  virtual void set_calendar_feed(const std::string& org_id, const std::string& user_id, const std::string& token_hash,
                                 const std::string& now) = 0;
  virtual bool delete_calendar_feed(const std::string& org_id, const std::string& user_id) = 0;
  virtual bool has_calendar_feed(const std::string& org_id, const std::string& user_id) = 0;
  virtual std::optional<User> calendar_feed_user(const std::string& token_hash) = 0;

  // notifications; insert_notification is false when that reminder was already recorded
  virtual bool insert_notification(const std::string& org_id, const Notification& n) = 0;
  virtual std::vector<Notification> notifications(const std::string& org_id, const std::string& user_id,
                                                  bool unread_only) = 0;
  // By due date; limit -1: all of them.
  virtual std::vector<Notification> notifications_page(const std::string& org_id, const std::string& user_id,
                                                       bool unread_only, int limit, std::int64_t offset) = 0;
  virtual std::int64_t count_notifications(const std::string& org_id, const std::string& user_id, bool unread_only) = 0;
  virtual bool mark_notification_read(const std::string& org_id, const std::string& user_id,
                                      const std::string& notification_id, const std::string& now) = 0;
  virtual void mark_notifications_emailed(const std::string& org_id, const std::vector<std::string>& ids,
                                         const std::string& now) = 0;
  virtual std::vector<std::string> organisation_ids() = 0;
  // Claims the day's run of a job; false when another run (on any node) claimed it first.
  virtual bool claim_daily_job(const std::string& job, const std::string& day, const std::string& now) = 0;

  // audit
  virtual void insert_audit(const std::string& org_id, const AuditEntry& entry) = 0;
  virtual std::vector<AuditEntry> audit(const std::string& org_id, std::int64_t before_seq, int limit) = 0;
  // The chain: entries in ascending order from `after_seq` (exclusive), the hash of the last
  // entry before `seq`, sealing an entry written before the chain existed, and the
  // organisation's entry counter.
  virtual std::vector<AuditEntry> audit_ascending(const std::string& org_id, std::int64_t after_seq, int limit) = 0;
  virtual std::optional<AuditEntry> audit_before(const std::string& org_id, std::int64_t seq) = 0;
  virtual void seal_audit_entry(const std::string& org_id, std::int64_t seq, const std::string& prev_hash,
                                const std::string& entry_hash) = 0;
  virtual std::int64_t audit_counter(const std::string& org_id) = 0;
  // Retention: removes the entries up to and including `seq` (only behind a checkpoint entry);
  // the newest entry with this action (the last checkpoint).
  virtual std::int64_t delete_audit_through(const std::string& org_id, std::int64_t seq) = 0;
  virtual std::optional<AuditEntry> latest_audit_action(const std::string& org_id, const std::string& action) = 0;
  // Every entry about one of these objects, oldest first (a closed case's audit extract).
  virtual std::vector<AuditEntry> audit_about(const std::string& org_id, const std::vector<std::string>& object_ids) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // write=true takes the write lock up front (SQLite BEGIN IMMEDIATE), so a read-then-write
  // use case never fails half-way on a lock upgrade.
  virtual std::unique_ptr<Transaction> begin(bool write) = 0;
  virtual std::string engine() const = 0;
};

}  // namespace kk::app
