#pragma once
#include "app/ports.hpp"
#include "store/sql_store.hpp"

namespace kk::store {

// app::Transaction over one leased connection. Rolls back unless committed.
class SqlTransaction final : public app::Transaction {
 public:
  SqlTransaction(SqlStore::Lease lease, bool write);
  ~SqlTransaction() override;
  void commit() override;
  // The connection under this transaction, for statements no port describes (moving an
  // organisation's rows between installations).
  SqlConnection& connection() { return db(); }

  std::optional<app::Organisation> organisation(const std::string& org_id) override;
  std::optional<app::Organisation> organisation_by_name(const std::string& name) override;
  void insert_organisation(const app::Organisation& org) override;
  bool update_organisation(const app::Organisation& org, std::int64_t expected_version) override;
  std::int64_t next_audit_seq(const std::string& org_id) override;
  std::int64_t count_users() override;

  std::optional<app::User> user(const std::string& org_id, const std::string& user_id) override;
  std::optional<app::Credentials> credentials_by_username(const std::string& username) override;
  std::vector<app::User> users(const std::string& org_id) override;
  std::vector<app::User> users_page(const std::string& org_id, int limit, std::int64_t offset) override;
  std::int64_t count_org_users(const std::string& org_id) override;
  void insert_user(const app::User& user, const std::string& password_hash) override;
  bool update_user(const app::User& user, std::int64_t expected_version) override;
  void set_password(const std::string& org_id, const std::string& user_id, const std::string& hash) override;

  void insert_session(const std::string& token_hash, const std::string& org_id, const std::string& user_id,
                      const std::string& csrf_token, const std::string& now, const std::string& expires) override;
  std::optional<app::AuthenticatedSession> session(const std::string& token_hash, const std::string& now) override;
  void delete_session(const std::string& token_hash) override;
  void touch_session(const std::string& token_hash, const std::string& now) override;
  void delete_expired_sessions(const std::string& now) override;
  void delete_user_sessions(const std::string& org_id, const std::string& user_id) override;
  void insert_token(const std::string& token_hash, const std::string& org_id, const std::string& token_id,
                    const std::string& user_id, const std::string& now,
                    const std::optional<std::string>& expires) override;
  std::optional<app::User> token_user(const std::string& token_hash, const std::string& now) override;

  std::optional<app::Asset> asset(const std::string& org_id, const std::string& asset_id) override;
  std::vector<app::Asset> assets(const std::string& org_id) override;
  std::map<std::string, std::vector<app::ContractMeasure>> measures_by_contract(const std::string& org_id) override;
  app::AnsweredControls answered_controls(const std::string& org_id) override;
  std::vector<app::Asset> assets_page(const std::string& org_id, int limit, std::int64_t offset) override;
  std::vector<std::pair<std::string, std::string>> asset_names(const std::string& org_id) override;
  std::int64_t count_assets(const std::string& org_id) override;
  void insert_asset(const app::Asset& asset) override;
  bool update_asset(const app::Asset& asset, std::int64_t expected_version) override;
  void delete_asset(const std::string& org_id, const std::string& asset_id) override;
  std::vector<std::string> cases_of_asset(const std::string& org_id, const std::string& asset_id) override;

  std::optional<app::Case> get_case(const std::string& org_id, const std::string& case_id) override;
  std::optional<app::Case> case_by_registry_number(const std::string& org_id, const std::string& number) override;
  std::vector<app::Case> cases(const std::string& org_id) override;
  std::vector<app::Case> cases_page(const std::string& org_id, int limit, std::int64_t offset) override;
  std::vector<app::Case> cases_of_user(const std::string& org_id, const std::string& user_id) override;
  std::vector<app::Case> cases_with_contracts(const std::string& org_id) override;
  std::int64_t count_cases(const std::string& org_id) override;
  void insert_case(const app::Case& c) override;
  bool update_case(const app::Case& c, std::int64_t expected_version) override;
  std::vector<app::Asset> case_assets(const std::string& org_id, const std::string& case_id) override;
  bool link_asset(const std::string& org_id, const std::string& case_id, const std::string& asset_id,
                  const std::string& now) override;
  bool unlink_asset(const std::string& org_id, const std::string& case_id, const std::string& asset_id) override;
  std::vector<app::Decision> decisions(const std::string& org_id, const std::string& case_id) override;
  std::vector<app::Decision> organisation_decisions(const std::string& org_id) override;
  void insert_decision(const std::string& org_id, const app::Decision& d) override;
  std::vector<app::ActivityState> activities(const std::string& org_id, const std::string& case_id) override;
  bool upsert_activity(const std::string& org_id, const std::string& case_id, const app::ActivityState& a,
                       std::int64_t expected_version) override;
  std::vector<app::TeamMember> team(const std::string& org_id, const std::string& case_id) override;
  bool add_team_member(const std::string& org_id, const std::string& case_id, const app::TeamMember& m,
                       const std::string& now) override;
  bool remove_team_member(const std::string& org_id, const std::string& case_id, const app::TeamMember& m) override;

  std::optional<app::StoredSpecification> specification(const std::string& org_id, const std::string& case_id) override;
  void insert_specification(const std::string& org_id, const std::string& case_id,
                            const app::StoredSpecification& s) override;
  bool touch_specification(const std::string& org_id, const std::string& case_id, std::int64_t expected_version,
                           const std::string& now) override;
  std::vector<domain::SpecEntry> specification_entries(const std::string& org_id, const std::string& case_id) override;
  void insert_spec_entry(const std::string& org_id, const std::string& case_id, const domain::SpecEntry& e) override;
  bool update_spec_entry(const std::string& org_id, const std::string& case_id, const domain::SpecEntry& e,
                         std::int64_t expected_version) override;

  std::vector<app::ContentSource> content_sources(const std::string& org_id) override;
  std::optional<app::ContentSource> content_source(const std::string& org_id, const std::string& kind,
                                                   const std::string& id, int version) override;
  void insert_content_source(const std::string& org_id, const app::ContentSource& s) override;
  std::vector<app::ContentSource> shared_content_sources(const std::string& org_id) override;
  std::vector<app::ContentShare> shares_by(const std::string& owner_org_id) override;
  bool insert_share(const app::ContentShare& share) override;
  bool delete_share(const std::string& owner_org_id, const std::string& kind, const std::string& id,
                    const std::string& shared_with) override;
  bool set_specification_versions(const std::string& org_id, const std::string& case_id,
                                  const app::StoredSpecification& versions, std::int64_t expected_version,
                                  const std::string& now) override;

  std::vector<app::Risk> risks(const std::string& org_id, const std::string& case_id) override;
  std::optional<app::Risk> risk(const std::string& org_id, const std::string& risk_id) override;
  void insert_risk(const std::string& org_id, const app::Risk& r) override;
  bool update_risk(const std::string& org_id, const app::Risk& r, std::int64_t expected_version) override;
  void delete_risk(const std::string& org_id, const std::string& risk_id) override;
  std::vector<app::RiskAssessment> risk_assessments(const std::string& org_id, const std::string& case_id) override;
  std::vector<std::pair<std::string, app::CaseRecord>> open_case_records(const std::string& org_id,
                                                                         const std::string& kind) override;
  std::vector<app::CaseRecord> case_records(const std::string& org_id, const std::string& case_id,
                                            const std::string& kind) override;
  bool save_case_record(const std::string& org_id, const std::string& case_id, const app::CaseRecord& r,
                        std::int64_t expected_version) override;
  bool delete_case_record(const std::string& org_id, const std::string& case_id, const std::string& kind,
                          const std::string& key, std::int64_t expected_version) override;
  bool save_risk_assessment(const std::string& org_id, const std::string& case_id, const app::RiskAssessment& a,
                            std::int64_t expected_version) override;

  std::vector<app::SupplierRow> suppliers(const std::string& org_id) override;
  std::vector<app::SupplierRow> suppliers_page(const std::string& org_id, int limit, std::int64_t offset) override;
  std::int64_t count_suppliers(const std::string& org_id) override;
  std::optional<app::SupplierRow> supplier(const std::string& org_id, const std::string& supplier_id) override;
  bool insert_supplier(const std::string& org_id, const app::SupplierRow& s) override;
  bool update_supplier(const std::string& org_id, const app::SupplierRow& s, std::int64_t expected_version) override;
  void delete_supplier(const std::string& org_id, const std::string& supplier_id) override;
  std::int64_t count_supplier_tenders(const std::string& org_id, const std::string& supplier_id) override;

  std::vector<app::Tender> case_tenders(const std::string& org_id, const std::string& case_id) override;
  std::vector<app::Tender> user_tenders(const std::string& org_id, const std::string& user_id) override;
  std::optional<app::Tender> tender(const std::string& org_id, const std::string& tender_id) override;
  bool insert_tender(const std::string& org_id, const app::Tender& t) override;
  bool update_tender(const std::string& org_id, const app::Tender& t, std::int64_t expected_version) override;
  std::vector<std::string> tender_users(const std::string& org_id, const std::string& tender_id) override;
  bool add_tender_user(const std::string& org_id, const std::string& tender_id, const std::string& user_id,
                       const std::string& now) override;
  std::vector<app::StoredAnswer> tender_answers(const std::string& org_id, const std::string& tender_id) override;
  void save_tender_answer(const std::string& org_id, const std::string& tender_id, const app::StoredAnswer& a) override;
  void delete_tender_answer(const std::string& org_id, const std::string& tender_id,
                            const std::string& requirement_id) override;
  std::vector<app::StoredJudgement> tender_judgements(const std::string& org_id, const std::string& tender_id) override;
  void save_judgement(const std::string& org_id, const std::string& tender_id, const app::StoredJudgement& j) override;
  void delete_judgement(const std::string& org_id, const std::string& tender_id,
                        const std::string& requirement_id) override;
  std::vector<app::TenderFile> tender_files(const std::string& org_id, const std::string& tender_id) override;
  std::optional<app::TenderFile> tender_file(const std::string& org_id, const std::string& file_id) override;
  void insert_tender_file(const std::string& org_id, const app::TenderFile& f) override;
  void delete_tender_file(const std::string& org_id, const std::string& file_id) override;

  std::vector<app::Contract> contracts(const std::string& org_id) override;
  std::vector<app::Contract> contracts_page(const std::string& org_id, const app::ContractFilter& filter, int limit,
                                            std::int64_t offset) override;
  std::int64_t count_contracts(const std::string& org_id, const app::ContractFilter& filter) override;
  std::optional<app::Contract> contract(const std::string& org_id, const std::string& contract_id) override;
  bool insert_contract(const std::string& org_id, const app::Contract& c) override;
  bool update_contract(const std::string& org_id, const app::Contract& c, std::int64_t expected_version) override;
  std::vector<app::ContractMeasure> contract_measures(const std::string& org_id, const std::string& contract_id) override;
  void insert_contract_measure(const std::string& org_id, const std::string& contract_id,
                               const app::ContractMeasure& m) override;
  bool update_contract_measure(const std::string& org_id, const std::string& contract_id, const app::ContractMeasure& m,
                               std::int64_t expected_version) override;

  std::vector<app::FollowUpRecord> follow_up_records(const std::string& org_id, const std::string& contract_id) override;
  void insert_follow_up_record(const std::string& org_id, const app::FollowUpRecord& r) override;
  std::vector<app::Deviation> deviations(const std::string& org_id, const std::string& contract_id) override;
  std::optional<app::Deviation> deviation(const std::string& org_id, const std::string& deviation_id) override;
  void insert_deviation(const std::string& org_id, const app::Deviation& d) override;
  bool update_deviation(const std::string& org_id, const app::Deviation& d, std::int64_t expected_version) override;

  std::vector<app::ContractEntry> contract_entries(const std::string& org_id, const std::string& contract_id,
                                                  const std::string& kind) override;
  bool save_contract_entry(const std::string& org_id, const app::ContractEntry& e, std::int64_t expected_version) override;
  std::vector<app::ContractFile> contract_files(const std::string& org_id, const std::string& contract_id) override;
  std::optional<app::ContractFile> contract_file(const std::string& org_id, const std::string& file_id) override;
  void insert_contract_file(const std::string& org_id, const app::ContractFile& f) override;
  void delete_contract_file(const std::string& org_id, const std::string& file_id) override;

  void set_calendar_feed(const std::string& org_id, const std::string& user_id, const std::string& token_hash,
                         const std::string& now) override;
  bool delete_calendar_feed(const std::string& org_id, const std::string& user_id) override;
  bool has_calendar_feed(const std::string& org_id, const std::string& user_id) override;
  std::optional<app::User> calendar_feed_user(const std::string& token_hash) override;

  bool insert_notification(const std::string& org_id, const app::Notification& n) override;
  std::vector<app::Notification> notifications_page(const std::string& org_id, const std::string& user_id,
                                                   bool unread_only, int limit, std::int64_t offset) override;
  std::int64_t count_notifications(const std::string& org_id, const std::string& user_id, bool unread_only) override;
  std::vector<app::Notification> notifications(const std::string& org_id, const std::string& user_id,
                                               bool unread_only) override;
  bool mark_notification_read(const std::string& org_id, const std::string& user_id,
                              const std::string& notification_id, const std::string& now) override;
  void mark_notifications_emailed(const std::string& org_id, const std::vector<std::string>& ids,
                                  const std::string& now) override;
  std::vector<std::string> organisation_ids() override;
  bool claim_daily_job(const std::string& job, const std::string& day, const std::string& now) override;

  void insert_audit(const std::string& org_id, const app::AuditEntry& entry) override;
  std::vector<app::AuditEntry> audit(const std::string& org_id, std::int64_t before_seq, int limit) override;
  domain::ThrottleState sign_in_throttle(const std::string& subject) override;
  void save_sign_in_throttle(const std::string& subject, const domain::ThrottleState& s) override;
  app::TotpState totp(const std::string& org_id, const std::string& user_id) override;
  void save_totp(const std::string& org_id, const std::string& user_id, const app::TotpState& s) override;
  void insert_sign_in_challenge(const std::string& challenge_hash, const std::string& org_id, const std::string& user_id,
                                const std::string& expires_at) override;
  std::optional<app::User> sign_in_challenge(const std::string& challenge_hash, const std::string& now) override;
  void delete_sign_in_challenge(const std::string& challenge_hash) override;
  std::optional<app::SignOnSettings> sign_on_settings(const std::string& org_id) override;
  std::optional<app::SignOnSettings> sign_on_by_provider(const std::string& provider_id) override;
  std::vector<app::SignOnSettings> enabled_sign_ons() override;
  bool save_sign_on_settings(const app::SignOnSettings& s, std::int64_t expected_version) override;
  void insert_sign_on_attempt(const app::SignOnAttempt& a) override;
  std::optional<app::SignOnAttempt> take_sign_on_attempt(const std::string& state_hash, const std::string& now) override;
  std::optional<app::User> user_by_external_subject(const std::string& subject) override;
  void set_external_subject(const std::string& org_id, const std::string& user_id, const std::string& subject) override;
  std::vector<app::AuditEntry> audit_ascending(const std::string& org_id, std::int64_t after_seq, int limit) override;
  std::optional<app::AuditEntry> audit_before(const std::string& org_id, std::int64_t seq) override;
  void seal_audit_entry(const std::string& org_id, std::int64_t seq, const std::string& prev_hash,
                        const std::string& entry_hash) override;
  std::int64_t audit_counter(const std::string& org_id) override;
  std::int64_t delete_audit_through(const std::string& org_id, std::int64_t seq) override;
  std::optional<app::AuditEntry> latest_audit_action(const std::string& org_id, const std::string& action) override;
  std::vector<app::AuditEntry> audit_about(const std::string& org_id, const std::vector<std::string>& object_ids) override;

 private:
  SqlConnection& db() { return *lease_; }
  std::vector<app::Case> cases_where(const std::string& condition, const SqlParams& params);
  std::vector<app::User> load_users(const SqlRows& rows);
  std::vector<app::Tender> load_tenders(std::string_view where, const SqlParams& params);
  SqlStore::Lease lease_;
  bool done_ = false;
};

}  // namespace kk::store
