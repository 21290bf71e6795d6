#pragma once
// Reminders over the contract period (seed 000 §5.2): a daily job records a notification for
// each person who owns a control due within two weeks or overdue, an open deviation, a
// re-assessment after a change, or a contract whose expiry alert has begun; the interface
// shows them. A personal iCalendar feed carries the same dates to Outlook: calendar clients
// cannot send a bearer token, so the feed's address holds a secret of its own, revocable by
// its user and by the administrator.
#include "app/contracts.hpp"
#include "app/service_base.hpp"

namespace kk::app {

struct ReminderRun {
  bool ran = false;  // false: another run (on any node) already did today's
  int organisations = 0;
  int recorded = 0;  // new notifications
  int emailed = 0;   // e-mails sent (one per person, with every reminder not yet sent)
  std::vector<std::string> mail_errors;
};

// Sends e-mail; implemented over SMTP in io/ and wired where the service starts.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // The error text when the message could not be sent.
  virtual std::optional<std::string> send(const std::string& to, const std::string& subject, const std::string& body) = 0;
};

// Something due over the contract period, and who is to be reminded of it.
struct DueItem {
  std::vector<std::string> users;
  std::string kind;  // control_due | control_overdue | deviation_due | deviation_overdue | reassessment_due | contract_expiry
  std::string subject;  // what it is about: one notification per kind, subject, date and person
  std::string due_on;
  nlohmann::json body;  // contract_id, contract, supplier (and measure): the notification text's parameters
};

// What is due up to `horizon` on the organisation's open contracts, for the daily reminders
// and for each person's start page alike. With `every_open_deviation`, an open deviation is
// listed whatever its deadline.
std::vector<DueItem> due_items(Transaction& tx, const std::string& org, const std::string& today,
                               const std::string& horizon, bool every_open_deviation = false);

// The sentence a person reads for a due item ("Kontroll av … ska göras senast …").
std::string due_item_text(const Content& content, domain::Language lang, const std::string& kind,
                          const std::string& due_on, const nlohmann::json& body);

class ReminderService : public ServiceBase {
 public:
  ReminderService(Store& store, const Content& content, ContentRegistry& registry)
      : ServiceBase(store, content, registry) {}

  // Finds what is due and records the notifications not recorded before. With `once_a_day`,
  // only the first run of the day (across every node) does the work.
  // With a mailer, each person with an e-mail address also gets one message with every
  // unread reminder not e-mailed before; a message that fails is tried again on the next run.
  ReminderRun remind(bool once_a_day, Mailer* mailer = nullptr);

  // A page of the person's reminders by due date: {"items", "page"}.
  domain::Result<json> notifications(const Actor& actor, bool unread_only, const Page& page);
  domain::Result<json> mark_read(const Actor& actor, const std::string& notification_id);

  // A new secret feed address for the actor (replacing any earlier one); shown once.
  domain::Result<json> create_feed(const Actor& actor);
  domain::Result<json> feed_status(const Actor& actor);
  // Revokes a user's feed: the user's own, or anyone's by the administrator.
  domain::Result<json> revoke_feed(const Actor& actor, const std::string& user_id);
  // The feed behind a secret: the controls, deviations and re-assessments the user owns.
  domain::Result<std::string> feed(const std::string& secret);

  // Days ahead a due control or deviation deadline is reminded of.
  static constexpr int days_ahead = 14;

 private:
  void mail(const std::string& org_id, Mailer& mailer, ReminderRun& run);
};

}  // namespace kk::app
