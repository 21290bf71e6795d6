// Evidence files at rest: with KK_FILE_KEY the service stores them encrypted, bound to their
// organisation and id; it still reads files stored before the key; without the key an encrypted
// file is refused with a message, never served as bytes; a wrong key stops the service at start.
#include "api_helpers.hpp"

using namespace kkt;

namespace {
const std::string kKey = "bnlja2VsLWZvci1maWx0ZXN0ZXJuYS0zMi1ieXRlcyE=";  // 32 bytes in base64

std::string contract_of_realised_case(const Api& as, const std::string& label) {
  json asset = create_asset(as, asset_body("Avtalsunderlag " + label, 2, 2, 2));
  std::string case_id = create_case(as, case_body(unique_name("KS-fil"), "Arkivtjänst"))["id"];
  expect_json(as.post(case_path(case_id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved", "award_decided", "contract_signed"})
    pass_gate(as, case_id, gate);
  json s = expect_json(as.post("/api/v1/suppliers", {{"name", unique_name("Arkivbolaget AB")}, {"country", "SE"}}), 201, "supplier");
  return expect_json(as.post(case_path(case_id) + "/contract", {{"supplier_id", s["id"]}, {"title", "Arkivtjänst"},
                                                                {"starts_on", "2027-01-01"}, {"ends_on", "2029-12-31"}}),
                     201, "contract")["id"];
}

std::string upload(const Api& as, const std::string& contract, const std::string& check, const std::string& bytes) {
  std::string path = "/api/v1/contracts/" + contract + "/files?subject=exit_check:" + check + "&name=intyg.pdf";
  return expect_json(as.send("POST", path, bytes), 201, "upload")["id"];
}

std::string stored(const std::string& file_id) {
  return sql_output("SELECT content FROM contract_files WHERE file_id = '" + file_id + "'");
}
}  // namespace

TEST(FileEncryption, WithAKeyEvidenceIsStoredEncryptedAndReadBackWhole) {
  Org org("file-key");
  Api as = api(org.user({"ciso", "procurer", "contract_manager", "information_owner"}));
  std::string contract = contract_of_realised_case(as, "nyckel");
  const std::string before_key = "%PDF-1.4\n% intyg innan nyckeln\n", secret = "%PDF-1.4\n% hemligt intyg om radering\n";
  std::string plain_id = upload(as, contract, "deletion_confirmed", before_key);

  ExtraServer keyed(config().binary, {}, {{"KK_FILE_KEY", kKey}});
  Api with_key = as.on(keyed.port());
  std::string sealed_id = upload(with_key, contract, "information_returned", secret);
  std::string row = stored(sealed_id);
  EXPECT_EQ(row.rfind("kkenc1:", 0), 0u) << row.substr(0, 40);
  EXPECT_EQ(row.find("hemligt"), std::string::npos);
  EXPECT_EQ(row.find("JVBERi0xLjQK"), std::string::npos) << "not the plain base64 either";

  std::string base = "/api/v1/contracts/" + contract + "/files/";
  EXPECT_EQ(with_key.get(base + sealed_id).body, secret);
  EXPECT_EQ(with_key.get(base + plain_id).body, before_key) << "files stored before the key stay readable";
  // The service without the key refuses the encrypted file, and says why.
  EXPECT_TRUE(is_error(as.get(base + sealed_id), 503, "error.file_key_missing", "file"));
  EXPECT_EQ(as.get(base + plain_id).body, before_key);

  // A file's ciphertext copied onto another row does not open there.
  std::string other_id = upload(with_key, contract, "backups_deleted", "%PDF-1.4\n% annat\n");
  run_sql("UPDATE contract_files SET content = '" + row + "' WHERE file_id = '" + other_id + "'");
  EXPECT_TRUE(is_error(with_key.get(base + other_id), 422, "error.file_unreadable", "file"));
}

TEST(FileEncryption, AKeyThatIsNotThirtyTwoBytesStopsTheServiceAtStart) {
  EXPECT_THROW(ExtraServer(config().binary, {}, {{"KK_FILE_KEY", "kort"}}), std::runtime_error);
}
