#pragma once
// The archive package of a closed case (seed 000 §5.3): everything the case produced, in open
// formats, for the organisation's archive — the case with its decisions, the specification
// (JSON and DOCX), the risk register, the tenders' evaluation, each contract with its delivery
// checks, follow-up records, deviations, changes and exit, the evidence files, and the audit
// extract — with a description that names the retention period the organisation set and the
// SHA-256 of every file.
#include "app/cases.hpp"
#include "app/contract_life.hpp"
#include "app/contracts.hpp"
#include "app/risks.hpp"
#include "app/service_base.hpp"
#include "app/specification.hpp"
#include "app/tenders.hpp"

namespace kk::app {

struct ArchivePackage {
  std::string file_name;  // "arkiv-<registry number>.zip"
  std::string bytes;      // a zip archive
};

class ArchiveService : public ServiceBase {
 public:
  struct Sources {
    CaseService& cases;
    SpecificationService& specifications;
    RiskService& risks;
    TenderService& tenders;
    ContractService& contracts;
    ContractLifeService& life;
  };
  ArchiveService(Store& store, const Content& content, ContentRegistry& registry, Sources sources)
      : ServiceBase(store, content, registry), sources_(sources) {}

  // Only for a case that is no longer open; anyone who reads the case may take it.
  domain::Result<ArchivePackage> package(const Actor& actor, const std::string& case_id);

 private:
  Sources sources_;
};

}  // namespace kk::app
