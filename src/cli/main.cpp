// kravkedja: the one binary. serve, migrate, user add, token create, remind.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stop_token>
#include <thread>
#include <iostream>
#include <set>
#include <sstream>

#include <sys/stat.h>

#include "app/accounts.hpp"
#include "app/catalogues.hpp"
#include "app/content.hpp"
#include "app/crypto.hpp"
#include "app/file_sealing.hpp"
#include "app/audit_chain.hpp"
#include "app/reminders.hpp"
#include "io/smtp_mail.hpp"
#include "domain/deadline.hpp"
#include "domain/rule_evaluation.hpp"
#include "cli/files.hpp"
#include "cli/logging.hpp"
#include "cli/org_commands.hpp"
#include "io/catalogue_loader.hpp"
#include "io/settings_file.hpp"
#include "store/sql_store.hpp"
#include "store/sqlite_backup.hpp"
#include "web/http_server.hpp"
#include "web/web_app.hpp"

namespace {
using kk::cli::read_text;

struct Options {
  std::string db = kk::store::default_database_url;
  std::string listen = "127.0.0.1:8080";
  unsigned threads = 0;
  std::string username;
  std::vector<std::string> roles;
  std::string org = "Min organisation";
  bool password_stdin = false;
  std::optional<int> expires_days;
  std::string smtp_url;
  std::string smtp_from;
  bool trust_proxy = false;
  std::string public_url;
  std::string config_file;
  std::string log_format = "text";
  bool access_log = false;
  std::string static_dir;
  bool without_reminders = false;
};

// Every setting the environment (and so the configuration file) may carry.
const std::set<std::string> setting_names{"KK_DB",        "KK_LISTEN",        "KK_THREADS",    "KK_PUBLIC_URL",
                                          "KK_TRUST_PROXY", "KK_SMTP_URL",    "KK_SMTP_FROM",  "KK_SMTP_USER",
                                          "KK_SMTP_PASSWORD", "KK_FILE_KEY",  "KK_LOG_FORMAT", "KK_ACCESS_LOG",
                                          "KK_METRICS_TOKEN", "KK_STATIC_DIR",
                                          "KK_WITHOUT_REMINDERS"};

// The configuration file (--config FILE or KK_CONFIG) fills in what the environment does not
// set; the command line goes before both. Read before the command line is parsed, since the
// parser takes its defaults from the environment.
int apply_config_file(int argc, char** argv) {
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) path = argv[i + 1];
    else if (arg.rfind("--config=", 0) == 0) path = arg.substr(9);
  }
  if (path.empty()) {
    const char* env = std::getenv("KK_CONFIG");
    if (!env || !*env) return 0;
    path = env;
  }
  auto text = kk::cli::read_file(path);
  if (!text) {
    std::cerr << "fel: konfigurationsfilen " << path << " kan inte läsas\n";
    return 2;
  }
  auto settings = kk::io::parse_settings(*text, setting_names);
  if (settings.problem) {
    using Kind = kk::io::SettingsProblem::Kind;
    const auto& p = *settings.problem;
    std::cerr << "fel: " << path << " rad " << p.line << ": ";
    switch (p.kind) {
      case Kind::no_equals: std::cerr << "ska vara NAMN=värde"; break;
      case Kind::bad_name: std::cerr << "\"" << p.name << "\" är inget giltigt namn (versaler, siffror och _)"; break;
      case Kind::unknown_name: std::cerr << p.name << " är ingen inställning som Kravkedja känner till (se docs/operations.md)"; break;
      case Kind::unclosed_quote: std::cerr << "citattecknet i värdet för " << p.name << " avslutas inte"; break;
      case Kind::twice: std::cerr << p.name << " anges en gång till"; break;
    }
    std::cerr << "\n";
    return 2;
  }
  bool secrets = false;
  for (const auto& [name, value] : settings.values) {
    ::setenv(name.c_str(), value.c_str(), 0);
    secrets = secrets || name == "KK_FILE_KEY" || name == "KK_SMTP_PASSWORD" || name == "KK_METRICS_TOKEN";
  }
  struct stat st{};
  if (secrets && ::stat(path.c_str(), &st) == 0 && (st.st_mode & S_IROTH))
    std::cerr << "varning: " << path << " innehåller hemligheter men kan läsas av alla på datorn (chmod 600)\n";
  return 0;
}

// Reminders by e-mail through the configured SMTP server; the credentials come from the
// environment (KK_SMTP_USER, KK_SMTP_PASSWORD), never from the command line.
struct SmtpMailer : kk::app::Mailer {
  kk::io::SmtpSettings settings;
  std::optional<std::string> send(const std::string& to, const std::string& subject, const std::string& body) override {
    return kk::io::send_mail(settings, {to, subject, body});
  }
};

std::unique_ptr<SmtpMailer> mailer_from(const Options& o) {
  if (o.smtp_url.empty()) return nullptr;
  if (o.smtp_from.empty()) throw std::runtime_error("--smtp-from (eller KK_SMTP_FROM) behövs när --smtp-url anges");
  auto m = std::make_unique<SmtpMailer>();
  auto env = [](const char* name) { const char* v = std::getenv(name); return std::string(v ? v : ""); };
  m->settings = {o.smtp_url, o.smtp_from, env("KK_SMTP_USER"), env("KK_SMTP_PASSWORD")};
  return m;
}

// Messages of the command line are in Swedish, like the interface's first language.
int fail(const kk::app::Content& content, const kk::domain::Error& e) {
  std::cerr << "fel: " << content.messages.error_text(kk::domain::Language::sv, e) << "\n";
  return 1;
}

std::unique_ptr<kk::store::SqlStore> open_store(const std::string& url, std::size_t pool) {
  if (url.rfind("sqlite:", 0) != 0 && url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0)
    throw std::runtime_error("--db ska börja med sqlite: eller postgresql:// (fick \"" + url + "\")");
  auto store = std::make_unique<kk::store::SqlStore>(url, pool);
  int applied = store->migrate();
  if (applied > 0) spdlog::info("applied {} migration(s)", applied);
  // Audit entries written before the chain existed are linked into it once.
  if (auto sealed = kk::app::seal_audit_chains(*store); sealed > 0)
    spdlog::info("sealed {} audit entries into their organisations' chains", sealed);
  return store;
}

// SQLite's online backup API both ways; a restore is then migrated, recorded in every
// organisation's audit chain, and the chains verified. PostgreSQL has pg_dump and pg_restore.
int backup_or_restore(const std::string& db, const std::string& file, bool restore) {
  if (db.rfind("sqlite:", 0) != 0) {
    std::cerr << "fel: för PostgreSQL används pg_dump och pg_restore, se docs/operations.md\n";
    return 2;
  }
  std::string path = kk::store::SqlStore(db, 1).target();
  if (!restore) {
    kk::store::sqlite_backup(path, file);
    std::cout << "Säkerhetskopian skrevs till " << file << " (SHA-256 " << kk::app::sha256_hex(read_text(file)) << ").\n";
    return 0;
  }
  kk::store::sqlite_restore(file, path);
  auto store = open_store(db, 2);
  int orgs = kk::app::record_restore(*store, std::filesystem::path(file).filename().string(),
                                     kk::app::sha256_hex(read_text(file)));
  auto report = kk::app::verify_audit_chains(*store);
  std::cout << "Databasen återställdes från " << file << ". Organisationer: " << orgs << ". Granskningsloggens poster: "
            << report.entries << ".\n";
  if (!report.breaks.empty()) {
    std::cerr << "varning: granskningsloggen är bruten i " << report.breaks.size()
              << " organisation(er); kör kravkedja audit verify\n";
    return 1;
  }
  return 0;
}

// Runs every example of a rule set and prints the outcome of each, so an organisation can
// change its routine and see at once which cases now come out differently.
int test_rules(const kk::app::Content& content, const std::string& file, const std::string& catalogue_file) {
  const kk::domain::Catalogue* catalogue = &content.catalogue(content.default_catalogue);
  kk::domain::Catalogue own;
  if (!catalogue_file.empty()) {
    auto loaded = kk::io::load_catalogue({read_text(catalogue_file), catalogue_file});
    if (!loaded) return fail(content, loaded.error());
    own = std::move(loaded).value();
    catalogue = &own;
  }
  auto rules = kk::io::load_rule_set({read_text(file), file}, *catalogue, false);
  if (!rules) return fail(content, rules.error());
  int failed = 0;
  for (std::size_t i = 0; i < rules->examples.size(); ++i) {
    auto status = kk::domain::check_example(*rules, *catalogue, i);
    const std::string& name = rules->examples[i].name;
    std::string label = "exempel " + std::to_string(i + 1) + (name.empty() ? "" : " (" + name + ")");
    if (status) {
      std::cout << "ok   " << label << "\n";
    } else {
      ++failed;
      std::cout << "FEL  " << label << ": " << content.messages.error_text(kk::domain::Language::sv, status.error())
                << "\n";
    }
  }
  std::cout << rules->examples.size() - failed << " exempel godkända, " << failed << " underkända\n";
  return failed == 0 ? 0 : 1;
}

int serve(const Options& o, const kk::app::Content& content) {
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "fel: --listen ska vara VÄRD:PORT, till exempel 127.0.0.1:8080\n";
    return 2;
  }
  kk::web::ServerOptions server;
  server.host = o.listen.substr(0, colon);
  server.port = static_cast<unsigned short>(std::stoi(o.listen.substr(colon + 1)));
  server.threads = o.threads;
  unsigned threads = server.threads ? server.threads : std::max(1u, std::thread::hardware_concurrency());
  auto store = open_store(o.db, threads + 2);
  kk::app::ContentRegistry registry(content);
  kk::app::AccountService accounts(*store, content, registry);
  auto first_admin = accounts.bootstrap();
  kk::web::WebApp app(*store, content);
  app.trust_forwarded_for(o.trust_proxy);
  app.public_url(o.public_url);
  app.readiness([&store] { return store->pending_migrations(); });
  app.pool_figures([&store] {
    auto f = store->pool_figures();
    return kk::web::PoolFigures{f.size, f.open, f.idle, f.waits, f.unavailable};
  });
  if (const char* token = std::getenv("KK_METRICS_TOKEN"); token && *token) app.metrics_token(token);
  if (o.access_log) app.on_answered(kk::cli::log_request);
  if (!o.static_dir.empty()) {
    auto own = kk::cli::read_static_dir(o.static_dir);
    if (!own.error.empty()) {
      std::cerr << "fel: --static-dir " << own.error << "\n";
      return 2;
    }
    app.own_static_files(std::move(own.files));
  }
  // Evidence files are encrypted at rest when a key is given (docs/operations.md).
  if (const char* file_key = std::getenv("KK_FILE_KEY"); file_key && !kk::app::use_file_key(file_key)) {
    std::cerr << "fel: KK_FILE_KEY ska vara 32 slumpade byte i base64 (head -c 32 /dev/urandom | base64)\n";
    return 2;
  }
#ifdef KK_SWEEP_PROBE
  // Only in the test build `kravkedja_probe`: a route that answers every signed-in user without
  // asking app/ for permission, so a test can show that the access sweep catches it.
  app.add_route("GET", "/api/v1/cases/{id}/probe", [](kk::web::RequestContext& ctx) {
       return kk::web::Response::json(nlohmann::json{{"case_id", ctx.params.at("id")}}.dump());
     }).summary = "Test build only: a route without a permission check";
#endif
  // The daily reminder job: looked at every hour; the first node to claim the day runs it.
  auto mailer = mailer_from(o);
  std::jthread reminders([&](std::stop_token stop) {
    if (o.without_reminders) return;
    kk::app::ReminderService service(*store, content, registry);
    std::mutex mutex;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
      try {
        auto run = service.remind(true, mailer.get());
        if (run.ran)
          spdlog::info("reminders: {} new in {} organisation(s), {} e-mailed", run.recorded, run.organisations, run.emailed);
        for (const auto& e : run.mail_errors) spdlog::warn("reminder e-mail not sent: {}", e);
      } catch (const std::exception& e) {
        spdlog::warn("reminders: {}", e.what());
      }
      std::unique_lock lock(mutex);
      wake.wait_for(lock, stop, std::chrono::hours(1), [] { return false; });
    }
  });
  kk::web::run_server(server, [&app](kk::web::Request& req) { return app.handle(req); }, [&](unsigned short port) {
    std::cout << "Kravkedja lyssnar på http://" << server.host << ":" << port << "/  (databas: " << store->engine()
              << ")\n";
    if (first_admin)
      std::cout << "Första administratören skapades. Logga in med\n  användarnamn: " << first_admin->username
                << "\n  lösenord:     " << first_admin->password
                << "\nLösenordet visas bara nu. Byt det eller skapa egna konton under Administration.\n";
    std::cout.flush();
  });
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  kk::app::init_crypto();
  kk::io::init_smtp();
  CLI::App cli{"Kravkedja – informationssäker upphandling"};
  cli.set_version_flag("--version", std::string("kravkedja ") + KK_VERSION);
  cli.require_subcommand(1);
  Options o;
  if (int bad = apply_config_file(argc, argv)) return bad;
  // Options of the whole program may also be given after the subcommand (kravkedja serve --config F).
  cli.fallthrough();
  cli.add_option("--config", o.config_file,
                 "Konfigurationsfil med KK_*-inställningar, NAMN=värde per rad (miljön går före filen)")
      ->envname("KK_CONFIG");
  cli.add_option("--db", o.db, "Databas: sqlite:SÖKVÄG eller postgresql://…")->capture_default_str()->envname("KK_DB");

  auto* serve_cmd = cli.add_subcommand("serve", "Starta webbtjänsten");
  serve_cmd->add_option("--listen", o.listen, "Adress och port, VÄRD:PORT")->capture_default_str()->envname("KK_LISTEN");
  serve_cmd->add_option("--threads", o.threads, "Antal trådar (0 = en per kärna)")->envname("KK_THREADS");
  serve_cmd->add_option("--db", o.db, "Databas: sqlite:SÖKVÄG eller postgresql://…")->envname("KK_DB");
  serve_cmd->add_option("--log-format", o.log_format, "Loggens form: text eller json (en rad per händelse)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str()
      ->envname("KK_LOG_FORMAT");
  serve_cmd->add_flag("--access-log", o.access_log, "Logga varje besvarad förfrågan (metod, route, status, tid)")
      ->envname("KK_ACCESS_LOG");
  auto add_smtp = [&o](CLI::App* cmd) {
    cmd->add_option("--smtp-url", o.smtp_url, "E-postserver för påminnelser, smtp://VÄRD:PORT")->envname("KK_SMTP_URL");
    cmd->add_option("--smtp-from", o.smtp_from, "Avsändaradress för påminnelser")->envname("KK_SMTP_FROM");
  };
  add_smtp(serve_cmd);
  serve_cmd->add_option("--public-url", o.public_url,
                        "Adressen användarna når Kravkedja på, https://VÄRD (för organisationernas inloggning)")
      ->envname("KK_PUBLIC_URL");
  serve_cmd->add_flag("--trust-proxy", o.trust_proxy,
                      "Bakom en omvänd proxy: klientens adress (för spärr vid felaktiga inloggningar) ur X-Forwarded-For")
      ->envname("KK_TRUST_PROXY");
  serve_cmd->add_option("--static-dir", o.static_dir,
                        "Egna filer som visas under /static/ (till exempel en logotyp), före de inbyggda")
      ->envname("KK_STATIC_DIR");
  serve_cmd->add_flag("--without-reminders", o.without_reminders,
                      "Kör inte det dagliga påminnelsejobbet i den här noden (cron kör kravkedja remind)")
      ->envname("KK_WITHOUT_REMINDERS");

  auto* migrate_cmd = cli.add_subcommand("migrate", "Uppdatera databasens schema");
  migrate_cmd->add_option("--db", o.db, "Databas")->envname("KK_DB");

  auto* user_cmd = cli.add_subcommand("user", "Hantera användare");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Lägg till en användare");
  user_add->add_option("NAME", o.username, "Användarnamn")->required();
  user_add->add_option("--role", o.roles, "Roll (kan anges flera gånger)")->required();
  user_add->add_option("--org", o.org, "Organisation (skapas om den saknas)")->capture_default_str();
  user_add->add_flag("--password-stdin", o.password_stdin, "Läs lösenordet från standard in")->required();
  user_add->add_option("--db", o.db, "Databas")->envname("KK_DB");

  auto* token_cmd = cli.add_subcommand("token", "API-nycklar");
  token_cmd->require_subcommand(1);
  auto* token_create = token_cmd->add_subcommand("create", "Skapa en API-nyckel för en användare");
  token_create->add_option("NAME", o.username, "Användarnamn")->required();
  token_create->add_option("--expires-days", o.expires_days, "Giltig i antal dagar")->check(CLI::Range(1, 3650));
  token_create->add_option("--db", o.db, "Databas")->envname("KK_DB");

  std::string file;
  auto* catalog_cmd = cli.add_subcommand("catalog", "Kravkataloger och regeluppsättningar");
  catalog_cmd->require_subcommand(1);
  auto* catalog_import = catalog_cmd->add_subcommand("import", "Importera en katalog eller regeluppsättning (YAML) eller en OSCAL-katalog (JSON)");
  catalog_import->add_option("FILE", file, "YAML-filen")->required()->check(CLI::ExistingFile);
  catalog_import->add_option("--org", o.org, "Organisation")->capture_default_str();
  catalog_import->add_option("--db", o.db, "Databas")->envname("KK_DB");

  auto* remind_cmd = cli.add_subcommand(
      "remind", "Registrera påminnelser om kontroller, avvikelser, omprövningar och avtal som löper ut (för cron)");
  remind_cmd->add_option("--db", o.db, "Databas")->envname("KK_DB");
  add_smtp(remind_cmd);

  auto* audit_cmd = cli.add_subcommand("audit", "Granskningsloggen");
  audit_cmd->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand(
      "verify", "Räkna om varje organisations kedja och visa den första posten där den inte håller");
  audit_verify->add_option("--db", o.db, "Databas")->envname("KK_DB");
  std::string prune_before;
  auto* audit_prune = audit_cmd->add_subcommand(
      "prune", "Gallra en organisations poster skrivna före ett datum; en kontrollpunkt i loggen håller kedjan obruten");
  audit_prune->add_option("--org", o.org, "Organisationens namn")->required();
  audit_prune->add_option("--before", prune_before, "Datum, ÅÅÅÅ-MM-DD: poster skrivna före det gallras")->required();
  audit_prune->add_option("--db", o.db, "Databas")->envname("KK_DB");

  std::string backup_file;
  auto* backup_cmd = cli.add_subcommand("backup", "Säkerhetskopiera SQLite-databasen medan tjänsten är i gång (PostgreSQL: pg_dump)");
  backup_cmd->add_option("FILE", backup_file, "Säkerhetskopians fil")->required();
  backup_cmd->add_option("--db", o.db, "Databas")->envname("KK_DB");
  auto* restore_cmd = cli.add_subcommand("restore", "Återställ SQLite-databasen från en säkerhetskopia (tjänsten ska vara stoppad)");
  restore_cmd->add_option("FILE", backup_file, "Säkerhetskopians fil")->required()->check(CLI::ExistingFile);
  restore_cmd->add_option("--db", o.db, "Databas")->envname("KK_DB");

  std::string org_file;
  auto* export_org_cmd = cli.add_subcommand(
      "export-org", "Exportera en organisation med all dess data och granskningslogg till en fil (för import-org)");
  export_org_cmd->add_option("ORG", o.org, "Organisationens namn eller id")->required();
  export_org_cmd->add_option("FILE", org_file, "Filen att skriva")->required();
  export_org_cmd->add_option("--db", o.db, "Databas")->envname("KK_DB");
  auto* import_org_cmd = cli.add_subcommand(
      "import-org", "Importera en organisation från en fil från export-org (SQLite och PostgreSQL åt båda hållen)");
  import_org_cmd->add_option("FILE", org_file, "Filen från export-org")->required()->check(CLI::ExistingFile);
  import_org_cmd->add_option("--db", o.db, "Databas")->envname("KK_DB");

  std::string catalogue_file;
  auto* rules_cmd = cli.add_subcommand("rules", "Regeluppsättningar");
  rules_cmd->require_subcommand(1);
  auto* rules_test = rules_cmd->add_subcommand("test", "Kör en regeluppsättnings exempel och skriv ut utfallet per exempel");
  rules_test->add_option("FILE", file, "Regeluppsättningen (YAML)")->required()->check(CLI::ExistingFile);
  rules_test->add_option("--catalog", catalogue_file, "Katalog att pröva mot (YAML); annars den inbyggda")
      ->check(CLI::ExistingFile);

  CLI11_PARSE(cli, argc, argv);

  kk::cli::configure_logging(o.log_format == "json" ? kk::cli::LogFormat::json : kk::cli::LogFormat::text);
  try {
    kk::app::Content content = kk::app::load_builtin_content();
    if (*serve_cmd) return serve(o, content);
    if (*rules_test) return test_rules(content, file, catalogue_file);
    if (*backup_cmd || *restore_cmd) return backup_or_restore(o.db, backup_file, bool(*restore_cmd));
    auto store = open_store(o.db, 2);
    if (*export_org_cmd) return kk::cli::export_org(*store, o.org, org_file);
    if (*import_org_cmd) return kk::cli::import_org(*store, org_file);
    if (*migrate_cmd) {
      std::cout << "Databasen är uppdaterad (" << store->engine() << ").\n";
      return 0;
    }
    kk::app::ContentRegistry registry(content);
    kk::app::AccountService accounts(*store, content, registry);
    if (*user_add) {
      std::string password;
      std::getline(std::cin, password);
      auto user = accounts.add_user_cli(o.username, o.roles, o.org, password);
      if (!user) return fail(content, user.error());
      std::cout << "Användaren " << user->username << " skapades (" << user->id << ").\n";
      return 0;
    }
    if (*catalog_import) {
      kk::app::CatalogueService catalogues(*store, content, registry);
      auto imported = catalogues.import_cli(o.org, read_text(file), file);
      if (!imported) return fail(content, imported.error());
      std::cout << ((*imported)["kind"] == "catalogue" ? "Katalogen " : "Regeluppsättningen ")
                << (*imported)["id"].get<std::string>() << " version " << (*imported)["version"].get<int>()
                << " importerades.\n";
      return 0;
    }
    if (*audit_verify) {
      auto report = kk::app::verify_audit_chains(*store);
      const auto& m = content.messages;
      for (const auto& b : report.breaks)
        std::cout << m.text(kk::domain::Language::sv, "audit_chain." + std::string(kk::app::to_string(b.problem)),
                            {{"organisation", b.org_name}, {"seq", std::to_string(b.seq)}})
                  << "\n";
      if (!report.breaks.empty()) return 1;
      std::cout << m.text(kk::domain::Language::sv, "audit_chain.ok",
                          {{"entries", std::to_string(report.entries)}, {"organisations", std::to_string(report.organisations)}})
                << "\n";
      return 0;
    }
    if (*audit_prune) {
      if (!kk::domain::is_date(prune_before)) {
        std::cerr << "fel: --before ska vara ett datum, ÅÅÅÅ-MM-DD\n";
        return 2;
      }
      auto pruned = kk::app::prune_audit_log(*store, o.org, prune_before + "T00:00:00Z");
      if (!pruned.found) {
        std::cerr << "fel: organisationen " << o.org << " finns inte\n";
        return 1;
      }
      std::cout << "Gallrade poster: " << pruned.removed << ".";
      if (pruned.removed > 0) std::cout << " Kontrollpunkt efter post " << pruned.through_seq << ".";
      std::cout << "\n";
      return 0;
    }
    if (*remind_cmd) {
      // Every run records what is not recorded yet, so cron and the service may both run it.
      auto mailer = mailer_from(o);
      auto run = kk::app::ReminderService(*store, content, registry).remind(false, mailer.get());
      // Counts after a colon read right in Swedish whatever the number.
      std::cout << "Nya påminnelser: " << run.recorded << ". Organisationer: " << run.organisations << ".";
      if (mailer) std::cout << " E-postmeddelanden skickade: " << run.emailed << ".";
      std::cout << "\n";
      for (const auto& e : run.mail_errors) std::cerr << "fel: e-post skickades inte till " << e << "\n";
      return run.mail_errors.empty() ? 0 : 1;
    }
    if (*token_create) {
      auto token = accounts.create_token_cli(o.username, o.expires_days);
      if (!token) return fail(content, token.error());
      std::cout << *token << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "fel: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
