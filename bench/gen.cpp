// kravkedja_gen: a large, realistic data set for measuring (issue 9 and the benchmark of issue
// 12). Written through the same store ports as the service, in batches of one transaction each,
// with an audit entry per object chained like any other, so `kravkedja audit verify` holds.
//
//   kravkedja_gen --db URL [--scale 1.0] [--seed 1]
//
// At scale 1: 300 organisations of 10 users, 100 assets and 10 suppliers each; 100,000 cases
// with 10 linked assets each (1,000,000 links); every tenth case with 5 risks; 50,000 contracts
// with 5 measures and two follow-ups of each; and a 1,200-requirement catalogue imported by the
// first organisation and shared with every other. Not part of `make test`, which runs it at a
// tiny scale only to check that what it writes is whole.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <iostream>
#include <random>

#include "app/audit.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "io/catalogue_loader.hpp"
#include "store/sql_store.hpp"

namespace {

using namespace kk;
using nlohmann::json;

struct Plan {
  int organisations, users, assets, suppliers, cases, links, risks_every, risks, contracts_every, measures,
      follow_ups, requirements;
};

Plan plan_at(double scale) {
  auto at_least_one = [scale](double n) { return std::max(1, static_cast<int>(std::lround(n * scale))); };
  // The organisation count scales; what each organisation holds stays realistic.
  return {at_least_one(300), 10, 100, 10, 333, 10, 10, 5, 2, 5, 2, 1200};
}

std::string quoted(const std::string& s) { return json(s).dump(); }

// A catalogue in the import format (docs/catalogue-format.md), one file.
std::string catalogue_yaml(int requirements) {
  static const char* areas[] = {"organisation", "behorighet", "loggning", "kryptering", "drift",
                                "kontinuitet",  "incident",   "leverantorer", "dataskydd", "avslut"};
  std::string y = "id: stor-katalog\nversion: 1\nlanguage: sv\nname:\n  sv: \"Stor katalog för mätning\"\n"
                  "  en: \"Large catalogue for measuring\"\ndescription:\n  sv: \"Genererad.\"\n  en: \"Generated.\"\nareas:\n";
  for (int a = 0; a < 10; ++a)
    y += "  - key: " + std::string(areas[a]) + "\n    code: A" + std::to_string(a) + "\n    name: {sv: \"Område " +
         std::to_string(a) + "\", en: \"Area " + std::to_string(a) + "\"}\n";
  y += "requirements:\n";
  for (int i = 0; i < requirements; ++i) {
    std::string n = std::to_string(i + 1);
    y += "  - id: STOR-" + n + "\n    area: " + areas[i % 10] + "\n    kind: " + (i % 4 == 0 ? "bor" : "ska") +
         "\n    placement: " + (i % 3 == 0 ? "contract" : "object") + "\n    answer: acceptance\n" +
         (i % 4 == 0 ? "    weight: 3\n" : "") + "    ska_text: " +
         quoted("Leverantören ska uppfylla säkerhetskrav nummer " + n + " under hela avtalstiden och visa det på begäran.") +
         "\n    ar_text: " + quoted("Krav " + n + " är uppfyllt.") + "\n    motive: " +
         quoted("Kravet " + n + " skyddar informationen mot de hot som området " + areas[i % 10] + " gäller.") +
         "\n    verification: [dokumentation]\n    checked: [tender, contract]\n    references:\n      iso27001: [\"A.5." +
         std::to_string(i % 37 + 1) + "\"]\n      law: []\n      seed: [\"000:4.5.1\"]\n    standard_named: false\n";
  }
  return y;
}

class Generator {
 public:
  Generator(store::SqlStore& store, Plan plan, unsigned seed) : store_(store), plan_(plan), random_(seed) {}

  void run() {
    auto started = std::chrono::steady_clock::now();
    password_hash_ = app::hash_password("genererat-lösenord-för-mätning");
    std::string yaml = catalogue_yaml(plan_.requirements);
    auto parsed = io::load_catalogue({yaml, "stor-katalog.yaml"});
    if (!parsed) throw std::runtime_error("the generated catalogue does not load: " + parsed.error().key + " " + parsed.error().field);
    for (int o = 0; o < plan_.organisations; ++o) {
      organisation(o, o == 0 ? &yaml : nullptr);
      if ((o + 1) % 10 == 0 || o + 1 == plan_.organisations)
        std::cerr << "  " << o + 1 << "/" << plan_.organisations << " organisations, " << rows_ << " rows, "
                  << seconds_since(started) << " s\n";
    }
    std::cout << "Generated " << plan_.organisations << " organisations, " << cases_ << " cases, " << links_
              << " asset links, " << contracts_ << " contracts, " << follow_ups_ << " follow-ups, " << audit_
              << " audit entries (" << rows_ << " rows) in " << seconds_since(started) << " s on " << store_.engine()
              << ".\n";
  }

 private:
  static double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::round(std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count() * 10) / 10;
  }

  void audit(app::Transaction& tx, const app::Actor& actor, const std::string& action, const std::string& type,
             const std::string& id, const json& after) {
    app::record_audit(tx, actor, action, type, id, nullptr, after);
    ++audit_;
    ++rows_;
  }

  void organisation(int index, const std::string* catalogue) {
    std::string now = app::now_utc();
    app::Organisation org;
    org.id = app::new_id();
    org.name = "Generated municipality " + std::to_string(index + 1) + " " + org.id.substr(0, 8);
    org.org_number = "212000-" + std::to_string(1000 + index);
    org.created_at = now;
    std::vector<app::User> users;
    std::vector<std::string> assets, suppliers;
    {
      auto tx = store_.begin(true);
      tx->insert_organisation(org);
      first_org_ = first_org_.empty() ? org.id : first_org_;
      for (int u = 0; u < plan_.users; ++u) {
        app::User user;
        user.org_id = org.id;
        user.id = app::new_id();
        user.username = "gen-" + org.id.substr(0, 8) + "-" + std::to_string(u);
        user.display_name = "Person " + std::to_string(u + 1);
        user.roles = u == 0 ? std::set<domain::Role>{domain::Role::admin, domain::Role::ciso}
                            : std::set<domain::Role>{domain::Role::procurer, domain::Role::information_owner,
                                                     domain::Role::contract_manager};
        user.created_at = now;
        tx->insert_user(user, password_hash_);
        users.push_back(user);
        rows_ += 2;
      }
      app::Actor admin{users[0], domain::Language::sv, false};
      audit(*tx, app::system_actor(org.id), "organisation.create", "organisation", org.id, {{"name", org.name}});
      if (catalogue) {
        app::ContentSource src{"catalogue", "stor-katalog", 1, "Stor katalog för mätning", *catalogue, users[0].id, now, ""};
        tx->insert_content_source(org.id, src);
        audit(*tx, admin, "catalogue.import", "catalogue", "stor-katalog", {{"version", 1}});
      } else {
        app::ContentShare share{first_org_, "", "catalogue", "stor-katalog", org.id, "", now};
        tx->insert_share(share);
        ++rows_;
      }
      for (int a = 0; a < plan_.assets; ++a) {
        app::Asset asset;
        asset.org_id = org.id;
        asset.id = app::new_id();
        asset.name = "Informationsmängd " + std::to_string(a + 1);
        asset.owner_user_id = users[1 + a % (plan_.users - 1)].id;
        asset.model_id = "standard";
        for (auto aspect : {domain::Aspect::confidentiality, domain::Aspect::integrity, domain::Aspect::availability})
          asset.classification[aspect] = 1 + static_cast<int>(random_() % 4);
        if (a % 3 == 0) asset.flags.insert(domain::Flag::personal_data);
        asset.created_at = asset.updated_at = now;
        tx->insert_asset(asset);
        audit(*tx, admin, "asset.create", "asset", asset.id, {{"name", asset.name}});
        assets.push_back(asset.id);
        ++rows_;
      }
      for (int s = 0; s < plan_.suppliers; ++s) {
        app::SupplierRow row{app::new_id(), "Leverantör " + std::to_string(s + 1) + " AB", "556000-" + std::to_string(1000 + s),
                             "SE", "{}", 1, now, now};
        tx->insert_supplier(org.id, row);
        audit(*tx, admin, "supplier.create", "supplier", row.id, {{"name", row.name}});
        suppliers.push_back(row.id);
        ++rows_;
      }
      tx->commit();
    }
    // Cases in batches of 50, each batch one transaction.
    for (int first = 0; first < plan_.cases; first += 50) {
      auto tx = store_.begin(true);
      for (int c = first; c < std::min(plan_.cases, first + 50); ++c) one_case(*tx, org, users, assets, suppliers, c, now);
      tx->commit();
    }
  }

  void one_case(app::Transaction& tx, const app::Organisation& org, const std::vector<app::User>& users,
                const std::vector<std::string>& assets, const std::vector<std::string>& suppliers, int c,
                const std::string& now) {
    const app::User& procurer = users[1 + c % (users.size() - 1)];
    app::Actor actor{procurer, domain::Language::sv, false};
    app::Case k;
    k.org_id = org.id;
    k.id = app::new_id();
    k.registry_number = "KS " + std::to_string(2020 + c % 7) + "/" + std::to_string(c + 1);
    k.title = "Upphandling " + std::to_string(c + 1);
    k.need_statement = "Behov av ett nytt system för verksamheten.";
    k.created_at = k.updated_at = now;
    tx.insert_case(k);
    audit(tx, actor, "case.create", "case", k.id, {{"registry_number", k.registry_number}});
    ++cases_;
    ++rows_;
    for (int l = 0; l < plan_.links; ++l) {
      tx.link_asset(org.id, k.id, assets[(c * 7 + l * 13) % assets.size()], now);
      ++links_;
      ++rows_;
    }
    if (c % plan_.risks_every == 0)
      for (int r = 0; r < plan_.risks; ++r) {
        app::Risk risk;
        risk.id = app::new_id();
        risk.case_id = k.id;
        risk.title = "Risk " + std::to_string(r + 1);
        risk.asset_ids = {assets[(c + r) % assets.size()]};
        risk.aspects = {domain::Aspect::confidentiality};
        risk.matrix_id = "matris-4x4";
        risk.likelihood = 1 + r % 4;
        risk.consequence = 1 + (r + c) % 4;
        risk.created_at = risk.updated_at = now;
        tx.insert_risk(org.id, risk);
        audit(tx, actor, "risk.create", "risk", risk.id, {{"title", risk.title}});
        ++rows_;
      }
    if (c % plan_.contracts_every != 0) return;
    app::Contract contract;
    contract.id = app::new_id();
    contract.case_id = k.id;
    contract.supplier_id = suppliers[c % suppliers.size()];
    contract.title = "Avtal " + std::to_string(c + 1);
    contract.starts_on = "2025-0" + std::to_string(1 + c % 9) + "-01";
    contract.ends_on = "2029-12-31";
    contract.terms = "{}";
    contract.created_at = contract.updated_at = now;
    tx.insert_contract(org.id, contract);
    audit(tx, actor, "contract.create", "contract", contract.id, {{"title", contract.title}});
    ++contracts_;
    ++rows_;
    for (int m = 0; m < plan_.measures; ++m) {
      app::ContractMeasure measure;
      measure.id = app::new_id();
      measure.requirement_id = "STOR-" + std::to_string(1 + (c + m * 17) % plan_.requirements);
      measure.text = "Avtalad säkerhetsåtgärd " + std::to_string(m + 1);
      measure.plan = json{{"responsibility", "supplier"}, {"lead", "supplier"}, {"method", "self_assessment"},
                          {"frequency", m % 2 ? "quarterly" : "yearly"}}
                         .dump();
      measure.updated_at = now;
      tx.insert_contract_measure(org.id, contract.id, measure);
      ++rows_;
      for (int f = 0; f < plan_.follow_ups; ++f) {
        app::FollowUpRecord record;
        record.id = app::new_id();
        record.contract_id = contract.id;
        record.measure_id = measure.id;
        record.due_on = f % 2 ? "2026-06-30" : "2026-03-31";
        record.result = (c + m + f) % 11 == 0 ? "partly" : "met";
        record.notes = "Egenkontroll genomförd.";
        record.recorded_by = procurer.id;
        record.recorded_at = now;
        tx.insert_follow_up_record(org.id, record);
        audit(tx, actor, "contract.follow_up", "contract", contract.id, {{"record_id", record.id}, {"result", record.result}});
        ++follow_ups_;
        ++rows_;
      }
    }
  }

  store::SqlStore& store_;
  Plan plan_;
  std::mt19937 random_;
  std::string password_hash_;
  std::string first_org_;
  long long cases_ = 0, links_ = 0, contracts_ = 0, follow_ups_ = 0, audit_ = 0, rows_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  app::init_crypto();
  CLI::App cli{"kravkedja_gen: large data for measuring Kravkedja"};
  std::string db;
  double scale = 1.0;
  unsigned seed = 1;
  cli.add_option("--db", db, "Database: sqlite:PATH or postgresql://… (migrated here)")->required();
  cli.add_option("--scale", scale, "1 = 300 organisations and 100,000 cases")->check(CLI::Range(0.0001, 10.0));
  cli.add_option("--seed", seed, "Seed of the classification levels");
  CLI11_PARSE(cli, argc, argv);
  try {
    store::SqlStore store(db, 2);
    store.migrate();
    Plan plan = plan_at(scale);
    std::cerr << "kravkedja_gen: " << plan.organisations << " organisation(s) of " << plan.cases << " cases into "
              << store.engine() << "\n";
    Generator(store, plan, seed).run();
  } catch (const std::exception& e) {
    std::cerr << "kravkedja_gen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
