// Catalogue management: importing rule sets and catalogues, versions, a stored
// specification kept on its versions until upgraded, and refusals that name file and line.
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "../common/shared_data.hpp"
#include "api_helpers.hpp"
#include "browser.hpp"

namespace kkt {
namespace {

std::string extra_rules(int version, const std::string& include = "UTV-50") {
  return "id: extra-regler\nversion: " + std::to_string(version) +
         "\nname: {sv: \"Egna regler\", en: \"Own rules\"}\nowner_role: ciso\nrules:\n"
         "  - id: alltid-utveckling\n    when: { max_level: { gte: 1 } }\n    include: [" +
         include + "]\n";
}

Response import_yaml(const Api& as, const std::string& yaml, const std::string& name = "egna.yaml") {
  return as.send("POST", "/api/v1/catalogs?name=" + name, yaml, {{"Content-Type", "application/yaml"}});
}

std::string linked_case(const Api& as, const std::string& number) {
  json asset = create_asset(as, asset_body("Tillgång " + number, 1, 1, 1));
  json kase = create_case(as, number.c_str());
  expect_json(as.post(case_path(str(kase["id"])) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");
  return str(kase["id"]);
}

bool spec_has(const json& spec, const std::string& id) {
  for (const auto& e : spec["entries"])
    if (e["requirement_id"] == id && e["status"] == "active") return true;
  return false;
}

// A case drawing on the built-in catalogue and `catalogue`, with `requirement` added by hand:
// the case's id and the entry added.
std::pair<std::string, json> case_with_entry(const Api& as, const std::string& number, const std::string& title,
                                             const std::string& catalogue, const std::string& requirement) {
  json body = case_body(number, title);
  body["catalogues"] = {"kravkedja-bas", catalogue};
  std::string case_id = expect_json(as.post("/api/v1/cases", body), 201, "case")["id"];
  json added = expect_json(as.post(case_path(case_id) + "/specification/entries",
                                   {{"requirement_id", requirement}, {"reason", "Vald för hand i testet."}}),
                           201, "add " + requirement);
  return {case_id, find_by(added["entries"], "requirement_id", requirement)};
}

}  // namespace

TEST(Catalogues, ListShowsTheBuiltInCatalogueAndRules) {
  Org org("cat-list");
  User reader = org.user({"reader"});
  json list = expect_json(api(reader).get("/api/v1/catalogs"), 200, "list");
  EXPECT_EQ(list["catalogue_id"], "kravkedja-bas");
  json base = find_by(list["items"], "id", "kravkedja-bas");
  ASSERT_TRUE(base.is_object());
  EXPECT_EQ(base["builtin"], true);
  EXPECT_EQ(base["in_use"], true);
  EXPECT_TRUE(find_by(list["items"], "id", "baslinje").is_object());
}

TEST(Catalogues, AnImportedRuleSetSelectsForNewCasesWithItsReason) {
  Org org("cat-import");
  User ciso = org.user({"ciso", "admin"});
  std::string id = linked_case(api(ciso), "KS 3/1");
  EXPECT_FALSE(spec_has(expect_json(api(ciso).get(case_path(id) + "/specification"), 200, "spec"), "UTV-50"));
  json imported = expect_json(import_yaml(api(ciso), extra_rules(1)), 201, "import");
  EXPECT_EQ(imported["kind"], "rule_set");
  EXPECT_EQ(imported["id"], "extra-regler");
  json spec = expect_json(api(ciso).get(case_path(id) + "/specification"), 200, "spec");
  json entry = find_by(spec["entries"], "requirement_id", "UTV-50");
  ASSERT_TRUE(entry.is_object());
  EXPECT_EQ(entry["reasons"][0]["rule_set"], "extra-regler");
  EXPECT_TRUE(contains_text(str(entry["reasons"][0]["text"]), "Egna regler"));
  EXPECT_EQ(audit_items(api(ciso), 1)[0]["action"], "rule_set.import");
  // The same version again is refused; another organisation does not see it.
  EXPECT_TRUE(is_error(import_yaml(api(ciso), extra_rules(1)), 409, "error.version_not_newer"));
  Org other("cat-import-other");
  User stranger = other.user({"ciso"});
  EXPECT_FALSE(find_by(expect_json(api(stranger).get("/api/v1/catalogs"), 200, "list")["items"], "id", "extra-regler")
                   .is_object());
}

TEST(Catalogues, ABrokenFileIsRefusedNamingFileLineAndFieldAndImportsNothing) {
  Org org("cat-broken");
  User ciso = org.user({"ciso"});
  std::size_t before = expect_json(api(ciso).get("/api/v1/catalogs"), 200, "list")["items"].size();
  auto missing = import_yaml(api(ciso), extra_rules(1, "FINNS-01"), "egna-regler.yaml");
  EXPECT_TRUE(is_error(missing, 400, "error.unknown_requirement"));
  EXPECT_TRUE(contains_text(missing.error_field(), "egna-regler.yaml:6")) << missing.body;
  EXPECT_TRUE(contains_text(missing.error_message(), "FINNS-01")) << missing.body;
  auto bad_yaml = import_yaml(api(ciso), "id: x\nversion: [1\n", "trasig.yaml");
  EXPECT_TRUE(is_error(bad_yaml, 400, "error.content"));
  EXPECT_TRUE(contains_text(bad_yaml.error_field(), "trasig.yaml:")) << bad_yaml.body;
  std::string duplicate =
      "id: egen\nversion: 1\nlanguage: sv\nname: Egen\nareas:\n  - {key: avtal, code: AVT, name: Avtal}\n"
      "requirements:\n"
      "  - {id: AVT-01, area: avtal, kind: ska, placement: contract, answer: acceptance, ska_text: \"A\", motive: \"M\", verification: [avtal], references: {seed: [\"egen\"]}}\n"
      "  - {id: AVT-01, area: avtal, kind: ska, placement: contract, answer: acceptance, ska_text: \"B\", motive: \"M\", verification: [avtal], references: {seed: [\"egen\"]}}\n";
  auto dup = import_yaml(api(ciso), duplicate, "egen.yaml");
  EXPECT_TRUE(is_error(dup, 400, "error.duplicate_requirement"));
  EXPECT_TRUE(contains_text(dup.error_field(), "egen.yaml:")) << dup.body;
  EXPECT_EQ(expect_json(api(ciso).get("/api/v1/catalogs"), 200, "list")["items"].size(), before);
}

TEST(Catalogues, OnlyCisosAndAdminsImport) {
  Org org("cat-roles");
  User procurer = org.user({"procurer"});
  EXPECT_TRUE(is_error(import_yaml(api(procurer), extra_rules(1)), 403));
}

TEST(Catalogues, AStoredSpecificationKeepsItsVersionsUntilUpgraded) {
  Org org("cat-upgrade");
  User ciso = org.user({"ciso", "admin"});
  std::string id = linked_case(api(ciso), "KS 3/2");
  json spec = expect_json(api(ciso).get(case_path(id) + "/specification"), 200, "spec");
  std::string first = str(spec["entries"][0]["requirement_id"]);
  expect_json(api(ciso).patch(case_path(id) + "/specification/entries/" + first,
                              {{"version", 0}, {"status", "struck"}, {"reason", "Inte aktuellt."}}),
              200, "store by striking");
  expect_json(import_yaml(api(ciso), extra_rules(1)), 201, "import");

  json kept = expect_json(api(ciso).get(case_path(id) + "/specification"), 200, "spec");
  EXPECT_FALSE(spec_has(kept, "UTV-50"));
  EXPECT_TRUE(kept["proposal"]["add"].empty());
  ASSERT_TRUE(kept["upgrade_available"].is_object()) << kept["upgrade_available"];

  json upgraded = expect_json(api(ciso).post(case_path(id) + "/specification/upgrade", {{"version", kept["version"]}}),
                              200, "upgrade");
  EXPECT_TRUE(upgraded["upgrade_available"].is_null());
  EXPECT_TRUE(find_by(upgraded["proposal"]["add"], "requirement_id", "UTV-50").is_object()) << upgraded["proposal"];
  EXPECT_EQ(find_by(upgraded["entries"], "requirement_id", first)["status"], "struck");
  EXPECT_EQ(audit_items(api(ciso), 1)[0]["action"], "specification.upgrade");
}

TEST(Catalogues, AnImportedCatalogueCanBeChosenForTheOrganisation) {
  Org org("cat-choose");
  User admin = org.user({"admin", "ciso"});
  std::string catalogue =
      "id: kommunens-krav\nversion: 1\nlanguage: sv\nname: {sv: \"Kommunens krav\", en: \"Municipal requirements\"}\n"
      "areas:\n  - {key: avtal, code: AVT, name: Avtal}\n  - {key: avslut, code: AVS, name: Avslut}\n"
      "  - {key: incident, code: INC, name: Incidenter}\n"
      "requirements:\n"
      "  - {id: AVT-01, area: avtal, kind: ska, placement: contract, answer: acceptance, ska_text: \"Leverantören ska följa kommunens villkor.\", motive: \"Tydligt avtal.\", verification: [avtal], references: {seed: [\"kommunen\"]}}\n";
  json imported = expect_json(import_yaml(api(admin), catalogue, "kommunens-krav.yaml"), 201, "import catalogue");
  EXPECT_EQ(imported["requirements"], 1);
  json org_now = expect_json(api(admin).get("/api/v1/organisation"), 200, "org");
  EXPECT_TRUE(is_error(api(admin).patch("/api/v1/organisation", {{"version", org_now["version"]}, {"catalogue_id", "finns-inte"}}),
                       422, "error.unknown_value", "catalogue_id"));
  expect_json(api(admin).patch("/api/v1/organisation", {{"version", org_now["version"]}, {"catalogue_id", "kommunens-krav"}}),
              200, "choose catalogue");
  // Rule sets are checked against the catalogue in use: one for the municipality's catalogue.
  std::string rules =
      "id: kommunens-regler\nversion: 1\nname: Kommunens regler\nrules:\n"
      "  - id: avtal\n    when: { max_level: { gte: 1 } }\n    include_areas: [avtal]\n";
  expect_json(import_yaml(api(admin), rules, "kommunens-regler.yaml"), 201, "import rules");
  std::string id = linked_case(api(admin), "KS 3/3");
  json spec = expect_json(api(admin).get(case_path(id) + "/specification"), 200, "spec");
  EXPECT_EQ(spec["catalogue"]["id"], "kommunens-krav");
  ASSERT_TRUE(spec_has(spec, "AVT-01")) << spec["entries"];
  EXPECT_EQ(find_by(spec["entries"], "requirement_id", "AVT-01")["ska_text"], "Leverantören ska följa kommunens villkor.");
  // The baseline rules name areas this catalogue lacks: they are reported, not silently used.
  EXPECT_FALSE(spec["rule_set_problems"].empty());
}

TEST(Catalogues, TheCommandLineImportsIntoAnOrganisation) {
  Org org("cat-cli");
  User ciso = org.user({"ciso"});
  std::string path = config().temp_dir + "/cli-regler.yaml";
  std::ofstream(path) << extra_rules(1);
  auto r = run_kravkedja({"catalog", "import", path, "--org", org.name(), "--db", config().db_url});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains_text(r.out, "extra-regler")) << r.out;
  EXPECT_TRUE(find_by(expect_json(api(ciso).get("/api/v1/catalogs"), 200, "list")["items"], "id", "extra-regler").is_object());
  std::ofstream(path) << extra_rules(2, "NOPE-01");
  auto bad = run_kravkedja({"catalog", "import", path, "--org", org.name(), "--db", config().db_url});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_TRUE(contains_text(bad.err, "cli-regler.yaml:6")) << bad.err;
}

}  // namespace kkt

namespace kkt {

TEST(Catalogues, ARuleSetSharedWithAnotherOrganisationSelectsThereUntilUnshared) {
  Org provider("cat-share-it"), company("cat-share-bolag");
  User ciso = provider.user({"ciso"});
  User company_ciso = company.user({"ciso", "procurer"});
  expect_json(import_yaml(api(ciso), extra_rules(1)), 201, "import");
  std::string company_id = str(expect_json(api(company_ciso).get("/api/v1/organisation"), 200, "org")["id"]);

  EXPECT_TRUE(is_error(api(ciso).post("/api/v1/catalogs/rule_set/extra-regler/shares", {{"organisation_id", "nope"}}), 422,
                       "error.unknown_organisation", "organisation_id"));
  EXPECT_TRUE(is_error(api(ciso).post("/api/v1/catalogs/rule_set/baslinje/shares", {{"organisation_id", company_id}}), 404));
  expect_json(api(ciso).post("/api/v1/catalogs/rule_set/extra-regler/shares", {{"organisation_id", company_id}}), 201,
              "share");
  EXPECT_TRUE(is_error(api(ciso).post("/api/v1/catalogs/rule_set/extra-regler/shares", {{"organisation_id", company_id}}),
                       409, "error.already_shared"));

  json listed = find_by(expect_json(api(company_ciso).get("/api/v1/catalogs"), 200, "list")["items"], "id", "extra-regler");
  ASSERT_TRUE(listed.is_object());
  EXPECT_EQ(listed["shared_by"], provider.name());
  std::string id = linked_case(api(company_ciso), "KS 4/1");
  EXPECT_TRUE(spec_has(expect_json(api(company_ciso).get(case_path(id) + "/specification"), 200, "spec"), "UTV-50"));
  // The company cannot pass on what it was given.
  EXPECT_TRUE(is_error(api(company_ciso).post("/api/v1/catalogs/rule_set/extra-regler/shares",
                                              {{"organisation_id", company_id}}),
                       404));

  expect_json(api(ciso).del("/api/v1/catalogs/rule_set/extra-regler/shares/" + company_id), 200, "unshare");
  EXPECT_FALSE(spec_has(expect_json(api(company_ciso).get(case_path(id) + "/specification"), 200, "spec"), "UTV-50"));
}

}  // namespace kkt

namespace kkt {

TEST(Catalogues, ACaseCanDrawFromSeveralCatalogues) {
  Org org("cat-several");
  User ciso = org.user({"ciso", "procurer"});
  std::string own =
      "id: egna-krav\nversion: 1\nlanguage: sv\nname: {sv: \"Egna krav\", en: \"Own requirements\"}\n"
      "areas:\n  - {key: avtal, code: AVT, name: Avtal}\n"
      "requirements:\n"
      "  - {id: KOM-01, area: avtal, kind: ska, placement: contract, answer: acceptance, ska_text: \"Leverantören ska följa kommunens riktlinjer för informationssäkerhet.\", motive: \"Lokala riktlinjer.\", verification: [avtal], references: {seed: [\"kommunen\"]}}\n";
  expect_json(import_yaml(api(ciso), own, "egna-krav.yaml"), 201, "import catalogue");
  std::string rules =
      "id: egna-regler\nversion: 1\nname: Egna regler\nrules:\n"
      "  - id: kommunens-villkor\n    when: { max_level: { gte: 1 } }\n    include: [KOM-01]\n";
  // Rule sets are checked against the organisation's catalogue; this one names KOM-01, which
  // only the case's second catalogue has, so it is refused there and the case uses it via merging.
  EXPECT_TRUE(is_error(import_yaml(api(ciso), rules, "egna-regler.yaml"), 400, "error.unknown_requirement"));

  json asset = create_asset(api(ciso), asset_body("Tillgång", 2, 1, 1));
  json body = case_body("KS 5/1");
  body["catalogues"] = {"kravkedja-bas", "egna-krav"};
  json kase = expect_json(api(ciso).post("/api/v1/cases", body), 201, "create with catalogues");
  EXPECT_EQ(kase["catalogues"], json({"kravkedja-bas", "egna-krav"}));
  std::string id = str(kase["id"]);
  expect_json(api(ciso).post(case_path(id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");
  json spec = expect_json(api(ciso).get(case_path(id) + "/specification"), 200, "spec");
  EXPECT_EQ(spec["catalogues"].size(), 2u);
  EXPECT_EQ(spec["catalogue"]["id"], "kravkedja-bas+egna-krav");
  // Requirements of the base catalogue come with their own catalogue named.
  ASSERT_FALSE(spec["entries"].empty());
  EXPECT_EQ(spec["entries"][0]["catalogue"], "kravkedja-bas");
  // The merged catalogue offers the own requirement to add by hand.
  json added = expect_json(api(ciso).post(case_path(id) + "/specification/entries",
                                          {{"requirement_id", "KOM-01"}, {"reason", "Kommunens egna villkor."}}),
                           201, "add KOM-01");
  json entry = find_by(added["entries"], "requirement_id", "KOM-01");
  ASSERT_TRUE(entry.is_object());
  EXPECT_EQ(entry["catalogue"], "egna-krav");
  EXPECT_EQ(entry["ska_text"], "Leverantören ska följa kommunens riktlinjer för informationssäkerhet.");
  EXPECT_TRUE(is_error(api(ciso).patch(case_path(id), {{"version", kase["version"]}, {"catalogues", {"finns-inte"}}}), 422,
                       "error.unknown_value", "catalogues"));
}


TEST(Catalogues, TheSp80053OscalCatalogImportsWithItsCountsAndItsWithdrawnControlsCannotBeChosen) {
  Org org("cat-oscal");
  User ciso = org.user({"ciso", "procurer"});
  Api as = api(ciso);
  const std::string id = "nist-special-publication-800-53-revision-5";
  std::string text = read_shared_data("oscal/NIST_SP-800-53_rev5.0.1_catalog.json");
  auto import_json = [&](const std::string& body, const std::string& name) {
    return as.send("POST", "/api/v1/catalogs?name=" + name, body, {{"Content-Type", "application/json"}});
  };
  json summary = expect_json(import_json(text, "sp800-53.json"), 201, "import SP 800-53");
  EXPECT_EQ(summary["format"], "oscal");
  EXPECT_EQ(summary["id"], id);
  EXPECT_EQ(summary["version"], 1);
  EXPECT_EQ(summary["areas"], 20);
  EXPECT_EQ(summary["controls"], 322);
  EXPECT_EQ(summary["enhancements"], 867);
  EXPECT_EQ(summary["withdrawn"], 182);
  EXPECT_EQ(summary["requirements"], 1189);
  // OSCAL has versions of its own: the same catalog again is the next version here.
  EXPECT_EQ(expect_json(import_json(text, "sp800-53.json"), 201, "again")["version"], 2);
  auto listed = [&] {
    int n = 0;
    json list = expect_json(as.get("/api/v1/catalogs"), 200, "list");
    for (const auto& item : list["items"]) n += item["id"] == id ? 1 : 0;
    return n;
  };
  EXPECT_EQ(listed(), 2);

  // A control without its id: refused with the place in the document, and nothing imported.
  std::string damaged = text;
  std::size_t at = damaged.find("\"id\": \"ac-2\"");
  ASSERT_NE(at, std::string::npos);
  damaged.replace(at, std::string("\"id\": \"ac-2\"").size(), "\"ident\": \"ac-2\"");
  EXPECT_TRUE(is_error(import_json(damaged, "skadad.json"), 400, "error.oscal_missing",
                       "skadad.json: catalog.groups[0].controls[1].id"));
  EXPECT_TRUE(is_error(import_json(text.substr(0, text.size() / 2), "avkortad.json"), 400, "error.oscal_syntax", "avkortad.json"));
  EXPECT_EQ(listed(), 2);

  // A case drawing on the catalog: a control is added by hand; a withdrawn one cannot be chosen.
  auto [case_id, entry] = case_with_entry(as, "KS 2027/501", "Molntjänst enligt SP 800-53", id, "AC-2");
  ASSERT_TRUE(entry.is_object());
  EXPECT_EQ(entry["catalogue"], id);
  EXPECT_EQ(str(entry["ska_text"]).rfind("Account Management: a. Define and document", 0), 0u) << entry["ska_text"];
  EXPECT_TRUE(is_error(as.post(case_path(case_id) + "/specification/entries",
                               {{"requirement_id", "AC-3(1)"}, {"reason", "Försök."}}),
                       422, "error.requirement_withdrawn", "requirement_id"));
  // The specification as an OSCAL profile: it selects exactly its controls from the imported
  // catalog, which the profile reaches through a back-matter resource linking the stored catalog.
  expect_json(as.post(case_path(case_id) + "/specification/entries",
                      {{"requirement_id", "AC-2(1)"}, {"reason", "Automatiserad kontohantering."}}),
              201, "add AC-2(1)");
  json profile = expect_json(as.get(case_path(case_id) + "/specification/oscal-profile.json"), 200, "profile")["profile"];
  EXPECT_EQ(profile["metadata"]["oscal-version"], "1.1.2");
  EXPECT_EQ(profile["metadata"]["title"], "KS 2027/501 Molntjänst enligt SP 800-53");
  ASSERT_EQ(profile["imports"].size(), 1u) << profile.dump();
  EXPECT_EQ(profile["imports"][0]["include-controls"][0]["with-ids"], json({"ac-2", "ac-2.1"}));
  std::string resource_uuid = str(profile["imports"][0]["href"]).substr(1);
  json resource = find_by(profile["back-matter"]["resources"], "uuid", resource_uuid);
  ASSERT_TRUE(resource.is_object()) << profile.dump();
  std::string href = resource["rlinks"][0]["href"];
  std::string path = href.substr(href.find("/api/v1/"));
  EXPECT_EQ(path, "/api/v1/catalogs/catalogue/" + id + "/versions/2") << "the newest version, which the case uses";
  json catalog = expect_json(as.get(path), 200, "the stored catalog");
  EXPECT_EQ(str(catalog["catalog"]["metadata"]["title"]).rfind("NIST Special Publication 800-53 Revision 5", 0), 0u);
  EXPECT_EQ(catalog["kravkedja"], json({{"id", id}, {"version", 2}}));
  std::set<std::string> in_catalog;
  for (const auto& g : catalog["catalog"]["groups"])
    for (const auto& c : g["controls"]) {
      in_catalog.insert(str(c["id"]));
      if (c.contains("controls"))
        for (const auto& e : c["controls"]) in_catalog.insert(str(e["id"]));
    }
  for (const auto& chosen : profile["imports"][0]["include-controls"][0]["with-ids"])
    EXPECT_TRUE(in_catalog.count(str(chosen))) << chosen;
  EXPECT_TRUE(is_error(as.get("/api/v1/catalogs/catalogue/" + id + "/versions/9"), 404));
  std::string plain = create_case(as, "KS 2027/502")["id"];
  EXPECT_TRUE(is_error(as.get(case_path(plain) + "/specification/oscal-profile.json"), 422, "error.no_oscal_controls"));

  // The page does not offer it either, and says what the import found.
  Browser b;
  b.sign_in(ciso.username, kTestPassword);
  auto page = b.get("/cases/" + case_id + "/specification");
  EXPECT_TRUE(has(page, "<option value=\"AC-3\">")) << "a control in force is offered";
  EXPECT_FALSE(has(page, "<option value=\"AC-3(1)\">")) << "a withdrawn one is not";
  auto uploaded = b.post_files("/admin/catalogues", {{"name", ""}, {"yaml", ""}}, {{"file", "sp800-53.json", text}});
  EXPECT_EQ(uploaded.status, 201) << uploaded.body.substr(0, 2000);
  EXPECT_TRUE(has(uploaded, "1189 krav (322 kontroller, 867 tilläggskontroller, 182 återkallade)")) << uploaded.body.substr(0, 3000);
}


TEST(Catalogues, ACisoAssistantFrameworkImportsAndItsRequirementsKeepTheirUrns) {
  Org org("cat-ciso-assistant");
  User ciso = org.user({"ciso", "procurer"});
  Api as = api(ciso);
  std::ifstream in(std::string(KK_SOURCE_DIR) + "/tests/data/ciso-assistant-exempel.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  json summary = expect_json(import_yaml(as, text, "molnrutin.yaml"), 201, "import the framework");
  EXPECT_EQ(summary["format"], "ciso_assistant");
  EXPECT_EQ(summary["id"], "exempelby-moln-2026");
  EXPECT_EQ(summary["version"], 2);
  EXPECT_EQ(summary["requirements"], 3);
  EXPECT_EQ(summary["areas"], 2);
  EXPECT_TRUE(is_error(import_yaml(as, text, "molnrutin.yaml"), 409, "error.version_not_newer")) << "its version is the library's";
  json entry = case_with_entry(as, "KS 2027/601", "Molntjänst enligt kommunens rutin", "exempelby-moln-2026", "PLATS-1").second;
  ASSERT_TRUE(entry.is_object());
  EXPECT_EQ(entry["catalogue"], "exempelby-moln-2026");
  EXPECT_EQ(entry["references"]["sources"], json({"urn:kravkedja:risk:req_node:exempelby-molnrutin:plats-1"}));
  std::string broken = text;
  broken.replace(broken.find("parent_urn: urn:kravkedja:risk:req_node:exempelby-molnrutin:plats\n"),
                 std::string("parent_urn: urn:kravkedja:risk:req_node:exempelby-molnrutin:plats").size(),
                 "parent_urn: urn:kravkedja:risk:req_node:exempelby-molnrutin:finns-inte");
  broken.replace(broken.find("version: 2"), 10, "version: 3");
  EXPECT_TRUE(is_error(import_yaml(as, broken, "trasig.yaml"), 400, "error.content", "trasig.yaml:24"));
}

TEST(Catalogues, ASpecificationOfKravkedjasOwnRequirementsGoesOutAsAnOscalCatalog) {
  Org org("cat-oscal-catalog");
  User ciso = org.user({"ciso", "procurer"});
  Api as = api(ciso);
  std::string case_id = linked_case(as, "KS 2027/650");
  json spec = expect_json(as.get(case_path(case_id) + "/specification"), 200, "spec");
  std::map<std::string, json> active;
  for (const auto& e : spec["entries"])
    if (e["status"] == "active") active[str(e["requirement_id"])] = e;
  ASSERT_FALSE(active.empty());
  auto response = as.get(case_path(case_id) + "/specification/oscal-catalog.json");
  ASSERT_EQ(response.status, 200) << response.body;
  json catalog = response.json_body()["catalog"];
  EXPECT_EQ(catalog["metadata"]["oscal-version"], "1.1.2");
  std::regex token("^[A-Za-z_][A-Za-z0-9._-]*$");
  std::size_t controls = 0;
  for (const auto& placement : catalog["groups"])
    for (const auto& area : placement["groups"])
      for (const auto& control : area["controls"]) {
        ++controls;
        EXPECT_TRUE(std::regex_match(str(control["id"]), token)) << control["id"];
        std::string label;
        for (const auto& p : control["props"])
          if (p["name"] == "label") label = p["value"];
        ASSERT_TRUE(active.count(label)) << label;
        EXPECT_EQ(control["parts"][0]["name"], "statement");
        EXPECT_EQ(control["parts"][0]["prose"].get<std::string>().rfind(str(active[label]["ska_text"]), 0), 0u);
        EXPECT_EQ(control["parts"][1]["prose"], active[label]["motive"]);
      }
  EXPECT_EQ(controls, active.size());
}

}  // namespace kkt
