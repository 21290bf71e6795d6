#include "cli/org_commands.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "app/audit.hpp"
#include "cli/files.hpp"
#include "app/audit_chain.hpp"
#include "app/crypto.hpp"
#include "store/org_transfer.hpp"

namespace kk::cli {
namespace {

std::size_t total(const std::map<std::string, std::size_t>& rows) {
  std::size_t n = 0;
  for (const auto& [_, count] : rows) n += count;
  return n;
}

}  // namespace

int export_org(store::SqlStore& store, const std::string& org, const std::string& file) {
  {
    auto tx = store.begin(true);
    auto found = tx->organisation_by_name(org);
    if (!found) found = tx->organisation(org);
    if (!found) {
      std::cerr << "fel: organisationen " << org << " finns inte\n";
      return 1;
    }
    app::record_audit(*tx, app::system_actor(found->id), "organisation.exported", "organisation", found->id, nullptr,
                      {{"file", std::filesystem::path(file).filename().string()}, {"engine", store.engine()}});
    tx->commit();
  }
  auto exported = store::export_organisation(store, org);
  if (!exported.problem.empty()) {
    std::cerr << "fel: " << exported.problem << "\n";
    return 1;
  }
  std::string text = exported.document.dump();
  {
    // The file holds password hashes, second-factor keys and evidence: its owner's alone, from
    // the moment it exists.
    ::unlink(file.c_str());
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      std::cerr << "fel: " << file << " kan inte skrivas\n";
      return 1;
    }
    std::size_t written = 0;
    while (written < text.size()) {
      ssize_t n = ::write(fd, text.data() + written, text.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    bool ok = written == text.size() && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
      std::cerr << "fel: " << file << " kunde inte skrivas färdigt\n";
      return 1;
    }
  }
  std::cout << "Organisationen " << exported.document["organisation"]["name"].get<std::string>() << " exporterades till "
            << file << ": " << total(exported.rows) << " rader, varav " << exported.rows["audit_log"]
            << " i granskningsloggen (SHA-256 " << app::sha256_hex(text) << ").\n"
            << "Filen innehåller lösenordshashar, nycklar för tvåstegsverifiering och underlag: förvara den som en säkerhetskopia.\n";
  return 0;
}

int import_org(store::SqlStore& store, const std::string& file) {
  std::string text = read_text(file);
  auto document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) {
    std::cerr << "fel: " << file << " är ingen giltig JSON-fil\n";
    return 1;
  }
  std::string sha = app::sha256_hex(text);
  auto imported = store::import_organisation(store, document, [&](app::Transaction& tx, const store::ImportOutcome& o) {
    // The chain as it came must hold before anything is added to it or committed.
    std::int64_t entries = 0;
    if (auto b = app::verify_audit_chain(tx, o.org_id, entries))
      return "granskningsloggen i filen håller inte vid post " + std::to_string(b->seq) + " (" +
             std::string(app::to_string(b->problem)) + ")";
    app::record_audit(tx, app::system_actor(o.org_id), "organisation.imported", "organisation", o.org_id, nullptr,
                      {{"file", std::filesystem::path(file).filename().string()}, {"sha256", sha},
                       {"rows", total(o.rows)}, {"from_engine", document.value("source_engine", "")},
                       {"engine", store.engine()}, {"audit_entries", entries}});
    return std::string();
  });
  if (!imported.problem.empty()) {
    std::cerr << "fel: " << file << ": " << imported.problem << ". Ingenting importerades.\n";
    return 1;
  }
  std::cout << "Organisationen " << imported.org_name << " importerades: " << total(imported.rows) << " rader.";
  if (imported.shares_left_out)
    std::cout << " Delningar av innehåll med andra organisationer följde inte med (dela igen): " << imported.shares_left_out
              << ".";
  std::cout << " Alla måste logga in på nytt; API-nycklar gäller som förut.\n";
  // And with the import's own entry appended, as every later reader will check it.
  auto report = app::verify_audit_chains(store);
  for (const auto& b : report.breaks)
    if (b.org_id == imported.org_id) {
      std::cerr << "fel: granskningsloggen håller inte vid post " << b.seq << "; kör kravkedja audit verify\n";
      return 1;
    }
  std::cout << "Granskningsloggens kedja håller.\n";
  return 0;
}

}  // namespace kk::cli
